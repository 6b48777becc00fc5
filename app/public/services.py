"""Publishing a questionnaire's accepted reports and aggregated results, and what its public page
reads. A public reader reads accepted reports only, never a confidential item (`SCOPE`,
`FILTERS`); whether a questionnaire is public is asked on every request (`is_published`), so a
withdrawal takes effect at once."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from app import policy
from app.analysis import query, results
from app.audit import services as audit
from app.directory.models import Instrument, Party, Region
from app.extensions import db
from app.i18n import sort_key, translate
from app.public.models import Publication
from app.questionnaires.models import Node, Questionnaire, Status
from app.reporting.models import Report, ReportStatus, Submission
from app.utils import as_utc, utcnow

# what the public reads of a questionnaire's answers: its accepted reports, no confidential item
FILTERS = query.Filters(statuses=(ReportStatus.ACCEPTED.value,))
# bumped when the public pages change shape, so that caches drop what they hold
PAGE_VERSION = "1"


class PublicationError(ValueError):
    """A refused publication or withdrawal; `str()` is a translated message."""


def scope(questionnaire: Questionnaire) -> query.Scope:
    """The public's scope: this questionnaire's instrument, no confidential item."""
    return query.Scope(frozenset({questionnaire.instrument_id}), frozenset())


def publication_of(questionnaire: Questionnaire) -> Publication | None:
    return db.session.get(Publication, questionnaire.id)


def is_published(questionnaire: Questionnaire) -> bool:
    """Whether the public reads `questionnaire` now (the policy's rule, asked every time)."""
    return policy.is_public(questionnaire)


def publish(questionnaire: Questionnaire, user) -> Publication:
    """Make the accepted reports of `questionnaire` and its results public (again, after a
    withdrawal: the row keeps who withdrew it last). Callers commit."""
    if questionnaire.status == Status.DRAFT:
        raise PublicationError(_l("A draft questionnaire has no reports to publish."))
    found = publication_of(questionnaire)
    if found is not None and found.published:
        raise PublicationError(_l("The reports of this questionnaire are already public."))
    if found is None:
        found = Publication(questionnaire_id=questionnaire.id)
        db.session.add(found)
    found.published = True
    found.published_at = utcnow()
    found.published_by_id = getattr(user, "id", None)
    db.session.flush()
    audit.record(user, "publication.publish", questionnaire, questionnaire.code)
    return found


def withdraw(questionnaire: Questionnaire, user) -> Publication:
    """Take the public pages of `questionnaire` down; the row stays, with who withdrew it and
    when. Callers commit."""
    found = publication_of(questionnaire)
    if found is None or not found.published:
        raise PublicationError(_l("The reports of this questionnaire are not public."))
    found.published = False
    found.withdrawn_at = utcnow()
    found.withdrawn_by_id = getattr(user, "id", None)
    db.session.flush()
    audit.record(user, "publication.withdraw", questionnaire, questionnaire.code)
    return found


def published_questionnaires() -> list[Questionnaire]:
    """The questionnaires whose reports are public, by instrument, newest cycle first."""
    stmt = (
        sa.select(Questionnaire)
        .join(Publication, Publication.questionnaire_id == Questionnaire.id)
        .join(Instrument, Instrument.id == Questionnaire.instrument_id)
        .where(Publication.published, Questionnaire.status != Status.DRAFT.value)
        .order_by(Instrument.code, Questionnaire.cycle_order.desc())
    )
    return list(db.session.scalars(stmt))


def published_by_code(code: str) -> Questionnaire | None:
    """The questionnaire `code` if its reports are public, else None."""
    found = db.session.scalar(sa.select(Questionnaire).where(Questionnaire.code == code[:40]))
    return found if is_published(found) else None


# --- what a public page reads ----------------------------------------------------------------


@dataclass
class PublicReport:
    report: Report
    party: Party
    name: str
    region: str
    submission: Submission
    submitted_at: datetime
    accepted_at: datetime | None


def _accepted_rows(questionnaire: Questionnaire):
    """(Report, Party, latest Submission) of the accepted reports of `questionnaire`."""
    newest = (
        sa.select(Submission.report_id, sa.func.max(Submission.number).label("number"))
        .group_by(Submission.report_id)
        .subquery()
    )
    return (
        sa.select(Report, Party, Submission)
        .join(Party, Party.id == Report.party_id)
        .join(Submission, Submission.report_id == Report.id)
        .join(
            newest,
            sa.and_(newest.c.report_id == Report.id, newest.c.number == Submission.number),
        )
        .where(
            Report.questionnaire_id == questionnaire.id,
            Report.status == ReportStatus.ACCEPTED.value,
            Submission.decision == "accepted",
        )
    )


def accepted_reports(questionnaire: Questionnaire, lang: str) -> list[PublicReport]:
    """The accepted reports of `questionnaire` with their latest (accepted) submission, by the
    country's name in `lang`."""
    found = []
    for report, party, submission in db.session.execute(_accepted_rows(questionnaire)):
        name = str(translate(party.name, lang=lang))
        found.append(
            PublicReport(
                report,
                party,
                name,
                str(Region(party.region).label) if party.region else "",
                submission,
                as_utc(submission.submitted_at),
                as_utc(submission.decided_at) if submission.decided_at else None,
            )
        )
    found.sort(key=lambda r: sort_key(r.name, lang))
    return found


def accepted_report(questionnaire: Questionnaire, party_code: str):
    """(Report, Submission) of the party `party_code`'s accepted report, or None."""
    if len(party_code) != 3:
        return None
    stmt = _accepted_rows(questionnaire).where(Party.code == party_code.upper())
    row = db.session.execute(stmt).first()
    return (row[0], row[2]) if row is not None else None


def confidential_node_ids(questionnaire: Questionnaire) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(Node.id).where(Node.questionnaire_id == questionnaire.id, Node.confidential)
        )
    )


def public_snapshot(snap: dict, confidential_ids: set[int]) -> dict:
    """`snap` with the items confidential now marked so too: an item made confidential after
    the report was submitted stays out of the public copy."""
    public = copy.deepcopy(snap)
    for node in public.get("nodes") or []:
        if node.get("id") in confidential_ids:
            node["confidential"] = True
    return public


def counts(questionnaire: Questionnaire) -> tuple[int, int, int]:
    """(owed, received, accepted): the reports owed, those submitted, those accepted."""
    owed, received = query.denominators(questionnaire)
    accepted = db.session.scalar(
        sa.select(sa.func.count(Report.id)).where(
            Report.questionnaire_id == questionnaire.id,
            Report.status == ReportStatus.ACCEPTED.value,
        )
    )
    return owed, received, accepted or 0


def public_results(
    questionnaire: Questionnaire, lang: str, node_ids: tuple[int, ...] = ()
) -> results.Results:
    """The results of the accepted reports, with no confidential item; each item's "owed" is
    every report owed (not only those accepted), as its note says."""
    found = results.results(questionnaire, scope(questionnaire), FILTERS, lang, node_ids)
    owed, _received = query.denominators(questionnaire)
    found.owed = owed
    for item in found.items:
        item.owed = owed
    return found


# --- caching ---------------------------------------------------------------------------------


def last_modified(questionnaire: Questionnaire) -> datetime:
    """When the public page of `questionnaire` last changed: its publication, or the latest
    acceptance of one of its reports (to the second, as HTTP dates are)."""
    found = publication_of(questionnaire)
    times = [as_utc(found.published_at)] if found is not None and found.published_at else []
    latest = db.session.scalar(
        sa.select(sa.func.max(Submission.decided_at))
        .join(Report, Report.id == Submission.report_id)
        .where(
            Report.questionnaire_id == questionnaire.id,
            Report.status == ReportStatus.ACCEPTED.value,
            Submission.decision == "accepted",
        )
    )
    if latest is not None:
        times.append(as_utc(latest))
    moment = max(times) if times else as_utc(questionnaire.published_at or utcnow())
    return moment.replace(microsecond=0)


def etag(questionnaire: Questionnaire, lang: str, *parts: str) -> str:
    """What identifies a public page or file of `questionnaire` in `lang`: its last change, the
    items now confidential and how many reports are accepted (a change of either shows at
    once), the app's seed and the pages' version; `parts` name the page."""
    _owed, _received, accepted = counts(questionnaire)
    hidden = ",".join(str(i) for i in sorted(confidential_node_ids(questionnaire)))
    seed = str(current_app.config.get("PUBLIC_ETAG_SEED", ""))
    text = "|".join(
        [
            PAGE_VERSION,
            seed,
            lang,
            questionnaire.code,
            last_modified(questionnaire).isoformat(),
            str(accepted),
            hidden,
            *parts,
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def index_etag(questionnaires: list[Questionnaire], lang: str) -> tuple[str, datetime | None]:
    """(ETag, Last-Modified) of the public index in `lang`: it changes with each listed
    questionnaire's page."""
    seed = str(current_app.config.get("PUBLIC_ETAG_SEED", ""))
    parts = [PAGE_VERSION, seed, lang, "index"]
    moments = []
    for questionnaire in questionnaires:
        moment = last_modified(questionnaire)
        moments.append(moment)
        parts += [questionnaire.code, moment.isoformat()]
    tag = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:32]
    return tag, max(moments) if moments else None
