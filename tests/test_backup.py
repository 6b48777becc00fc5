"""Backups that restore (app/operations/backup.py, `flask backup create|restore`): the demo
database and some attachments backed up, restored into a fresh database and an empty folder,
and compared table by table, answer by answer and file by file, on the database the suite runs
on (SQLite, and PostgreSQL with pg_dump and pg_restore in CI); a restore into a database or a
folder that holds anything, or from a damaged backup, is refused and changes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.operations import backup
from config import database_url as driver_url
from tests.conftest import make_test_app


@pytest.fixture
def attachments(tmp_path) -> Path:
    """An attachment folder with two files, one in a subfolder, one empty."""
    folder = tmp_path / "attachments"
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / "report.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    (folder / "empty.csv").write_bytes(b"")
    return folder


def facts(url: str) -> dict:
    engine = sa.create_engine(driver_url(url), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return backup._facts(connection)
    finally:
        engine.dispose()


def test_a_backup_restores_to_the_row_and_the_byte(
    app, db_url, tmp_path, attachments, empty_database_url
):
    with app.app_context():
        manifest = backup.create(tmp_path / "backup", db.engine, attachments)
    # the manifest says what the database holds
    original = facts(db_url)
    assert manifest["tables"] == original["tables"]
    assert manifest["answers_checksum"] == original["answers_checksum"] != ""
    assert manifest["revision"] == original["revision"] != ""
    assert manifest["tables"]["answers"] > 50 and manifest["tables"]["alembic_version"] == 1
    assert sorted(f["path"] for f in manifest["attachments"]) == ["ab/report.pdf", "empty.csv"]
    written = json.loads((tmp_path / "backup" / backup.MANIFEST).read_text(encoding="utf-8"))
    assert written == manifest

    restored_files = tmp_path / "restored-attachments"
    checked = backup.restore(tmp_path / "backup", driver_url(empty_database_url), restored_files)
    assert checked.differences == []
    assert checked.tables == len(original["tables"])
    assert checked.rows == sum(original["tables"].values())
    assert checked.files == 2
    # compared independently of the restore's own check
    assert facts(empty_database_url) == original
    for relative in ("ab/report.pdf", "empty.csv"):
        assert (restored_files / relative).read_bytes() == (attachments / relative).read_bytes()

    # a second restore into what is now full is refused, and changes nothing
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(tmp_path / "backup", driver_url(empty_database_url), tmp_path / "other")
    assert not (tmp_path / "other").exists()
    assert facts(empty_database_url) == original


def test_what_a_restore_refuses(app, tmp_path, attachments, empty_database_url):
    with app.app_context():
        backup.create(tmp_path / "backup", db.engine, attachments)
    url = driver_url(empty_database_url)
    # an attachment folder that holds a file
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    with pytest.raises(backup.BackupError, match="is not empty"):
        backup.restore(tmp_path / "backup", url, full)
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    # a damaged file
    damaged = tmp_path / "backup" / backup.FILES / "ab" / "report.pdf"
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")
    with pytest.raises(backup.BackupError, match="ab/report.pdf does not match its checksum"):
        backup.restore(tmp_path / "backup", url, tmp_path / "restored")
    damaged.unlink()
    with pytest.raises(backup.BackupError, match="ab/report.pdf is missing"):
        backup.restore(tmp_path / "backup", url, tmp_path / "restored")
    # no manifest: no backup
    with pytest.raises(backup.BackupError, match="not a backup"):
        backup.restore(tmp_path, url, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    assert sa.inspect(engine).get_table_names() == []  # nothing was restored
    engine.dispose()


def test_a_backup_goes_into_a_new_folder(app, tmp_path, attachments):
    used = tmp_path / "used"
    used.mkdir()
    (used / "notes.txt").write_text("mine")
    with app.app_context(), pytest.raises(backup.BackupError, match="not an empty folder"):
        backup.create(used, db.engine, attachments)
    assert [p.name for p in used.iterdir()] == ["notes.txt"]


def test_the_commands(app, db_url, tmp_path, attachments, empty_database_url):
    target = tmp_path / "nightly"
    made = make_test_app(db_url, ATTACHMENT_FOLDER=str(attachments))
    created = made.test_cli_runner().invoke(args=["backup", "create", "--output", str(target)])
    assert created.exit_code == 0, created.output
    assert f"Backup written to {target}" in created.output and "2 attachments" in created.output
    # into the database the application runs on, which is not empty: refused, exit 1
    refused = made.test_cli_runner().invoke(args=["backup", "restore", str(target)])
    assert refused.exit_code == 1 and "not empty" in refused.output
    restored_files = tmp_path / "restored-attachments"
    fresh = make_test_app(empty_database_url, ATTACHMENT_FOLDER=str(restored_files))
    done = fresh.test_cli_runner().invoke(args=["backup", "restore", str(target)])
    assert done.exit_code == 0, done.output
    assert "2 attachments checked against the manifest" in done.output
    assert facts(empty_database_url) == facts(db_url)


def test_the_nightly_script_makes_a_backup_and_keeps_only_recent_ones(app, db_url, tmp_path):
    """deploy/backup.sh as family-ors-backup.service runs it: a dated backup, then the backups
    older than BACKUP_KEEP_DAYS removed, but never a folder without a manifest."""
    import subprocess
    import time

    root = tmp_path / "backups"
    old, stranger = root / "2020-01-01T000000Z", root / "notes"
    for folder in (old, stranger):
        folder.mkdir(parents=True)
    (old / backup.MANIFEST).write_text("{}")
    ancient = time.time() - 90 * 86400
    for folder in (old, stranger):
        os.utime(folder, (ancient, ancient))
    script = Path(__file__).resolve().parents[1] / "deploy" / "backup.sh"
    environment = {
        **os.environ,
        "DATABASE_URL": driver_url(db_url),
        "SECRET_KEY": "a-test-secret-that-only-this-test-uses-0123456789",
        "ATTACHMENT_FOLDER": str(tmp_path / "no-attachments"),
        "BACKUP_ROOT": str(root),
        "BACKUP_KEEP_DAYS": "30",
    }
    environment.pop("APP_CONFIG", None)
    done = subprocess.run(
        ["bash", str(script)], env=environment, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert f"removed {old}" in done.stdout
    made = [p for p in root.iterdir() if p.name not in ("notes",)]
    assert len(made) == 1 and (made[0] / backup.MANIFEST).is_file()
    assert stranger.is_dir()  # not a backup: never removed
