"""The demo's national reports and `flask demo generate`: submitted reports whose snapshots
validate, varied answers, half-filled AEWA reports to reuse, a Raptors report awaiting review,
idempotent loading, generated reports that respect skip logic and leave the demo parties alone,
and a generator that follows its seed."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.demo import answers, generate, phrases
from app.demo import reports as demo_reports
from app.directory import services as directory
from app.directory.models import Membership, Party
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from app.reporting import completeness, services, site_store
from app.reporting import submission as sub
from app.reporting.models import Answer, AnswerRevision, Report, ReportStatus, Submission

DEMO_PARTIES = {"FRA", "ESP", "SEN", "KEN"}
DONE = (ReportStatus.SUBMITTED.value, ReportStatus.ACCEPTED.value)


def report_of(code: str, party: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def reports_of(code: str, statuses=DONE) -> list[Report]:
    questionnaire = questionnaires.questionnaire_by_code(code)
    stmt = sa.select(Report).where(
        Report.questionnaire_id == questionnaire.id, Report.status.in_(statuses)
    )
    return list(db.session.scalars(stmt))


def answers_by_code(report: Report) -> dict[tuple[str, str], Answer]:
    current = tree_module.load(report.questionnaire)
    stmt = sa.select(Answer).where(Answer.report_id == report.id)
    return {(current.by_id[a.node_id].code, a.loop_key): a for a in db.session.scalars(stmt)}


def visible_share(report: Report) -> float:
    filled = services.fill(report, "en")
    visible = [item for _s, item, _l in completeness.visible_items(filled.rendered)]
    return sum(1 for item in visible if filled.answer(item) is not None) / len(visible)


# --- CMS-COP14: the previous cycle -------------------------------------------------------------


def test_at_least_40_cop14_reports_are_on_record_and_their_snapshots_validate(ctx):
    done = reports_of("CMS-COP14")
    assert len(done) >= 40
    statuses = Counter(r.status for r in done)
    assert statuses[ReportStatus.ACCEPTED] > 3 * statuses[ReportStatus.SUBMITTED] > 0
    by_party = {r.party.code: r for r in done}
    assert set(by_party) >= DEMO_PARTIES
    assert all(by_party[code].status == ReportStatus.ACCEPTED for code in DEMO_PARTIES)
    assert questionnaires.questionnaire_by_code("CMS-COP14").status == "closed"
    for report in done:
        latest = sub.latest_submission(report)
        assert latest is not None and latest.snapshot["party"]["code"] == report.party.code
        assert (latest.decision == "accepted") == (report.status == ReportStatus.ACCEPTED)
        filled = services.fill(report, "en")
        assert completeness.issues(filled, "en") == [], report
        assert completeness.hidden_answers(filled) == set(), report
        snapped = {(a["node_id"], a["loop_key"]) for a in latest.snapshot["answers"]}
        assert snapped == set(filled.answers)
        assert not any(a["hidden"] for a in latest.snapshot["answers"])
        assert not any(a["typed"] is not None for a in latest.snapshot["answers"])


def test_every_demo_answer_went_through_the_save_service(ctx):
    ids = [r.id for r in reports_of("CMS-COP14")]
    n_answers = ctx.scalar(sa.select(sa.func.count(Answer.id)).where(Answer.report_id.in_(ids)))
    with_revision = ctx.scalar(
        sa.select(sa.func.count(sa.distinct(AnswerRevision.answer_id)))
        .join(Answer, Answer.id == AnswerRevision.answer_id)
        .where(Answer.report_id.in_(ids))
    )
    assert n_answers > 40 * 40 and with_revision == n_answers
    submits = ctx.scalar(
        sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == "report.submit")
    )
    assert submits >= len(ids)


def test_cop14_answers_are_varied_and_written_in_the_party_language(ctx):
    done = reports_of("CMS-COP14")
    given = [answers_by_code(r) for r in done]
    poison = Counter(a[("THR-POISON-01", "")].value for a in given if ("THR-POISON-01", "") in a)
    assert poison["yes"] > 3 and poison["no"] > 3
    shares = {a[("HAB-PA-02", "")].value for a in given if ("HAB-PA-02", "") in a}
    assert len(shares) > 5
    occurrence = Counter(
        answer.value for a in given for (code, _k), answer in a.items() if code == "SPEC-OCCUR-01"
    )
    assert occurrence["absent"] > occurrence["breeding"] > 0 and len(occurrence) >= 5
    populations = {
        answer.value for a in given for (code, _k), answer in a.items() if code == "SPEC-POP-01"
    }
    assert len(populations) > 20
    flat = [answer for a in given for answer in a.values()]
    assert any(answer.no_info and answer.comment for answer in flat)
    assert any(answer.comment and not answer.no_info for answer in flat)
    assert any(answer.other for answer in flat)  # "other, please specify"
    institution = answers_by_code(report_of("CMS-COP14", "ESP"))[("CMS14-GEN-01", "")].value
    assert institution in {phrases.INSTITUTIONS["ESP"], *phrases.SHORT["institution"]["es"]}
    assert answers.language_of(directory.party_by_code("SEN")) == "fr"
    assert answers.language_of(directory.party_by_code("KEN")) == "en"


def test_one_cop14_report_was_returned_corrected_and_accepted(ctx):
    report = report_of("CMS-COP14", demo_reports.COP14_RETURNED_ONCE)
    first, second = sub.submissions_of(report)
    assert first.decision == "returned" and first.message == demo_reports.RETURN_MESSAGE
    assert second.decision == "accepted" and report.status == ReportStatus.ACCEPTED
    differences = sub.diff(first, second, "fr")
    assert [d.node["code"] for d in differences] == ["CMS14-GEN-01"]
    assert differences[0].after == demo_reports.CORRECTED_INSTITUTION


# --- reports to reuse and to review -------------------------------------------------------------


def test_france_and_spain_aewa_reports_are_about_half_filled_with_answers_cms_can_reuse(ctx):
    cop15 = {
        n.code
        for n in tree_module.load(questionnaires.questionnaire_by_code("CMS-COP15")).items()
        if n.bank_version is not None
    }
    for code in ("FRA", "ESP"):
        report = report_of("AEWA-MOP9", code)
        assert report.status == ReportStatus.IN_PROGRESS
        assert sub.latest_submission(report) is None
        assert 0.3 <= visible_share(report) <= 0.8
        filled = services.fill(report, "fr")
        assert completeness.issues(filled, "fr")  # not ready: the focal point still has work
        codes = Counter(code in cop15 for (code, _k) in answers_by_code(report))
        assert codes[True] > 4 * codes[False]


def test_kenya_raptors_report_is_submitted_and_awaits_review(ctx):
    report = report_of("RAPTORS-MOS4", "KEN")
    assert report.status == ReportStatus.SUBMITTED
    (only,) = sub.submissions_of(report)
    assert only.decision is None and only.submitted_by.email == "fp.ken@demo.test"
    assert completeness.issues(services.fill(report, "en"), "en") == []


# --- loading again ------------------------------------------------------------------------------


def _state():
    return (
        db.session.scalar(sa.select(sa.func.count(Answer.id))),
        db.session.scalar(sa.select(sa.func.count(AnswerRevision.id))),
        db.session.scalar(sa.select(sa.func.count(Submission.id))),
        db.session.scalar(sa.select(sa.func.count(AuditEvent.id))),
        sorted(db.session.execute(sa.select(Report.id, Report.status)).all()),
        db.session.scalar(sa.select(sa.func.max(Answer.updated_at))),
    )


def test_loading_the_demo_twice_changes_nothing(app, runner):
    with app.app_context():
        before = _state()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Demo loaded: nothing new." in result.output
    with app.app_context():
        assert _state() == before


# --- flask demo generate ------------------------------------------------------------------------


def test_generate_submits_valid_reports_and_leaves_the_demo_parties_alone(app, runner):
    with app.app_context():
        before = {
            r.party.code: r.status for r in reports_of("CMS-COP15", [s.value for s in ReportStatus])
        }
        demo_answers = {
            code: len(answers_by_code(report_of("CMS-COP15", code))) for code in DEMO_PARTIES
        }
    result = runner.invoke(
        args=["demo", "generate", "--questionnaire", "CMS-COP15", "--countries", "3", "--seed", "7"]
    )
    assert result.exit_code == 0, result.output
    assert "Submitted 3 CMS-COP15 reports" in result.output
    with app.app_context():
        after = {r.party.code: r for r in reports_of("CMS-COP15", [s.value for s in ReportStatus])}
        new = [code for code, r in after.items() if r.status != before[code]]
        assert len(new) == 3 and not DEMO_PARTIES & set(new)
        assert re.search(r"for: ([A-Z]{3}, ){2}[A-Z]{3}\.", result.output)
        for code in new:
            report = after[code]
            assert report.status == ReportStatus.SUBMITTED
            filled = services.fill(report, "en")
            assert completeness.issues(filled, "en") == []
            assert completeness.hidden_answers(filled) == set()
            snapshot = sub.latest_submission(report).snapshot
            assert snapshot["answers"] and not any(a["hidden"] for a in snapshot["answers"])
        for code in DEMO_PARTIES:
            assert after[code].status == before[code]
            assert len(answers_by_code(after[code])) == demo_answers[code]


def test_generate_adds_members_when_the_instrument_has_too_few(ctx):
    questionnaire = questionnaires.questionnaire_by_code("RAPTORS-MOS4")
    protected = generate.protected_parties()
    available = len(generate._open_reports(questionnaire, protected, random.Random(1)))
    selection = generate.select("RAPTORS-MOS4", available + 5, seed=11)
    assert len(selection.added_members) == 5 and len(selection.reports) == available + 5
    for code in selection.added_members:
        party = ctx.scalar(sa.select(Party).where(Party.code == code))
        membership = ctx.scalar(
            sa.select(Membership).where(
                Membership.party_id == party.id,
                Membership.instrument_id == questionnaire.instrument_id,
            )
        )
        assert membership.status == "signatory"  # an MoU has Signatories
        assert report_of("RAPTORS-MOS4", code) in selection.reports
    chosen = {r.party.code for r in selection.reports}
    assert not chosen & selection.protected and selection.protected >= DEMO_PARTIES


def test_generate_refuses_production_and_unknown_questionnaires(app, runner):
    result = runner.invoke(
        args=["demo", "generate", "--questionnaire", "NOPE-1", "--countries", "2"]
    )
    assert result.exit_code != 0 and "No questionnaire with code NOPE-1" in result.output
    result = runner.invoke(
        args=["demo", "generate", "--questionnaire", "EUROBATS-MOP11", "--countries", "2"]
    )
    assert result.exit_code != 0 and "draft" in result.output
    app.config["DEMO_ALLOWED"] = False
    try:
        result = runner.invoke(
            args=["demo", "generate", "--questionnaire", "CMS-COP15", "--countries", "2"]
        )
    finally:
        app.config["DEMO_ALLOWED"] = True
    assert result.exit_code != 0 and "production" in result.output


def _plan(report: Report, seed: int) -> list[tuple]:
    filled = services.fill(report, "fr")
    planner = answers.Planner(filled, answers.rng_for(seed, report), answers.COMPLETE, "fr")
    return [
        (p.node.code, p.loop_key, repr(p.change.raw), p.change.other, p.change.comment,
         p.change.no_info)
        for p in planner.plan()
    ]  # fmt: skip


def test_the_generator_follows_its_seed(ctx):
    report = report_of("CMS-COP15", "BEL")
    assert report.status == ReportStatus.NOT_STARTED
    first = _plan(report, 5)
    assert first == _plan(report, 5)
    assert first != _plan(report, 6)
    assert first != _plan(report_of("CMS-COP15", "DEU"), 5)
    # what it plans, it saves; and the report then validates
    user = demo_reports.respondent(report)
    generated = answers.fill_report(report, user, seed=5, locale="fr")
    saved = answers_by_code(report)
    assert generated.saved == len(first) == len(saved)
    assert [(code, key) for code, key, *_ in first] == [
        (code, key) for code, key, *_ in first if (code, key) in saved
    ]
    assert completeness.issues(services.fill(report, "fr"), "fr") == []


def _every_kind_questionnaire():
    """A small published AEWA questionnaire with a site loop whose items depend on each other
    within each site, and one item of every answer type (a required file among them)."""
    aewa = directory.instrument_by_code("AEWA")
    q = questionnaires.create_questionnaire(
        instrument=aewa, code="AEWA-GEN", cycle="GEN", cycle_order=99,
        title={"en": "Every kind", "fr": "Tous les types"}, deadline=date(2029, 6, 30),
        species_list=questionnaires.questionnaire_by_code("AEWA-MOP9").species_list,
    )  # fmt: skip
    general = questionnaires.add_section(q, title={"en": "General", "fr": "Général"})

    def item(section, code, kind, **extra):
        return questionnaires.add_local_item(
            q, section, code=code, answer_type=kind, text={"en": code, "fr": code}, **extra
        )

    choices = [{"key": k, "label": {"en": k, "fr": k}} for k in ("a", "b", "c", "none")]
    item(general, "GEN-DATE", "date", required=True)
    item(general, "GEN-SPECIES", "species", required=True)
    item(general, "GEN-SITE", "site", required=True)
    item(general, "GEN-FILE", "file", required=True)
    item(general, "GEN-MULTI", "multiple_choice", required=True,
         config={"choices": choices, "allow_other": True})  # fmt: skip
    item(general, "GEN-TABLE", "table", required=True, config={
        "rows": [{"key": r, "label": {"en": r, "fr": r}} for r in ("r1", "r2", "r3")],
        "columns": [
            {"key": "n", "label": {"en": "n", "fr": "n"}, "type": "number", "min": 0},
            {"key": "ok", "label": {"en": "ok", "fr": "ok"}, "type": "yes_no"},
            {"key": "who", "label": {"en": "Lead institution", "fr": "Institution"},
             "type": "short_text"},
        ],
    })  # fmt: skip
    per_site = questionnaires.add_section(
        q, parent=general, loop="site", title={"en": "Sites", "fr": "Sites"}
    )
    item(per_site, "SITE-PROTECTED", "yes_no", required=True)
    item(per_site, "SITE-COUNT", "number", required=True, config={"min": 0, "max": 50},
         condition={"item": "SITE-PROTECTED", "op": "equals", "value": "yes"})  # fmt: skip
    questionnaires.publish(q)
    return q


def test_the_generator_fills_every_answer_type_and_respects_conditions_inside_loops(ctx):
    q = _every_kind_questionnaire()
    report = next(
        r for r in ctx.scalars(sa.select(Report).where(Report.questionnaire_id == q.id))
        if r.party.code not in DEMO_PARTIES and not site_store.sites_of(r.party_id)
    )  # fmt: skip
    user = demo_reports.respondent(report)
    style = answers.Style(no_info=0)  # "no information" only where nothing can be given: a file
    generated = answers.fill_report(report, user, seed=3, style=style, locale="fr")
    sites = site_store.sites_of(report.party_id)
    assert 1 <= len(sites) <= 3 and all(s.latitude is not None for s in sites)
    given = answers_by_code(report)
    assert date(2026, 6, 30) <= date.fromisoformat(given[("GEN-DATE", "")].value) < q.deadline
    assert given[("GEN-SPECIES", "")].value in generated.filled.species_keys
    assert given[("GEN-SITE", "")].value["name"]
    assert given[("GEN-FILE", "")].no_info and given[("GEN-FILE", "")].comment
    assert set(given[("GEN-TABLE", "")].value) <= {"r1", "r2", "r3"}
    multiple = given[("GEN-MULTI", "")].value
    assert multiple == ["none"] or "none" not in multiple
    for site in sites:
        protected = given[("SITE-PROTECTED", site.key)]
        counted = ("SITE-COUNT", site.key) in given
        assert counted == (protected.value == "yes"), site.name
    assert completeness.issues(services.fill(report, "fr"), "fr") == []
    assert completeness.hidden_answers(services.fill(report, "fr")) == set()
