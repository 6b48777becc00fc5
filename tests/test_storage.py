"""The attachments' storage (app/reporting/storage.py, issue 19): the same behaviour from a folder
and from an S3 bucket (moto's server on a local port, reached over HTTP), then attachments and
backups through the S3 storage: an upload comes back byte for byte and leaves nothing on the
local disk, a refused file leaves no object, a stopped S3 is a translated refusal that changes
nothing, and a backup moves between a folder and a bucket with the same manifest."""

from __future__ import annotations

import io
import re
import secrets

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.operations import backup
from app.reporting import storage
from app.reporting.models import Answer, Attachment
from config import ConfigurationError, ProductionConfig
from config import database_url as driver_url
from tests import conftest, s3_server
from tests.conftest import make_test_app
from tests.test_attachments import (
    NOT_STORED,
    PDF,
    _attachment_count,
    _threats,
    _upload,
    in_language,
    stored_files,
)
from tests.test_backup import facts
from tests.test_reporting import FP_SEN

DOWNLOAD_UNAVAILABLE = (
    "“%(name)s” cannot be downloaded just now. Nothing is lost: try again in a moment, and tell "
    "the secretariat if it happens again."
)
CONTENT = b"%PDF-1.7\n" + bytes(range(256)) * 300  # several chunks, every byte value


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 for this module, with test credentials in boto3's environment (and no
    profile or credentials file of the machine's)."""
    nowhere = tmp_path_factory.mktemp("aws") / "none"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in s3_server.TEST_CREDENTIALS.items():
            patch.setenv(name, value)
        patch.delenv("AWS_PROFILE", raising=False)
        patch.setenv("AWS_CONFIG_FILE", str(nowhere))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(nowhere))
        server = s3_server.start()
        yield server
        server.stop()


def s3_storage(s3: s3_server.S3Server, bucket: str | None = None, prefix="attachments/"):
    return storage.S3Storage(
        bucket or s3.new_bucket(), prefix=prefix, endpoint_url=s3.endpoint_url, region="us-east-1"
    )


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path) -> storage.Storage:
    if request.param == "local":
        return storage.LocalStorage(tmp_path / "attachments")
    return s3_storage(request.getfixturevalue("s3"))


@pytest.fixture(params=["local", "s3"])
def unavailable(request, tmp_path) -> storage.Storage:
    """A storage that cannot be written: a folder that cannot be made (under a file, which even
    root cannot write into), or a bucket whose server stopped."""
    if request.param == "local":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        return storage.LocalStorage(blocker / "attachments")
    request.getfixturevalue("s3")  # the credentials
    own = s3_server.start()
    stopped = s3_storage(own)
    own.stop()
    return stopped


def pieces(data: bytes, size: int = 1000):
    return (data[i : i + size] for i in range(0, len(data), size))


def read_all(store: storage.Storage, name: str) -> bytes:
    with store.open(name) as stream:
        return b"".join(iter(lambda: stream.read(4096), b""))


# --- the same behaviour from both --------------------------------------------------------------


def test_a_saved_file_reads_back_byte_for_byte(store):
    assert store.save("ab/abcdef", pieces(CONTENT), limit=len(CONTENT)) == len(CONTENT)
    assert store.exists("ab/abcdef") and not store.exists("ab/other")
    with store.open("ab/abcdef") as stream:
        assert stream.size == len(CONTENT)
    assert read_all(store, "ab/abcdef") == CONTENT
    assert store.save("empty.csv", []) == 0 and read_all(store, "empty.csv") == b""
    assert store.names() == ["ab/abcdef", "empty.csv"]


def test_past_its_limit_a_file_is_not_stored(store):
    with pytest.raises(storage.TooLarge) as refused:
        store.save("ab/large", pieces(CONTENT), limit=len(CONTENT) - 1)
    assert refused.value.limit == len(CONTENT) - 1
    assert not store.exists("ab/large") and store.names() == []


def test_the_check_reads_the_whole_file_before_its_name_holds_it(store):
    seen = []

    def check(path):
        seen.append(path.read_bytes())
        assert not store.exists("ab/checked")  # not yet under its name
        raise ValueError("not a genuine file")

    with pytest.raises(ValueError, match="not a genuine file"):
        store.save("ab/checked", pieces(CONTENT), check=check)
    assert seen == [CONTENT]
    assert store.names() == []
    store.save("ab/checked", pieces(CONTENT), check=lambda path: None)
    assert read_all(store, "ab/checked") == CONTENT


def test_a_stream_that_fails_midway_stores_nothing(store):
    def broken():
        yield CONTENT[:1000]
        raise ConnectionResetError("the upload was cut")

    with pytest.raises(ConnectionResetError):
        store.save("ab/cut", broken())
    assert store.names() == []


def test_delete_removes_the_file_and_a_missing_file_is_not_found(store):
    store.save("ab/gone", [b"x"])
    store.delete("ab/gone")
    assert not store.exists("ab/gone") and store.names() == []
    store.delete("ab/gone")  # nothing to remove is no error
    with pytest.raises(FileNotFoundError):
        store.open("ab/gone")


@pytest.mark.parametrize("name", ["", "../x", "ab/../../x", "/etc/passwd", "a//b", "a/./b",
                                  "a\\b", "ab/x.part"])  # fmt: skip
def test_a_name_never_leads_elsewhere(store, name):
    for call in (
        lambda: store.save(name, [b"x"]),
        lambda: store.open(name),
        lambda: store.delete(name),
        lambda: store.exists(name),
    ):
        with pytest.raises(ValueError, match="is not a stored file's name"):
            call()


def test_a_storage_that_cannot_be_written_says_so(unavailable):
    with pytest.raises(storage.StorageUnavailable):
        unavailable.save("ab/abcdef", pieces(CONTENT))
    with pytest.raises(storage.StorageUnavailable):
        unavailable.open("ab/abcdef")


# --- what each does its own way ------------------------------------------------------------------


def test_a_folder_writes_a_part_file_and_renames_it(tmp_path):
    folder = tmp_path / "attachments"
    store = storage.LocalStorage(folder)
    during = []
    store.save("ab/abcdef", [b"%PDF-"], check=lambda path: during.append(sorted(folder.rglob("*"))))
    assert during == [[folder / "ab", folder / "ab" / "abcdef.part"]]
    assert sorted(folder.rglob("*")) == [folder / "ab", folder / "ab" / "abcdef"]
    (folder / "ab" / "left.part").write_bytes(b"half")  # a part a crash left behind
    assert store.names() == ["ab/abcdef"]


def test_a_bucket_keeps_its_files_under_its_prefix_only(s3):
    store = s3_storage(s3, prefix="/ors/attachments/")
    s3.client().put_object(Bucket=store.bucket, Key="elsewhere/a.pdf", Body=b"not ours")
    s3.client().put_object(Bucket=store.bucket, Key="ors/attachments/ab/", Body=b"")  # a "folder"
    store.save("ab/abcdef", [b"%PDF-"])
    assert s3.keys(store.bucket) == ["elsewhere/a.pdf", "ors/attachments/ab/",
                                     "ors/attachments/ab/abcdef"]  # fmt: skip
    assert store.names() == ["ab/abcdef"]
    assert "s3://" in store.label and store.bucket in store.label


def test_a_stopped_s3_refuses_every_call(s3):
    own = s3_server.start()
    store = s3_storage(own)
    store.save("ab/abcdef", [b"%PDF-"])
    own.stop()
    for call in (store.names, lambda: store.exists("ab/abcdef"), lambda: store.delete("ab/x")):
        with pytest.raises(storage.StorageUnavailable):
            call()


# --- the settings ------------------------------------------------------------------------------


def production_environment(monkeypatch, **environ):
    """What ProductionConfig needs, with the attachment storage of `environ`."""
    conftest.production_environment(monkeypatch)
    monkeypatch.setenv("SECRET_KEY", secrets.token_hex(32))
    for name in ("ATTACHMENT_STORAGE", "ATTACHMENT_S3_BUCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({"ATTACHMENT_STORAGE": "s3"}, "ATTACHMENT_STORAGE=s3 but ATTACHMENT_S3_BUCKET is not set"),
        ({"ATTACHMENT_STORAGE": "s3", "ATTACHMENT_S3_BUCKET": ""}, "ATTACHMENT_S3_BUCKET"),
        ({"ATTACHMENT_STORAGE": "nfs"}, "ATTACHMENT_STORAGE='nfs': set it to local"),
    ],
)
def test_production_refuses_an_attachment_storage_it_cannot_use(monkeypatch, environ, problem):
    production_environment(monkeypatch, **environ)
    with pytest.raises(ConfigurationError, match=problem) as refused:
        ProductionConfig()
    assert "refuses to start" in str(refused.value)


def test_production_starts_with_a_bucket_or_a_folder(monkeypatch):
    production_environment(monkeypatch, ATTACHMENT_STORAGE="s3", ATTACHMENT_S3_BUCKET="ors")
    ProductionConfig()
    production_environment(monkeypatch)
    ProductionConfig()


def test_the_configured_storage(app, s3, monkeypatch):
    assert isinstance(storage.configured(app.config), storage.LocalStorage)
    monkeypatch.setitem(app.config, "ATTACHMENT_STORAGE", "s3")
    monkeypatch.setitem(app.config, "ATTACHMENT_S3_BUCKET", None)
    with pytest.raises(ConfigurationError, match="ATTACHMENT_S3_BUCKET is not set"):
        storage.configured(app.config)
    for name, value in s3_server.settings(s3, "ors", prefix="files").items():
        monkeypatch.setitem(app.config, name, value)
    configured = storage.configured(app.config)
    assert isinstance(configured, storage.S3Storage) and configured.prefix == "files/"


# --- attachments in S3, through the pages -------------------------------------------------------


def use_s3(app, monkeypatch, s3: s3_server.S3Server) -> str:
    """Configure `app` to keep attachments in a new bucket of `s3`; the bucket's name."""
    bucket = s3.new_bucket()
    for name, value in s3_server.settings(s3, bucket).items():
        monkeypatch.setitem(app.config, name, value)
    return bucket


def _link(sent) -> str:
    return re.search(r'href="(/reports/\d+/attachments/\d+)"', sent.json["files"]).group(1)


def test_with_s3_an_upload_comes_back_byte_for_byte(client, auth, app, s3, monkeypatch):
    bucket = use_s3(app, monkeypatch, s3)
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    on_disk = stored_files(app)
    sent = _upload(client, report_id, name, "Stratégie poison.pdf", PDF)
    assert sent.status_code == 200 and sent.json["version"] == 1
    with app.app_context():
        attachment = db.session.scalar(
            sa.select(Attachment).where(Attachment.report_id == report_id)
        )
        key, sha256 = attachment.storage_key, attachment.sha256
    assert s3.keys(bucket) == [f"attachments/{key[:2]}/{key}"]
    assert stored_files(app) == on_disk  # nothing on this machine's disk
    link = _link(sent)
    with client.get(link) as got:
        assert got.status_code == 200 and got.data == PDF
        assert got.headers["Content-Type"] == "application/pdf"
        assert got.headers["Content-Length"] == str(len(PDF))
        assert got.headers["Content-Disposition"].startswith("attachment;")
        assert got.headers["Cache-Control"] == "private, no-cache"
    with client.get(link, headers={"If-None-Match": f'"{sha256}"'}) as unchanged:
        assert unchanged.status_code == 304 and unchanged.data == b""
    with client.get(link, headers={"Range": "bytes=0-4"}) as part:
        assert part.status_code == 206 and part.data == PDF[:5]


def test_with_s3_a_refused_batch_leaves_no_object(client, auth, app, s3, monkeypatch):
    """The good file of the batch was stored before the second was refused: it is deleted."""
    bucket = use_s3(app, monkeypatch, s3)
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    refused = client.post(
        f"/reports/{report_id}/attachments",
        data={"field": name, f"u-{name}": [(io.BytesIO(PDF), "bon.pdf"),
                                           (io.BytesIO(PDF + b"0" * 10), "faux.docx")]},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert refused.status_code == 422 and "faux.docx" in refused.json["message"]
    assert s3.keys(bucket) == [] and _attachment_count(app) == 0


def test_a_stopped_s3_is_a_translated_refusal_that_changes_nothing(
    client, auth, app, s3, monkeypatch
):
    own = s3_server.start()
    bucket = use_s3(app, monkeypatch, own)
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    kept = _upload(client, report_id, name, "garde.pdf", PDF)
    assert kept.status_code == 200 and kept.json["version"] == 1
    assert len(own.keys(bucket)) == 1
    own.stop()
    refused = _upload(client, report_id, name, "Plan national.pdf", PDF)
    assert refused.status_code == 422 and refused.json["status"] == "error"
    assert refused.json["message"] == in_language(app, "fr", NOT_STORED, name="Plan national.pdf")
    assert _attachment_count(app) == 1
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer).where(Answer.report_id == report_id))
        assert answer.version == 1 and len(answer.value) == 1
    # the file stored before cannot be read now: a page that says so, not a 500
    with client.get(_link(kept)) as got:
        assert got.status_code == 503
        assert in_language(app, "fr", DOWNLOAD_UNAVAILABLE, name="garde.pdf") in got.text
        assert in_language(app, "fr", "File unavailable") in got.text


def test_an_upload_to_a_folder_never_touches_s3(client, auth, app, s3):
    """The default: the folder, whatever a bucket holds."""
    report_id, _section, _source, name = _threats(app, "SEN")
    auth.login(FP_SEN)
    before = stored_files(app)
    assert _upload(client, report_id, name, "a.pdf", PDF).status_code == 200
    assert len(stored_files(app) - before) == 1


# --- backups through the S3 storage ---------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """An attachment folder with two files, one in a subfolder, one empty."""
    files = tmp_path / "attachments"
    (files / "ab").mkdir(parents=True)
    (files / "ab" / "report.pdf").write_bytes(CONTENT)
    (files / "empty.csv").write_bytes(b"")
    return files


def test_a_backup_of_a_folder_restores_into_a_bucket_and_back(
    app, db_url, tmp_path, s3, folder, empty_database_url
):
    with app.app_context():
        manifest = backup.create(tmp_path / "from-folder", db.engine, folder)
    bucket = s3_storage(s3)
    checked = backup.restore(tmp_path / "from-folder", driver_url(empty_database_url), bucket)
    assert checked.differences == [] and checked.files == 2
    assert facts(empty_database_url) == facts(db_url)
    assert s3.keys(bucket.bucket) == ["attachments/ab/report.pdf", "attachments/empty.csv"]
    assert read_all(bucket, "ab/report.pdf") == CONTENT
    # backed up from the bucket: the same files, the same checksums
    with app.app_context():
        again = backup.create(tmp_path / "from-bucket", db.engine, bucket)
    assert again["attachments"] == manifest["attachments"]
    assert (tmp_path / "from-bucket" / backup.FILES / "ab" / "report.pdf").read_bytes() == CONTENT
    # a restore never mixes two states
    with pytest.raises(backup.BackupError, match=r"attachment bucket s3://.* is not empty"):
        backup.restore(tmp_path / "from-bucket", driver_url(empty_database_url), bucket)


def test_the_backup_commands_with_s3(app, db_url, tmp_path, s3, empty_database_url):
    bucket = s3.new_bucket()
    made = make_test_app(db_url, **s3_server.settings(s3, bucket))
    with made.app_context():
        stored = storage.configured(made.config)
        stored.save("ab/abcdef", [CONTENT])
        stored.save("cd/cdef01", [b""])
    target = tmp_path / "nightly"
    created = made.test_cli_runner().invoke(args=["backup", "create", "--output", str(target)])
    assert created.exit_code == 0, created.output
    assert "2 attachments" in created.output
    fresh = make_test_app(empty_database_url, **s3_server.settings(s3, bucket, "restored"))
    done = fresh.test_cli_runner().invoke(args=["backup", "restore", str(target)])
    assert done.exit_code == 0, done.output
    assert "2 attachments checked against the manifest" in done.output
    assert s3.keys(bucket) == ["attachments/ab/abcdef", "attachments/cd/cdef01",
                               "restored/ab/abcdef", "restored/cd/cdef01"]  # fmt: skip


def test_a_backup_from_a_stopped_s3_is_refused_and_leaves_nothing(app, db_url, tmp_path, s3):
    own = s3_server.start()
    bucket = own.new_bucket()
    own.stop()
    made = make_test_app(db_url, **s3_server.settings(own, bucket))
    target = tmp_path / "nightly"
    refused = made.test_cli_runner().invoke(args=["backup", "create", "--output", str(target)])
    assert refused.exit_code == 1
    assert f"The attachment bucket s3://{bucket}/attachments/" in refused.output
    assert "cannot be read" in refused.output
    assert not target.exists()
