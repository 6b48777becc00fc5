"""Backups that restore: the database and the attachments in one folder, with a manifest that
says what they hold and checksums that prove it.

`create(folder)` writes, into an empty or new folder:
- `database.dump`: PostgreSQL's own dump (pg_dump, custom format, without owners or grants,
  so that it restores under any role), or `database.sqlite`, a copy made with SQLite's online
  backup (the embedded default of `make run`);
- `attachments/`: every file of the attachment storage (ATTACHMENT_FOLDER, or the S3 bucket
  of ATTACHMENT_STORAGE=s3), under their stored names (`ab/ab12…`), read through the storage;
- `manifest.json`, written last (a folder without it is no backup): when and from what
  (database kind, Alembic revision), the SHA-256 and size of the dump and of each attachment,
  each table's row count, and a checksum of the answers' contents.

`restore(folder, url, attachments)` first checks every checksum, refuses a database that holds
any table and an attachment storage that holds any file (a restore never mixes two states),
restores (pg_restore in one transaction, or SQLite's backup into the new file), writes the
attachments through the storage, then counts again and reads every file back to compare with the
manifest: what it reports is what was checked, not what was hoped. The manifest is the same for
a folder and a bucket, so a backup of one restores into the other.

The dump and the attachments are taken one after the other, not in one instant: a file
attached meanwhile is in the copy without its row (harmless, unreferenced); the dump is
consistent in itself (pg_dump reads one snapshot). Messages are English: these are an
operator's commands (`flask backup`), like the rest of the CLI."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.reporting import storage
from app.utils import json_dumps, utcnow

FORMAT = "family-ors-backup/1"
MANIFEST = "manifest.json"
FILES = "attachments"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite"}
ANSWER_COLUMNS = ("id", "report_id", "node_id", "loop_key", "value", "typed", "other", "comment",
                  "no_info", "version")  # fmt: skip
JSON_COLUMNS = {"value", "typed"}  # read as JSON on both databases, then written canonically
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore refused or failed; `str()` says why and what to do."""


@dataclass
class Checked:
    """What a restore compared with the manifest: the tables and answers, the files."""

    tables: int = 0
    rows: int = 0
    files: int = 0
    differences: list[str] = field(default_factory=list)


# --- what a database holds ----------------------------------------------------------------------


def kind_of(url: str | sa.URL) -> str:
    """ "postgresql" or "sqlite" for a database URL; BackupError for any other."""
    backend = sa.engine.make_url(url).get_backend_name()
    if backend not in DUMPS:
        raise BackupError(f"Backups are made of PostgreSQL or SQLite databases, not {backend}.")
    return backend


def table_counts(connection: sa.Connection) -> dict[str, int]:
    """Every table of the database (Alembic's own included) with its row count."""
    names = sorted(sa.inspect(connection).get_table_names())
    return {
        name: connection.execute(
            sa.select(sa.func.count()).select_from(sa.table(name))
        ).scalar_one()
        for name in names
    }


def answers_checksum(connection: sa.Connection) -> str:
    """SHA-256 of every answer's contents, in id order (values as canonical JSON)."""
    if not sa.inspect(connection).has_table("answers"):
        return ""
    digest = hashlib.sha256()
    answers = sa.table(
        "answers",
        *(sa.column(name, sa.JSON if name in JSON_COLUMNS else None) for name in ANSWER_COLUMNS),
    )
    for row in connection.execute(sa.select(answers).order_by(answers.c.id)):
        values = [_plain(row._mapping[name]) for name in ANSWER_COLUMNS]
        digest.update(json_dumps(values, sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """A column's value written the same from both databases: SQLite gives booleans as 0
    and 1."""
    return int(value) if isinstance(value, bool) else value


def revision(connection: sa.Connection) -> str:
    if not sa.inspect(connection).has_table("alembic_version"):
        return ""
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() or ""


def _facts(connection: sa.Connection) -> dict[str, Any]:
    """What the manifest says of a database, read in one transaction."""
    return {
        "revision": revision(connection),
        "tables": table_counts(connection),
        "answers_checksum": answers_checksum(connection),
    }


def file_sum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _storage(attachments: storage.Storage | Path) -> storage.Storage:
    """The attachments' storage; a path is a folder of files (the local storage)."""
    if isinstance(attachments, storage.Storage):
        return attachments
    return storage.LocalStorage(attachments)


def _names(store: storage.Storage) -> list[str]:
    """The files of `store`; BackupError when it cannot be listed or holds a name that would
    lead outside the backup's folder."""
    try:
        names = store.names()
        for name in names:
            storage.checked_name(name)
    except storage.StorageUnavailable as error:
        raise BackupError(f"The attachment {store.label} cannot be read: {error}") from None
    except ValueError as error:
        raise BackupError(f"The attachment {store.label} holds a file named {error}.") from None
    return names


def _read(store: storage.Storage, name: str, chunks) -> str:
    """Read the file `name` of `store`, giving each chunk to `chunks`; its SHA-256."""
    digest = hashlib.sha256()
    try:
        with store.open(name) as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                chunks(chunk)
    except FileNotFoundError:
        raise
    except storage.StorageUnavailable as error:
        raise BackupError(
            f"The attachment {name} cannot be read from {store.label}: {error}"
        ) from None
    return digest.hexdigest()


# --- PostgreSQL's tools -------------------------------------------------------------------------


def _libpq(url: str | sa.URL) -> tuple[str, dict[str, str]]:
    """The URL pg_dump and pg_restore read (no driver, no password) and the environment that
    carries the password, which a command line would show to every user of the machine."""
    parsed = sa.engine.make_url(url)
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client tools "
            "(apt-get install postgresql-client) of the server's version."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {(done.stderr or done.stdout).strip()[-2000:]}")


def _sqlite_copy(source: str | Path | None, target: str | Path | None) -> None:
    """Copy the SQLite database `source` into `target` with SQLite's online backup (a
    consistent copy, even while the application writes)."""
    if not source or not target or ":memory:" in (str(source), str(target)):
        raise BackupError("An in-memory SQLite database is neither backed up nor restored into.")
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


# --- create -------------------------------------------------------------------------------------


def create(folder: Path, engine: sa.Engine, attachments: storage.Storage | Path) -> dict[str, Any]:
    """Back up the database of `engine` and the files of the storage `attachments` (or of the
    folder it names) into `folder` (new or empty). Returns the manifest. Nothing is left behind
    when it fails."""
    kind = kind_of(engine.url)
    attachments = _storage(attachments)
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"{folder} is not an empty folder: a backup goes into a new one.")
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _create(folder, kind, engine, attachments)
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for path in folder.iterdir():
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        raise


def _create(
    folder: Path, kind: str, engine: sa.Engine, attachments: storage.Storage
) -> dict[str, Any]:
    dump = folder / DUMPS[kind]
    if kind == "postgresql":
        # pg_dump reads the snapshot this transaction exports: the counts and the checksum
        # below are of exactly what the dump holds, whatever is saved meanwhile.
        url, environment = _libpq(engine.url)
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
                _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                      f"--snapshot={snapshot}", f"--file={dump}", f"--dbname={url}"],
                     environment)  # fmt: skip
                facts = _facts(connection)
    else:
        _sqlite_copy(engine.url.database, dump)
        copy = sa.create_engine(f"sqlite:///{dump}")
        try:
            with copy.connect() as connection:
                facts = _facts(connection)  # the copy's: what the dump holds, to the row
        finally:
            copy.dispose()
    files = []
    for name in _names(attachments):
        target = folder / FILES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("xb") as out:
                sha256 = _read(attachments, name, out.write)
        except FileNotFoundError:  # removed since it was listed (a refused upload's)
            target.unlink(missing_ok=True)
            continue
        files.append({"path": name, "sha256": sha256, "size": target.stat().st_size})
    manifest = {
        "format": FORMAT,
        "created_at": utcnow().isoformat(timespec="seconds"),
        "database": kind,
        "revision": facts["revision"],
        "dump": {"name": dump.name, "sha256": file_sum(dump), "size": dump.stat().st_size},
        "tables": facts["tables"],
        "answers_checksum": facts["answers_checksum"],
        "attachments": files,
    }
    (folder / MANIFEST).write_text(
        json_dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


# --- restore ------------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the backup in `folder`, its dump and files checked against it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no {MANIFEST}: it is not a backup.") from None
    except ValueError:
        raise BackupError(f"{folder / MANIFEST} cannot be read.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder / MANIFEST} is not the manifest of a Family ORS backup.")
    wrong = []
    for entry in manifest.get("attachments", []):
        try:
            storage.checked_name(entry["path"])
        except ValueError as error:
            wrong.append(f"the manifest names a file {error}")
    dump = manifest.get("dump") or {}
    for name, expected in [(dump.get("name", ""), dump.get("sha256"))] + [
        (f"{FILES}/{entry['path']}", entry["sha256"]) for entry in manifest.get("attachments", [])
    ]:
        path = folder / name
        if not name or not path.is_file():
            wrong.append(f"{name or 'the dump'} is missing")
        elif file_sum(path) != expected:
            wrong.append(f"{name} does not match its checksum")
    if wrong:
        raise BackupError("The backup is damaged: " + "; ".join(wrong[:20]) + ".")
    return manifest


def restore(folder: Path, url: str | sa.URL, attachments: storage.Storage | Path) -> Checked:
    """Restore the backup in `folder` into the empty database `url` and the empty storage
    `attachments` (or the folder it names), then compare what is there with the manifest."""
    folder, attachments = Path(folder), _storage(attachments)
    manifest = read_manifest(folder)
    kind = kind_of(url)
    if manifest["database"] != kind:
        raise BackupError(
            f"This is a backup of a {manifest['database']} database: it restores into "
            f"{manifest['database']}, not {kind}."
        )
    if _names(attachments):
        raise BackupError(
            f"The attachment {attachments.label} is not empty: a restore goes into an empty one."
        )
    engine = sa.create_engine(url)
    try:
        tables = sa.inspect(engine).get_table_names()
        if tables:
            raise BackupError(
                f"The database {sa.engine.make_url(url).render_as_string()} is not empty "
                f"({len(tables)} tables): a restore goes into an empty database."
            )
        dump = folder / manifest["dump"]["name"]
        if kind == "postgresql":
            plain, environment = _libpq(url)
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                  "--single-transaction", f"--dbname={plain}", str(dump)], environment)  # fmt: skip
        else:
            engine.dispose()
            _sqlite_copy(dump, engine.url.database)
        for entry in manifest.get("attachments", []):
            _write(attachments, entry["path"], folder / FILES / entry["path"])
        return _compare(manifest, engine, attachments)
    finally:
        engine.dispose()


def _write(attachments: storage.Storage, name: str, source: Path) -> None:
    """Write the backed-up file `source` into `attachments` under `name`."""

    def chunks():
        with source.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                yield chunk

    try:
        attachments.save(name, chunks())
    except storage.StorageUnavailable as error:
        raise BackupError(f"{name} cannot be written to the attachment {attachments.label}: "
                          f"{error}") from None  # fmt: skip


def _stored_sum(attachments: storage.Storage, name: str) -> str | None:
    """The SHA-256 of the file `name` as `attachments` gives it back; None without one."""
    try:
        return _read(attachments, name, lambda chunk: None)
    except FileNotFoundError:
        return None


def _compare(manifest: dict[str, Any], engine: sa.Engine, attachments: storage.Storage) -> Checked:
    checked = Checked()
    with engine.connect() as connection:
        facts = _facts(connection)
    counted = facts["tables"]
    expected = manifest.get("tables", {})
    for name in sorted(set(counted) | set(expected)):
        if counted.get(name) != expected.get(name):
            checked.differences.append(
                f"table {name}: {counted.get(name)} rows, the manifest says {expected.get(name)}"
            )
    checked.tables, checked.rows = len(counted), sum(counted.values())
    if facts["answers_checksum"] != manifest.get("answers_checksum"):
        checked.differences.append("the answers differ from the manifest's checksum")
    for entry in manifest.get("attachments", []):
        if _stored_sum(attachments, entry["path"]) != entry["sha256"]:
            checked.differences.append(f"attachment {entry['path']} differs")
        else:
            checked.files += 1
    return checked
