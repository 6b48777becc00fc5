"""Translation files of the bank (app/interchange/translation_file.py, BankTexts): the latest
version of each bank question an instrument owns, its texts for one language, read back into
that language only, in place (a translation never makes a version, English never changes); a
text whose English changed since the export is flagged; a file of a questionnaire, or of
another instrument's questions, is refused; only the owner's secretariat reaches the pages."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app import bounds
from app.audit.models import AuditEvent
from app.bank import services as bank
from app.bank.models import BankQuestion
from app.directory import services as directory
from app.extensions import db
from app.interchange import translation_file as tf
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, ANON, CMS_SEC, FP_FRA
from tests.test_translation_file import XLSX, cop15, fill, texts_sheet

FROZEN = "AWARE-EDU-01"  # CMS's, frozen (a published questionnaire uses it)
CHOICES = "AWARE-EDU-03"  # CMS's, with choices


def cms_bank():
    return tf.BankTexts(directory.instrument_by_code("CMS"))


def question(code):
    return bank.question_by_code(code)


def bank_events(action: str) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
    )


def test_the_file_holds_the_latest_version_of_each_question_the_instrument_owns(ctx):
    data = tf.workbook(cms_bank(), "fr")
    book = openpyxl.load_workbook(io.BytesIO(data))
    meta = {row[0]: row[1] for row in book[tf.META].iter_rows(values_only=True)}
    assert meta["bank"] == "CMS" and "questionnaire" not in meta
    assert (meta["source"], meta["target"]) == ("en", "fr")
    written = {row["key"]: row for row in texts_sheet(data)}
    questions = list(db.session.scalars(sa.select(BankQuestion)))
    cms = [q for q in questions if q.owner.code == "CMS"]
    expected = {}
    for q in cms:
        for name, value in bank.translations(q.latest):
            if (value.get("en") or "").strip():
                expected[f"{q.code}:{name}"] = value
    assert set(written) == set(expected)
    for key, value in expected.items():
        assert written[key]["source"] == value["en"].strip()
        assert written[key]["current"] == (value.get("fr") or "").strip()
        assert written[key]["source_check"] == tf.check(value["en"])
    assert written[f"{FROZEN}:text"]["context"].startswith(f"{FROZEN} v1 — ")
    # another instrument's question is not in it
    others = {q.code for q in questions if q.owner.code != "CMS"}
    assert others and not any(key.split(":")[0] in others for key in written)
    with pytest.raises(ValueError):
        tf.workbook(cms_bank(), "en")


def test_translations_apply_in_place_and_english_never_changes(ctx):
    before_versions = {q.code: q.latest.number for q in (question(FROZEN), question(CHOICES))}
    english = question(CHOICES).latest.config["choices"][0]["label"]["en"]
    data = fill(
        tf.workbook(cms_bank(), "fr"),
        {
            f"{FROZEN}:text": "Votre pays a-t-il soutenu des manifestations de la Journée ?",
            f"{CHOICES}:config:choice:general-public": "Le grand public",
        },
    )
    preview = tf.read(data, cms_bank(), apply=False)
    assert preview.ok and len(preview.updated) == 2
    assert question(FROZEN).latest.text["fr"] != preview.updated[0].after  # a preview only
    translated = bank_events("bank.translation")
    outcome = tf.read(data, cms_bank(), apply=True)
    assert outcome.ok and [c.row for c in outcome.updated] == [c.row for c in preview.updated]
    db.session.commit()
    frozen, choices = question(FROZEN), question(CHOICES)
    assert frozen.latest.text["fr"].startswith("Votre pays a-t-il soutenu")
    assert choices.latest.config["choices"][0]["label"] == {
        **choices.latest.config["choices"][0]["label"],
        "fr": "Le grand public",
        "en": english,
    }
    assert {q.code: q.latest.number for q in (frozen, choices)} == before_versions
    # the frozen version's change is recorded as a translation
    assert bank_events("bank.translation") == translated + 1
    # reading the same file again changes nothing
    again = tf.read(data, cms_bank(), apply=True)
    assert again.ok and not again.updated and again.unchanged == 2


def test_an_untouched_file_changes_nothing(ctx):
    data = tf.workbook(cms_bank(), "es")
    outcome = tf.read(data, cms_bank(), apply=True)
    assert outcome.ok and not outcome.updated and not outcome.flagged
    assert outcome.empty == len(texts_sheet(data))


def test_a_text_whose_english_changed_since_the_export_is_flagged(ctx):
    data = fill(tf.workbook(cms_bank(), "fr"), {f"{FROZEN}:guidance": "Nouvelle aide"})
    latest = question(FROZEN).latest
    bank.change_question(
        question(FROZEN),
        answer_type=latest.answer_type,
        text=latest.text,
        guidance={**latest.guidance, "en": "New guidance in English."},
        config=latest.config,
    )
    with force_locale("en"):
        outcome = tf.read(data, cms_bank(), apply=True)
    assert outcome.ok and not outcome.updated
    assert [f.reason for f in outcome.flagged] == [
        "Its English source changed after the file was made: translate the new one."
    ]
    assert question(FROZEN).latest.guidance.get("fr") != "Nouvelle aide"


def test_a_file_of_something_else_is_refused_and_changes_nothing(ctx):
    aewa = tf.BankTexts(directory.instrument_by_code("AEWA"))
    bank_file = fill(tf.workbook(cms_bank(), "fr"), {f"{FROZEN}:text": "Autre"})
    questionnaire_file = fill(tf.workbook(cop15(), "fr"), {"q:title": "Autre"})
    with force_locale("en"):
        cases = {
            "aewa": tf.read(bank_file, aewa, apply=True),
            "questionnaire": tf.read(bank_file, cop15(), apply=True),
            "bank": tf.read(questionnaire_file, cms_bank(), apply=True),
        }
    messages = {name: [p.message for p in outcome.refused] for name, outcome in cases.items()}
    assert messages == {
        "aewa": ["This file holds the bank questions of CMS, not those of AEWA."],
        "questionnaire": ["This file holds the bank questions of CMS, not the texts of CMS-COP15."],
        "bank": ["This file holds the texts of CMS-COP15, not the bank questions of CMS."],
    }
    assert question(FROZEN).latest.text["fr"] != "Autre"
    with force_locale("fr"):
        refused = tf.read(bank_file, aewa, apply=False)
    assert refused.refused[0].message == (
        "Ce fichier contient les questions de la banque de l’instrument CMS, et non celles de "
        "l’instrument AEWA."
    )


def test_set_translation_refuses_what_is_not_a_translation(ctx):
    q = question(CHOICES)
    with force_locale("en"):
        for field_name, lang, value in (
            ("text", "en", "Changed"),
            ("text", "de", "Geändert"),
            ("text", "fr", "  "),
            ("text", "fr", "x" * (bounds.MAX_WORDING + 1)),
            ("config:choice:nothing-like-it", "fr", "Rien"),
            ("elsewhere", "fr", "Ailleurs"),
        ):
            with pytest.raises(bank.BankError) as refused:
                bank.set_translation(q, field_name, lang, value)
            assert str(refused.value), field_name
    assert bank.set_translation(q, "text", "es", q.latest.text["es"]) is False


def test_a_too_long_translation_refuses_the_whole_file(ctx):
    data = fill(
        tf.workbook(cms_bank(), "fr"),
        {f"{FROZEN}:text": "Bon", f"{CHOICES}:text": "x" * (bounds.MAX_WORDING + 1)},
    )
    outcome = tf.read(data, cms_bank(), apply=True)
    assert not outcome.ok and len(outcome.refused) == 1
    assert question(FROZEN).latest.text["fr"] != "Bon"


# --- the pages ----------------------------------------------------------------------------------


def upload(client, instrument: str, data: bytes):
    form = {"file": (io.BytesIO(data), "banque.xlsx")}
    return client.post(
        f"/interchange/translation/bank/{instrument}",
        data=form,
        content_type="multipart/form-data",
    )


def test_the_owners_secretariat_downloads_previews_and_applies(app, client, auth):
    auth.login(CMS_SEC)
    index = client.get("/bank/").text
    assert "/interchange/translation/bank/CMS" in index
    assert "/interchange/translation/bank/AEWA" not in index
    page = client.get("/interchange/translation/bank/CMS")
    assert page.status_code == 200
    download = client.get("/interchange/translation/bank/CMS/download?lang=es")
    assert download.status_code == 200 and download.mimetype == XLSX
    assert "bank-CMS-es.xlsx" in download.headers["Content-Disposition"]
    data = fill(download.data, {f"{CHOICES}:config:choice:schools": "Escuelas y alumnado"})
    preview = upload(client, "CMS", data)
    assert preview.status_code == 200 and "Escuelas y alumnado" in preview.text
    token = re.search(r'action="/interchange/translation/bank/CMS/apply/([\w-]+)"', preview.text)
    # a token is for its scope: the same token on a questionnaire's page is not waiting there
    elsewhere = client.post(f"/interchange/translation/CMS-COP15/apply/{token.group(1)}")
    assert elsewhere.headers["Location"].endswith("/interchange/translation/CMS-COP15")
    done = client.post(f"/interchange/translation/bank/CMS/apply/{token.group(1)}")
    assert done.status_code == 302 and done.headers["Location"].endswith("/bank/?owner=CMS")
    with app.app_context():
        labels = {c["key"]: c["label"] for c in question(CHOICES).latest.config["choices"]}
        assert labels["schools"]["es"] == "Escuelas y alumnado"


def test_the_bank_page_reads_in_french(client, auth):
    auth.login(CMS_SEC)
    client.post("/language", data={"lang": "fr"})
    page = client.get("/interchange/translation/bank/CMS", headers={"Accept-Language": "fr"})
    assert page.status_code == 200


STATUS = {ANON: 302, CMS_SEC: 200, AEWA_SEC: 403, ADMIN: 403, ANALYST: 403, FP_FRA: 403}


@pytest.mark.parametrize(("who", "status"), list(STATUS.items()))
def test_only_the_owners_secretariat_reaches_its_bank_translation_files(
    app, client, auth, who, status
):
    if who is not None:
        auth.login(who)
    for url in (
        "/interchange/translation/bank/CMS",
        "/interchange/translation/bank/CMS/download?lang=fr",
    ):
        response = client.get(url)
        assert response.status_code == status, url
        if status != 200:
            assert b"AWARE-EDU" not in response.data
    posted = upload(client, "CMS", b"x")
    assert posted.status_code == (422 if status == 200 else status)
    if who is not None:
        assert client.get("/interchange/translation/bank/NOPE").status_code == 404
