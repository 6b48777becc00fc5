"""Translation files (app/interchange/translation_file.py): a questionnaire's own texts for one
language as a workbook for translators, read back cell by cell into that language only; an
untouched file changes nothing; a text whose source (or translation) changed since the export
is flagged, not applied; a file that cannot be read, or any refused row, changes nothing and
says why; the pages follow who manages the questionnaire."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.audit.models import AuditEvent
from app.extensions import db
from app.interchange import translation_file as tf
from app.questionnaires import services as questionnaires
from app.questionnaires import texts_service
from app.questionnaires import tree as tree_module
from tests.test_designer_texts import make_cms_draft
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, ANON, CMS_SEC, FP_FRA, FP_SEN

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_A_FILE_FR = "Ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier XLIFF (.xlf)."


def cop15():
    return questionnaires.questionnaire_by_code("CMS-COP15")


def snapshot(questionnaire) -> dict[str, dict]:
    """Every text of `questionnaire` (its own and its bank items'), by key."""
    current = tree_module.load(questionnaire)
    return {row.key: dict(row.value) for row in texts_service.rows(current)}


def fixes() -> int:
    """How many translation fixes the audit log holds."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == "questionnaire.translation_fix")
    )


def texts_sheet(data: bytes) -> list[dict[str, str]]:
    """The text rows of a translation file, by the reader's column names."""
    sheet = openpyxl.load_workbook(io.BytesIO(data))[tf.TEXTS]
    header, _heading, *rows = list(sheet.iter_rows(values_only=True))
    return [{h: (v or "") for h, v in zip(header, row, strict=True)} for row in rows]


def fill(data: bytes, targets: dict[str, object]) -> bytes:
    """`data` with the target cell of each key in `targets` set (as a translator would)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[tf.TEXTS]
    header = [c.value for c in sheet[1]]
    key, target = header.index("key") + 1, header.index("target") + 1
    for row in range(tf.FIRST_ROW, sheet.max_row + 1):
        found = sheet.cell(row=row, column=key).value
        if found in targets:
            sheet.cell(row=row, column=target).value = targets[found]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def edited(data: bytes, change) -> bytes:
    """`data` after `change(book)`."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the file -----------------------------------------------------------------------------------


def test_the_file_holds_the_questionnaires_own_texts_cell_by_cell(ctx):
    questionnaire = cop15()
    data = tf.workbook(questionnaire, "fr")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[1:] == [tf.TEXTS, tf.META]
    assert book[tf.META].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in book[tf.META].iter_rows(values_only=True)}
    assert meta["format"] == tf.FORMAT and meta["questionnaire"] == "CMS-COP15"
    assert (meta["source"], meta["target"], meta["only_missing"]) == ("en", "fr", "no")
    sheet = book[tf.TEXTS]
    assert sheet.protection.sheet and sheet.row_dimensions[1].hidden
    hidden = {c.value for c in sheet[1] if sheet.column_dimensions[c.column_letter].hidden}
    assert hidden == set(tf.HIDDEN)
    for row in sheet.iter_rows(min_row=tf.FIRST_ROW):
        for cell in row:
            unlocked = sheet.cell(row=1, column=cell.column).value == "target"
            assert cell.protection.locked is not unlocked

    current = tree_module.load(questionnaire)
    rows = {row.key: row for row in texts_service.rows(current)}
    written = texts_sheet(data)
    owned = [r for r in rows.values() if not r.from_bank and (r.value.get("en") or "").strip()]
    assert [w["key"] for w in written] == [r.key for r in owned]
    for cells in written:
        row = rows[cells["key"]]
        assert cells["source"] == row.value["en"].strip()
        assert cells["current"] == (row.value.get("fr") or "").strip()
        assert cells["target"] == ""
        assert cells["source_check"] == tf.check(row.value["en"])
        assert cells["current_check"] == tf.check(row.value.get("fr"))
        if row.node is not None:
            assert cells["context"].startswith(row.node.number)
    # a bank item's own text is the bank's: never in the file; its local guidance may be
    assert any(r.from_bank for r in rows.values())
    assert not any(":bank:" in w["key"] for w in written)
    with pytest.raises(ValueError):
        tf.workbook(questionnaire, "en")


def test_round_trip_changes_the_target_language_only(ctx):
    questionnaire = cop15()
    before = snapshot(questionnaire)
    fixes_before = fixes()
    data = tf.workbook(questionnaire, "fr")
    keys = [cells["key"] for cells in texts_sheet(data)]
    typed = {key: f"Traduction {n} ✓" for n, key in enumerate(keys)}
    outcome = tf.read(fill(data, typed), questionnaire, apply=True)
    assert outcome.ok and outcome.lang == "fr" and outcome.flagged == []
    assert [c.after for c in outcome.updated] == [typed[k] for k in keys]
    assert [c.before for c in outcome.updated] == [(before[k].get("fr") or "") for k in keys]
    after = snapshot(questionnaire)
    assert set(after) == set(before)
    for key, value in after.items():
        expected = {**before[key], "fr": typed[key]} if key in typed else before[key]
        assert value == expected, key
    # a published questionnaire: each text is a recorded translation fix
    assert fixes() - fixes_before == len(keys)
    # exported again, the file says what is now there
    again = texts_sheet(tf.workbook(questionnaire, "fr"))
    assert [(c["key"], c["current"]) for c in again] == [(k, typed[k]) for k in keys]


def test_only_missing_exports_only_the_missing_texts(ctx):
    draft = make_cms_draft()
    rows = texts_service.rows(tree_module.load(draft))
    choice = next(r for r in rows if r.key.endswith(":config:choice:a"))
    texts_service.set_text(choice.node, choice.target_field, "fr", "")
    expected = [
        r.key
        for r in texts_service.rows(tree_module.load(draft))
        if not r.from_bank and r.value.get("en") and not r.value.get("fr")
    ]
    assert choice.key in expected
    data = tf.workbook(draft, "fr", only_missing=True)
    assert [c["key"] for c in texts_sheet(data)] == expected
    assert all(c["current"] == "" for c in texts_sheet(data))
    every = [c["key"] for c in texts_sheet(tf.workbook(draft, "es"))]
    missing_es = [c["key"] for c in texts_sheet(tf.workbook(draft, "es", only_missing=True))]
    assert set(missing_es) < set(every) and "q:title" in missing_es


@pytest.mark.parametrize("as_current", [False, True])
def test_an_untouched_file_changes_nothing(ctx, as_current):
    questionnaire = cop15()
    before = snapshot(questionnaire)
    data = tf.workbook(questionnaire, "es")
    written = texts_sheet(data)
    if as_current:  # the translator copied every current translation into the target
        data = fill(data, {c["key"]: c["current"] for c in written})
    outcome = tf.read(data, questionnaire, apply=True)
    assert outcome.ok and outcome.updated == [] and outcome.flagged == []
    current = sum(bool(c["current"]) for c in written)
    assert outcome.unchanged == (current if as_current else 0)
    assert outcome.empty == len(written) - outcome.unchanged
    assert snapshot(questionnaire) == before


def test_a_changed_source_or_translation_is_flagged_not_applied(ctx):
    draft = make_cms_draft()
    rows = {r.key: r for r in texts_service.rows(tree_module.load(draft))}
    item = next(r for r in rows.values() if r.key.endswith(":text"))
    section = next(r for r in rows.values() if r.node is not None and r.node.is_section)
    choice = next(r for r in rows.values() if r.key.endswith(":config:choice:b"))
    data = tf.workbook(draft, "es")
    texts_service.set_text(item.node, "text", "en", "Is it very windy?")
    texts_service.set_text(section.node, "title", "es", "Las aves")
    filled = fill(data, {item.key: "¿Hay viento?", section.key: "Pájaros", choice.key: "No"})
    with force_locale("en"):
        outcome = tf.read(filled, draft, apply=True)
    assert outcome.ok
    assert [c.after for c in outcome.updated] == ["No"]
    flags = {f.typed: f.reason for f in outcome.flagged}
    assert flags["¿Hay viento?"].startswith("Its English source changed after the file was made")
    assert flags["Pájaros"] == (
        "Its translation was changed in the application after the file was made."
    )
    after = snapshot(draft)
    assert after[item.key] == {"en": "Is it very windy?", "fr": "Y a-t-il du vent ?"}
    assert after[section.key]["es"] == "Las aves"
    assert after[choice.key] == {"en": "No", "fr": "Non", "es": "No"}


# --- files refused ------------------------------------------------------------------------------


def _without_meta(book):
    del book[tf.META]


def _other_format(book):
    book[tf.META]["B1"] = "something-else/1"


def _without_texts(book):
    del book[tf.TEXTS]


def _without_target(book):
    book[tf.TEXTS]["E1"] = "translation"


def _other_language(book):
    book[tf.META]["B4"] = "de"


REFUSALS = [
    ("csv", lambda data: b"key,target\nq:title,Titre\n", "", None,
     "This file is neither an Excel workbook (.xlsx) nor an XLIFF file (.xlf)."),
    ("cut short", lambda data: data[:-300], "", None,
     "This file is neither an Excel workbook (.xlsx) nor an XLIFF file (.xlf)."),
    ("too large", lambda data: b"\0" * (tf.MAX_BYTES + 1), "", None,
     "The file is larger than 10 MB."),
    ("no meta sheet", lambda data: edited(data, _without_meta), "", None,
     "This workbook is not a translation file of this application."),
    ("another format", lambda data: edited(data, _other_format), "", None,
     "This workbook is not a translation file of this application."),
    ("no texts sheet", lambda data: edited(data, _without_texts), "", None,
     "The workbook has no sheet named “texts”."),
    ("no target column", lambda data: edited(data, _without_target), "texts", 1,
     "The sheet texts has no column “target”."),
    ("another language", lambda data: edited(data, _other_language), "meta", None,
     "The file is for the language “de”, which is not one to translate into."),
    ("a formula", lambda data: fill(data, {"q:title": "=1+1"}), "texts", 3,
     "A formula is not a translation: type the text itself."),
    ("too long", lambda data: fill(data, {"q:title": "x" * 2001}), "texts", 3,
     "This text is longer than 2000 characters."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "sheet", "row", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in REFUSALS],
)
def test_a_file_that_cannot_be_read_changes_nothing(ctx, change, sheet, row, reason):
    questionnaire = cop15()
    before = snapshot(questionnaire)
    data = fill(tf.workbook(questionnaire, "fr"), {"q:title": "Un titre"})
    with force_locale("en"):
        outcome = tf.read(change(data), questionnaire, apply=True)
    assert not outcome.ok
    assert [(p.sheet, p.row, p.message) for p in outcome.refused] == [(sheet, row, reason)]
    assert snapshot(questionnaire) == before


def test_a_refused_row_keeps_the_good_ones_from_being_applied(ctx):
    questionnaire = cop15()
    before = snapshot(questionnaire)
    data = tf.workbook(questionnaire, "fr")
    keys = [c["key"] for c in texts_sheet(data)]
    filled = fill(data, {keys[0]: "Bon", keys[1]: "=A1"})
    with force_locale("fr"):
        outcome = tf.read(filled, questionnaire, apply=True)
    assert not outcome.ok and [p.row for p in outcome.refused] == [4]
    assert snapshot(questionnaire) == before


def test_a_file_of_another_questionnaire_or_a_closed_one_is_refused(ctx):
    cop14 = questionnaires.questionnaire_by_code("CMS-COP14")
    data = fill(tf.workbook(cop14, "fr"), {"q:title": "Autre"})
    with force_locale("en"):
        other = tf.read(data, cop15(), apply=True)
        closed = tf.read(data, cop14, apply=True)
    assert [p.message for p in other.refused] == [
        "This file holds the texts of CMS-COP14, not of CMS-COP15."
    ]
    assert [p.message for p in closed.refused] == [
        "The texts of a closed or archived questionnaire no longer change."
    ]


def test_refusals_are_in_the_readers_language(ctx):
    with force_locale("fr"):
        outcome = tf.read(b"a;b\n", cop15(), apply=False)
    assert outcome.refused[0].message == NOT_A_FILE_FR


# --- the pages ----------------------------------------------------------------------------------


def upload(client, code: str, data: bytes):
    form = {"file": (io.BytesIO(data), "traduction.xlsx")}
    return client.post(
        f"/interchange/translation/{code}", data=form, content_type="multipart/form-data"
    )


def test_a_secretariat_downloads_previews_and_applies(app, client, auth):
    auth.login(CMS_SEC)
    assert "/interchange/translation/CMS-COP15" in client.get("/questionnaires/CMS-COP15/").text
    assert client.get("/interchange/translation/CMS-COP15").status_code == 200
    download = client.get("/interchange/translation/CMS-COP15/download?lang=es&missing=1")
    assert download.status_code == 200 and download.mimetype == XLSX
    assert "CMS-COP15-es-missing.xlsx" in download.headers["Content-Disposition"]
    data = client.get("/interchange/translation/CMS-COP15/download?lang=fr").data
    preview = upload(client, "CMS-COP15", fill(data, {"q:title": "Rapport national COP15"}))
    assert preview.status_code == 200
    assert "Rapport national COP15" in preview.text
    with app.app_context():
        assert cop15().title["fr"] != "Rapport national COP15"  # a preview only
    token = re.search(r'action="/interchange/translation/CMS-COP15/apply/([\w-]+)"', preview.text)
    done = client.post(f"/interchange/translation/CMS-COP15/apply/{token.group(1)}")
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/questionnaires/CMS-COP15/texts")
    with app.app_context():
        assert cop15().title["fr"] == "Rapport national COP15"
    again = client.post(f"/interchange/translation/CMS-COP15/apply/{token.group(1)}")
    assert again.headers["Location"].endswith("/interchange/translation/CMS-COP15")


def test_a_refused_or_untouched_file_offers_nothing_to_apply(client, auth):
    auth.login(CMS_SEC)
    refused = upload(client, "CMS-COP15", b"key;target\n")
    assert refused.status_code == 422
    assert NOT_A_FILE_FR in refused.text
    assert "/apply/" not in refused.text
    data = client.get("/interchange/translation/CMS-COP15/download?lang=fr").data
    untouched = upload(client, "CMS-COP15", data)
    assert untouched.status_code == 200 and "/apply/" not in untouched.text
    for lang in ("en", "de", ""):
        url = f"/interchange/translation/CMS-COP15/download?lang={lang}"
        assert client.get(url).status_code == 404


def test_an_upload_waits_for_its_questionnaire_and_its_person(app, client, auth):
    auth.login(CMS_SEC)
    data = client.get("/interchange/translation/CMS-COP15/download?lang=fr").data
    page = upload(client, "CMS-COP15", fill(data, {"q:title": "Titre volé"})).text
    token = re.search(r"/apply/([\w-]+)", page).group(1)
    elsewhere = client.post(f"/interchange/translation/CMS-COP14/apply/{token}")
    assert elsewhere.headers["Location"].endswith("/interchange/translation/CMS-COP14")
    auth.logout()
    auth.login(ADMIN)
    assert client.post(f"/interchange/translation/CMS-COP15/apply/{token}").status_code == 403
    with app.app_context():
        assert cop15().title["fr"] != "Titre volé"


PUBLISHED = {ANON: 302, CMS_SEC: 200, AEWA_SEC: 403, ADMIN: 403, ANALYST: 403, FP_FRA: 403,
             FP_SEN: 403}  # fmt: skip
DRAFT = {ANON: 302, CMS_SEC: 200, AEWA_SEC: 404, ADMIN: 403, ANALYST: 404, FP_FRA: 404,
         FP_SEN: 404}  # fmt: skip


@pytest.mark.parametrize(
    ("draft", "who", "status"),
    [(False, who, status) for who, status in PUBLISHED.items()]
    + [(True, who, status) for who, status in DRAFT.items()],
)
def test_only_who_manages_the_questionnaire_reaches_its_translation_files(
    app, client, auth, draft, who, status
):
    code = "CMS-COP15"
    if draft:
        with app.app_context():
            code = make_cms_draft().code
            db.session.commit()
    if who is not None:
        auth.login(who)
    for url in (
        f"/interchange/translation/{code}",
        f"/interchange/translation/{code}/download?lang=fr",
    ):
        assert client.get(url).status_code == status, url
    posted = upload(client, code, b"x")
    assert posted.status_code == (422 if status == 200 else status)
