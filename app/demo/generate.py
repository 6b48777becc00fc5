"""`flask demo generate`: submitted reports with varied, valid answers for many parties, for
benchmarks and load tests.

Picks, deterministically from the seed, parties whose report is not submitted yet; where the
instrument has too few members it makes more parties members (Parties; Signatories of an
MoU). It never touches the parties of anyone holding a focal point or contributor role (the
demo accounts' France, Spain, Senegal and Kenya among them): their reports stay theirs.

Each report is answered as a focal point would, through the save service (`submit_one`): its
answers are saved together, by the rules of any save (saving.save_answers: a few statements
per report, not per answer), and the submission service validates and submits it. The same
seed gives the same answers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app.auth.models import RoleGrant
from app.demo import reports as demo_reports
from app.demo.loader import ACCOUNTS
from app.directory import services as directory
from app.directory.models import Membership, MembershipStatus, Party, PartyKind
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire
from app.reporting import services
from app.reporting.models import EDITABLE_STATUSES, Report, ReportStatus


class GenerateError(ValueError):
    """The request cannot be carried out; the message says why."""


@dataclass
class Selection:
    questionnaire: Questionnaire
    reports: list[Report]
    added_members: list[str] = field(default_factory=list)
    protected: set[str] = field(default_factory=set)


def protected_parties() -> set[str]:
    """The parties someone works for (focal points, contributors), and the demo accounts'."""
    codes = {
        party
        for account in ACCOUNTS
        for _role, _instrument, party in account.grants
        if party is not None
    }
    codes |= set(demo_reports.DEMO_PARTIES)
    stmt = sa.select(Party.code).join(RoleGrant, RoleGrant.party_id == Party.id).distinct()
    codes |= set(db.session.scalars(stmt))
    return codes


def select(code: str, countries: int, seed: int) -> Selection:
    """The reports to submit: `countries` of them, from parties not protected whose report is
    not submitted yet; members are added when too few are left."""
    questionnaire = questionnaires.questionnaire_by_code(code)
    if questionnaire is None:
        raise GenerateError(f"No questionnaire with code {code}.")
    if questionnaire.status not in services.OPEN_QUESTIONNAIRE_STATUSES:
        raise GenerateError(
            f"{code} is {questionnaire.status}: only a published or closed questionnaire has "
            "reports to submit."
        )
    if countries < 1:
        raise GenerateError("Ask for at least one country.")
    protected = protected_parties()
    rng = random.Random(seed)
    chosen = _open_reports(questionnaire, protected, rng)[:countries]
    selection = Selection(questionnaire, chosen, protected=protected)
    missing = countries - len(chosen)
    if missing > 0:
        newcomers = _newcomers(questionnaire, protected, rng)[:missing]
        status = questionnaire.instrument.reporting_status.value
        for party in newcomers:
            directory.set_membership(party, questionnaire.instrument, status, date.today())
            selection.added_members.append(party.code)
        services.open_reports(questionnaire)  # a closed cycle too; joining opens published ones
        codes = set(selection.added_members)
        selection.reports += [
            r for r in _open_reports(questionnaire, protected, rng) if r.party.code in codes
        ]
    return selection


def _open_reports(questionnaire: Questionnaire, protected: set[str], rng) -> list[Report]:
    """The questionnaire's reports that may still be submitted, untouched ones first, in an
    order drawn from `rng`."""
    stmt = (
        sa.select(Report)
        .join(Report.party)
        .where(
            Report.questionnaire_id == questionnaire.id,
            Report.status.in_([s.value for s in EDITABLE_STATUSES]),
            Party.code.not_in(sorted(protected)),
        )
        .order_by(Party.code)
    )
    found = list(db.session.scalars(stmt))
    rng.shuffle(found)
    found.sort(key=lambda r: r.status != ReportStatus.NOT_STARTED)
    return found


def _newcomers(questionnaire: Questionnaire, protected: set[str], rng) -> list[Party]:
    """Countries that are not yet members, then range states, in an order drawn from `rng`."""
    instrument = questionnaire.instrument
    status_of = dict(
        db.session.execute(
            sa.select(Membership.party_id, Membership.status).where(
                Membership.instrument_id == instrument.id
            )
        ).all()
    )
    stmt = (
        sa.select(Party)
        .where(
            Party.kind == PartyKind.COUNTRY.value,
            Party.region.is_not(None),
            Party.code.not_in(sorted(protected)),
        )
        .order_by(Party.code)
    )
    outsiders, range_states = [], []
    for party in db.session.scalars(stmt):
        status = status_of.get(party.id)
        if status is None:
            outsiders.append(party)
        elif status == MembershipStatus.RANGE_STATE.value:
            range_states.append(party)
    rng.shuffle(outsiders)
    rng.shuffle(range_states)
    return outsiders + range_states


def submit_one(report: Report, seed: int) -> int:
    """Fill `report` with valid answers and submit it; returns how many answers were saved."""
    with demo_reports.while_open(report.questionnaire):
        generated = demo_reports.fill_and_submit(report, seed)
    return generated.saved
