"""Every mapped class, imported in one place so that Alembic and the tests see the whole schema."""

from app.analysis.models import ExportJob, QuoteStar, SynthesisPlan
from app.audit.models import AuditEvent
from app.auth.models import RoleGrant, User, UserSession
from app.bank.models import (
    BankProposal,
    BankQuestion,
    BankVersion,
    Species,
    SpeciesList,
    SpeciesListEntry,
)
from app.directory.models import Instrument, Membership, Party
from app.notify.models import OutgoingMail
from app.public.models import Publication
from app.questionnaires.models import Node, Questionnaire
from app.reporting.models import Answer, AnswerRevision, Report, Site

__all__ = [
    "Answer",
    "AnswerRevision",
    "ExportJob",
    "OutgoingMail",
    "Publication",
    "QuoteStar",
    "SynthesisPlan",
    "Report",
    "Site",
    "AuditEvent",
    "BankProposal",
    "BankQuestion",
    "BankVersion",
    "Instrument",
    "Membership",
    "Node",
    "Party",
    "Questionnaire",
    "RoleGrant",
    "Species",
    "SpeciesList",
    "SpeciesListEntry",
    "User",
    "UserSession",
]
