"""`flask demo generate`: submitted reports with varied, valid answers for many parties, for
benchmarks and load tests.

Picks, deterministically from the seed, parties whose report is not submitted yet; where the
instrument has too few members it makes more parties members (Parties; Signatories of an
MoU). It never touches the parties of anyone holding a focal point or contributor role (the
demo accounts' France, Spain, Senegal and Kenya among them): their reports stay theirs.

Each report is answered one save at a time through the save service (`submit_one`), as a focal
point would; `--batch` (`submit_batch`) writes a report's answers and their first revisions in
two statements instead, for load tests of hundreds of countries with species loops, where one
save at a time takes most of an hour. Either way the same answers follow from the seed, and the
submission service validates and submits the report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app import answers as answer_types
from app.auth.models import RoleGrant
from app.demo import answers
from app.demo import reports as demo_reports
from app.demo.loader import ACCOUNTS
from app.directory import services as directory
from app.directory.models import Membership, MembershipStatus, Party, PartyKind
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire
from app.reporting import services, site_store, submission
from app.reporting.models import (
    EDITABLE_STATUSES,
    Answer,
    AnswerRevision,
    Report,
    ReportStatus,
)
from app.utils import utcnow


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


def submit_batch(report: Report, seed: int) -> int:
    """What `submit_one` does, in bulk: the same planned answers (same seed, same answers),
    stored as a first save of each would store them, each with its first revision, in one
    statement for the answers and one for the revisions; then the submission service
    validates and submits the report as always. A report someone has started goes through
    `submit_one` (its answers have versions and histories to respect). Returns how many
    answers were saved."""
    if report.status != ReportStatus.NOT_STARTED:
        return submit_one(report, seed)
    with demo_reports.while_open(report.questionnaire):
        user = demo_reports.respondent(report)
        locale = demo_reports.locale_for(report, user)
        rng = answers.rng_for(seed, report)
        # as fill_report: the same draws from `rng`, in the same order
        if site_store.has_site_loop(report.questionnaire) and not site_store.sites_of(
            report.party_id
        ):
            answers.add_sites(report.party, rng, locale)
        filled = services.fill(report, locale, viewer=None)
        plan = answers.Planner(filled, rng, answers.COMPLETE, locale).plan()
        states = [_first_state(filled, planned, locale) for planned in plan]
        now = utcnow()
        if states:
            ids = db.session.scalars(
                sa.insert(Answer).returning(Answer.id, sort_by_parameter_order=True),
                [
                    {
                        "report_id": report.id,
                        "node_id": planned.node.id,
                        "loop_key": planned.loop_key,
                        "version": 1,
                        "updated_by_id": user.id,
                        "updated_at": now,
                        **state,
                    }
                    for planned, state in zip(plan, states, strict=True)
                ],
            ).all()
            db.session.execute(
                sa.insert(AnswerRevision),
                [
                    {"answer_id": answer_id, "user_id": user.id, "version": 1, "saved_at": now}
                    | state
                    for answer_id, state in zip(ids, states, strict=True)
                ],
            )
        report.status = ReportStatus.IN_PROGRESS.value
        report.updated_at = now
        db.session.flush()
        submission.submit(report, user, locale, notify=False)
    return len(plan)


def _first_state(filled: services.Filled, planned: answers.Planned, locale: str) -> dict:
    """The stored state of a first save of `planned` (saving.save_answer's, for an answer that
    did not exist): the value read as the form sends it, nothing kept as typed."""
    node, change = planned.node, planned.change
    context = answer_types.Context(locale, filled.species_keys, frozenset(filled.attachments))
    try:
        value = answer_types.parse(node.effective_type, node.effective_config, change.raw, context)
    except answer_types.ValueProblem as error:
        raise answers.GenerationError(f"{filled.report!r} {node.code}: {error.message}") from None
    return {
        "value": value,
        "typed": None,
        "other": change.other.strip() if change.other is not None else "",
        "comment": change.comment if change.comment is not None else "",
        "no_info": bool(change.no_info),
    }
