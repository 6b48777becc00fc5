"""The analysis files, opened back and checked cell by cell: the long CSV of CMS-COP14 (a BOM,
the issue's columns, one row per answer cell, the same rows in every language, each value as
the tidy relation holds it), the same rows as XLSX written by an export job, the wide workbook
and its description sheet, texts that a spreadsheet would run neutralised, the CLI's files equal
to the downloads; the job queue (in-process threads, and RQ on a real Redis when one can be
started); filters refused with a 400; the policy (instruments, confidential items, owners)."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from datetime import timedelta

import openpyxl
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.analysis import exports, jobs, query, wide
from app.analysis.models import ExportJob, JobKind
from app.answers.types import AnswerType
from app.auth import services as auth_services
from app.auth.models import Role
from app.directory import services as directory
from app.directory.models import Party
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Node
from app.reporting import saving, services
from app.reporting import submission as sub
from app.reporting.models import SubmittedAnswer
from app.utils import utcnow
from tests.conftest import PASSWORD, run_worker
from tests.reporting_helpers import make_ready
from tests.test_reporting import ANALYST, CMS_SEC, FP_FRA, report_of, user

ADMIN = "admin@demo.test"
AEWA_ANALYST = "aewa.analyst@test.example"
BOM = b"\xef\xbb\xbf"
NO_CHOICE = "This answer filter does not match a choice of this questionnaire."
LANGS = ("en", "fr", "es")
# columns whose content does not depend on the language
SAME_IN_EVERY_LANGUAGE = [
    name
    for name in exports.COLUMNS
    if name
    not in {
        "country_name",
        "region",
        "membership_status",
        "report_status",
        "section",
        "question",
        "value_label",
        "loop_label",
    }
]


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    """Each test's job files in a folder of its own, gone with it."""
    folder = tmp_path / "exports"
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(folder))
    return folder


# --- helpers --------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def read_xlsx(data, sheet: str = "answers") -> list[list]:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    book = openpyxl.load_workbook(source, read_only=True)
    rows = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    book.close()
    width = max(len(row) for row in rows)
    return [row + [None] * (width - len(row)) for row in rows]


def same_cell(text: str, value) -> bool:
    """A CSV cell and an XLSX cell say the same."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, int | float):
        return float(text) == float(value)
    return text == value


def expected_text(value) -> str:
    """A value of the tidy relation as the CSV must write it (worked out here, not by the
    code under test)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_of(client, code: str = "CMS-COP14", **args) -> list[list[str]]:
    response = client.get(f"/analysis/{code}/export/answers.csv", query_string=args)
    assert response.status_code == 200, response.status_code
    return read_csv(response.data)


def start_job(client, code: str = "CMS-COP14", **form) -> str:
    response = client.post(f"/analysis/{code}/export", data=form)
    assert response.status_code == 303, response.status_code
    assert jobs.wait_for_local_jobs(120)
    return response.headers["Location"].rsplit("/", 1)[-1]


def download(client, url: str):
    """A finished download (its file closed), for its headers and bytes."""
    response = client.get(url)
    response.get_data()  # read, then close the file it was read from
    response.close()
    return response


def column(rows: list[list[str]], name: str) -> list[str]:
    at = rows[0].index(name)
    return [row[at] for row in rows[1:]]


def tidy_rows(code: str, readable_only: bool = True):
    """The latest rows of the tidy relation for `code`, in the export's order."""
    questionnaire = questionnaires.questionnaire_by_code(code)
    stmt = (
        sa.select(SubmittedAnswer, Party.code, Node.number)
        .join(Party, Party.id == SubmittedAnswer.party_id)
        .join(Node, Node.id == SubmittedAnswer.node_id)
        .where(SubmittedAnswer.questionnaire_id == questionnaire.id, SubmittedAnswer.latest)
        .order_by(Party.code, SubmittedAnswer.submission_id, SubmittedAnswer.id)
    )
    if readable_only:
        stmt = stmt.where(sa.not_(Node.confidential))
    return db.session.execute(stmt).all()


@pytest.fixture
def aewa_analyst(app, database):
    with app.app_context():
        analyst = auth_services.create_user(AEWA_ANALYST, "Ana Lyste", PASSWORD, "fr")
        auth_services.grant_role(
            analyst,
            auth_services.GrantScope(Role.ANALYST, directory.instrument_by_code("AEWA")),
        )
        db.session.commit()
    return AEWA_ANALYST


# --- the long CSV ---------------------------------------------------------------------------


def test_the_long_csv_has_one_row_per_answer_cell_the_same_in_every_language(app, client, auth):
    auth.login(ANALYST)
    response = client.get("/analysis/CMS-COP14/export/answers.csv?lang=fr")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["Content-Disposition"] == "attachment; filename=CMS-COP14-answers-fr.csv"
    )
    assert response.data.startswith(BOM)
    by_lang = {lang: csv_of(client, lang=lang) for lang in LANGS}
    header = by_lang["en"][0]
    assert tuple(header[: len(exports.LONG_COLUMNS)]) == exports.LONG_COLUMNS
    assert tuple(header) == exports.LONG_COLUMNS + exports.EXTRA_COLUMNS

    with app.app_context():
        tidy = tidy_rows("CMS-COP14")
    rows = by_lang["en"][1:]
    assert len(rows) == len(tidy) > 3000
    keys = [
        (r[3], r[10], r[14], r[15], r[16]) for r in rows
    ]  # country, item, loop key, cell, value
    assert len(set(keys)) == len(keys)

    at = {name: header.index(name) for name in header}
    for row, (answer, party_code, number) in zip(rows, tidy, strict=True):
        assert row[at["country_iso3"]] == party_code
        assert row[at["item_number"]] == number
        assert row[at["loop_key"]] == answer.loop_key
        assert row[at["cell"]] == answer.cell
        assert row[at["value"]] == expected_text(answer.value)
        assert row[at["no_information"]] == expected_text(answer.no_info)
        assert row[at["hidden"]] == expected_text(answer.hidden)
        assert row[at["comment"]] == expected_text(answer.comment)
        assert row[at["reused_from"]] == answer.reused_from
        assert row[at["other_text"]] == expected_text(answer.other)
        assert row[at["bank_code"]] == (answer.bank_code or "")
        assert row[at["instrument"]] == "CMS" and row[at["questionnaire"]] == "CMS-COP14"

    for lang in ("fr", "es"):
        other = by_lang[lang]
        assert len(other) == len(by_lang["en"])
        for name in SAME_IN_EVERY_LANGUAGE:
            assert column(other, name) == column(by_lang["en"], name), (lang, name)
        for name in ("question", "section", "country_name", "value_label"):
            assert column(other, name) != column(by_lang["en"], name), (lang, name)
    # labels come from the answer-type registry, in the reader's language
    yes = [r for r in by_lang["fr"][1:] if r[at["answer_type"]] == "yes_no" and r[16] == "yes"]
    assert yes and {r[at["value_label"]] for r in yes} == {"Oui"}
    looped = [r for r in by_lang["es"][1:] if r[at["loop_key"]] == "aquila_heliaca"]
    assert looped and {r[at["loop_label"]] for r in looped} == {
        "Águila imperial oriental (Aquila heliaca)"
    }


def test_filters_narrow_the_rows(app, client, auth):
    auth.login(ANALYST)
    everything = csv_of(client)
    africa = csv_of(client, region="africa", lang="en")
    regions = set(column(africa, "region"))
    assert regions == {"Africa"} and 1 < len(africa) < len(everything)
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        yes_no = next(
            n for n in q.nodes if n.effective_type == AnswerType.YES_NO and n.number == "2.1"
        )
        node_id, number = yes_no.id, yes_no.number
    said_yes = csv_of(client, answered=f"{node_id}:yes")
    countries = set(column(said_yes, "country_iso3"))
    answers = [(r[3], r[16]) for r in everything[1:] if r[10] == number and r[14] == ""]
    assert countries == {country for country, value in answers if value == "yes"}
    both = csv_of(client, answered=f"{node_id}:yes", region="africa")
    assert set(column(both, "country_iso3")) == countries & set(column(africa, "country_iso3"))


@pytest.mark.parametrize(
    "args, message",
    [
        ({"region": "mars"}, "This region does not exist."),
        ({"membership": "emperor"}, "This membership status does not exist."),
        ({"status": "lost"}, "This report status does not exist."),
        (
            {"answered": "99999999999:yes"},
            NO_CHOICE,
        ),
        ({"answered": "abc"}, NO_CHOICE),
        (
            {"answered": "1:yes"},
            NO_CHOICE,
        ),
        ({"lang": "de"}, "“de” is not a language of this site."),
    ],
)
def test_filters_that_cannot_be_read_are_a_400_that_says_why(client, auth, args, message):
    auth.login(ANALYST)
    for url in ("answers.csv", "status.csv", "status.xlsx"):
        response = client.get(f"/analysis/CMS-COP14/export/{url}", query_string=args)
        assert response.status_code == 400, url
        assert message in response.text, url
    response = client.post("/analysis/CMS-COP14/export", data={"kind": "long", **args})
    assert response.status_code == 400 and message in response.text


def test_filters_on_a_question_that_is_no_choice_or_a_key_it_lacks(app, client, auth):
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        text_id = next(n.id for n in q.nodes if n.effective_type == AnswerType.SHORT_TEXT)
        yes_no_id = next(n.id for n in q.nodes if n.effective_type == AnswerType.YES_NO)
    auth.login(ANALYST)
    for answered in (f"{text_id}:yes", f"{yes_no_id}:maybe"):
        response = client.get(f"/analysis/CMS-COP14/export/answers.csv?answered={answered}")
        assert response.status_code == 400
        assert NO_CHOICE in response.text
    response = client.post("/analysis/CMS-COP14/export", data={"kind": "pie"})
    assert response.status_code == 400 and "“pie” is not a kind of export." in response.text


def test_formula_like_answers_are_neutralised_in_csv_and_xlsx(app, client, auth, runner, tmp_path):
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        filled = services.fill(report, "fr")
        short = next(
            i
            for i in filled.rendered.items()
            if i.visible and not i.loop_key and i.node.effective_type == AnswerType.SHORT_TEXT
        )
        long = next(
            i
            for i in filled.rendered.items()
            if i.visible and not i.loop_key and i.node.effective_type == AnswerType.LONG_TEXT
        )
        for item, text in ((short, "=SUM(A1)"), (long, "@cmd")):
            filled = services.fill(report, "fr")
            answer = filled.answer(item)
            saving.save_answer(
                filled,
                item.node,
                "",
                saving.Change(raw=text, raw_given=True),
                expected_version=answer.version if answer else 0,
                user=user(FP_FRA),
                locale="fr",
            )
        make_ready(report, user(FP_FRA))
        sub.submit(report, user(FP_FRA), "fr", notify=False)
        db.session.commit()
        numbers = {short.node.number: "'=SUM(A1)", long.node.number: "'@cmd"}

    auth.login(ANALYST)
    rows = csv_of(client, "CMS-COP15")
    fra = {r[10]: r for r in rows[1:] if r[3] == "FRA" and r[10] in numbers}
    for number, text in numbers.items():
        assert fra[number][16] == text and fra[number][17] == text

    output = tmp_path / "cop15.xlsx"
    result = runner.invoke(
        args=["export", "answers", "--questionnaire", "CMS-COP15", "--format", "xlsx",
              "--output", str(output)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(output)  # not read-only: each cell's type is read
    sheet = book["answers"]
    found = {}
    for line in sheet.iter_rows(min_row=2):
        if line[3].value == "FRA" and line[10].value in numbers:
            found[line[10].value] = (line[16], line[17])
    for number, text in numbers.items():
        for cell in found[number]:
            assert cell.value == text and cell.data_type == "s"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_neutralise_touches_texts_only():
    for text in ("=1+1", "+33 1 23", "-5 birds", "@cmd", "\tx", "\rx"):
        assert exports.neutralise(text) == "'" + text
        assert exports.csv_cell(text) == "'" + text
    assert exports.neutralise("Réponse = oui") == "Réponse = oui"
    assert exports.csv_cell(-5) == "-5" and exports.csv_cell(-0.5) == "-0.5"
    assert exports.csv_cell(True) == "true" and exports.csv_cell(None) == ""


# --- XLSX through the job queue (threads of the web process) --------------------------------


def test_a_long_xlsx_job_writes_the_rows_of_the_csv(app, client, auth):
    auth.login(ANALYST)
    rows = csv_of(client, lang="fr")
    token = start_job(client, kind="long", format="xlsx", lang="fr")
    state = client.get(f"/analysis/jobs/{token}.json").get_json()
    assert state["status"] == "done" and state["finished"] is True
    assert state["done"] == state["total"] == len(rows) - 1
    assert state["sentence"] == f"{len(rows) - 1:,} of about {len(rows) - 1:,} rows written."
    page = client.get(f"/analysis/jobs/{token}")
    assert page.status_code == 200
    assert "<progress" in page.text and f"/analysis/jobs/{token}/file" in page.text
    response = download(client, f"/analysis/jobs/{token}/file")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("filename=CMS-COP14-answers-fr.xlsx")
    book = read_xlsx(response.data)
    assert len(book) == len(rows)
    for line, (text_row, xlsx_row) in enumerate(zip(rows, book, strict=True)):
        for at, (text, value) in enumerate(zip(text_row, xlsx_row, strict=True)):
            assert same_cell(text, value), (line, rows[0][at], text, value)


def test_a_csv_job_writes_the_file_the_download_streams(app, client, auth):
    auth.login(ANALYST)
    streamed = client.get("/analysis/CMS-COP14/export/answers.csv?lang=es&region=europe").data
    token = start_job(client, kind="long", format="csv", lang="es", region="europe")
    response = download(client, f"/analysis/jobs/{token}/file")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].endswith("filename=CMS-COP14-answers-es.csv")
    assert response.data == streamed
    refused = client.post("/analysis/CMS-COP14/export", data={"kind": "wide", "format": "csv"})
    assert refused.status_code == 400 and "XLSX only" in refused.text


def test_a_person_has_a_few_jobs_waiting_at_most(app, client, auth):
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        for _ in range(jobs.MAX_UNFINISHED):
            jobs.start(user(ANALYST), q, JobKind.LONG, "en", query.NO_FILTERS)
        db.session.commit()
    auth.login(ANALYST)
    response = client.post("/analysis/CMS-COP14/export", data={"kind": "long"})
    assert response.status_code == 429
    assert "3 of your exports are still being written" in response.text
    auth.logout()
    auth.login(CMS_SEC)  # the others' jobs do not count
    assert client.post("/analysis/CMS-COP14/export", data={"kind": "status"}).status_code == 303
    assert jobs.wait_for_local_jobs(60)


def test_a_job_is_its_owners_only(app, client, auth):
    auth.login(ANALYST)
    token = start_job(client, kind="status", lang="en")
    assert download(client, f"/analysis/jobs/{token}/file").status_code == 200
    auth.logout()
    assert client.get(f"/analysis/jobs/{token}").status_code == 302  # to sign in
    auth.login(CMS_SEC)  # reads CMS analyses, but this is not their job
    for url in ("", ".json", "/file"):
        assert client.get(f"/analysis/jobs/{token}{url}").status_code == 404, url
    assert client.get("/analysis/jobs/not-a-token").status_code == 404
    assert client.get("/analysis/jobs/" + "A" * 43).status_code == 404


def test_a_queued_job_shows_its_progress_page_and_runs_once(app, client, auth):
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        job = jobs.start(user(ANALYST), q, JobKind.WIDE, "es", query.NO_FILTERS)
        db.session.commit()
        token, job_id = job.token, job.id
    auth.login(ANALYST)
    page = client.get(f"/analysis/jobs/{token}")
    assert page.status_code == 200
    assert f'data-state-url="/analysis/jobs/{token}.json"' in page.text
    assert "js/export-job.js" in page.text and "<script>" not in page.text
    assert f'href="/analysis/jobs/{token}">Refresh</a>' in page.text
    state = client.get(f"/analysis/jobs/{token}.json").get_json()
    assert state["status"] == "queued" and state["finished"] is False
    assert state["sentence"] == "Waiting for a worker to start the export."
    with app.app_context():
        assert jobs.run(job_id) == "done"
        assert jobs.run(job_id) == "done"  # a second worker finds it taken
    response = download(client, f"/analysis/jobs/{token}/file")
    assert response.headers["Content-Disposition"].endswith("CMS-COP14-answers-wide-es.xlsx")


def test_a_job_checks_the_policy_again_when_it_runs(app, client, aewa_analyst):
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        job = jobs.start(user(aewa_analyst), q, JobKind.LONG, "en", query.NO_FILTERS)
        db.session.commit()
        assert jobs.run(job.id) == "failed"
        job = db.session.get(ExportJob, job.id)
        assert job.error == "forbidden" and jobs.file_of(job) is None
        assert jobs.sentence(job) == str(jobs.ERRORS["forbidden"])


def test_old_jobs_and_their_files_are_removed_and_stalled_ones_fail(app, client, export_folder):
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        old = jobs.start(user(ANALYST), q, JobKind.STATUS, "en", query.NO_FILTERS)
        stuck = jobs.start(user(ANALYST), q, JobKind.LONG, "en", query.NO_FILTERS)
        db.session.commit()
        assert jobs.run(old.id) == "done"
        path = jobs.file_of(db.session.get(ExportJob, old.id))
        assert path is not None and path.exists()
        db.session.execute(
            sa.update(ExportJob)
            .where(ExportJob.id == old.id)
            .values(created_at=utcnow() - timedelta(days=2))
        )
        db.session.execute(
            sa.update(ExportJob)
            .where(ExportJob.id == stuck.id)
            .values(status="running", created_at=utcnow() - timedelta(hours=2))
        )
        db.session.commit()
        stray = export_folder / "interrupted.part"
        stray.write_bytes(b"x")
        past = time.time() - 3 * 86400
        os.utime(stray, (past, past))
        assert jobs.cleanup() == 1
        db.session.commit()
        assert db.session.get(ExportJob, old.id) is None and not path.exists()
        assert not stray.exists()
        assert db.session.get(ExportJob, stuck.id).error == "stalled"


def test_a_job_whose_worker_was_killed_is_failed_and_can_be_started_again(
    app, client, auth, export_folder
):
    """The worker died mid-file: its part is on disk, the row says "running" and moves no
    more. Past EXPORT_STALL_SECONDS of silence the page says it stopped, serves no file, and
    "Start it again" asks for the same export, which is written whole."""
    auth.login(ANALYST)
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        filters = query.Filters(("africa",), (), (), ())
        killed = jobs.start(user(ANALYST), q, JobKind.LONG, "fr", filters, "csv")
        db.session.commit()
        token = killed.token
        assert jobs._update(killed.id, {"status": "running", "rows_done": 40}, queued=1)
        (export_folder / f"{token}.part").write_bytes(b"half a file")
        db.session.execute(
            sa.update(ExportJob)
            .where(ExportJob.id == killed.id)
            .values(touched_at=utcnow() - timedelta(seconds=599))
        )
        db.session.commit()
    assert client.get(f"/analysis/jobs/{token}.json").json["status"] == "running"  # not yet
    with app.app_context():
        db.session.execute(
            sa.update(ExportJob)
            .where(ExportJob.token == token)
            .values(touched_at=utcnow() - timedelta(seconds=601))
        )
        db.session.commit()
    state = client.get(f"/analysis/jobs/{token}.json").json
    assert (state["status"], state["finished"]) == ("failed", True)
    with app.test_request_context(), force_locale("en"):
        assert state["sentence"] == str(jobs.ERRORS["stalled"])
    assert client.get(f"/analysis/jobs/{token}/file").status_code == 404  # no half file
    page = client.get(f"/analysis/jobs/{token}")
    assert f'action="/analysis/jobs/{token}/again"' in page.text
    response = client.post(f"/analysis/jobs/{token}/again")
    assert response.status_code == 303
    assert jobs.wait_for_local_jobs(120)
    again = response.headers["Location"].rsplit("/", 1)[-1]
    assert again != token
    with app.app_context():
        new = db.session.scalar(sa.select(ExportJob).where(ExportJob.token == again))
        assert (new.kind, new.format, new.lang, new.status) == ("long", "csv", "fr", "done")
        assert new.filters["regions"] == ["africa"]
    rows = read_csv(download(client, f"/analysis/jobs/{again}/file").data)
    assert rows[0] == csv_of(client, region="africa", lang="fr")[0] and len(rows) > 1
    # a job that did not fail is not started again
    assert client.post(f"/analysis/jobs/{again}/again").headers["Location"].endswith(again)


# --- the wide workbook ----------------------------------------------------------------------


def test_the_wide_workbook_has_a_row_per_country_and_describes_its_columns(
    app, client, auth, runner, tmp_path
):
    auth.login(ANALYST)
    long_rows = csv_of(client, lang="en")
    output = tmp_path / "wide.xlsx"
    result = runner.invoke(
        args=["export", "answers", "--questionnaire", "CMS-COP14", "--format", "xlsx",
              "--wide", "--output", str(output)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = read_xlsx(output)
    header = sheet[0]
    assert tuple(header[: len(wide.COUNTRY_COLUMNS)]) == wide.COUNTRY_COLUMNS
    countries = list(dict.fromkeys(column(long_rows, "country_iso3")))
    assert [row[0] for row in sheet[1:]] == countries
    assert "4.1[aquila_nipalensis]" in header and "3.5:trawls" in header
    assert len(set(header)) == len(header)

    # every value of the long export that counts is in its country's row and column
    by_country = {row[0]: row for row in sheet[1:]}
    at = {name: i for i, name in enumerate(long_rows[0])}
    for row in long_rows[1:]:
        if row[at["hidden"]] == "true" or not row[at["value"]]:
            continue
        name = row[at["item_number"]]
        if row[at["loop_key"]]:
            name += f"[{row[at['loop_key']]}]"
        kind = row[at["answer_type"]]
        if kind == "multiple_choice":
            assert by_country[row[3]][header.index(f"{name}:{row[at['value']]}")] == 1
        elif kind != "file":
            if row[at["cell"]]:
                name += "/" + row[at["cell"]]
            assert same_cell(row[at["value"]], by_country[row[3]][header.index(name)]), name
    trawls = {row[header.index("3.5:trawls")] for row in sheet[1:]}
    assert trawls <= {0, 1, None} and 0 in trawls and 1 in trawls

    described = read_xlsx(output, "columns")
    with app.app_context():
        assert tuple(described[0]) == wide.description_columns()
    assert [row[0] for row in described[1:]] == header
    names = {row[0]: row for row in described[1:]}
    eagle = names["4.1[aquila_nipalensis]"]
    assert eagle[3] == "aquila_nipalensis" and eagle[4] == "Steppe Eagle (Aquila nipalensis)"
    english, french, spanish = eagle[-3:]
    assert english and french and spanish and len({english, french, spanish}) == 3
    assert names["3.5:trawls"][6] == "trawls" and names["3.5:trawls"][5] is None


# --- the CLI writes what the pages download -------------------------------------------------


def test_the_cli_files_equal_the_downloads(app, client, auth, runner, tmp_path):
    auth.login(ADMIN)  # reads everything, as the CLI does
    downloaded = client.get("/analysis/CMS-COP14/export/answers.csv?lang=es").data
    output = tmp_path / "answers.csv"
    result = runner.invoke(
        args=["export", "answers", "--questionnaire", "CMS-COP14", "--language", "es",
              "--output", str(output)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == downloaded

    token = start_job(client, kind="long", lang="es")
    job_file = read_xlsx(download(client, f"/analysis/jobs/{token}/file").data)
    result = runner.invoke(
        args=["export", "answers", "--questionnaire", "CMS-COP14", "--format", "xlsx",
              "--language", "es", "--output", str(tmp_path / "answers.xlsx")]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert read_xlsx(tmp_path / "answers.xlsx") == job_file

    token = start_job(client, kind="wide", lang="fr")
    job_file = download(client, f"/analysis/jobs/{token}/file").data
    result = runner.invoke(
        args=["export", "answers", "--questionnaire", "CMS-COP14", "--format", "xlsx",
              "--language", "fr", "--wide", "--output", str(tmp_path / "wide.xlsx")]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for sheet in ("answers", "columns"):
        assert read_xlsx(tmp_path / "wide.xlsx", sheet) == read_xlsx(job_file, sheet)

    status = client.get("/analysis/CMS-COP15/export/status.csv?lang=en")
    assert status.headers["Content-Disposition"] == ("attachment; filename=CMS-COP15-status-en.csv")
    result = runner.invoke(
        args=["export", "status", "--questionnaire", "CMS-COP15", "--output",
              str(tmp_path / "status.csv")]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "status.csv").read_bytes() == status.data
    table = read_csv(status.data)
    assert table[0][:3] == ["Code (ISO 3166-1 alpha-3)", "Country", "Region"]
    assert len(table) > 100
    workbook = read_xlsx(download(client, "/analysis/CMS-COP15/export/status.xlsx").data, "status")
    for text_row, xlsx_row in zip(table, workbook, strict=True):
        assert all(same_cell(t, v) for t, v in zip(text_row, xlsx_row, strict=True))


@pytest.mark.parametrize(
    "args, message",
    [
        (["answers", "--questionnaire", "NOPE"], "No questionnaire with code NOPE."),
        (["answers", "--questionnaire", "CMS-COP14", "--format", "pdf"], "Unknown format pdf"),
        (["answers", "--questionnaire", "CMS-COP14", "--language", "de"], "Unknown language de"),
        (["answers", "--questionnaire", "CMS-COP14", "--wide"], "--wide writes XLSX only"),
        (["status", "--questionnaire", "NOPE"], "No questionnaire with code NOPE."),
    ],
)
def test_the_cli_says_what_it_cannot_do(runner, tmp_path, args, message):
    result = runner.invoke(args=["export", *args, "--output", str(tmp_path / "out")])
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "out").exists()


def test_analysis_rebuild_writes_the_tidy_relation_again(app, runner):
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count(SubmittedAnswer.id)))
    result = runner.invoke(args=["analysis", "rebuild"])
    assert result.exit_code == 0
    assert result.output.strip() == f"Rebuilt submitted_answers: {before} rows."


# --- the policy -----------------------------------------------------------------------------

EXPORT_URLS = ["answers.csv", "status.csv", "status.xlsx"]


@pytest.mark.parametrize("who, expected", [(AEWA_ANALYST, 404), (FP_FRA, 403), (None, 302)])
def test_who_may_not_read_cms_answers_gets_no_export(client, auth, aewa_analyst, who, expected):
    if who:
        auth.login(who)
    for url in EXPORT_URLS:
        response = client.get(f"/analysis/CMS-COP14/export/{url}")
        assert response.status_code == expected, url
        assert b"country_iso3" not in response.data and BOM not in response.data
    response = client.post("/analysis/CMS-COP14/export", data={"kind": "long"})
    assert response.status_code == expected
    with client.application.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ExportJob.id))) == 0


def test_an_unknown_questionnaire_is_a_404(client, auth):
    auth.login(ANALYST)
    assert client.get("/analysis/NOPE-1/export/answers.csv").status_code == 404
    assert client.get("/analysis/" + "X" * 300 + "/export/answers.csv").status_code == 404


def test_a_confidential_item_reaches_only_who_may_read_it(app, client, auth):
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        node = next(n for n in q.nodes if n.number == "2.2")
        node.confidential = True
        db.session.commit()
    auth.login(ANALYST)
    analyst_rows = csv_of(client)
    assert "2.2" not in column(analyst_rows, "item_number")
    token = start_job(client, kind="wide")
    header = read_xlsx(download(client, f"/analysis/jobs/{token}/file").data)[0]
    assert "2.2" not in header and "2.1" in header
    auth.logout()
    auth.login(CMS_SEC)
    secretariat_rows = csv_of(client)
    assert "2.2" in column(secretariat_rows, "item_number")
    assert len(secretariat_rows) > len(analyst_rows)


def test_a_confidential_item_filters_only_for_who_may_read_it(app, client, auth):
    """The countries a filter keeps would tell a confidential item's answers."""
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP14")
        node = next(n for n in q.nodes if n.number == "2.1")
        node.confidential = True
        node_id = node.id
        db.session.commit()
    auth.login(ANALYST)
    response = client.get(f"/analysis/CMS-COP14/export/answers.csv?answered={node_id}:yes")
    assert response.status_code == 400
    assert NO_CHOICE in response.text
    auth.logout()
    auth.login(CMS_SEC)
    assert len(csv_of(client, answered=f"{node_id}:yes")) > 1


# --- RQ on a real Redis ---------------------------------------------------------------------


def test_with_redis_a_job_waits_for_the_rq_worker(
    app, client, auth, runner, redis_url, monkeypatch
):
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    auth.login(ANALYST)
    response = client.post("/analysis/CMS-COP14/export", data={"kind": "status", "lang": "fr"})
    token = response.headers["Location"].rsplit("/", 1)[-1]
    assert jobs.wait_for_local_jobs(5)  # nothing runs here: the job is on the queue
    assert client.get(f"/analysis/jobs/{token}.json").get_json()["status"] == "queued"
    run_worker(runner)
    state = client.get(f"/analysis/jobs/{token}.json").get_json()
    assert state["status"] == "done", state
    response = download(client, f"/analysis/jobs/{token}/file")
    assert response.headers["Content-Disposition"].endswith("CMS-COP14-status-fr.xlsx")
    assert read_xlsx(response.data, "status")[0][1] == "Pays"
