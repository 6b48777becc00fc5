"""Translation files as XLIFF (app/interchange/translation_xliff.py) for translators' CAT
tools: the same texts as the workbook, a unit per text with the current translation as its
target; read back, an untouched target is no change, a changed one is applied to that language
only; a source changed since the export is flagged; a damaged, foreign or hostile XML document
is refused with a translated reason and changes nothing."""

from __future__ import annotations

import io
import re

import pytest
from flask_babel import force_locale
from translate.storage import xliff

from app.directory import services as directory
from app.interchange import translation_file as tf
from app.questionnaires import texts_service
from tests.test_translation_file import cop15, snapshot

XLIFF = "application/x-xliff+xml"


def parsed(data: bytes):
    return xliff.xlifffile.parsestring(data)


def units(data: bytes) -> dict[str, object]:
    return {unit.xmlelement.get("id"): unit for unit in parsed(data).getunits()}


def translated(data: bytes, targets: dict[str, str], language: str | None = None) -> bytes:
    """`data` as a CAT tool gives it back: the targets of `targets` typed (and, if given, the
    target language rewritten with its region, as some tools do)."""
    store = parsed(data)
    for unit in store.getunits():
        key = unit.xmlelement.get("id")
        if key in targets:
            unit.target = targets[key]
    out = bytes(store)
    if language:
        out = re.sub(rb'target-language="[^"]+"', f'target-language="{language}"'.encode(), out)
    return out


def test_the_xliff_holds_the_same_texts_as_the_workbook(ctx):
    questionnaire = cop15()
    data = tf.xliff_file(questionnaire, "fr")
    store = parsed(data)
    assert store.getfilenames() == ["questionnaire:CMS-COP15"]
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "fr")
    found = units(data)
    expected = tf.entries(questionnaire, "fr")
    assert list(found) == [entry.key for entry in expected]
    for entry in expected:
        unit = found[entry.key]
        assert unit.source == entry.source
        assert (unit.target or "") == entry.current
        assert unit.getnotes("developer") == entry.context
        assert unit.getnotes("family-ors") == tf.check(entry.current)
    with pytest.raises(ValueError):
        tf.xliff_file(questionnaire, "en")


def test_an_untouched_xliff_changes_nothing(ctx):
    before = snapshot(cop15())
    data = tf.xliff_file(cop15(), "es")
    outcome = tf.read(data, cop15(), apply=True)
    assert outcome.ok and outcome.fmt == "xliff"
    assert not outcome.updated and not outcome.flagged
    assert outcome.unchanged + outcome.empty == len(units(data))
    assert snapshot(cop15()) == before


def test_a_translated_xliff_updates_that_language_only(ctx):
    before = snapshot(cop15())
    data = translated(tf.xliff_file(cop15(), "fr"), {"q:title": "Rapport national (CAT)"}, "fr-FR")
    preview = tf.read(data, cop15(), apply=False)
    assert preview.ok and [c.after for c in preview.updated] == ["Rapport national (CAT)"]
    assert preview.updated[0].row > 1  # the unit's line in the document
    assert snapshot(cop15()) == before
    outcome = tf.read(data, cop15(), apply=True)
    assert outcome.ok and len(outcome.updated) == 1
    after = snapshot(cop15())
    assert after["q:title"] == {**before["q:title"], "fr": "Rapport national (CAT)"}
    assert {k: v for k, v in after.items() if k != "q:title"} == {
        k: v for k, v in before.items() if k != "q:title"
    }


def test_an_untouched_unit_keeps_a_translation_changed_in_the_application_since(ctx):
    questionnaire = cop15()
    data = tf.xliff_file(questionnaire, "fr")
    texts_service.set_text(questionnaire, "title", "fr", "Titre corrigé dans l’application")
    outcome = tf.read(data, questionnaire, apply=True)
    assert outcome.ok and not outcome.updated and not outcome.flagged
    assert questionnaire.title["fr"] == "Titre corrigé dans l’application"
    # a unit the translator changed too is flagged, not applied over the application's fix
    typed = translated(data, {"q:title": "Titre du traducteur"})
    with force_locale("en"):
        outcome = tf.read(typed, questionnaire, apply=True)
    assert [f.reason for f in outcome.flagged] == [
        "Its translation was changed in the application after the file was made."
    ]
    assert questionnaire.title["fr"] == "Titre corrigé dans l’application"


def test_a_source_changed_in_the_file_or_in_the_application_is_flagged(ctx):
    data = tf.xliff_file(cop15(), "fr")
    store = parsed(data)
    unit = next(u for u in store.getunits() if u.xmlelement.get("id") == "q:title")
    unit.source = "A source the CAT tool changed"
    unit.target = "Une source changée"
    with force_locale("en"):
        outcome = tf.read(bytes(store), cop15(), apply=True)
    assert [f.reason for f in outcome.flagged] == [
        "Its English source changed after the file was made: translate the new one."
    ]
    assert cop15().title["fr"] != "Une source changée"


def test_the_bank_questions_travel_as_xliff_too(ctx):
    scope = tf.BankTexts(directory.instrument_by_code("AEWA"))
    data = tf.xliff_file(scope, "es")
    assert parsed(data).getfilenames() == ["bank:AEWA"]
    key = next(iter(units(data)))
    code, _sep, name = key.partition(":")
    outcome = tf.read(translated(data, {key: "Texto nuevo del banco"}), scope, apply=True)
    assert outcome.ok and len(outcome.updated) == 1
    question = next(q for q in scope._questions.values() if q.code == code)
    assert dict(tf.bank_services.translations(question.latest))[name]["es"] == (
        "Texto nuevo del banco"
    )
    with force_locale("en"):
        refused = tf.read(data, cop15(), apply=True)
    assert [p.message for p in refused.refused] == [
        "This file holds the bank questions of AEWA, not the texts of CMS-COP15."
    ]


HOSTILE = {
    "broken": (b'<?xml version="1.0"?><xliff version="1.2"><file',
               "This file cannot be read as XLIFF: its XML is damaged."),
    "not xliff": (b"<html><body>Hello</body></html>", "This XML file is not an XLIFF file."),
    "no file": (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
                "This XLIFF file is not a translation file of this application."),
    "external entity": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">'
        b'<file original="questionnaire:CMS-COP15" source-language="en" target-language="fr" '
        b'datatype="plaintext"><body><trans-unit id="q:title"><source>&e;</source>'
        b"<target>&e;</target></trans-unit></body></file></xliff>",
        "This XLIFF file is not a translation file of this application.",
    ),
    "laughs": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode()
            for i in range(8)
        )
        + b"]><xliff>&i;</xliff>",
        "This file cannot be read as XLIFF: its XML is damaged.",
    ),
    "another tool's": (
        b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        b'version="1.2"><file original="app.po" source-language="en" target-language="fr" '
        b'datatype="po"><body><trans-unit id="1"><source>Hi</source></trans-unit></body>'
        b"</file></xliff>",
        "This XLIFF file is not a translation file of this application.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_damaged_foreign_or_hostile_xml_file_is_refused(ctx, name):
    data, message = HOSTILE[name]
    before = snapshot(cop15())
    with force_locale("en"):
        outcome = tf.read(data, cop15(), apply=True)
    assert [p.message for p in outcome.refused] == [message]
    assert not outcome.updated
    assert snapshot(cop15()) == before
    assert "root:" not in str(outcome)  # nothing of /etc/passwd was read


# --- the pages ----------------------------------------------------------------------------------


def test_a_secretariat_downloads_and_imports_an_xliff(app, client, auth):
    from tests.test_policy import CMS_SEC

    auth.login(CMS_SEC)
    page = client.get("/interchange/translation/CMS-COP15").text
    assert 'value="xliff"' in page and ".xlf" in page
    download = client.get("/interchange/translation/CMS-COP15/download?lang=fr&format=xliff")
    assert download.status_code == 200 and download.mimetype == XLIFF
    assert "CMS-COP15-fr.xlf" in download.headers["Content-Disposition"]
    data = translated(download.data, {"q:title": "Rapport national (XLIFF)"})
    form = {"file": (io.BytesIO(data), "CMS-COP15-fr.xlf")}
    preview = client.post(
        "/interchange/translation/CMS-COP15", data=form, content_type="multipart/form-data"
    )
    assert preview.status_code == 200 and "Rapport national (XLIFF)" in preview.text
    assert '<th scope="col">Ligne du fichier</th>' in preview.text
    token = re.search(r"/apply/([\w-]+)", preview.text).group(1)
    assert client.post(f"/interchange/translation/CMS-COP15/apply/{token}").status_code == 302
    with app.app_context():
        assert cop15().title["fr"] == "Rapport national (XLIFF)"
    bad = client.post(
        "/interchange/translation/CMS-COP15",
        data={"file": (io.BytesIO(b"<xliff"), "x.xlf")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422 and "/apply/" not in bad.text
