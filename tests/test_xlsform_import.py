"""An XLSForm read back as a new draft questionnaire (app/interchange/xlsform_import.py): every
demo questionnaire exported and imported again is the same questionnaire (structure, texts,
conditions, guidance, bank versions, settings); a form written elsewhere imports what it can
and says, sheet and row, what it left out; what cannot be imported at all is refused with a
translated reason and creates nothing; the preview creates nothing; the command says it all."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.directory import services as directory
from app.extensions import db
from app.interchange import xlsform, xlsform_import
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Questionnaire
from tests.test_policy import AEWA_SEC, ANALYST, CMS_SEC, FP_FRA, FP_SEN

DEMO = ["CMS-COP14", "CMS-COP15", "AEWA-MOP9", "RAPTORS-MOS4", "EUROBATS-MOP11"]


def plain(message: str) -> str:
    """`message` with French typography's no-break spaces as plain ones, to compare."""
    return message.replace("\u00a0", " ")


def shape(questionnaire) -> list[tuple]:
    """Everything a questionnaire says, node by node in order."""
    current = tree_module.load(questionnaire)
    numbers = current.numbering()
    return [
        (
            numbers[n.id],
            n.kind,
            n.loop,
            None if n.is_section else n.code,
            n.condition,
            n.required,
            n.effective_type,
            n.title if n.is_section else n.effective_text,
            n.guidance,
            n.bank_version_id,
            n.effective_config,
        )
        for n in current.walk()
    ]


@pytest.mark.parametrize("code", DEMO)
def test_export_then_import_gives_the_same_questionnaire(ctx, code):
    original = questionnaires.questionnaire_by_code(code)
    outcome = xlsform_import.read(
        xlsform.workbook(original),
        instrument=original.instrument,
        cycle=f"{original.cycle}-BIS",
        code=f"{code}-BIS",
        apply=True,
    )
    assert outcome.ok and outcome.left_out == []
    copy = outcome.questionnaire
    assert copy.code == f"{code}-BIS" and copy.status == "draft"
    assert copy.instrument_id == original.instrument_id
    assert copy.title["en"] == original.title["en"]
    assert shape(copy) == shape(original)
    assert outcome.items == len(tree_module.load(original).items())


def workbook(survey: list[list], choices: list[list] | None = None, settings=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    if choices is not None:
        sheet = book.create_sheet("choices")
        for row in choices:
            sheet.append(row)
    if settings is not None:
        sheet = book.create_sheet("settings")
        for row in settings:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


KOBO = workbook(
    [
        [
            "type",
            "name",
            "label",
            "label::French (fr)",
            "hint",
            "required",
            "relevant",
            "constraint",
            "choice_filter",
            "calculation",
        ],  # fmt: skip
        ["start", "start", "", "", "", "", "", "", "", ""],
        ["text", "org_name", "Organisation", "Organisme", "Full name", "yes", "", "", "", ""],
        ["integer", "staff", "Staff", "Personnel", "", "", "", ". >= 0", "", ""],
        ["decimal", "budget", "Budget", "Budget", "", "", "", ". > 0 and . < 10", "", ""],
        ["select_one region", "region", "Region", "Région", "", "", "", "", "", ""],
        [
            "select_one district",
            "district",
            "District",
            "District",
            "",
            "",
            "",
            "",
            "region=${region}",
            "",
        ],  # fmt: skip
        ["note", "intro", "Thank you", "Merci", "", "", "", "", "", ""],
        ["calculate", "twice", "", "", "", "", "", "", "", "${staff} * 2"],
        ["begin_group", "g1", "Details", "Détails", "", "", "${staff} > 2", "", "", ""],
        ["select_multiple threats", "threats", "Threats", "Menaces", "", "", "", "", "", ""],
        ["text", "why", "Why", "Pourquoi", "", "", "count-selected(${threats}) > 1", "", "", ""],
        ["geopoint", "where", "Where", "Où", "", "", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", "", "", ""],
        ["begin_repeat", "visits", "Visits", "Visites", "", "", "", "", "", ""],
        ["date", "visit_day", "Day", "Jour", "", "", "", "", "", ""],
        ["end_repeat", "", "", "", "", "", "", "", "", ""],
    ],
    [
        ["list_name", "name", "label", "label::French (fr)", "region"],
        ["region", "north", "North", "Nord", ""],
        ["region", "south", "South", "Sud", ""],
        ["district", "n1", "N1", "N1", "north"],
        ["district", "s1", "S1", "S1", "south"],
        ["threats", "fire", "Fire", "Feu", ""],
        ["threats", "drought", "Drought", "Sécheresse", ""],
    ],
    [["form_title", "form_id"], ["Field survey", "field_survey"]],
)


def test_a_form_written_elsewhere_imports_what_it_can_and_says_what_it_left_out(ctx):
    cms = directory.instrument_by_code("CMS")
    with force_locale("fr"):
        outcome = xlsform_import.read(
            KOBO, instrument=cms, cycle="ENQ-2027", code="CMS-ENQ-2027", apply=True
        )
    assert outcome.ok, outcome.refused
    left = {(p.row, plain(p.message)) for p in outcome.left_out}
    assert (2, "Le type « start » n’a pas d’équivalent ici : la ligne est laissée de côté.") in left
    assert any(row == 8 and "« note »" in m for row, m in left)
    assert any(row == 9 and "« calculate »" in m for row, m in left)
    assert any(row == 13 and "« geopoint »" in m for row, m in left)
    assert any(row == 5 and "« . > 0 and . < 10 »" in m for row, m in left)
    assert any(row == 7 and "filtre" in m for row, m in left)
    assert any(row == 12 and "count-selected" in m for row, m in left)
    assert any(row == 15 and "répétée" in m for row, m in left)
    assert all(p.sheet == "survey" for p in outcome.left_out)
    current = tree_module.load(outcome.questionnaire)
    items = {n.code: n for n in current.items()}
    assert set(items) == {
        "ORG-NAME", "STAFF", "BUDGET", "REGION", "DISTRICT", "THREATS", "WHY", "VISIT-DAY",
    }  # fmt: skip
    assert items["ORG-NAME"].text == {"en": "Organisation", "fr": "Organisme"}
    assert items["ORG-NAME"].guidance == {"en": "Full name"} and items["ORG-NAME"].required
    assert items["STAFF"].config == {"integer": True, "min": 0}
    assert items["BUDGET"].config == {}
    assert items["REGION"].answer_type == "single_choice"
    assert [c["key"] for c in items["REGION"].config["choices"]] == ["north", "south"]
    assert items["THREATS"].answer_type == "multiple_choice"
    assert items["WHY"].condition is None
    assert items["VISIT-DAY"].answer_type == "date"
    details = next(s for s in current.sections() if s.title.get("en") == "Details")
    assert details.condition == {"item": "STAFF", "op": "gt", "value": 2}
    visits = next(s for s in current.sections() if s.title.get("en") == "Visits")
    assert visits.loop is None


def renamed(data: bytes, title: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"code,label\nA,B\n", "Ce fichier n’est pas un classeur Excel (.xlsx)."),
        (b"\0" * (xlsform_import.MAX_BYTES + 1), "Le fichier dépasse 10 Mo."),
        (workbook([["a"]])[:-200], "Ce fichier n’est pas un classeur Excel (.xlsx)."),  # cut short
        (
            workbook([["type", "name"], ["text", "a"]]),
            "La question n’a de libellé ni en anglais, ni en français, ni en espagnol.",
        ),
        (
            workbook([["type", "label"], ["text", "A"]]),
            "La feuille survey n’a pas de colonne « name ».",
        ),
        (
            workbook(
                [["type", "name", "label"], ["select_one nowhere", "a", "A"]],
                [["list_name", "name", "label"]],
            ),
            "La liste de choix « nowhere » n’est pas dans la feuille choices.",
        ),
        (
            workbook([["type", "name", "label"], ["begin group", "g", "G"], ["text", "a", "A"]]),
            "Un groupe ou une répétition n’est jamais fermé (pas de ligne « end group »).",
        ),
        (
            workbook([["type", "name", "label"], ["end group", "", ""]]),
            "Une ligne « end » ne ferme aucun groupe.",
        ),
    ],
)
def test_what_cannot_be_imported_is_refused_and_creates_nothing(ctx, data, reason):
    cms = directory.instrument_by_code("CMS")
    before = ctx.scalar(sa.select(sa.func.count()).select_from(Questionnaire))
    with force_locale("fr"):
        outcome = xlsform_import.read(
            data, instrument=cms, cycle="ENQ-X", code="CMS-ENQ-X", apply=True
        )
    assert not outcome.ok and outcome.questionnaire is None
    assert [plain(p.message) for p in outcome.refused] == [reason]
    assert ctx.scalar(sa.select(sa.func.count()).select_from(Questionnaire)) == before
    assert questionnaires.questionnaire_by_code("CMS-ENQ-X") is None


def test_the_preview_creates_nothing(ctx):
    original = questionnaires.questionnaire_by_code("CMS-COP15")
    outcome = xlsform_import.read(
        xlsform.workbook(original), instrument=original.instrument, cycle="COP16", code="CMS-COP16",
        apply=False,
    )  # fmt: skip
    assert outcome.ok and outcome.items == 39 and outcome.questionnaire is None
    assert questionnaires.questionnaire_by_code("CMS-COP16") is None


def test_a_code_another_questionnaire_has_is_refused_with_its_reason(ctx):
    original = questionnaires.questionnaire_by_code("CMS-COP15")
    with force_locale("fr"):
        outcome = xlsform_import.read(
            xlsform.workbook(original), instrument=original.instrument, cycle="COP16",
            code="AEWA-MOP9", apply=True,
        )  # fmt: skip
    (problem,) = outcome.refused
    assert problem.sheet == "settings"
    assert "AEWA-MOP9" in problem.message and "existe déjà" in problem.message
    assert questionnaires.questionnaire_by_code("AEWA-MOP9").instrument.code == "AEWA"


def test_the_command_imports_and_reports(app, database, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "kobo.xlsx"
    path.write_bytes(KOBO)
    args = ["xlsform", "import", str(path), "--instrument", "cms", "--cycle", "ENQ-2027"]
    preview = runner.invoke(args=[*args, "--code", "CMS-ENQ-2027", "--preview"])
    assert preview.exit_code == 0, preview.output
    assert "survey, row 8: The type “note” has no equivalent here" in preview.output
    assert "Would import 3 sections and 8 questions (0 from the bank)" in preview.output
    done = runner.invoke(args=[*args, "--code", "CMS-ENQ-2027"])
    assert done.exit_code == 0, done.output
    assert "Imported CMS-ENQ-2027, a draft of CMS for ENQ-2027" in done.output
    with app.app_context():
        assert questionnaires.questionnaire_by_code("CMS-ENQ-2027").status == "draft"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    refused = runner.invoke(args=["xlsform", "import", str(broken), "--instrument", "CMS",
                                  "--cycle", "X"])  # fmt: skip
    assert refused.exit_code == 1
    assert "refused: This file is not an Excel workbook (.xlsx)." in refused.output
    with app.app_context():
        db.session.rollback()


# --- the pages: upload, preview, confirm --------------------------------------------------------


def upload(client, data: bytes, **fields):
    form = {"instrument": "1", "cycle": "ENQ-2027", "code": "CMS-ENQ-2027", **fields}
    form["file"] = (io.BytesIO(data), "enquete.xlsx")
    return client.post("/interchange/xlsform/import", data=form, content_type="multipart/form-data")


def test_a_secretariat_previews_then_creates_the_draft(app, client, auth):
    auth.login(CMS_SEC)
    with app.app_context():
        cms_id = directory.instrument_by_code("CMS").id
    assert 'href="/interchange/xlsform/import"' in client.get("/questionnaires/").get_data(True)
    assert client.get("/interchange/xlsform/import").status_code == 200
    preview = upload(client, KOBO, instrument=str(cms_id))
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Import de enquete.xlsx" in page  # the secretariat reads French
    assert "Questions\u00a0: 8, dont issues de la banque\u00a0: 0" in page
    assert "Le type «\u00a0note\u00a0» n’a pas d’équivalent ici" in page
    with app.app_context():
        assert questionnaires.questionnaire_by_code("CMS-ENQ-2027") is None  # a preview only
    token = re.search(r'action="/interchange/xlsform/import/([\w-]+)"', page).group(1)
    done = client.post(f"/interchange/xlsform/import/{token}")
    assert done.status_code == 302 and done.headers["Location"].endswith(
        "/questionnaires/CMS-ENQ-2027/"
    )
    with app.app_context():
        created = questionnaires.questionnaire_by_code("CMS-ENQ-2027")
        assert created.status == "draft" and len(tree_module.load(created).items()) == 8
    again = client.post(f"/interchange/xlsform/import/{token}")  # taken once
    assert again.status_code == 302 and again.headers["Location"].endswith(
        "/interchange/xlsform/import"
    )


def test_a_refused_file_says_why_and_offers_nothing_to_confirm(app, client, auth):
    auth.login(CMS_SEC)
    with app.app_context():
        cms_id = directory.instrument_by_code("CMS").id
    refused = upload(client, b"code;label\n", instrument=str(cms_id))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Ce fichier n’est pas un classeur Excel (.xlsx)." in page
    assert "/interchange/xlsform/import/" not in page
    taken = upload(client, KOBO, instrument=str(cms_id), cycle="COP15", code="CMS-X")
    assert taken.status_code == 422
    assert "Cet instrument a déjà un questionnaire pour ce cycle." in taken.get_data(True)


@pytest.mark.parametrize("who", [ANALYST, FP_FRA, FP_SEN])
def test_only_a_secretariat_may_import(client, auth, who):
    auth.login(who)
    assert client.get("/interchange/xlsform/import").status_code == 403
    assert upload(client, KOBO).status_code == 403


def test_another_instrument_or_another_persons_upload_is_refused(app, client, auth):
    with app.app_context():
        cms_id = directory.instrument_by_code("CMS").id
        aewa_id = directory.instrument_by_code("AEWA").id
    auth.login(AEWA_SEC)
    refused = upload(client, KOBO, instrument=str(cms_id)).get_data(as_text=True)
    assert "is-invalid" in refused and "Import of" not in refused  # not one of their choices
    auth.logout()
    auth.login(CMS_SEC)
    page = upload(client, KOBO, instrument=str(cms_id)).get_data(as_text=True)
    token = re.search(r'action="/interchange/xlsform/import/([\w-]+)"', page).group(1)
    auth.logout()
    auth.login(AEWA_SEC)
    stolen = client.post(f"/interchange/xlsform/import/{token}")
    assert stolen.status_code == 302 and stolen.headers["Location"].endswith(
        "/interchange/xlsform/import"
    )
    with app.app_context():
        assert questionnaires.questionnaire_by_code("CMS-ENQ-2027") is None
    assert aewa_id != cms_id
