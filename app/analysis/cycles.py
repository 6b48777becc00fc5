"""Which questionnaires the analyses across instruments and cycles read: those a scope analyses,
the cycle of each instrument a target page shows, and the previous cycle a trend compares
with. Shared by app/analysis/compare.py, targets.py and trends.py."""

from __future__ import annotations

import sqlalchemy as sa

from app.analysis import query
from app.extensions import db
from app.questionnaires.models import Questionnaire, Status
from app.reporting.models import Report, Submission


def analysed(scope: query.Scope) -> list[Questionnaire]:
    """The published, closed and archived questionnaires of the instruments `scope` reads, by
    instrument (its position, then code), latest cycle first."""
    stmt = sa.select(Questionnaire).where(Questionnaire.status != Status.DRAFT.value)
    if scope.instruments is not None:
        stmt = stmt.where(Questionnaire.instrument_id.in_(sorted(scope.instruments) or [-1]))
    found = list(db.session.scalars(stmt))
    found.sort(key=lambda q: (q.instrument.position, q.instrument.code, -q.cycle_order))
    return found


def with_submissions(questionnaire_ids: list[int]) -> set[int]:
    """Those of `questionnaire_ids` that have at least one submitted report (whatever its
    status now: a returned report's earlier submission counts). One statement."""
    if not questionnaire_ids:
        return set()
    stmt = (
        sa.select(Report.questionnaire_id)
        .where(
            Report.questionnaire_id.in_(questionnaire_ids),
            sa.exists().where(Submission.report_id == Report.id),
        )
        .distinct()
    )
    return set(db.session.scalars(stmt))


def latest_per_instrument(questionnaires: list[Questionnaire]) -> list[Questionnaire]:
    """One questionnaire per instrument: its latest cycle that has submissions, or its latest
    cycle when none has any yet (so that every instrument is listed), in the order given."""
    submitted = with_submissions([q.id for q in questionnaires])
    chosen: dict[int, Questionnaire] = {}
    for questionnaire in questionnaires:
        best = chosen.get(questionnaire.instrument_id)
        if best is None or _rank(questionnaire, submitted) > _rank(best, submitted):
            chosen[questionnaire.instrument_id] = questionnaire
    return [q for q in questionnaires if chosen.get(q.instrument_id) is q]


def _rank(questionnaire: Questionnaire, submitted: set[int]) -> tuple[bool, int]:
    return questionnaire.id in submitted, questionnaire.cycle_order


def previous(questionnaire: Questionnaire) -> Questionnaire | None:
    """The previous cycle of `questionnaire`'s instrument: the highest `cycle_order` below its
    own among the questionnaires that are not drafts and have submissions; None when there is
    none."""
    stmt = (
        sa.select(Questionnaire)
        .where(
            Questionnaire.instrument_id == questionnaire.instrument_id,
            Questionnaire.cycle_order < questionnaire.cycle_order,
            Questionnaire.status != Status.DRAFT.value,
            sa.exists().where(
                Report.questionnaire_id == Questionnaire.id,
                sa.exists().where(Submission.report_id == Report.id),
            ),
        )
        .order_by(Questionnaire.cycle_order.desc())
        .limit(1)
    )
    return db.session.scalar(stmt)
