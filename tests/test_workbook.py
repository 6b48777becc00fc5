"""The offline report workbook (app/interchange/workbook.py, workbook_upload.py): every answer
type goes out to its cells and comes back the same, in the three languages; an untouched
download changes nothing; what the person typed is shown as new or changed, what changed online
meanwhile as a conflict applied only when ticked, what cannot be read with its sheet and cell;
applied answers are revisions of kind "workbook"; a file that is not this report's workbook is
refused whole and changes nothing."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app import answers
from app.answers.types import AnswerType
from app.extensions import db
from app.interchange import workbook, workbook_upload, xlsform
from app.reporting import delegation, saving, services
from app.reporting.models import Answer, AnswerRevision
from tests.test_delegation import fra_report, item_in, section, user
from tests.test_policy import AEWA_SEC, ANALYST, CMS_SEC, CONTRIB_FRA, FP_FRA, FP_SEN
from tests.test_reporting import report_of

COLUMNS = {"value": workbook.ANSWER, **workbook.EXTRAS}


def download(report, email: str, lang: str = "fr") -> bytes:
    return workbook.workbook(services.fill(report, lang, viewer=user(email)), user(email))


def rows(data: bytes) -> dict[tuple[str, str], tuple[str, int]]:
    """(answer key, part) → (sheet, row) of every answer row."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = {}
    for sheet in book.worksheets:
        for row in range(workbook.FIRST_ROW + 1, sheet.max_row + 1):
            key = sheet.cell(row, workbook.KEY + 1).value
            if isinstance(key, str) and "|" in key:
                part = sheet.cell(row, workbook.PART + 1).value or ""
                found.setdefault((key, part), (sheet.title, row))
    return found


def typed(data: bytes, changes: dict[tuple[str, str, str], object]) -> bytes:
    """The workbook with cells typed in, as a person would in a spreadsheet: (answer key, part,
    column: "value", "other", "no_info" or "comment") → what is typed."""
    where = rows(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    for (key, part, column), value in changes.items():
        sheet, row = where[(key, part)]
        book[sheet].cell(row, COLUMNS[column] + 1).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cells_of(data: bytes, key: str) -> dict[str, object]:
    """The non-blank cells of one answer in a workbook, by part and extra."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = {}
    for (answer_key, part), (sheet, row) in rows(data).items():
        if answer_key != key:
            continue
        for column, index in COLUMNS.items():
            value = book[sheet].cell(row, index + 1).value
            if workbook.normal(value) != "":
                found[f"{column}:{part}" if column == "value" else column] = value
    return found


def all_text(data: bytes) -> str:
    """Every value of every sheet, hidden ones included."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def item_of(filled, answer_type: str, loop: bool = False, nth: int = 0):
    found = [
        i
        for i in filled.rendered.items()
        if i.node.effective_type == answer_type and bool(i.loop_key) == loop
    ]
    return found[nth]


def key_of(item) -> str:
    return workbook.cell_key(item.node.id, item.loop_key)


def stored(report, item) -> Answer | None:
    return db.session.scalar(
        sa.select(Answer).where(
            Answer.report_id == report.id,
            Answer.node_id == item.node.id,
            Answer.loop_key == item.loop_key,
        )
    )


def answer_count(report) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Answer).where(Answer.report_id == report.id)
    )


# --- every answer type, through the registry ----------------------------------------------------

CHOICES = [
    {"key": "a", "label": {"en": "Alpha", "fr": "Alpha FR"}},
    {"key": "b", "label": {"en": "Beta"}},
]
TABLE = {
    "rows": [{"key": "r1", "label": {"en": "Row one"}}, {"key": "r2", "label": {"en": "Row two"}}],
    "columns": [
        {"key": "n", "type": "number", "label": {"en": "Count"}},
        {"key": "y", "type": "yes_no", "label": {"en": "Done"}},
        {"key": "t", "type": "short_text", "label": {"en": "Note"}},
    ],
}
SAMPLES = [
    (AnswerType.SHORT_TEXT, {}, "=SUM(A1) is text, not a formula"),
    (AnswerType.LONG_TEXT, {}, "Deux lignes\navec « guillemets »"),
    (AnswerType.NUMBER, {"min": 0, "max": 1000000}, 12345.625),
    (AnswerType.NUMBER, {"integer": True}, 42),
    (AnswerType.DATE, {}, "2026-03-31"),
    (AnswerType.YES_NO, {}, "no"),
    (AnswerType.SINGLE_CHOICE, {"choices": CHOICES, "allow_other": True}, "other"),
    (AnswerType.MULTIPLE_CHOICE, {"choices": CHOICES}, ["a", "b"]),
    (AnswerType.TABLE, TABLE, {"r1": {"n": 3.5, "y": "yes"}, "r2": {"t": "x"}}),
    (AnswerType.SPECIES, {}, "taxon-2"),
    (AnswerType.SITE, {}, {"name": "Camargue", "lat": 43.5, "lon": 4.625}),
]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize(("answer_type", "config", "value"), SAMPLES)
def test_every_answer_type_goes_to_its_cells_and_comes_back(ctx, lang, answer_type, config, value):
    species = {
        "taxon-1": answers.Named({"en": "Osprey", "fr": "Balbuzard"}, "Pandion haliaetus"),
        "taxon-2": answers.Named({"en": "Crane", "fr": "Grue cendrée"}, "Grus grus"),
    }
    say = answers.Saying(lang, species=species)
    parts = {p.part for p in answers.workbook_parts(answer_type, config, say)}
    cells = answers.to_workbook(answer_type, config, value, say)
    assert set(cells) <= parts
    raw = answers.from_workbook(answer_type, config, cells, say)
    with force_locale(lang):
        context = answers.Context(lang, frozenset(species))
        assert answers.parse(answer_type, config, raw, context) == value


def test_a_file_is_named_in_the_workbook_but_not_answered_there(ctx):
    say = answers.Saying("fr", files={7: "plan.pdf"})
    (part,) = answers.workbook_parts(AnswerType.FILE, {}, say)
    assert part.check == "locked"
    assert answers.to_workbook(AnswerType.FILE, {}, [7], say) == {"": "plan.pdf"}
    assert answers.from_workbook(AnswerType.FILE, {}, {"": "x"}, say) is answers.NOT_IN_WORKBOOK


def test_choice_cells_offer_labels_in_the_readers_language(ctx):
    say = answers.Saying("fr")
    (part,) = answers.workbook_parts(AnswerType.SINGLE_CHOICE, {"choices": CHOICES}, say)
    assert part.check == "list" and part.options == ("Alpha FR", "Beta")
    (yes_no,) = answers.workbook_parts(AnswerType.YES_NO, {}, say)
    assert yes_no.options == ("Oui", "Non")
    ticks = answers.workbook_parts(AnswerType.MULTIPLE_CHOICE, {"choices": CHOICES}, say)
    assert [(p.part, p.label, p.options) for p in ticks] == [
        ("a", "Alpha FR", ("Oui",)),
        ("b", "Beta", ("Oui",)),
    ]
    # a label typed in another case, or the key itself, is read; anything else is refused
    assert answers.from_workbook(AnswerType.YES_NO, {}, {"": " oui "}, say) == "yes"
    assert (
        answers.from_workbook(AnswerType.SINGLE_CHOICE, {"choices": CHOICES}, {"": "b"}, say) == "b"
    )
    with pytest.raises(answers.ValueProblem):
        raw = answers.from_workbook(AnswerType.YES_NO, {}, {"": "Peut-être"}, say)
        answers.parse(AnswerType.YES_NO, {}, raw, answers.Context("fr"))


# --- the report's workbook ----------------------------------------------------------------------


def test_an_untouched_download_changes_nothing(ctx):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    filled = services.fill(report, "fr", viewer=fp)
    text = item_of(filled, AnswerType.LONG_TEXT)
    saving.save_answer(
        filled, text.node, "", saving.Change(raw="Déjà saisi", raw_given=True, comment="Note"),
        expected_version=0, user=fp, locale="fr",
    )  # fmt: skip
    data = download(report, FP_FRA)
    preview = workbook_upload.read(data, report, fp)
    assert preview.counts["unchanged"] == len(preview.lines) == len(filled.rendered.items())
    assert preview.to_apply == []
    resaved = typed(data, {})  # opened and saved again, as a spreadsheet would
    assert workbook_upload.read(resaved, report, fp).counts["unchanged"] == len(preview.lines)


def test_answers_typed_in_the_workbook_are_shown_then_saved_as_workbook_revisions(ctx):
    report, fp = report_of("CMS-COP15", "SEN"), user(FP_SEN)
    filled = services.fill(report, "fr", viewer=fp)
    text = item_of(filled, AnswerType.LONG_TEXT)
    number = item_of(filled, AnswerType.NUMBER)
    yes_no = item_of(filled, AnswerType.YES_NO)
    single = item_of(filled, AnswerType.SINGLE_CHOICE)
    multiple = item_of(filled, AnswerType.MULTIPLE_CHOICE)
    table = item_of(filled, AnswerType.TABLE)
    species = item_of(filled, AnswerType.SPECIES)
    looped = item_of(filled, AnswerType.NUMBER, loop=True, nth=3)
    say = filled.saying
    choice = single.node.effective_config["choices"][1]
    ticked = [c["key"] for c in multiple.node.effective_config["choices"][:2]]
    grid = table.node.effective_config
    row, column = grid["rows"][0]["key"], grid["columns"][0]
    cell_value = {"number": 7, "yes_no": "Oui"}.get(column["type"], "Cellule")
    taxon = sorted(filled.species_keys)[1]
    taxon_label = answers.words(AnswerType.SPECIES, {}, taxon, say)
    data = download(report, FP_SEN)
    changes = {
        (key_of(text), "", "value"): "Une réponse écrite hors ligne, « avec soin ».",
        (key_of(text), "", "comment"): "Vu avec le ministère",
        (key_of(number), "", "value"): 75.5,
        (key_of(yes_no), "", "value"): "Oui",
        (key_of(single), "", "value"): say.content(choice["label"]),
        (key_of(table), f"{row}/{column['key']}", "value"): cell_value,
        (key_of(species), "", "value"): taxon_label,
        (key_of(looped), "", "value"): "1 200",  # typed as text, in French
    }
    changes.update({(key_of(multiple), key, "value"): "Oui" for key in ticked})
    filled_in = typed(data, changes)

    preview = workbook_upload.read(filled_in, report, fp)
    lines = {line.key: line for line in preview.lines}
    keys = {key_of(i) for i in (text, number, yes_no, single, multiple, table, species, looped)}
    assert {k: lines[k].status for k in keys} == dict.fromkeys(keys, "new"), [
        lines[k] for k in keys
    ]
    assert lines[key_of(number)].after.startswith("75,5")
    assert lines[key_of(text)].cell.startswith("G") and lines[key_of(text)].sheet
    assert answer_count(report) == 0  # a preview saves nothing

    chosen = {line.key: line.version for line in preview.to_apply}
    _preview, done = workbook_upload.apply(filled_in, report, fp, chosen, "fr")
    assert done.saved == len(keys) and done.refused == []
    assert stored(report, text).value == "Une réponse écrite hors ligne, « avec soin »."
    assert stored(report, text).comment == "Vu avec le ministère"
    assert stored(report, number).value == 75.5
    assert stored(report, yes_no).value == "yes"
    assert stored(report, single).value == choice["key"]
    assert stored(report, multiple).value == ticked
    assert stored(report, species).value == taxon
    assert stored(report, looped).value == 1200
    revisions = db.session.scalars(
        sa.select(AnswerRevision)
        .join(Answer, AnswerRevision.answer_id == Answer.id)
        .where(Answer.report_id == report.id)
    ).all()
    assert {r.kind for r in revisions} == {"workbook"} and len(revisions) == len(keys)

    # downloaded again, the cells say what was typed, cell by cell
    again = download(report, FP_SEN)
    for (key, part, column), value in changes.items():
        name = f"value:{part}" if column == "value" else column
        expected = 1200 if key == key_of(looped) else value
        assert workbook.normal(cells_of(again, key)[name]) == workbook.normal(expected), key
    assert workbook_upload.read(again, report, fp).to_apply == []


def test_an_answer_changed_online_since_the_download_is_a_conflict_taken_only_when_ticked(ctx):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    filled = services.fill(report, "fr", viewer=fp)
    first, second = (
        item_of(filled, AnswerType.LONG_TEXT),
        item_of(filled, AnswerType.LONG_TEXT, nth=1),
    )
    data = download(report, FP_FRA)
    for item in (first, second):  # saved online after the download
        saving.save_answer(
            filled, item.node, "", saving.Change(raw="En ligne", raw_given=True),
            expected_version=0, user=fp, locale="fr",
        )  # fmt: skip
    filled_in = typed(
        data, {(key_of(first), "", "value"): "Hors ligne", (key_of(second), "", "value"): "Autre"}
    )
    preview = workbook_upload.read(filled_in, report, fp)
    conflicts = {line.key: line for line in preview.of("conflict")}
    assert set(conflicts) == {key_of(first), key_of(second)}
    assert conflicts[key_of(first)].before == "En ligne"
    assert conflicts[key_of(first)].after == "Hors ligne"
    chosen = {key_of(first): conflicts[key_of(first)].version}  # only the first is ticked
    _preview, done = workbook_upload.apply(filled_in, report, fp, chosen, "fr")
    assert done.saved == 1
    assert stored(report, first).value == "Hors ligne"
    assert stored(report, second).value == "En ligne"


def test_an_answer_changed_online_and_left_alone_in_the_workbook_is_not_overwritten(ctx):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    filled = services.fill(report, "fr", viewer=fp)
    text = item_of(filled, AnswerType.LONG_TEXT)
    data = download(report, FP_FRA)
    saving.save_answer(
        filled, text.node, "", saving.Change(raw="En ligne", raw_given=True),
        expected_version=0, user=fp, locale="fr",
    )  # fmt: skip
    preview = workbook_upload.read(data, report, fp)
    assert preview.to_apply == []
    assert stored(report, text).value == "En ligne"


def test_a_change_made_online_after_the_preview_is_not_overwritten(ctx):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    filled = services.fill(report, "fr", viewer=fp)
    text = item_of(filled, AnswerType.LONG_TEXT)
    filled_in = typed(download(report, FP_FRA), {(key_of(text), "", "value"): "Hors ligne"})
    preview = workbook_upload.read(filled_in, report, fp)
    chosen = {line.key: line.version for line in preview.to_apply}
    saving.save_answer(
        filled, text.node, "", saving.Change(raw="En ligne", raw_given=True),
        expected_version=0, user=fp, locale="fr",
    )  # fmt: skip
    _preview, done = workbook_upload.apply(filled_in, report, fp, chosen, "fr")
    assert done.saved == 0 and len(done.refused) == 1
    assert stored(report, text).value == "En ligne"


def test_cells_that_cannot_be_read_are_listed_by_sheet_and_cell_and_not_saved(ctx):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    filled = services.fill(report, "fr", viewer=fp)
    number = item_of(filled, AnswerType.NUMBER, loop=True)
    yes_no = item_of(filled, AnswerType.YES_NO)
    text = item_of(filled, AnswerType.LONG_TEXT)
    comment = item_of(filled, AnswerType.LONG_TEXT, nth=1)
    good = item_of(filled, AnswerType.SHORT_TEXT)
    data = download(report, FP_FRA)
    where = rows(data)
    filled_in = typed(
        data,
        {
            (key_of(number), "", "value"): "beaucoup",
            (key_of(yes_no), "", "value"): "Peut-être",
            (key_of(text), "", "value"): "=1+1",  # a formula
            (key_of(comment), "", "comment"): "x" * 20_001,
            (key_of(good), "", "value"): "Lisible",
        },
    )
    preview = workbook_upload.read(filled_in, report, fp)
    invalid = {line.key: line for line in preview.of("invalid")}
    assert set(invalid) == {key_of(number), key_of(yes_no), key_of(text), key_of(comment)}
    sheet, row = where[(key_of(yes_no), "")]
    assert (invalid[key_of(yes_no)].sheet, invalid[key_of(yes_no)].cell) == (sheet, f"G{row}")
    assert "Formul" in invalid[key_of(text)].message
    assert [line.key for line in preview.to_apply] == [key_of(good)]
    chosen = {key_of(number): 0, key_of(yes_no): 0, key_of(good): 0}  # invalid ones forced
    _preview, done = workbook_upload.apply(filled_in, report, fp, chosen, "fr")
    assert done.saved == 1 and answer_count(report) == 1


def other_book() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["type", "name"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("another report", "autre rapport"),
        ("a CSV passed as XLSX", "pas un classeur Excel"),
        ("an XLSForm", "pas été téléchargé"),
        ("another workbook", "pas été téléchargé"),
        ("too large", "dépasse 10"),
    ],
)
def test_a_file_that_is_not_this_reports_workbook_is_refused_whole(ctx, case, words):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    data = {
        "another report": lambda: download(report_of("CMS-COP15", "SEN"), FP_SEN),
        "a CSV passed as XLSX": lambda: b"key;value\n1|;Oui\n",
        "an XLSForm": lambda: xlsform.workbook(report.questionnaire),
        "another workbook": other_book,
        "too large": lambda: b"0" * (workbook_upload.MAX_BYTES + 1),
    }[case]()
    with force_locale("fr"), pytest.raises(workbook_upload.Refused) as refused:
        workbook_upload.read(data, report, fp)
    assert words in refused.value.message.replace("\u00a0", " ")
    assert answer_count(report) == 0


def test_a_submitted_report_takes_no_workbook(ctx):
    report, fp = report_of("CMS-COP14", "FRA"), user(FP_FRA)
    data = download(report, FP_FRA)
    with pytest.raises(workbook_upload.Refused):
        workbook_upload.read(data, report, fp)


def test_the_workbook_is_locked_but_its_answer_cells_and_checked(ctx):
    report = report_of("CMS-COP15", "FRA")
    book = openpyxl.load_workbook(io.BytesIO(download(report, FP_FRA)))
    assert book.sheetnames[0] == "Instructions"
    assert book[workbook.META_SHEET].sheet_state == "veryHidden"
    sheet = book.worksheets[1]
    assert sheet.protection.sheet
    keys = sheet.column_dimensions["A"]  # the key and the part: columns A to B, hidden
    assert keys.hidden and (keys.min, keys.max) == (1, 2)
    answer = sheet.cell(workbook.FIRST_ROW + 1, workbook.ANSWER + 1)
    question = sheet.cell(workbook.FIRST_ROW + 1, workbook.QUESTION + 1)
    assert answer.protection.locked is False and question.protection.locked is not False
    checks = {dv.type for s in book.worksheets for dv in s.data_validations.dataValidation}
    assert {"list", "decimal"} <= checks


# --- the pages ----------------------------------------------------------------------------------


def report_id(app, questionnaire: str, party: str) -> int:
    with app.app_context():
        return report_of(questionnaire, party).id


def ticks(html: str) -> list[str]:
    return re.findall(r'name="take" value="([^"]+)"[^>]*checked', html)


def test_the_focal_point_downloads_fills_uploads_and_confirms_in_french(client, auth, app):
    rid = report_id(app, "CMS-COP15", "SEN")
    auth.login(FP_SEN)
    page = client.get(f"/interchange/reports/{rid}/workbook")
    assert page.status_code == 200
    assert "Télécharger le classeur" in page.text and 'id="workbook-upload"' in page.text
    download_ = client.get(f"/interchange/reports/{rid}/workbook.xlsx?lang=fr")
    assert download_.status_code == 200
    assert "CMS-COP15-SEN-fr.xlsx" in download_.headers["Content-Disposition"]
    with app.app_context():
        filled = services.fill(report_of("CMS-COP15", "SEN"), "fr")
        text, yes_no = item_of(filled, AnswerType.LONG_TEXT), item_of(filled, AnswerType.YES_NO)
        keys = (key_of(text), key_of(yes_no))
    filled_in = typed(
        download_.data,
        {(keys[0], "", "value"): "Réponse préparée hors ligne", (keys[1], "", "value"): "Oui"},
    )
    preview = client.post(
        f"/interchange/reports/{rid}/workbook",
        data={"file": (io.BytesIO(filled_in), "rapport.xlsx")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200
    assert "2 nouvelles réponses" in preview.text.replace("\u00a0", " ")
    assert "Réponse préparée hors ligne" in preview.text
    with app.app_context():
        assert answer_count(report_of("CMS-COP15", "SEN")) == 0
    action = re.search(r'id="workbook-apply"|action="([^"]+/workbook/[^"]+)"', preview.text)
    token_url = re.search(r'action="(/interchange/reports/\d+/workbook/[^"]+)"', preview.text)[1]
    assert action is not None
    done = client.post(token_url, data={"take": ticks(preview.text)})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/reports/{rid}/")
    shown = client.get(done.headers["Location"])
    assert "2 réponses du classeur ont été enregistrées" in shown.text.replace("\u00a0", " ")
    with app.app_context():
        report = report_of("CMS-COP15", "SEN")
        assert stored(report, text).value == "Réponse préparée hors ligne"
        assert stored(report, yes_no).value == "yes"
    again = client.post(token_url, data={"take": ticks(preview.text)})  # spent
    assert again.status_code == 302 and again.headers["Location"].endswith("/workbook")


def test_a_refused_file_says_why_in_french_and_saves_nothing(client, auth, app):
    rid = report_id(app, "CMS-COP15", "SEN")
    auth.login(FP_SEN)
    sent = client.post(
        f"/interchange/reports/{rid}/workbook",
        data={"file": (io.BytesIO(b"a;b\n1;2\n"), "rapport.xlsx")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == 422
    assert "pas un classeur Excel" in sent.text.replace("\u00a0", " ")
    empty = client.post(f"/interchange/reports/{rid}/workbook", data={})
    assert empty.status_code == 422


@pytest.mark.parametrize(
    ("who", "party", "status"),
    [
        (FP_FRA, "FRA", 200),
        (FP_SEN, "FRA", 404),
        (CMS_SEC, "FRA", 200),
        (AEWA_SEC, "FRA", 404),
        (ANALYST, "FRA", 404),
        (CONTRIB_FRA, "FRA", 404),
    ],
)
def test_who_downloads_a_reports_workbook(client, auth, app, who, party, status):
    rid = report_id(app, "CMS-COP15", party)
    auth.login(who)
    got = client.get(f"/interchange/reports/{rid}/workbook.xlsx")
    assert got.status_code == status
    if status == 200:
        with app.app_context():
            preview_keys = set(rows(got.data))
        assert len(preview_keys) > 100
    else:
        assert b"PK" not in got.data[:2]


@pytest.mark.parametrize(("who", "status"), [(CMS_SEC, 403), (FP_SEN, 404), (AEWA_SEC, 404)])
def test_only_who_fills_the_report_uploads_to_it(client, auth, app, who, status):
    rid = report_id(app, "CMS-COP15", "FRA")
    with app.app_context():
        data = download(report_of("CMS-COP15", "FRA"), FP_FRA)
    auth.login(who)
    sent = client.post(
        f"/interchange/reports/{rid}/workbook",
        data={"file": (io.BytesIO(data), "rapport.xlsx")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == status
    page = client.get(f"/interchange/reports/{rid}/workbook")
    assert 'id="workbook-upload"' not in page.text


@pytest.fixture
def delegated(app, database, mailbox):
    """Section 3 of France's CMS-COP15 report delegated to contributor.fra, and an answer of
    the focal point's elsewhere; the node ids of an item of each."""
    with app.app_context():
        report = fra_report()
        delegation.assign(report, section(report, "3"), CONTRIB_FRA, user(FP_FRA))
        filled = services.fill(report, "fr")
        own, other = item_in(filled, "3"), item_of(filled, AnswerType.LONG_TEXT)
        change = saving.Change(raw="Réponse de la correspondante", raw_given=True)
        saving.save_answer(
            filled, other.node, "", change, expected_version=0, user=user(FP_FRA), locale="fr"
        )
        db.session.commit()
        return {"report": report.id, "own_node": own.node.id, "other_node": other.node.id}


def test_a_contributor_gets_and_changes_only_their_section(client, auth, app, delegated):
    rid = delegated["report"]
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        whole = download(report, FP_FRA)
        theirs = download(report, CONTRIB_FRA)
        own_key = workbook.cell_key(delegated["own_node"], "")
        other_key = workbook.cell_key(delegated["other_node"], "")
        assert {key for key, _part in rows(theirs)} <= {key for key, _part in rows(whole)}
        assert own_key in {key for key, _part in rows(theirs)}
        assert other_key not in {key for key, _part in rows(theirs)}
        assert "Réponse de la correspondante" in all_text(whole)
        assert "Réponse de la correspondante" not in all_text(theirs)
        # the focal point's whole workbook, typed in everywhere, uploaded by the contributor
        forged = typed(
            whole,
            {(own_key, "", "value"): "Ma section", (other_key, "", "value"): "Pas la mienne"},
        )
    auth.login(CONTRIB_FRA)
    preview = client.post(
        f"/interchange/reports/{rid}/workbook",
        data={"file": (io.BytesIO(forged), "rapport.xlsx")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200
    assert ticks(preview.text) == [f"{own_key}@0"]
    assert "Pas la mienne" not in preview.text


def test_a_comment_on_a_file_question_is_taken_and_its_files_are_left_to_the_page(ctx):
    report, fp = report_of("CMS-COP15", "FRA"), user(FP_FRA)
    filled = services.fill(report, "fr", viewer=fp)
    attached = item_of(filled, AnswerType.FILE)
    data = download(report, FP_FRA)
    filled_in = typed(
        data,
        {
            (key_of(attached), "", "value"): "plan.pdf",  # a locked cell: nothing to read there
            (key_of(attached), "", "comment"): "Le plan suivra par courrier",
        },
    )
    (line,) = workbook_upload.read(filled_in, report, fp).to_apply
    assert line.key == key_of(attached) and line.edit.change.raw_given is False
    workbook_upload.apply(filled_in, report, fp, {line.key: line.version}, "fr")
    saved = stored(report, attached)
    assert saved.comment == "Le plan suivra par courrier" and saved.value is None
