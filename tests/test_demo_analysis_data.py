"""The demo holds what the analyst needs: the same countries reporting to CMS, AEWA and the
Raptors MoU, two CMS cycles, answers that mostly agree and sometimes do not (between
instruments, between cycles), and the tidy relation `submitted_answers` holding the rows of
every report's latest submission."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from app.demo import answers, generate
from app.demo import reports as demo_reports
from app.demo.loader import ACCOUNTS
from app.directory.models import Party
from app.questionnaires.models import Questionnaire
from app.reporting import saving, services, site_store, tidy
from app.reporting import submission as submitting
from app.reporting.models import (
    Answer,
    AnswerRevision,
    Report,
    ReportStatus,
    Submission,
    SubmittedAnswer,
)

DONE = (ReportStatus.SUBMITTED.value, ReportStatus.ACCEPTED.value)
DEMO_ACCOUNTS_PARTIES = {"FRA", "ESP", "SEN", "KEN"}
# CMS-COP15 reports that tests fill or expect untouched: the demo accounts' and two more
COP15_KEPT_FOR_TESTS = DEMO_ACCOUNTS_PARTIES | {"BEL", "DEU"}
CHOICES = ("yes_no", "single_choice")


def statuses(ctx, code: str) -> dict[str, str]:
    """Party code → status of the questionnaire's reports that have been submitted."""
    stmt = (
        sa.select(Party.code, Report.status)
        .join(Report, Report.party_id == Party.id)
        .join(Questionnaire, Questionnaire.id == Report.questionnaire_id)
        .where(Questionnaire.code == code, Report.status.in_(DONE))
    )
    return dict(ctx.execute(stmt).all())


def choice_answers(ctx, code: str) -> dict[tuple[str, str, int, str], str]:
    """(party, bank code, bank version, loop key) → the visible choice answered, from the latest
    rows of the questionnaire's submissions."""
    stmt = (
        sa.select(
            Party.code,
            SubmittedAnswer.bank_code,
            SubmittedAnswer.bank_version,
            SubmittedAnswer.loop_key,
            SubmittedAnswer.value_text,
        )
        .join(Party, Party.id == SubmittedAnswer.party_id)
        .join(Questionnaire, Questionnaire.id == SubmittedAnswer.questionnaire_id)
        .where(
            Questionnaire.code == code,
            SubmittedAnswer.latest,
            SubmittedAnswer.bank_code.is_not(None),
            SubmittedAnswer.answer_type.in_(CHOICES),
            sa.not_(SubmittedAnswer.hidden),
            SubmittedAnswer.value_text != "",
        )
    )
    return {
        (party, bank, version, key): value for party, bank, version, key, value in ctx.execute(stmt)
    }


def compared(one: dict, other: dict) -> tuple[list, list]:
    """(the same answers, the differing ones) of the cells both hold: same party, same bank
    question in the same version, same loop key."""
    shared = sorted(one.keys() & other.keys())
    return (
        [k for k in shared if one[k] == other[k]],
        [(k, one[k], other[k]) for k in shared if one[k] != other[k]],
    )


# --- who reported ------------------------------------------------------------------------------


def test_reports_on_record_per_questionnaire(ctx):
    cop14 = statuses(ctx, "CMS-COP14")
    aewa = statuses(ctx, "AEWA-MOP9")
    raptors = statuses(ctx, "RAPTORS-MOS4")
    cop15 = statuses(ctx, "CMS-COP15")
    assert (len(cop14), len(aewa), len(raptors), len(cop15)) == (44, 25, 12, 15)
    assert set(aewa) == set(demo_reports.AEWA_MOP9.parties)
    assert set(raptors) == {"KEN", *demo_reports.RAPTORS_MOS4.parties}
    assert set(cop15) == set(demo_reports.CMS_COP15.parties)
    for done, round_ in ((aewa, demo_reports.AEWA_MOP9), (cop15, demo_reports.CMS_COP15)):
        waiting = {code for code, status in done.items() if status == ReportStatus.SUBMITTED}
        assert waiting == set(round_.awaiting_review)
        assert 0 < len(waiting) < len(done)  # some accepted, some awaiting review
    waiting = {code for code, status in raptors.items() if status == ReportStatus.SUBMITTED}
    assert waiting == {"KEN", *demo_reports.RAPTORS_MOS4.awaiting_review}


def test_the_demo_accounts_reports_stay_theirs(ctx):
    with_accounts = {party for a in ACCOUNTS for _role, _i, party in a.grants if party}
    assert with_accounts == DEMO_ACCOUNTS_PARTIES
    aewa = statuses(ctx, "AEWA-MOP9")
    assert not with_accounts & set(aewa)  # France and Spain half way, Senegal untouched
    assert not COP15_KEPT_FOR_TESTS & set(statuses(ctx, "CMS-COP15"))
    assert with_accounts & set(statuses(ctx, "RAPTORS-MOS4")) == {"KEN"}  # as before


def test_the_same_countries_report_to_cms_aewa_and_the_raptors_mou(ctx):
    cop14 = set(statuses(ctx, "CMS-COP14"))
    aewa = set(statuses(ctx, "AEWA-MOP9"))
    raptors = set(statuses(ctx, "RAPTORS-MOS4"))
    cop15 = set(statuses(ctx, "CMS-COP15"))
    assert len(aewa & cop14) >= 20
    assert len(cop14 & aewa & raptors) >= 8
    assert cop15 <= cop14  # every COP15 report has a COP14 report to compare with
    assert len(cop15 & aewa & raptors) >= 5  # and AEWA and Raptors reports of the same period


# --- what they answered ------------------------------------------------------------------------


def test_a_country_answers_a_shared_bank_question_differently_for_two_instruments(ctx):
    cop15, aewa = choice_answers(ctx, "CMS-COP15"), choice_answers(ctx, "AEWA-MOP9")
    raptors = choice_answers(ctx, "RAPTORS-MOS4")
    for one, other in ((aewa, cop15), (raptors, aewa)):
        same, different = compared(one, other)
        assert different, "no country answers a shared question differently"
        assert len(same) > 3 * len(different)  # mostly the same answer: it was reused
    national = [k for k, _a, _b in compared(aewa, cop15)[1] if not k[3]]
    assert national  # not only in a species loop


def test_some_cop15_answers_changed_since_cop14(ctx):
    same, different = compared(choice_answers(ctx, "CMS-COP15"), choice_answers(ctx, "CMS-COP14"))
    assert len(different) >= 10 and len(same) > 2 * len(different)
    changed = Counter((before, after) for (_k, after, before) in different)
    # progress: more "no" became "yes" than the other way round
    assert changed[("no", "yes")] > changed[("yes", "no")] > 0
    assert len({party for (party, *_rest), _a, _b in different}) >= 10


def test_copied_answers_say_where_they_came_from(ctx):
    stmt = (
        sa.select(Questionnaire.code, SubmittedAnswer.reused_from, sa.func.count())
        .join(Questionnaire, Questionnaire.id == SubmittedAnswer.questionnaire_id)
        .where(SubmittedAnswer.latest, SubmittedAnswer.reused_from != "")
        .group_by(Questionnaire.code, SubmittedAnswer.reused_from)
    )
    found = {(code, source): n for code, source, n in ctx.execute(stmt)}
    assert found[("CMS-COP15", "CMS-COP14")] > 0  # pre-filled from the previous cycle
    assert found[("AEWA-MOP9", "CMS-COP14")] > 0  # reused from another instrument
    assert found[("RAPTORS-MOS4", "AEWA-MOP9")] > 0
    hidden = ctx.scalar(
        sa.select(sa.func.count()).where(SubmittedAnswer.latest, SubmittedAnswer.hidden)
    )
    assert hidden > 0  # an answer changed hid a copied one: "not applicable" for the analyst


# --- the tidy relation -------------------------------------------------------------------------


def test_submitted_answers_hold_the_latest_rows_of_every_submitted_report(ctx):
    submissions = list(ctx.scalars(sa.select(Submission).order_by(Submission.id)))
    newest: dict[int, Submission] = {}
    for submission in submissions:
        if submission.number > getattr(newest.get(submission.report_id), "number", 0):
            newest[submission.report_id] = submission
    done = set(ctx.scalars(sa.select(Report.id).where(Report.status.in_(DONE))))
    assert done <= set(newest) and len(newest) == 96
    latest = Counter(
        ctx.scalars(sa.select(SubmittedAnswer.submission_id).where(SubmittedAnswer.latest))
    )
    assert set(latest) == {s.id for s in newest.values()}  # one latest submission per report
    for report_id, submission in newest.items():
        expected = list(tidy.rows_of(submission, tidy.reused_from(report_id), latest=True))
        assert latest[submission.id] == len(expected) > 0, submission.report
    earlier = [s for s in submissions if newest[s.report_id] is not s]
    assert [s.report.party.code for s in earlier] == [demo_reports.COP14_RETURNED_ONCE]
    assert ctx.scalar(
        sa.select(sa.func.count()).where(SubmittedAnswer.submission_id == earlier[0].id)
    )


def test_generate_still_finds_reports_to_submit_after_the_demo(ctx):
    protected = generate.protected_parties()
    assert set(statuses(ctx, "CMS-COP15")) <= protected  # their focal points hold a role
    selection = generate.select("CMS-COP15", 3, seed=2)
    assert len(selection.reports) == 3
    assert all(r.status == ReportStatus.NOT_STARTED for r in selection.reports)


# --- flask demo generate: a report's answers saved together -------------------------------


def _stored(ctx, report: Report) -> tuple:
    """What a submitted report holds: its answers, their revisions, its status and the tidy
    rows of its submission (ids and times aside; people by e-mail: the demo focal point created
    by the rolled-back run is created again, under another id on PostgreSQL, whose sequences do
    not roll back)."""
    answers = sorted(
        (a.node_id, a.loop_key, repr(a.value), a.typed, a.other, a.comment, a.no_info,
         a.version, a.updated_by.email if a.updated_by else None, a.source_kind,
         a.needs_confirmation)
        for a in ctx.scalars(sa.select(Answer).where(Answer.report_id == report.id))
    )  # fmt: skip
    revisions = sorted(
        (r.answer.node_id, r.answer.loop_key, repr(r.value), r.typed, r.other, r.comment,
         r.no_info, r.version, r.user.email if r.user else None, r.kind)
        for r in ctx.scalars(
            sa.select(AnswerRevision)
            .join(Answer, Answer.id == AnswerRevision.answer_id)
            .where(Answer.report_id == report.id)
        )
    )  # fmt: skip
    rows = sorted(
        (s.node_id, s.loop_key, s.position, s.cell, s.value_text, s.hidden, s.no_info, s.comment)
        for s in ctx.scalars(
            sa.select(SubmittedAnswer).where(SubmittedAnswer.report_id == report.id)
        )
    )
    return answers, revisions, report.status, rows


def _one_save_at_a_time(report: Report, seed: int) -> int:
    """What `generate.submit_one` does, each planned answer saved on its own (save_answer)."""
    with demo_reports.while_open(report.questionnaire):
        user = demo_reports.respondent(report)
        locale = demo_reports.locale_for(report, user)
        rng = answers.rng_for(seed, report)  # as fill_report: the same draws, in the same order
        if site_store.has_site_loop(report.questionnaire) and not site_store.sites_of(
            report.party_id
        ):
            answers.add_sites(report.party, rng, locale)
        filled = services.fill(report, locale, viewer=None)
        plan = answers.Planner(filled, rng, answers.COMPLETE, locale).plan()
        for edit in plan:
            saving.save_answer(
                filled, edit.node, edit.loop_key, edit.change,
                expected_version=edit.expected_version, user=user, locale=locale,
            )  # fmt: skip
        submitting.submit(report, user, locale, notify=False)
    return len(plan)


def test_generate_stores_what_one_save_at_a_time_stores(ctx):
    selection = generate.select("CMS-COP15", 2, seed=4)
    for report in selection.reports:
        assert report.status == ReportStatus.NOT_STARTED
        nested = ctx.begin_nested()
        saved = _one_save_at_a_time(report, seed=4)
        one_at_a_time = _stored(ctx, report)
        nested.rollback()
        ctx.refresh(report)
        assert report.status == ReportStatus.NOT_STARTED
        assert generate.submit_one(report, seed=4) == saved > 20
        assert _stored(ctx, report) == one_at_a_time
        assert one_at_a_time[2] == ReportStatus.SUBMITTED and one_at_a_time[3]
