"""The demo's national reports, filled, submitted and reviewed through the services the app
uses (answers with revisions, snapshots, audit events, the tidy rows of `submitted_answers`);
receipts are not mailed. Each report is filled and submitted by its party's focal point: a demo
account (fp.fra…) or, for the other parties, a demo focal point nobody can sign in to
(focal_points.py).

* CMS-COP14 (the previous cycle, closed): 44 parties submitted, France, Spain, Senegal and
  Kenya among them, so the demo accounts can pre-fill their COP15 reports; most were accepted,
  a few await review, and one was returned once, corrected and accepted.
* AEWA-MOP9: France and Spain about half way, mostly on the questions CMS-COP15 shares, so
  their CMS-COP15 reports have answers to reuse. 25 other Parties submitted, 23 of them CMS-COP14
  reporters: most accepted by the AEWA Secretariat, a few awaiting its review.
* RAPTORS-MOS4: Kenya submitted, awaiting the Coordinating Unit's review; 11 other Signatories
  submitted, most of them also CMS-COP14 and AEWA-MOP9 reporters.
* CMS-COP15 (the current cycle): 15 CMS-COP14 reporters submitted (none of the demo accounts'
  parties, nor Belgium and Germany, whose untouched reports the tests drive); a few accepted.

The analyst thus has one bank question answered by the same countries for CMS, AEWA and the
Raptors MoU, and two CMS cycles to compare. The later reports are filled as focal points fill
them: they reuse what the party answered for another instrument and pre-fill from its previous
report, confirm most of it, answer some copied questions differently (`Drift`: progress between
cycles, the odd inconsistency between instruments), then answer the rest. All of it follows
from SEED.

Idempotent: only reports nobody has started are touched.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa

from app.answers.types import AnswerType, choice_keys
from app.auth.models import Role, RoleGrant, User
from app.demo import answers, focal_points
from app.directory.models import Party
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Questionnaire, Status
from app.reporting import prefill, reuse_copying, saving, services, submission
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


@dataclass(frozen=True)
class Drift:
    """How often a focal point answers a copied choice question differently from its source:
    a "no" that became "yes", a "yes" that became "no", another choice of a single choice."""

    to_yes: float
    to_no: float
    other_choice: float


@dataclass(frozen=True)
class Round:
    """Reports of one questionnaire submitted by `parties` (in this order), each filled from
    what the party reported before, answered differently by `drift`; the secretariat accepts
    every one but those `awaiting_review`."""

    questionnaire: str
    parties: tuple[str, ...]
    awaiting_review: tuple[str, ...]
    drift: Drift


# Another instrument asks the same question: mostly the same answer, now and then not.
INCONSISTENT = Drift(to_yes=0.05, to_no=0.05, other_choice=0.05)
# Four years on, mostly the same, some progress ("no" to "yes"), a little backsliding.
PROGRESS = Drift(to_yes=0.3, to_no=0.04, other_choice=0.08)

AEWA_MOP9 = Round(
    "AEWA-MOP9",
    (
        # AEWA Parties that submitted CMS-COP14 (the demo accounts' parties aside)
        "BEL", "BFA", "CHE", "CIV", "DEU", "EGY", "ETH", "EUU", "GBR", "GEO", "GHA", "HRV",
        "ITA", "MAR", "MLI", "NGA", "NLD", "NOR", "PRT", "SWE", "TUN", "UKR", "ZAF",
        # and two that report to AEWA only
        "DNK", "TZA",
    ),
    awaiting_review=("ETH", "GEO", "ITA", "NGA", "TZA", "UKR"),
    drift=INCONSISTENT,
)  # fmt: skip
RAPTORS_MOS4 = Round(
    "RAPTORS-MOS4",
    ("DEU", "EGY", "ETH", "GBR", "GHA", "IND", "MAR", "MLI", "NGA", "NLD", "SAU"),
    awaiting_review=("IND", "NGA", "SAU"),
    drift=INCONSISTENT,
)
CMS_COP15 = Round(
    "CMS-COP15",
    (
        "EGY", "GHA", "MAR", "NGA", "ZAF",  # Africa
        "IND", "MNG", "PHL",  # Asia
        "GBR", "ITA", "NLD", "NOR",  # Europe
        "ARG", "BRA",  # South and Central America and the Caribbean
        "AUS",  # Oceania
    ),
    awaiting_review=("EGY", "NGA", "IND", "MNG", "PHL", "ITA", "NOR", "ARG", "BRA", "AUS"),
    drift=PROGRESS,
)  # fmt: skip


def load(report) -> None:
    """Fill, submit and review the demo reports; `report` counts what was done. The order
    keeps the earlier parts' submissions (and their ids) as they were before the later ones
    were added, and lets each round copy from the rounds before it."""
    _load_cop14(report)
    _load_half_filled(report)
    _load_raptors(report)
    for round_ in (AEWA_MOP9, RAPTORS_MOS4, CMS_COP15):
        _load_round(round_, report)
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
    generated = answers.fill_report(report, user, seed=seed, locale=locale_for(report, user))
    submission.submit(report, user, generated.locale, notify=False)
    return generated


def locale_for(report: Report, user: User) -> str:
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
    locale = locale_for(target, user)
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
        for node in tree_module.cached(target).items()
        if node.bank_version is not None  # local codes differ between instruments
    )
    style = answers.Style(portion=0.5, prefer=shared)
    for half in _untouched(questionnaire, ("FRA", "ESP")):
        user = respondent(half)
        answers.fill_report(half, user, seed=SEED, style=style, locale=locale_for(half, user))
        report.count("reports half filled")


def _load_raptors(report) -> None:
    questionnaire = questionnaires.questionnaire_by_code("RAPTORS-MOS4")
    if questionnaire is None or questionnaire.status != Status.PUBLISHED:
        return
    for target in _untouched(questionnaire, ("KEN",)):
        fill_and_submit(target, SEED)
        report.count("reports submitted")


# --- the same parties again: AEWA-MOP9, the Raptors MoU, CMS-COP15 ------------------------------


def _load_round(round_: Round, report) -> None:
    questionnaire = questionnaires.questionnaire_by_code(round_.questionnaire)
    if questionnaire is None or questionnaire.status != Status.PUBLISHED:
        return
    todo = _untouched(questionnaire, round_.parties)
    if not todo:
        return
    reviewer = secretariat(questionnaire)
    for target in todo:
        copied = fill_from_before(target, SEED, round_.drift)
        report.count("answers copied from earlier reports", copied)
        report.count("reports submitted")
        if target.party.code not in round_.awaiting_review:
            submission.accept(target, reviewer, notify=False)
            report.count("reports accepted")


def fill_from_before(report: Report, seed: int, drift: Drift) -> int:
    """Fill `report` as its focal point would, and submit it: reuse the party's answers for
    other instruments and pre-fill from its report of the previous cycle (the app's own
    services: provenance kept, revisions and audit events left), answer some copied choice
    questions differently by `drift`, confirm the rest of what was pre-filled, answer what is
    left and submit. Returns how many answers were copied."""
    user = respondent(report)
    locale = locale_for(report, user)
    filled = services.fill(report, locale, viewer=None)
    # the answers given for another instrument are the more recent: reused first, the previous
    # cycle's then pre-fill what is left
    reused = reuse_copying.preview_all(filled, user)
    if reused:
        reuse_copying.reuse_all(filled, user, locale, reuse_copying.fingerprint(reused))
        filled.evaluate()  # the saves keep `filled.answers`; a copy may show more items
    prefilled = prefill.preview(filled, user)
    if prefilled:
        prefill.prefill(filled, user, locale, reuse_copying.fingerprint(prefilled))
        filled.evaluate()
    rng = random.Random(f"{seed}:{report.party.code}:{report.questionnaire.code}:drift")
    _answer_differently(filled, user, locale, drift, rng)
    for section in filled.rendered.sections:
        prefill.confirm_all_in_section(filled, section.node.id, user)  # "still true"
    answers.fill_report(report, user, seed=seed, locale=locale)
    submission.submit(report, user, locale, notify=False)
    return len(reused) + len(prefilled)


def _answer_differently(filled, user: User, locale: str, drift: Drift, rng) -> int:
    """Give another answer to some copied yes/no and single choice answers, in questionnaire
    order; an answer changed may show or hide the items after it. Returns how many changed."""
    changed = 0
    visible = _visible_items(filled)
    for key in list(visible):
        item, answer = visible.get(key), filled.answers.get(key)
        if item is None or answer is None or not answer.source_kind:
            continue  # hidden by an answer changed before it, or the party's own answer
        raw = _another_answer(item.node, answer, drift, rng)
        if raw is None:
            continue
        saving.save_answer(
            filled,
            item.node,
            item.loop_key,
            saving.Change(raw=raw, raw_given=True),
            expected_version=answer.version,
            user=user,
            locale=locale,
        )
        filled.evaluate()
        visible = _visible_items(filled)
        changed += 1
    return changed


def _visible_items(filled) -> dict:
    return {(i.node.id, i.loop_key): i for i in filled.rendered.items() if i.visible}


def _another_answer(node, answer, drift: Drift, rng) -> str | None:
    """What the form would send for a different answer, or None to keep this one."""
    if answer.no_info or answer.value is None:
        return None
    kind = node.effective_type
    if kind == AnswerType.YES_NO:
        chance, other = (drift.to_no, "no") if answer.value == "yes" else (drift.to_yes, "yes")
        return other if rng.random() < chance else None
    if kind == AnswerType.SINGLE_CHOICE and rng.random() < drift.other_choice:
        config = node.effective_config or {}
        keys = [k for k in choice_keys(config) if k not in (answer.value, "other")]
        return rng.choice(keys) if keys else None
    return None
