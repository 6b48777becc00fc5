"""The demo's national reports, filled, submitted and reviewed through the services the app
uses (answers with revisions, snapshots, audit events); receipts are not mailed. Each report is
filled and submitted by its party's focal point: a demo account (fp.fra…) or, for the other
parties, a demo focal point nobody can sign in to (focal_points.py).

* CMS-COP14 (the previous cycle, closed): 44 parties submitted, France, Spain, Senegal and
  Kenya among them, so the demo accounts can pre-fill their COP15 reports; most were accepted,
  a few await review, and one was returned once, corrected and accepted.
* AEWA-MOP9: France and Spain about half way, mostly on the questions CMS-COP15 shares, so
  their CMS-COP15 reports have answers to reuse.
* RAPTORS-MOS4: Kenya submitted, awaiting the Coordinating Unit's review.

Idempotent: only reports nobody has started are touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from app.auth.models import Role, RoleGrant, User
from app.demo import answers, focal_points
from app.directory.models import Party
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Questionnaire, Status
from app.reporting import saving, services, submission
from app.reporting.models import Report, ReportStatus

SEED = 2026
DEMO_PARTIES = ("FRA", "ESP", "SEN", "KEN")

# A mix of regions like the reports that reached past COPs.
COP14_PARTIES = (
    # Africa
    "SEN", "KEN", "BFA", "CIV", "CMR", "EGY", "ETH", "GHA", "MAR", "MLI", "NGA", "TUN", "ZAF",
    # Asia
    "IND", "IRN", "KAZ", "MNG", "PAK", "PHL",
    # Europe, and the European Union
    "FRA", "ESP", "DEU", "GBR", "ITA", "NLD", "BEL", "CHE", "NOR", "POL", "PRT", "SWE", "HRV",
    "GEO", "UKR", "EUU",
    # South and Central America and the Caribbean
    "ARG", "BOL", "BRA", "CRI", "PER", "CHL",
    # Oceania
    "AUS", "NZL", "FJI",
)  # fmt: skip
COP14_AWAITING_REVIEW = ("ETH", "PAK", "BOL", "UKR")
COP14_RETURNED_ONCE = "MAR"
RETURN_MESSAGE = (
    "Merci de préciser le nom complet de l’institution chargée du rapport avant acceptation."
)
CORRECTED_INSTITUTION = (
    "Département des Eaux et Forêts, Direction de la lutte contre la désertification"
)


def load(report) -> None:
    """Fill, submit and review the demo reports; `report` counts what was done."""
    _load_cop14(report)
    _load_half_filled(report)
    _load_raptors(report)
    db.session.flush()


# --- who acts for a report ----------------------------------------------------------------------


def focal_point(report: Report) -> User | None:
    found = submission.focal_points(report)
    return found[0] if found else None


def granted(role: Role, instrument_id: int | None = None) -> User | None:
    stmt = (
        sa.select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role == role.value, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    )
    if instrument_id is not None:
        stmt = stmt.where(RoleGrant.instrument_id == instrument_id)
    return db.session.scalar(stmt)


def secretariat(questionnaire: Questionnaire) -> User:
    """Who reviews for the instrument: its secretariat, else an administrator."""
    user = granted(Role.SECRETARIAT, questionnaire.instrument_id) or granted(Role.ADMIN)
    if user is None:
        raise LookupError(f"nobody can act for {questionnaire.instrument.code}: add an admin")
    return user


def respondent(report: Report) -> User:
    """Who fills and submits a demo report: the party's focal point for the instrument, else
    a demo focal point of the party's own, created without a password (see focal_points.py):
    a secretariat never submits a party's report."""
    return focal_point(report) or focal_points.account_for(
        report.party, report.questionnaire.instrument
    )


# --- filling and submitting ---------------------------------------------------------------------


@contextmanager
def while_open(questionnaire: Questionnaire) -> Iterator[None]:
    """Play a closed cycle as it happened: its reports were filled and submitted while the
    questionnaire was open. Only the demo does this, inside one transaction."""
    status = questionnaire.status
    if status == Status.PUBLISHED:
        yield
        return
    questionnaire.status = Status.PUBLISHED.value
    try:
        yield
    finally:
        questionnaire.status = status
        db.session.flush()


def fill_and_submit(report: Report, seed: int, user: User | None = None) -> answers.Generated:
    """Answer `report` completely and submit it (no receipt mailed)."""
    user = user or respondent(report)
    generated = answers.fill_report(report, user, seed=seed, locale=_locale(report, user))
    submission.submit(report, user, generated.locale, notify=False)
    return generated


def _locale(report: Report, user: User) -> str:
    """The focal point's language, else the party's own."""
    if user.locale and focal_point(report) is user:
        return user.locale
    return answers.language_of(report.party)


def _untouched(questionnaire: Questionnaire, codes) -> list[Report]:
    """The reports of `questionnaire` for the parties `codes` that nobody has started."""
    stmt = (
        sa.select(Report)
        .join(Report.party)
        .where(
            Report.questionnaire_id == questionnaire.id,
            Report.status == ReportStatus.NOT_STARTED.value,
            Party.code.in_(list(codes)),
        )
    )
    found = {r.party.code: r for r in db.session.scalars(stmt)}
    return [found[code] for code in codes if code in found]


# --- the three parts of the demo ----------------------------------------------------------------


def _load_cop14(report) -> None:
    questionnaire = questionnaires.questionnaire_by_code("CMS-COP14")
    if questionnaire is None or questionnaire.status == Status.DRAFT:
        return
    todo = _untouched(questionnaire, COP14_PARTIES)
    if not todo:
        return
    reviewer = secretariat(questionnaire)
    with while_open(questionnaire):
        for target in todo:
            fill_and_submit(target, SEED)
            report.count("reports submitted")
            code = target.party.code
            if code == COP14_RETURNED_ONCE:
                _return_and_correct(target, reviewer)
            if code not in COP14_AWAITING_REVIEW:
                submission.accept(target, reviewer, notify=False)
                report.count("reports accepted")


def _return_and_correct(target: Report, reviewer: User) -> None:
    """The secretariat returns the report with a message; the party corrects one answer and
    submits again, so the demo has a second submission to compare with the first."""
    submission.return_report(target, reviewer, RETURN_MESSAGE, notify=False)
    user = respondent(target)
    locale = _locale(target, user)
    filled = services.fill(target, locale, viewer=None)
    node = filled.tree.by_code().get("CMS14-GEN-01")
    if node is not None:
        answer = filled.answers.get((node.id, ""))
        saving.save_answer(
            filled,
            node,
            "",
            saving.Change(raw=CORRECTED_INSTITUTION, raw_given=True),
            expected_version=answer.version if answer else 0,
            user=user,
            locale=locale,
        )
    submission.submit(target, user, locale, notify=False)


def _load_half_filled(report) -> None:
    questionnaire = questionnaires.questionnaire_by_code("AEWA-MOP9")
    target = questionnaires.questionnaire_by_code("CMS-COP15")
    if questionnaire is None or target is None or questionnaire.status != Status.PUBLISHED:
        return
    shared = frozenset(
        node.code
        for node in tree_module.load(target).items()
        if node.bank_version is not None  # local codes differ between instruments
    )
    style = answers.Style(portion=0.5, prefer=shared)
    for half in _untouched(questionnaire, ("FRA", "ESP")):
        user = respondent(half)
        answers.fill_report(half, user, seed=SEED, style=style, locale=_locale(half, user))
        report.count("reports half filled")


def _load_raptors(report) -> None:
    questionnaire = questionnaires.questionnaire_by_code("RAPTORS-MOS4")
    if questionnaire is None or questionnaire.status != Status.PUBLISHED:
        return
    for target in _untouched(questionnaire, ("KEN",)):
        fill_and_submit(target, SEED)
        report.count("reports submitted")
