"""Files attached to answers: accepted types and sizes, storage outside the static folder under
a random name, downloads only for those who may read the report, and refusals that lose nothing
else — through the services and through the HTTP client, in French and Spanish."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.reporting import attachments, saving, services
from app.reporting.models import Answer, Attachment
from tests import sample_files
from tests.test_reporting import (
    ANALYST,
    CMS_SEC,
    FP_ESP,
    FP_FRA,
    FP_SEN,
    first_item,
    report_of,
    user,
)

PDF = sample_files.pdf()
PNG = sample_files.image("PNG")
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes) -> attachments.Upload:
    return attachments.Upload(name, io.BytesIO(content))


def file_item(filled):
    return first_item(filled, "file")


def stored_files(app) -> set[Path]:
    return set(Path(app.config["ATTACHMENT_FOLDER"]).glob("??/*"))


# --- services -------------------------------------------------------------------------------------


def test_a_pdf_is_stored_outside_static_under_a_random_name(ctx, app):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    item = file_item(filled)
    saved = attachments.attach(
        filled,
        item.node,
        item.loop_key,
        [upload("C:\\Documents\\Plan national poison.pdf", PDF)],
        user=user(FP_SEN),
        locale="fr",
    )
    attachment = ctx.get(Attachment, saved.answer.value[0])
    assert attachment.filename == "Plan national poison.pdf"
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    path = attachments.path_of(attachment)
    assert path.read_bytes() == PDF
    assert "Plan" not in path.name and len(attachment.storage_key) == 32
    static = Path(app.static_folder).resolve()
    assert static not in path.resolve().parents


def test_a_second_file_is_added_to_the_first(ctx):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    item = file_item(filled)
    first = attachments.attach(
        filled, item.node, item.loop_key, [upload("a.pdf", PDF)], user=user(FP_SEN), locale="fr"
    )
    second = attachments.attach(
        filled, item.node, item.loop_key, [upload("carte.png", PNG)], user=user(FP_SEN), locale="fr"
    )
    assert len(second.answer.value) == 2 and second.answer.value[0] == first.answer.value[0]
    assert second.answer.version == 2


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("outil.exe", EXE, "n’est pas un type de fichier"),
        ("faux.pdf", EXE, "n’est pas un type de fichier"),  # an executable renamed
        ("vide.pdf", b"", "est vide"),
        ("tableau.csv", b"a,b\x00c", "n’est pas un type de fichier"),
    ],
)
def test_refused_files_attach_nothing_and_keep_the_answer(ctx, app, name, content, expected):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    item = file_item(filled)
    kept = attachments.attach(
        filled, item.node, item.loop_key, [upload("garde.pdf", PDF)], user=user(FP_SEN), locale="fr"
    )
    before = stored_files(app)
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        with pytest.raises(attachments.AttachmentError) as refused:
            attachments.attach(
                filled,
                item.node,
                item.loop_key,
                [upload("bon.pdf", PDF), upload(name, content)],
                user=user(FP_SEN),
                locale="fr",
            )
        assert expected in refused.value.message
    assert stored_files(app) == before  # nothing left on disk, not even the good file
    answer = ctx.scalar(sa.select(Answer).where(Answer.id == kept.answer.id))
    assert answer.value == kept.answer.value and answer.version == 1


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message(ctx, app, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1000)
    report = report_of("CMS-COP15", "ESP")
    filled = services.fill(report, "es")
    item = file_item(filled)
    with app.test_request_context(headers={"Accept-Language": "es"}):
        with pytest.raises(attachments.AttachmentError) as refused:
            attachments.attach(
                filled,
                item.node,
                item.loop_key,
                [upload("informe.pdf", PDF + b"0" * 2000)],
                user=user(FP_ESP),
                locale="es",
            )
        assert "«informe.pdf» supera 1\u00a0kB" in refused.value.message


def test_an_answer_cannot_name_another_reports_file(ctx):
    sen = services.fill(report_of("CMS-COP15", "SEN"), "fr")
    item = file_item(sen)
    theirs = attachments.attach(
        sen, item.node, item.loop_key, [upload("a.pdf", PDF)], user=user(FP_SEN), locale="fr"
    ).answer.value[0]
    fra = services.fill(report_of("CMS-COP15", "FRA"), "fr")
    change = saving.Change(raw=[str(theirs)], raw_given=True)
    saved = saving.save_answer(
        fra,
        file_item(fra).node,
        "",
        change,
        expected_version=0,
        user=user(FP_FRA),
        locale="fr",
    )
    assert saved.answer.value is None


def test_sizes_are_written_in_the_readers_language():
    """French writes its own units: « 2,5 Mo », « 45 o » (Babel's unit data)."""
    assert attachments.size_label(2_500_000, "fr") == "2,5\u202fMo"
    assert attachments.size_label(45, "fr") == "45\u202fo"
    assert attachments.size_label(2_500_000, "en") == "2.5\u00a0MB"
    assert attachments.size_label(10 * 1024 * 1024, "es") == "10,5\u00a0MB"


# --- HTTP -----------------------------------------------------------------------------------------


def _threats(app, party):
    """(report id, section id, the yes/no item it hangs on, the file item) of a CMS-COP15 report."""
    with app.app_context():
        report = report_of("CMS-COP15", party)
        filled = services.fill(report, "fr")
        item = file_item(filled)
        section = filled.tree.ancestors(item.node)[0].id
        source = next(i for i in filled.rendered.items() if i.node.code == "THR-POISON-01")
        return report.id, section, source.field_name, item.field_name


def _upload(client, report_id, name, filename, content):
    return client.post(
        f"/reports/{report_id}/attachments",
        data={"field": name, f"u-{name}": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )


def test_upload_download_and_remove_through_the_page(client, auth, app):
    report_id, section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    sent = _upload(client, report_id, name, "Stratégie poison.pdf", PDF)
    assert sent.status_code == 200 and sent.json["version"] == 1
    assert (
        "Stratégie poison.pdf" in sent.json["files"] and "Garder le fichier" in sent.json["files"]
    )
    link = re.search(r'href="(/reports/\d+/attachments/\d+)"', sent.json["files"]).group(1)
    with client.get(link) as got:
        assert got.status_code == 200 and got.data == PDF
        assert got.headers["Content-Type"] == "application/pdf"
        assert got.headers["Content-Disposition"].startswith("attachment;")
    page = client.get(f"/reports/{report_id}/sections/{section}")
    assert "Stratégie poison.pdf" in page.text and 'enctype="multipart/form-data"' in page.text
    # unticking "keep" and saving removes it from the answer; the history still links to it
    removed = client.post(
        f"/reports/{report_id}/answers", data={"field": name, f"p-{name}": "1", f"v-{name}": "1"}
    )
    assert removed.status_code == 200 and removed.json["version"] == 2
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer).where(Answer.report_id == report_id))
        assert answer.value is None
        history = client.get(f"/reports/{report_id}/history/{answer.node_id}")
    assert "Stratégie poison.pdf" in history.text and link in history.text


def test_a_refused_file_gets_a_translated_message(client, auth, app):
    report_id, _section, _source, name = _threats(app, "ESP")
    auth.login(FP_ESP)
    refused = _upload(client, report_id, name, "virus.exe", EXE)
    assert refused.status_code == 422
    assert "«virus.exe» no es un tipo de archivo" in refused.json["message"]
    assert "PDF" in refused.json["message"]


def test_without_javascript_a_refused_file_loses_nothing_else(client, auth, app, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1000)
    report_id, section, source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    url = f"/reports/{report_id}/sections/{section}"
    data = {
        f"p-{source}": "1",
        f"v-{source}": "0",
        source: "yes",
        f"c-{source}": "Plan adopté en 2024",
        f"p-{name}": "1",
        f"v-{name}": "0",
        f"u-{name}": (io.BytesIO(PDF + b"0" * 1000), "plan.pdf"),
    }
    page = client.post(url, data=data, content_type="multipart/form-data")
    assert page.status_code == 200
    assert "«\u00a0plan.pdf\u00a0» dépasse 1\u202fko\u00a0: il n’a pas été joint." in page.text
    assert "Plan adopté en 2024" in page.text
    with app.app_context():
        values = set(
            db.session.scalars(sa.select(Answer.comment).where(Answer.report_id == report_id))
        )
        assert "Plan adopté en 2024" in values
        assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0
    # the same form with an acceptable file attaches it
    data[f"u-{name}"] = (io.BytesIO(PDF), "plan.pdf")
    data[f"v-{source}"] = "1"
    saved = client.post(url, data=data, content_type="multipart/form-data", follow_redirects=True)
    assert "Vos réponses ont été enregistrées." in saved.text and "plan.pdf" in saved.text


@pytest.mark.parametrize(
    ("who", "status"),
    [(FP_SEN, 200), (CMS_SEC, 200), (FP_FRA, 404), (ANALYST, 404), (None, 302)],
)
def test_who_may_download_a_file(client, auth, app, who, status):
    with app.app_context():
        report = report_of("CMS-COP15", "SEN")
        filled = services.fill(report, "fr")
        item = file_item(filled)
        saved = attachments.attach(
            filled, item.node, item.loop_key, [upload("a.pdf", PDF)], user=user(FP_SEN), locale="fr"
        )
        db.session.commit()
        url = f"/reports/{report.id}/attachments/{saved.answer.value[0]}"
        other_url = (
            f"/reports/{report_of('CMS-COP15', 'FRA').id}/attachments/{saved.answer.value[0]}"
        )
    if who:
        auth.login(who)
    with client.get(url) as got:
        assert got.status_code == status
    with client.get(other_url) as other:
        assert other.status_code in (302, 404)  # never through another report


@pytest.mark.parametrize(("who", "status"), [(CMS_SEC, 403), (FP_FRA, 404), (ANALYST, 404)])
def test_only_the_party_attaches(client, auth, app, who, status):
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(who)
    assert _upload(client, report_id, name, "a.pdf", PDF).status_code == status
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


# --- content checked, not first bytes (issue 14) --------------------------------------------------

NOT_VALID = (
    "“%(name)s” is not a valid %(type)s file: its content does not match its name. "
    "It was not attached."
)


def in_language(app, lang: str, msgid: str, **params) -> str:
    """`msgid` as the catalog of `lang` gives it (English until the translator fills it)."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale(lang):
        return gettext(msgid, **params)


def _attachment_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Attachment.id)))


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("effectifs.csv", b"<html><script>alert(document.cookie)</script></html>\n"),
        ("plan.pdf", b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n"),
        ("carte.webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x10\x00\x00\x00" + b"\x00" * 32),
        ("rapport.docx", sample_files.zipped({"readme.txt": b"any zip at all"})),
    ],
    ids=["csv-holding-html", "pdf-html-polyglot", "riff-not-webp", "zip-not-docx"],
)
def test_files_whose_first_bytes_lie_are_refused_naming_the_file(
    client, auth, app, filename, content
):
    """The four files issue 14 found accepted on their first bytes alone: a CSV holding HTML, a
    `%PDF-` + HTML polyglot, a RIFF that is not WebP, a zip that is not a Word document."""
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    before = stored_files(app)
    refused = _upload(client, report_id, name, filename, content)
    assert refused.status_code == 422 and refused.json["status"] == "error"
    kind = filename.rsplit(".", 1)[1].upper()
    assert refused.json["message"] == in_language(app, "fr", NOT_VALID, name=filename, type=kind)
    assert filename in refused.json["message"]
    assert _attachment_count(app) == 0 and stored_files(app) == before


def test_genuine_files_of_every_accepted_type_are_attached(ctx, app):
    """Real files built in the test (a Word, Excel and PowerPoint document, their OpenDocument
    and 97–2003 kinds, a PDF, four image formats, a CSV) all pass the content checks."""
    filled = services.fill(report_of("CMS-COP15", "SEN"), "fr")
    item = file_item(filled)
    uploads = [upload(f"exemple.{ext}", make()) for ext, make in sample_files.GENUINE.items()]
    saved = attachments.attach(
        filled, item.node, item.loop_key, uploads, user=user(FP_SEN), locale="fr"
    )
    stored = [ctx.get(Attachment, i) for i in saved.answer.value]
    assert [a.filename for a in stored] == [f"exemple.{e}" for e in sample_files.GENUINE]
    assert {a.content_type for a in stored} == {t for t, _s in attachments.TYPES.values()}


@pytest.mark.parametrize(
    ("filename", "make", "msgid", "limit"),
    [
        (
            "bombe.docx",
            lambda: sample_files.zip_bomb(1024),
            "“%(name)s” unpacks to more than %(max)s: it was not attached.",
            "200\u202fMo",
        ),
        (
            "carte.png",
            lambda: sample_files.png_bomb(20_000, 10_000),
            "“%(name)s” is an image of more than %(max)s pixels: it was not attached.",
            "50\u202f000\u202f000",
        ),
    ],
    ids=["zip-bomb", "pixel-bomb"],
)
def test_zip_and_pixel_bombs_are_refused_fast_naming_the_file(
    client, auth, app, filename, make, msgid, limit
):
    """A docx that inflates to 1 GB and a PNG of 200 million pixels, a few kilobytes to one
    megabyte each, are refused from their directory or header in well under a second."""
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    content = make()
    start = time.perf_counter()
    refused = _upload(client, report_id, name, filename, content)
    elapsed = time.perf_counter() - start
    assert refused.status_code == 422
    assert refused.json["message"] == in_language(app, "fr", msgid, name=filename, max=limit)
    assert elapsed < 1.0, elapsed
    assert _attachment_count(app) == 0


@pytest.mark.parametrize("csrf", [False, True])
def test_an_upload_over_the_request_limit_gets_the_json_refusal_in_french(
    client, auth, app, monkeypatch, csrf
):
    """Over MAX_CONTENT_LENGTH werkzeug refuses the request before it is read (with CSRF on, as
    in production, while the token is looked for): the upload script still gets its JSON
    refusal, translated, never the HTML 413 page."""
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", csrf)
    refused = _upload(client, report_id, name, "annexes.pdf", PDF + b"0" * 3000)
    assert refused.status_code == 413 and refused.is_json
    assert refused.json["status"] == "error"
    assert refused.json["message"].startswith(
        "Les données envoyées dépassent la taille acceptée par le site. "
    )
    each = attachments.size_label(app.config["ATTACHMENT_MAX_BYTES"], "fr")
    assert refused.json["message"].endswith(
        in_language(app, "fr", "No file was attached; each file may be up to %(max)s.", max=each)
    )
    assert _attachment_count(app) == 0


def test_without_javascript_a_post_over_the_request_limit_keeps_what_was_saved(
    client, auth, app, monkeypatch
):
    """A section posted without JavaScript, files and all, over MAX_CONTENT_LENGTH: back on its
    page with a translated message; the answers saved before are as they were."""
    report_id, section, source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    url = f"/reports/{report_id}/sections/{section}"
    data = {f"p-{source}": "1", f"v-{source}": "0", source: "yes", f"c-{source}": "Plan 2024"}
    assert client.post(url, data=data).status_code == 302
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    data |= {
        f"v-{source}": "1",
        f"c-{source}": "Plan révisé",
        f"p-{name}": "1",
        f"v-{name}": "0",
        f"u-{name}": (io.BytesIO(PDF + b"0" * 3000), "annexes.pdf"),
    }
    sent = client.post(url, data=data, content_type="multipart/form-data")
    assert sent.status_code == 303 and sent.headers["Location"].endswith(url)
    page = client.get(url)
    assert page.status_code == 200
    assert "Les données envoyées dépassent la taille acceptée par le site." in page.text
    assert "Plan 2024" in page.text
    with app.app_context():
        comments = set(
            db.session.scalars(sa.select(Answer.comment).where(Answer.report_id == report_id))
        )
    assert comments == {"Plan 2024"} and _attachment_count(app) == 0


def test_an_autosave_over_the_request_limit_gets_the_json_refusal(client, auth, app, monkeypatch):
    """The autosave script, too, gets a translated JSON refusal it can show by the item."""
    report_id, _section, source, _name = _threats(app, "ESP")
    auth.login(FP_ESP)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 500)
    data = {"field": source, f"p-{source}": "1", f"v-{source}": "0", f"c-{source}": "x" * 600}
    refused = client.post(f"/reports/{report_id}/answers", data=data)
    assert refused.status_code == 413 and refused.json["status"] == "error"
    assert refused.json["message"] == "Los datos enviados superan el tamaño que admite el sitio."


# --- the attachment folder full or unwritable (issue 19) ------------------------------------------

NOT_STORED = (
    "“%(name)s” could not be stored: the server has no room left or cannot write files just "
    "now. Nothing was changed; try again later, and tell the secretariat if it happens again."
)


def test_an_unwritable_attachment_folder_is_a_clear_refusal(client, auth, app, tmp_path):
    """The folder cannot be made (here: under a file, which even root cannot write into): the
    person is told in their language, nothing is stored, the answer is unchanged."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    kept = _upload(client, report_id, name, "garde.pdf", PDF)
    assert kept.status_code == 200
    saved_folder = app.config["ATTACHMENT_FOLDER"]
    app.config["ATTACHMENT_FOLDER"] = str(blocker / "attachments")
    try:
        refused = _upload(client, report_id, name, "Plan national.pdf", PDF)
    finally:
        app.config["ATTACHMENT_FOLDER"] = saved_folder
    assert refused.status_code == 422 and refused.json["status"] == "error"
    assert refused.json["message"] == in_language(app, "fr", NOT_STORED, name="Plan national.pdf")
    assert "n’a pas pu être enregistré" in refused.json["message"]
    assert _attachment_count(app) == 1  # the first file only
    # the answer was left at its version: the next file attached makes it the second
    again = _upload(client, report_id, name, "Plan national.pdf", PDF)
    assert again.status_code == 200 and again.json["version"] == 2


class _DiskFull(io.FileIO):
    """A file whose disk fills after the first chunk: part of it is written, then ENOSPC."""

    def write(self, data):
        if self.tell() > 0:
            import errno

            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def test_a_disk_that_fills_mid_file_leaves_no_half_file(ctx, app, monkeypatch):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    item = file_item(filled)
    before = stored_files(app)
    monkeypatch.setattr(attachments, "CHUNK", 1024)
    monkeypatch.setattr(
        attachments, "open", lambda path, mode: _DiskFull(path, "xb"), raising=False
    )
    with app.test_request_context(headers={"Accept-Language": "es"}):
        with pytest.raises(attachments.AttachmentError) as refused:
            attachments.attach(
                filled, item.node, item.loop_key, [upload("informe.pdf", PDF * 4)],
                user=user(FP_SEN), locale="es",
            )  # fmt: skip
        assert "informe.pdf" in refused.value.message
    assert stored_files(app) == before  # the half-written file is gone
    assert ctx.scalar(sa.select(sa.func.count(Attachment.id))) == 0
    assert filled.answers.get((item.node.id, item.loop_key)) is None
