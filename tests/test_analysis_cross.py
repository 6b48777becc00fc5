"""The analyses across instruments and cycles: one bank question compared across instruments
(different answers flagged, equal ones not, incompatible versions shown but not compared), the
results by target tag, and a cycle against the previous one (change per choice, countries
whose answer changed, figures then and now) — through the services and through the pages, on
the demo with the data each test needs built through the reporting services, against
expectations computed by hand; scoped readers, refused arguments and downloads equal to the
tables shown."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pytest
import sqlalchemy as sa

from app.analysis import compare, cycles, query, tables, targets, trends
from app.analysis.compare import Period, Verdict
from app.auth import services as auth_services
from app.auth.models import Role
from app.bank import services as bank
from app.bank.models import BankQuestion, BankVersion
from app.directory import services as directory
from app.extensions import db
from app.i18n import sort_key
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Node, Questionnaire, Status
from app.reporting import saving, services
from app.reporting import submission as sub
from app.reporting.models import Report, ReportStatus, Submission, SubmittedAnswer
from tests.reporting_helpers import make_ready
from tests.test_reporting import ANALYST, report_of, user

ADMIN = "admin@demo.test"
NO_INFO = object()  # an answer of "no information" only
# A year no demo submission falls in: the tests date their own submissions into it.
YEAR = 2005
PERIOD = Period(YEAR, YEAR)
SAME = "Same answer as for the other instruments."
BAD_YEAR = "A year is a number from 1979 to 2100."
NOT_ASKED = "No questionnaire you analyse asks this bank question."
COMPARE = "/analysis/compare?code=THR-POISON-01"


def when(month: int) -> datetime:
    return datetime(YEAR, month, 1, 12, tzinfo=UTC)


# --- building the data through the services -------------------------------------------------------


def answer(report: Report, code: str, raw) -> None:
    """Save the answer to the item `code` (outside loops) of `report`, as a person would."""
    filled = services.fill(report, "en")
    item = next(i for i in filled.rendered.items() if i.node.code == code and not i.loop_key)
    current = filled.answer(item)
    if raw is NO_INFO:
        change = saving.Change(no_info=True)
    else:
        change = saving.Change(raw=raw, raw_given=True, no_info=False)
    saving.save_answer(
        filled,
        item.node,
        item.loop_key,
        change,
        expected_version=current.version if current else 0,
        user=user(ADMIN),
        locale="en",
    )


def reopen(report: Report) -> None:
    """A report submitted before the test (by the demo) is opened again for a new submission:
    returned by its secretariat when it waits for review; an accepted one is put back in the
    returned state, as no service reopens an accepted report."""
    if report.status == ReportStatus.SUBMITTED.value:
        sub.return_report(report, user(ADMIN), "Again, please.", notify=False)
    elif report.status == ReportStatus.ACCEPTED.value:
        report.status = ReportStatus.RETURNED.value
        db.session.flush()


def submit_with(code: str, party: str, chosen: dict, month: int | None = None) -> Submission:
    """The report of `party` for `code` submitted with `chosen` answers (bank code → what a
    person types, or NO_INFO) and every other required answer filled; dated `month` of YEAR
    when given."""
    report = report_of(code, party)
    reopen(report)
    for item_code, raw in chosen.items():
        answer(report, item_code, raw)
    make_ready(report, user(ADMIN), locale="en")
    submission = sub.submit(report, user(ADMIN), "en", notify=False)
    if month is not None:
        db.session.execute(
            sa.update(Submission)
            .where(Submission.id == submission.id)
            .values(submitted_at=when(month))
        )
    return submission


def version(code: str, number: int | None = None) -> BankVersion:
    question = bank.question_by_code(code)
    return question.version(number) if number else question.latest


def great_bustard(cycle: str, order: int, items: list) -> Questionnaire:
    """A published questionnaire of the Great Bustard MoU (13 Signatories, English only, no
    questionnaire in the demo): one section holding `items`, each (bank code, version number
    or None for the latest) or a local code."""
    questionnaire = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("GREAT-BUSTARD"),
        code=f"GREAT-BUSTARD-{cycle}",
        cycle=cycle,
        cycle_order=order,
        title={"en": f"Great Bustard MoU {cycle} national report"},
    )
    section = questionnaires.add_section(questionnaire, title={"en": "Threats and cooperation"})
    for item in items:
        if isinstance(item, tuple):
            questionnaires.add_bank_item(questionnaire, section, version(*item))
        else:
            questionnaires.add_local_item(
                questionnaire,
                section,
                code=item,
                answer_type="yes_no",
                text={"en": "Has your country a national Great Bustard plan?"},
            )
    questionnaires.renumber(questionnaire)
    questionnaires.publish(questionnaire)
    return questionnaire


def node_of(questionnaire: Questionnaire, code: str) -> Node:
    return db.session.scalar(
        sa.select(Node).where(Node.questionnaire_id == questionnaire.id, Node.code == code)
    )


def label(code: str, key: str) -> str:
    config = version(code).config
    return next(c["label"]["en"] for c in config["choices"] if c["key"] == key)


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


# --- across instruments ---------------------------------------------------------------------------


def build_cms_and_raptors() -> None:
    """Spain answers THR-POISON-01 "yes" for CMS and "no" for Raptors; Senegal "yes" for both;
    France "no" for CMS only (it is no Raptors Signatory). All in YEAR."""
    submit_with("CMS-COP15", "ESP", {"THR-POISON-01": "yes"}, month=3)
    submit_with("RAPTORS-MOS4", "ESP", {"THR-POISON-01": "no"}, month=4)
    submit_with("CMS-COP15", "SEN", {"THR-POISON-01": "yes"}, month=3)
    submit_with("RAPTORS-MOS4", "SEN", {"THR-POISON-01": "yes"}, month=5)
    submit_with("CMS-COP15", "FRA", {"THR-POISON-01": "no"}, month=6)


def shown(found: compare.Comparison) -> list[tuple]:
    return [
        (line.party_code, line.questionnaire_code, line.version, line.words, line.verdict)
        for line in found.lines
    ]


def test_a_country_with_different_answers_for_cms_and_raptors_is_flagged(ctx):
    question = bank.question_by_code("THR-POISON-01")
    assert compare.compare(question, query.EVERYTHING, PERIOD, "en").lines == []
    build_cms_and_raptors()

    found = compare.compare(question, query.EVERYTHING, PERIOD, "en")

    assert shown(found) == [
        ("FRA", "CMS-COP15", 1, "No", Verdict.ALONE),
        ("SEN", "CMS-COP15", 1, "Yes", Verdict.SAME),
        ("SEN", "RAPTORS-MOS4", 1, "Yes", Verdict.SAME),
        ("ESP", "CMS-COP15", 1, "Yes", Verdict.DIFFERENT),
        ("ESP", "RAPTORS-MOS4", 1, "No", Verdict.DIFFERENT),
    ]
    assert (found.countries, found.compared, found.different) == (3, 2, 1)
    assert found.incompatible == [] and not found.loop and not found.texts
    only = compare.compare(question, query.EVERYTHING, PERIOD, "en", only_different=True)
    assert [line.party_code for line in only.lines] == ["ESP", "ESP"]

    table = compare.compare_table(found)
    assert [c.label for c in table.columns] == [
        "ISO code",
        "Country or organisation",
        "Instrument",
        "Questionnaire",
        "Version",
        "Submitted",
        "Answer",
        "Different answers",
        "Note",
    ]
    assert table.note == (
        "Countries with different answers for different instruments: 1; countries whose "
        "answers could be compared: 2; countries with an answer in the period: 3."
    )
    assert [row[:5] + row[6:] for row in table.rows] == [
        ["FRA", "France", "CMS", "CMS-COP15", 1, "No", "", ""],
        ["SEN", "Senegal", "CMS", "CMS-COP15", 1, "Yes", "", SAME],
        ["SEN", "Senegal", "RAPTORS", "RAPTORS-MOS4", 1, "Yes", "", SAME],
        ["ESP", "Spain", "CMS", "CMS-COP15", 1, "Yes", "Different answers", ""],
        ["ESP", "Spain", "RAPTORS", "RAPTORS-MOS4", 1, "No", "Different answers", ""],
    ]  # fmt: skip


def test_the_latest_submission_in_the_period_counts_for_each_instrument(ctx):
    question = bank.question_by_code("THR-POISON-01")
    build_cms_and_raptors()
    # Spain answers again for Raptors, now as for CMS, later in the year: no longer flagged
    submit_with("RAPTORS-MOS4", "ESP", {"THR-POISON-01": "yes"}, month=9)
    found = compare.compare(question, query.EVERYTHING, PERIOD, "en")
    assert found.different == 0
    assert ("ESP", "RAPTORS-MOS4", 1, "Yes", Verdict.SAME) in shown(found)
    # a period before Spain's second submission: its first one (superseded since) is not read
    earlier = compare.compare(question, query.EVERYTHING, Period(YEAR - 1, YEAR - 1), "en")
    assert earlier.lines == []


def test_incompatible_versions_are_shown_but_not_flagged(ctx):
    """SPEC-PROT-01 is a yes/no question in version 1 and a single choice in version 2:
    Germany's version-1 answer (Great Bustard MoU) and its version-2 answers (CMS, AEWA)."""
    q1 = great_bustard("MOS1", 1, [("SPEC-PROT-01", 1)])
    submit_with(q1.code, "DEU", {"SPEC-PROT-01": "yes"}, month=2)
    submit_with("CMS-COP15", "DEU", {"SPEC-PROT-01": "not-prohibited"}, month=3)
    submit_with("RAPTORS-MOS4", "ESP", {"SPEC-PROT-01": "all-species"}, month=3)
    submit_with("CMS-COP15", "ESP", {"SPEC-PROT-01": "some-species"}, month=4)

    found = compare.compare(bank.question_by_code("SPEC-PROT-01"), query.EVERYTHING, PERIOD, "en")

    by_party = {(line.party_code, line.instrument_code): line for line in found.lines}
    assert by_party[("DEU", "GREAT-BUSTARD")].words == "Yes"
    assert by_party[("DEU", "GREAT-BUSTARD")].verdict == Verdict.INCOMPATIBLE
    assert by_party[("DEU", "CMS")].words == label("SPEC-PROT-01", "not-prohibited")
    assert by_party[("DEU", "CMS")].verdict == Verdict.INCOMPATIBLE
    # the same code still flags where the versions agree
    assert by_party[("ESP", "CMS")].verdict == Verdict.DIFFERENT
    assert by_party[("ESP", "RAPTORS")].verdict == Verdict.DIFFERENT
    assert (found.compared, found.different) == (1, 1)
    assert found.incompatible == [(1, 2)]
    assert [number for number, _type in found.versions] == [1, 2]
    rows = {(r[0], r[2]): r for r in compare.compare_table(found).rows}
    assert rows[("DEU", "CMS")][-2:] == [
        "",
        "Not compared: the versions of the question are not compatible.",
    ]


def test_numbers_are_compared_by_value_not_by_how_they_were_written(ctx):
    q1 = great_bustard("MOS1", 1, [("HAB-PA-02", None)])
    submit_with(q1.code, "DEU", {"HAB-PA-02": "12"}, month=2)
    submit_with("CMS-COP15", "DEU", {"HAB-PA-01": "yes", "HAB-PA-02": "12.0"}, month=3)
    submit_with(q1.code, "HUN", {"HAB-PA-02": "12"}, month=2)
    submit_with("CMS-COP15", "HUN", {"HAB-PA-01": "yes", "HAB-PA-02": "12.5"}, month=3)

    found = compare.compare(bank.question_by_code("HAB-PA-02"), query.EVERYTHING, PERIOD, "en")

    assert [(line.party_code, line.instrument_code, line.verdict) for line in found.lines] == [
        ("DEU", "CMS", Verdict.SAME),
        ("DEU", "GREAT-BUSTARD", Verdict.SAME),
        ("HUN", "CMS", Verdict.DIFFERENT),
        ("HUN", "GREAT-BUSTARD", Verdict.DIFFERENT),
    ]


def test_the_compare_page_flags_with_a_badge_and_its_download_is_the_table(client, auth, app):
    with app.app_context():
        build_cms_and_raptors()
        db.session.commit()
    auth.login(ANALYST)
    url = f"/analysis/compare?code=thr-poison-01&from={YEAR}&to={YEAR}"
    page = client.get(url)
    assert page.status_code == 200
    assert page.text.count('<span class="badge text-bg-warning">Different answers</span>') == 2
    assert f"Answers submitted from {YEAR} to {YEAR}." in page.text
    data = client.get(url + "&table=compare&format=csv")
    assert data.status_code == 200 and data.mimetype == "text/csv"
    with app.test_request_context():
        found = compare.compare(
            bank.question_by_code("THR-POISON-01"), query.EVERYTHING, PERIOD, "en"
        )
        table = compare.compare_table(found)
        assert data.data == tables.csv_bytes(table)
    rows = csv_rows(data.data)
    assert [r[0] for r in rows[1:]] == ["FRA", "SEN", "SEN", "ESP", "ESP"]
    assert [r[7] for r in rows[1:]] == ["", "", "", "Different answers", "Different answers"]
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(url + "&table=compare&format=xlsx").data), read_only=True
    )
    sheet = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert sheet[1][:2] == ["ISO code", "Country or organisation"]
    assert [r[0] for r in sheet[2:7]] == ["FRA", "SEN", "SEN", "ESP", "ESP"]
    assert [r[7] for r in sheet[2:7]] == ["", "", "", "Different answers", "Different answers"]
    only = client.get(url + "&only=different")
    assert "France" not in only.text and only.text.count("Different answers</span>") == 2


def test_the_default_period_is_the_last_three_calendar_years(client, auth):
    today = date(2026, 3, 1)
    assert compare.default_period(today) == Period(2024, 2026, default=True)
    auth.login(ANALYST)
    page = client.get("/analysis/compare?code=THR-POISON-01")
    year = date.today().year
    assert (
        f"Answers submitted from {year - 2} to {year}: by default, the last three calendar "
        "years up to today." in page.text
    )


def test_the_question_picker_lists_questions_of_two_questionnaires_by_text(ctx):
    choices = compare.question_choices(query.EVERYTHING, "en")
    codes = [code for code, _text in choices]
    assert "THR-POISON-01" in codes and "SPEC-PROT-01" in codes
    # asked by CMS-COP15 only
    assert "THR-CLIMATE-01" not in codes
    texts = [text for _code, text in choices]
    assert texts == sorted(texts, key=lambda t: sort_key(t, "en"))


def aewa_analyst(app) -> None:
    with app.app_context():
        analyst = auth_services.create_user(
            "aewa.analyst@demo.test", "Ana Lyst", password="a-long-password"
        )
        auth_services.grant_role(
            analyst,
            auth_services.GrantScope(Role.ANALYST, directory.instrument_by_code("AEWA")),
        )
        submit_with("AEWA-MOP9", "ESP", {"THR-POISON-01": "no"}, month=2)
        submit_with("CMS-COP15", "ESP", {"THR-POISON-01": "yes"}, month=3)
        db.session.commit()


def test_an_aewa_analyst_sees_no_cms_data(client, auth, app):
    aewa_analyst(app)
    auth.login(ANALYST)
    url = f"/analysis/compare?code=THR-POISON-01&from={YEAR}&to={YEAR}"
    everything = client.get(url).text
    assert "CMS-COP15" in everything and "AEWA-MOP9" in everything
    assert "Different answers</span>" in everything
    auth.logout()

    auth.login("aewa.analyst@demo.test", "a-long-password")
    page = client.get(url)
    assert page.status_code == 200
    assert "AEWA-MOP9" in page.text and "Spain" in page.text
    assert "CMS-COP15" not in page.text and "CMS-COP14" not in page.text
    assert "Different answers</span>" not in page.text
    rows = csv_rows(client.get(url + "&table=compare&format=csv").data)
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [("ESP", "AEWA", "AEWA-MOP9")]
    # one questionnaire: no question is asked by two of them
    index = client.get("/analysis/").text
    assert "No bank question is asked by two questionnaires you analyse." in index
    assert 'value="THR-POISON-01"' not in index
    target = client.get("/analysis/targets?tag=spms:2.2").text
    assert 'data-questionnaire="AEWA-MOP9"' in target and "CMS-" not in target
    assert client.get("/analysis/CMS-COP15/trends").status_code == 404
    assert client.get("/analysis/compare?code=THR-CLIMATE-01").status_code == 400


def test_confidential_items_reach_only_the_scopes_that_read_them(ctx):
    """Raptors asks THR-POISON-01 as a confidential item here: an analyst (every instrument,
    no confidential item) reads the CMS answers only; its secretariat reads its own."""
    build_cms_and_raptors()
    raptors = questionnaires.questionnaire_by_code("RAPTORS-MOS4")
    node_of(raptors, "THR-POISON-01").confidential = True
    db.session.flush()
    question = bank.question_by_code("THR-POISON-01")
    analyst = query.Scope(None, frozenset())
    secretariat = query.Scope(
        frozenset({raptors.instrument_id}), frozenset({raptors.instrument_id})
    )

    seen = compare.compare(question, analyst, PERIOD, "en")
    assert {line.instrument_code for line in seen.lines} == {"CMS"}
    assert seen.different == 0
    assert {
        line.instrument_code for line in compare.compare(question, secretariat, PERIOD, "en").lines
    } == {"RAPTORS"}
    assert (
        compare.used_codes(analyst)["THR-POISON-01"]
        == compare.used_codes(query.EVERYTHING)["THR-POISON-01"] - 1
    )

    def read_by(scope):
        found = targets.target_results(targets.target_of("spms:2.2"), scope, "en")
        return {
            asked.questionnaire.code: {asked.codes[i.node_id] for i in asked.results.items}
            for asked in found.asked
        }

    assert "THR-POISON-01" in read_by(query.EVERYTHING)["RAPTORS-MOS4"]
    assert "THR-POISON-01" not in read_by(analyst).get("RAPTORS-MOS4", set())


# --- by target ------------------------------------------------------------------------------------


def tagged_items(tag_matches) -> dict[str, set[str]]:
    """Questionnaire code → the numbers of its items whose bank question carries the tag, for
    the cycle a target page reads per instrument (computed here from the models)."""
    found: dict[str, set[str]] = {}
    chosen = {}
    for q in db.session.scalars(
        sa.select(Questionnaire).where(Questionnaire.status != Status.DRAFT.value)
    ):
        has = db.session.scalar(
            sa.select(sa.func.count(Submission.id))
            .join(Report, Report.id == Submission.report_id)
            .where(Report.questionnaire_id == q.id)
        )
        rank = (bool(has), q.cycle_order)
        if q.instrument_id not in chosen or rank > chosen[q.instrument_id][0]:
            chosen[q.instrument_id] = (rank, q)
    for _rank, q in chosen.values():
        numbers = {
            node.number
            for node, tags in db.session.execute(
                sa.select(Node, BankQuestion.tags)
                .join(BankVersion, BankVersion.id == Node.bank_version_id)
                .join(BankQuestion, BankQuestion.id == BankVersion.question_id)
                .where(Node.questionnaire_id == q.id)
            )
            if tag_matches(tags)
        }
        if numbers:
            found[q.code] = numbers
    return found


def test_a_target_page_lists_the_tagged_questions_of_every_instrument(client, auth, app):
    with app.app_context():
        expected = tagged_items(lambda tags: "spms:2.2" in tags)
        goal = tagged_items(lambda tags: any(t.startswith("spms:2.") for t in tags))
    assert {"AEWA-MOP9", "RAPTORS-MOS4"} <= set(expected)
    assert any(code.startswith("CMS-") for code in expected)
    auth.login(ANALYST)
    for tag, wanted in (("spms:2.2", expected), ("spms:2", goal)):
        page = client.get(f"/analysis/targets?tag={tag}")
        assert page.status_code == 200
        sections = {
            chunk.split('"')[0]: set(re.findall(r'data-item="([^"]+)"', chunk))
            for chunk in page.text.split('data-questionnaire="')[1:]
        }
        assert sections == wanted, tag


def test_target_results_are_the_results_of_the_tagged_items(ctx):
    found = targets.target_results(targets.target_of("spms:2.2"), query.EVERYTHING, "en")
    chosen = cycles.latest_per_instrument(cycles.analysed(query.EVERYTHING))
    read = [a.questionnaire.code for a in found.asked] + [q.code for q in found.silent]
    assert sorted(read) == sorted(q.code for q in chosen)
    for asked in found.asked:
        assert set(asked.codes.values()) >= {"THR-POISON-01"}
        for item in asked.results.items:
            assert "spms:2.2" in bank.question_by_code(asked.codes[item.node_id]).tags
    every = targets.target_results(
        targets.target_of("spms:2.2"), query.EVERYTHING, "en", all_cycles=True
    )
    assert {"CMS-COP14", "CMS-COP15"} <= {a.questionnaire.code for a in every.asked}


def test_the_tag_picker_lists_the_targets_in_use_with_their_goals(ctx):
    choices = dict(targets.tag_choices(query.EVERYTHING, "en"))
    assert list(choices) == [
        "Strategic Plan for Migratory Species 2024–2032",
        "Kunming-Montreal Global Biodiversity Framework",
        "Sustainable Development Goals",
    ]
    spms = [tag for tag, _label in choices["Strategic Plan for Migratory Species 2024–2032"]]
    assert spms.index("spms:2") < spms.index("spms:2.1") < spms.index("spms:2.2")
    assert dict(choices["Kunming-Montreal Global Biodiversity Framework"])["gbf:3"].startswith(
        "Target 3"
    )
    assert not any(tag.startswith("theme:") for group in choices.values() for tag, _ in group)


# --- trends ---------------------------------------------------------------------------------------


def build_great_bustard_cycles():
    """Two cycles of the Great Bustard MoU. MOS1: Austria, Germany and Hungary; MOS2: Austria
    (THR-POISON-01 changed from yes to no) and Germany (COOP-MEA-01 changed)."""
    common = [("THR-POISON-01", None), ("COOP-MEA-01", None), ("HAB-PA-02", None)]
    q1 = great_bustard("MOS1", 1, [*common, ("SPEC-PROT-01", 1), ("IMPL-PLAN-01", 1)])
    submit_with(
        q1.code,
        "AUT",
        {"THR-POISON-01": "yes", "COOP-MEA-01": ["cbd", "ramsar"], "HAB-PA-02": "10"},
    )
    submit_with(q1.code, "DEU", {"THR-POISON-01": "no", "COOP-MEA-01": ["cbd"], "HAB-PA-02": "20"})
    submit_with(q1.code, "HUN", {"THR-POISON-01": "yes", "COOP-MEA-01": NO_INFO, "HAB-PA-02": "30"})
    questionnaires.close(q1)
    q2 = great_bustard(
        "MOS2",
        2,
        [*common, ("SPEC-PROT-01", 2), ("IMPL-PLAN-01", 2), ("THR-WIND-01", None), "GB-PLAN-01"],
    )
    submit_with(
        q2.code, "AUT", {"THR-POISON-01": "no", "COOP-MEA-01": ["ramsar", "cbd"], "HAB-PA-02": "15"}
    )
    submit_with(
        q2.code, "DEU", {"THR-POISON-01": "no", "COOP-MEA-01": ["cbd", "bern"], "HAB-PA-02": "25"}
    )
    return q1, q2  # fmt: skip


def test_change_per_choice_and_changed_countries_by_hand(ctx):
    q1, q2 = build_great_bustard_cycles()
    assert cycles.previous(q2) == q1 and cycles.previous(q1) is None

    found = trends.trends(q2, query.EVERYTHING, "en")

    assert (found.owed_then, found.submitted_then, found.owed_now, found.submitted_now) == (
        13,
        3,
        13,
        2,
    )
    by_code = {trend.code: trend for trend in found.items}
    assert list(by_code) == ["THR-POISON-01", "COOP-MEA-01", "HAB-PA-02"]

    poison = by_code["THR-POISON-01"]
    assert [
        (c.key, c.then.count, c.then.of, c.now.count, c.now.of, c.points) for c in poison.changes
    ] == [("yes", 2, 3, 0, 2, -66.7), ("no", 1, 3, 2, 2, 66.7)]
    assert [(c.party_code, c.then, c.now) for c in poison.changed] == [("AUT", "Yes", "No")]
    table = trends.change_table(found, poison)
    assert table.rows == [["Yes", 2, 66.7, 0, 0.0, -66.7], ["No", 1, 33.3, 2, 100.0, 66.7]]
    assert table.chart_columns == (0, 2, 4) and table.chart_percent
    assert table.note == (
        "MOS1: 3 answered, of 3 that submitted, of 13 that owed the report. "
        "MOS2: 2 answered, of 2 that submitted, of 13 that owed the report."
    )

    mea = by_code["COOP-MEA-01"]
    points = {
        c.key: (c.then.count, c.then.of, c.now.count, c.now.of, c.points) for c in mea.changes
    }
    # Hungary said "no information": not among those that answered
    assert points["cbd"] == (2, 2, 2, 2, 0.0)
    assert points["ramsar"] == (1, 2, 1, 2, 0.0)
    assert points["bern"] == (0, 2, 1, 2, 50.0)
    cbd, bern = label("COOP-MEA-01", "cbd"), label("COOP-MEA-01", "bern")
    # Austria chose the same two in another order: unchanged
    assert [(c.party_code, c.then, c.now) for c in mea.changed] == [
        ("DEU", cbd, f"{cbd} and {bern}")
    ]
    assert trends.changed_table(found, mea).rows == [["DEU", "Germany", cbd, f"{cbd} and {bern}"]]

    share = trends.number_table(found, by_code["HAB-PA-02"])
    assert share.rows == [["MOS1", 3, 10, 20, 20, 30, 60], ["MOS2", 2, 15, 20, 20, 25, 40]]

    reasons = {(u.code, u.reason) for u in found.unmatched}
    assert reasons == {
        ("SPEC-PROT-01", "Version 1 then and version 2 now are not compatible."),
        ("IMPL-PLAN-01", "Version 1 then and version 2 now are not compatible."),
        ("THR-WIND-01", "New in this cycle."),
        ("GB-PLAN-01", "A question of this questionnaire only: not matched."),
    }


def test_the_trends_page_and_its_downloads(client, auth, app):
    with app.app_context():
        _q1, q2 = build_great_bustard_cycles()
        db.session.commit()
        poison = node_of(q2, "THR-POISON-01").id
    auth.login(ANALYST)
    url = "/analysis/GREAT-BUSTARD-MOS2/trends"
    page = client.get(url)
    assert page.status_code == 200
    assert 'aria-current="page" href="/analysis/GREAT-BUSTARD-MOS2/trends">Trends</a>' in page.text
    assert "−66.7 pp" in page.text or "-66.7 pp" in page.text
    assert "+66.7 pp" in page.text
    assert page.text.count('data-code="') == 3
    rows = csv_rows(client.get(f"{url}?table=trend-{poison}&format=csv").data)
    assert rows == [
        [
            "Answer",
            "MOS1: countries",
            "MOS1: % of those that answered",
            "MOS2: countries",
            "MOS2: % of those that answered",
            "Difference (percentage points)",
        ],
        ["Yes", "2", "66.7", "0", "0.0", "-66.7"],
        ["No", "1", "33.3", "2", "100.0", "66.7"],
    ]
    changed = csv_rows(client.get(f"{url}?table=trend-{poison}-changed&format=csv").data)
    assert changed[1:] == [["AUT", "Austria", "Yes", "No"]]
    unmatched = csv_rows(client.get(f"{url}?table=unmatched&format=csv").data)
    assert {r[2] for r in unmatched[1:]} == {
        "SPEC-PROT-01",
        "IMPL-PLAN-01",
        "THR-WIND-01",
        "GB-PLAN-01",
    }
    chart = client.get(f"{url}?chart=trend-{poison}")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert "MOS1: % of those that answered" in chart.text


def test_no_previous_cycle_is_a_sentence(client, auth):
    auth.login(ANALYST)
    for code in ("CMS-COP14", "AEWA-MOP9"):
        page = client.get(f"/analysis/{code}/trends")
        assert page.status_code == 200
        assert "There is no previous cycle of this instrument" in page.text


def snapshot_counts(questionnaire: Questionnaire, code: str) -> dict[str, int]:
    """Key → reports whose latest submission chose it, read from the submissions' snapshots
    (not from the tidy relation the pages read)."""
    node = node_of(questionnaire, code)
    counts: dict[str, int] = {"answered": 0}
    reports = db.session.scalars(
        sa.select(Report).where(Report.questionnaire_id == questionnaire.id)
    )
    for report in reports:
        latest = sub.latest_submission(report)
        if latest is None:
            continue
        for entry in latest.snapshot["answers"]:
            if entry["node_id"] == node.id and not entry["loop_key"]:
                if entry["hidden"] or entry["value"] is None:
                    continue
                counts["answered"] += 1
                counts[entry["value"]] = counts.get(entry["value"], 0) + 1
    return counts


def test_cms_cop15_against_cop14(ctx):
    """France changes its COP14 answer to THR-POISON-01 in COP15, Senegal keeps its own."""
    cop14 = questionnaires.questionnaire_by_code("CMS-COP14")
    cop15 = questionnaires.questionnaire_by_code("CMS-COP15")
    before = {}
    for party in ("FRA", "SEN"):
        row = db.session.scalar(
            sa.select(SubmittedAnswer).where(
                SubmittedAnswer.report_id == report_of("CMS-COP14", party).id,
                SubmittedAnswer.latest,
                SubmittedAnswer.item_code == "THR-POISON-01",
            )
        )
        before[party] = row.value_text if row and not row.hidden and row.value_text else NO_INFO
    opposite = {"yes": "no", "no": "yes"}.get(before["FRA"], "yes")
    submit_with("CMS-COP15", "FRA", {"THR-POISON-01": opposite})
    submit_with("CMS-COP15", "SEN", {"THR-POISON-01": before["SEN"]})

    found = trends.trends(cop15, query.EVERYTHING, "en")
    assert found.previous == cop14
    poison = next(t for t in found.items if t.code == "THR-POISON-01")
    words = {"yes": "Yes", "no": "No", NO_INFO: "No information available"}
    changed = {c.party_code: (c.then, c.now) for c in poison.changed}
    assert changed["FRA"] == (words[before["FRA"]], words[opposite])
    assert "SEN" not in changed
    then, now = snapshot_counts(cop14, "THR-POISON-01"), snapshot_counts(cop15, "THR-POISON-01")
    for change in poison.changes:
        assert (change.then.count, change.then.of) == (then.get(change.key, 0), then["answered"])
        assert (change.now.count, change.now.of) == (now.get(change.key, 0), now["answered"])
        exact = (
            100 * now.get(change.key, 0) / now["answered"]
            - 100 * then.get(change.key, 0) / then["answered"]
        )
        assert change.points == round(exact, 1)
    incompatible = {u.code for u in found.unmatched if "not compatible" in u.reason}
    assert incompatible == {"SPEC-PROT-01", "IMPL-PLAN-01"}


# --- refused arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/analysis/compare?code=NOPE-01", NOT_ASKED),
        ("/analysis/compare?code=" + "X" * 5000, NOT_ASKED),
        (COMPARE + "&from=abc", BAD_YEAR),
        (COMPARE + "&from=1800", BAD_YEAR),
        (COMPARE + "&to=99999999999999999999", BAD_YEAR),
        (COMPARE + "&from=٢٠٢٤", BAD_YEAR),
        (COMPARE + "&from=2026&to=2024", "The first year of the period comes after its last year."),
        (COMPARE + "&only=all", "This choice of answers to show does not exist."),
        ("/analysis/targets?tag=nope", "This target is not one of the list."),
        ("/analysis/targets?tag=theme:poisoning", "This target is not one of the list."),
        ("/analysis/targets?tag=spms:9", "This target is not one of the list."),
        ("/analysis/targets?tag=gbf:3&cycles=some", "This choice of cycles does not exist."),
    ],
)  # fmt: skip
def test_bad_arguments_are_a_translated_400(client, auth, url, message):
    auth.login(ANALYST)
    page = client.get(url)
    assert page.status_code == 400
    assert message in page.text


def test_refusals_speak_the_readers_language(client, auth):
    auth.login(ANALYST)
    page = client.get("/analysis/targets?tag=nope", headers={"Accept-Language": "fr"})
    assert page.status_code == 400 and 'lang="fr"' in page.text


@pytest.mark.parametrize(
    ("email", "url", "status"),
    [
        ("fp.fra@demo.test", "/analysis/compare", 403),
        ("fp.fra@demo.test", "/analysis/targets?tag=gbf:3", 403),
        ("fp.fra@demo.test", "/analysis/CMS-COP15/trends", 403),
        ("aewa.secretariat@demo.test", "/analysis/compare", 200),
        ("aewa.secretariat@demo.test", "/analysis/CMS-COP15/trends", 404),
        ("cms.secretariat@demo.test", "/analysis/CMS-COP15/trends", 200),
        (ANALYST, "/analysis/compare?code=THR-POISON-01&table=nope&format=csv", 404),
        (ANALYST, "/analysis/compare?table=compare&format=csv", 404),
    ],
)
def test_who_reaches_the_pages(client, auth, email, url, status):
    auth.login(email)
    assert client.get(url).status_code == status


def test_pages_are_for_signed_in_readers(client):
    for url in ("/analysis/compare", "/analysis/targets", "/analysis/CMS-COP15/trends"):
        assert client.get(url).status_code == 302
