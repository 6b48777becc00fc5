"""Where the attachments' bytes live: one small interface, a folder or an S3 bucket behind it.

- `LocalStorage` (ATTACHMENT_STORAGE=local, the default): the folder ATTACHMENT_FOLDER. A file is
  written beside its place under a `.part` name, synced, and only then renamed: a name never
  holds half a file, and a failure removes the part.
- `S3Storage` (ATTACHMENT_STORAGE=s3): objects under ATTACHMENT_S3_PREFIX in the bucket
  ATTACHMENT_S3_BUCKET of Amazon S3 or an S3-compatible store (ATTACHMENT_S3_ENDPOINT_URL:
  MinIO, Ceph, a cloud's object storage), so that no web or worker machine keeps files of its
  own. A file is first written to a local temporary file (bounded and checked there), then sent
  in one request: the bucket only ever holds whole files that passed their checks. Credentials
  are boto3's own: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile or a machine role.

A name is a relative path with "/" (`ab/ab12…`), the same in both, so that a backup taken from
one restores into the other. Both raise `TooLarge` past a save's limit, `StorageUnavailable`
when the store cannot be written or read (a full disk, a folder that cannot be written, S3
unreachable or refusing) and FileNotFoundError when a name holds nothing. Nothing here knows
requests or messages: attachments.py words the refusals, backup.py the operator's errors.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from config import ConfigurationError, attachment_storage_problem

PART = ".part"  # a local file being written; never a stored name

Check = Callable[[Path], None]


class StorageUnavailable(Exception):
    """The store cannot be written or read just now; `__cause__` is what failed."""


class TooLarge(Exception):
    """A save passed its limit; nothing was stored."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class Stored:
    """A stored file opened for reading: `read`, `close`, and its `size` in bytes."""

    def __init__(self, stream: BinaryIO, size: int):
        self._stream = stream
        self.size = size

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except OSError as error:
            raise StorageUnavailable(str(error)) from error

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> Stored:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def checked_name(name: str) -> str:
    """`name` when it is a stored name: relative, "/" between its parts, none empty, "." or
    "..", no backslash or NUL, not a part file. ValueError otherwise (a name read from a
    bucket or a backup's manifest never leads outside the folder)."""
    parts = name.split("/")
    if (
        not name
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in name
        or "\x00" in name
        or name.endswith(PART)
    ):
        raise ValueError(f"{name!r} is not a stored file's name")
    return name


def _copy(chunks: Iterable[bytes], out, limit: int | None, *, sync: bool) -> int:
    """Write `chunks` to `out`, then flush it (and sync it to the disk); their size, or
    TooLarge as soon as it passes `limit`. What the chunks raise goes up as it is: a failing
    source is not the store's fault, a failing write is (StorageUnavailable)."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if limit is not None and size > limit:
            raise TooLarge(limit)
        _unless_unwritable(out.write, chunk)
    _unless_unwritable(out.flush)
    if sync:
        _unless_unwritable(os.fsync, out.fileno())
    return size


def _unless_unwritable(write: Callable, *arguments) -> None:
    try:
        write(*arguments)
    except OSError as error:
        raise StorageUnavailable(str(error)) from error


class Storage(ABC):
    """What attachments and backups need of a store of files."""

    label: str  # where the files are, for an operator: "folder /var/lib/…", "bucket s3://…"

    @abstractmethod
    def save(
        self,
        name: str,
        chunks: Iterable[bytes],
        *,
        limit: int | None = None,
        check: Check | None = None,
    ) -> int:
        """Store `chunks` under `name` and return their size. Past `limit` bytes: TooLarge.
        `check(path)` reads the whole content from a local file before `name` holds it; what it
        raises (as what `chunks` raises) goes up, and then nothing is stored."""

    @abstractmethod
    def open(self, name: str) -> Stored:
        """The file `name`, to read; FileNotFoundError when there is none."""

    @abstractmethod
    def delete(self, name: str) -> None:
        """Remove `name`; nothing to remove is no error."""

    @abstractmethod
    def exists(self, name: str) -> bool: ...

    @abstractmethod
    def names(self) -> list[str]:
        """Every stored name, sorted."""


# --- a folder -------------------------------------------------------------------------------------


class LocalStorage(Storage):
    def __init__(self, folder: str | Path, *, opener: Callable[[Path, str], Any] = open):
        self.folder = Path(folder)
        self.label = f"folder {self.folder}"
        self._opener = opener  # how a file is opened for writing

    def path(self, name: str) -> Path:
        return self.folder / checked_name(name)

    def save(self, name, chunks, *, limit=None, check=None) -> int:
        target = self.path(name)
        part = target.with_name(target.name + PART)
        try:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                out = self._opener(part, "xb")
            except OSError as error:
                raise StorageUnavailable(str(error)) from error
            with out:
                size = _copy(chunks, out, limit, sync=True)  # whole, even after a power cut
            if check is not None:
                check(part)
            try:
                os.replace(part, target)
            except OSError as error:
                raise StorageUnavailable(str(error)) from error
        except BaseException:
            with contextlib.suppress(OSError):  # if the folder lets anything be removed
                part.unlink(missing_ok=True)
            raise
        return size

    def open(self, name) -> Stored:
        try:
            stream = self.path(name).open("rb")
        except FileNotFoundError:
            raise
        except IsADirectoryError:
            raise FileNotFoundError(name) from None
        except OSError as error:
            raise StorageUnavailable(str(error)) from error
        return Stored(stream, os.fstat(stream.fileno()).st_size)

    def delete(self, name) -> None:
        try:
            self.path(name).unlink(missing_ok=True)
        except OSError as error:
            raise StorageUnavailable(str(error)) from error

    def exists(self, name) -> bool:
        return self.path(name).is_file()

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        try:
            return sorted(
                path.relative_to(self.folder).as_posix()
                for path in self.folder.rglob("*")
                if path.is_file() and not path.name.endswith(PART)
            )
        except OSError as error:
            raise StorageUnavailable(str(error)) from error


# --- an S3 bucket ---------------------------------------------------------------------------------

_CLIENTS: dict[tuple, Any] = {}
_CLIENTS_LOCK = threading.Lock()
MISSING = {"404", "NoSuchKey", "NotFound"}


def _client(endpoint_url: str | None, region: str | None):
    """One boto3 client per store and process (a client is thread-safe, and slow to make; a
    forked worker makes its own rather than share its parent's connections)."""
    key = (endpoint_url, region, os.getpid())
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            import boto3
            from botocore.config import Config

            settings = Config(
                connect_timeout=5,
                read_timeout=30,
                retries={"mode": "standard", "max_attempts": 3},
                # S3-compatible stores answer path-style addresses (bucket in the path, not
                # the host name), and not all check the checksums boto3 now adds by default
                s3={"addressing_style": "path"} if endpoint_url else {},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            )
            _CLIENTS[key] = boto3.session.Session().client(
                "s3", endpoint_url=endpoint_url, region_name=region, config=settings
            )
        return _CLIENTS[key]


def _failures() -> tuple[type[Exception], ...]:
    from botocore.exceptions import BotoCoreError, ClientError

    return BotoCoreError, ClientError


def _is_missing(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code")) in MISSING


class _Body(Stored):
    """An object's body as S3 streams it: a broken stream is StorageUnavailable too."""

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(None if size < 0 else size)
        except (*_failures(), OSError) as error:
            raise StorageUnavailable(str(error)) from error


class S3Storage(Storage):
    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
    ):
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url
        self.label = f"bucket s3://{bucket}/{self.prefix}" + (
            f" at {endpoint_url}" if endpoint_url else ""
        )
        self.client = _client(endpoint_url, region)

    def key(self, name: str) -> str:
        return self.prefix + checked_name(name)

    def _call(self, method: str, **arguments):
        try:
            return getattr(self.client, method)(Bucket=self.bucket, **arguments)
        except _failures() as error:
            if _is_missing(error):
                raise FileNotFoundError(arguments.get("Key", self.bucket)) from None
            raise StorageUnavailable(str(error)) from error

    def save(self, name, chunks, *, limit=None, check=None) -> int:
        key = self.key(name)
        try:
            spool = tempfile.NamedTemporaryFile(prefix="family-ors-", suffix=PART)  # noqa: SIM115
        except OSError as error:
            raise StorageUnavailable(str(error)) from error
        with spool:
            size = _copy(chunks, spool, limit, sync=False)  # sent from the page cache
            if check is not None:
                check(Path(spool.name))
            spool.seek(0)
            self._call("put_object", Key=key, Body=spool, ContentLength=size)
        return size

    def open(self, name) -> Stored:
        got = self._call("get_object", Key=self.key(name))
        return _Body(got["Body"], int(got["ContentLength"]))

    def delete(self, name) -> None:
        self._call("delete_object", Key=self.key(name))

    def exists(self, name) -> bool:
        try:
            self._call("head_object", Key=self.key(name))
        except FileNotFoundError:
            return False
        return True

    def names(self) -> list[str]:
        found = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.prefix
            )
            for page in pages:
                for item in page.get("Contents", []):
                    name = item["Key"][len(self.prefix) :]
                    if name and not name.endswith("/"):  # "folders" some consoles make
                        found.append(name)
        except _failures() as error:
            raise StorageUnavailable(str(error)) from error
        return sorted(found)


# --- the configured one ---------------------------------------------------------------------------


def configured(config: Mapping[str, Any], *, opener: Callable[[Path, str], Any] = open) -> Storage:
    """The storage the settings name (`opener` opens a local storage's files for writing)."""
    problem = attachment_storage_problem(config)
    if problem:
        raise ConfigurationError(f"{problem}.")
    if config.get("ATTACHMENT_STORAGE") == "s3":
        return S3Storage(
            config["ATTACHMENT_S3_BUCKET"],
            prefix=config.get("ATTACHMENT_S3_PREFIX") or "",
            endpoint_url=config.get("ATTACHMENT_S3_ENDPOINT_URL") or None,
            region=config.get("ATTACHMENT_S3_REGION") or None,
        )
    return LocalStorage(config["ATTACHMENT_FOLDER"], opener=opener)
