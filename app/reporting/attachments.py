"""Files attached to answers: what is accepted, where files live, and attaching them.

A file is accepted when its extension is in ATTACHMENT_EXTENSIONS, its first bytes match that
extension (a renamed executable is refused), its content is a genuine file of that format
(file_checks: a `.docx` is a Word document, a `.pdf` parses, an image decodes within
ATTACHMENT_MAX_PIXELS) and it is no larger than ATTACHMENT_MAX_BYTES. It is kept in the storage
ATTACHMENT_STORAGE names (storage.py: the folder ATTACHMENT_FOLDER, outside the static folder, or
an S3 bucket) under a random name, and only once it passed those checks; the name it was uploaded
with is kept for display only. Every read, write and removal of a file goes through that storage.
The type sent back on download is ours, never the uploader's. Attaching
adds to the files already on the answer, so two people attaching files to one answer at once both
keep theirs; removing a file is an ordinary save of the answer (with its version check).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from babel.numbers import format_decimal
from babel.units import format_unit
from flask import current_app
from flask_babel import lazy_gettext as _l

from app.answers.types import AnswerType
from app.extensions import db
from app.questionnaires.models import Node
from app.reporting import file_checks, saving, services, storage
from app.reporting.errors import ReportingError
from app.reporting.models import Attachment

log = logging.getLogger(__name__)

CHUNK = 64 * 1024

# The content type served for each extension, and the first bytes a genuine file starts with.
OOXML = b"PK\x03\x04"  # Office Open XML and OpenDocument files are zip archives
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97–2003 documents
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "doc": ("application/msword", (OLE,)),
    "xls": ("application/vnd.ms-excel", (OLE,)),
    "ppt": ("application/vnd.ms-powerpoint", (OLE,)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (OOXML,),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (OOXML,)),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (OOXML,),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (OOXML,)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (OOXML,)),
    "odp": ("application/vnd.oasis.opendocument.presentation", (OOXML,)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "webp": ("image/webp", (b"RIFF",)),
    "csv": ("text/csv", ()),  # text: checked for NUL bytes instead
}


class AttachmentError(ReportingError):
    """A file that is refused; the message names it and says why."""


@dataclass
class Upload:
    """One file as the request gave it: its name and a readable stream."""

    filename: str
    stream: BinaryIO


def extensions() -> list[str]:
    return [e for e in current_app.config["ATTACHMENT_EXTENSIONS"] if e in TYPES]


def max_bytes() -> int:
    return int(current_app.config["ATTACHMENT_MAX_BYTES"])


def accept_attribute() -> str:
    """The file input's `accept` list."""
    return ",".join(f".{e}" for e in extensions())


def size_label(size: int, locale: str) -> str:
    """A file size in the locale's own units (« 2,5 Mo » and « 45 o » in French, "2.5 MB" in
    English): decimal units, as file managers show them, through Babel's unit data."""
    amount, unit = size, "digital-byte"
    for name, factor in (("digital-megabyte", 1_000_000), ("digital-kilobyte", 1_000)):
        if size >= factor:
            amount, unit = round(size / factor, 1), name
            break
    # the number and its unit never part at the end of a line
    return format_unit(amount, unit, length="short", locale=locale).replace(" ", "\u00a0")


def folder() -> Path:
    return Path(current_app.config["ATTACHMENT_FOLDER"])


def _open(path: Path, mode: str):
    """How the local storage opens a file it writes: a name of this module, so that a test can
    make the disk fill up mid-file."""
    return open(path, mode)


def stored_in() -> storage.Storage:
    """The storage the application's settings name (made per call: the settings may change)."""
    return storage.configured(current_app.config, opener=_open)


def name_of(key: str) -> str:
    """The stored name of the file of `key`: spread over 256 folders by its first two digits."""
    return f"{key[:2]}/{key}"


def path_of(attachment: Attachment) -> Path:
    """Where the local storage keeps `attachment` (an S3 bucket has no path)."""
    return folder() / name_of(attachment.storage_key)


def open_stored(attachment: Attachment) -> storage.Stored:
    """The file of `attachment` to read: FileNotFoundError when the storage has none, and
    AttachmentError, translated, when the storage cannot be read just now."""
    store = stored_in()
    try:
        return store.open(name_of(attachment.storage_key))
    except storage.StorageUnavailable as error:
        log.error("attachment %s not read from %s: %s", attachment.storage_key, store.label, error)
        raise AttachmentError(
            _l(
                "“%(name)s” cannot be downloaded just now. Nothing is lost: try again in a "
                "moment, and tell the secretariat if it happens again.",
                name=attachment.filename,
            )
        ) from None


def clean_name(filename: str) -> str:
    """The name to show: no folders, no control characters, at most 255 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C"
    )
    name = name.strip().strip(".") or "file"
    stem, dot, ext = name.rpartition(".")
    if len(name) > 255:
        name = (stem[: 250 - len(ext)] + dot + ext) if dot else name[:255]
    return name


def extension(filename: str) -> str:
    _stem, dot, ext = filename.rpartition(".")
    return ext.lower() if dot else ""


def _store(
    store: storage.Storage, upload: Upload, ext: str, limit: int, locale: str
) -> tuple[str, int, str]:
    """Keep `upload` under a random name once its content passed the checks; (storage key,
    size, sha256). A refused file leaves nothing in the storage."""
    key = secrets.token_hex(16)
    digest = hashlib.sha256()
    head = bytearray()

    def chunks():
        while chunk := upload.stream.read(CHUNK):
            if len(head) < 16:
                head.extend(chunk[: 16 - len(head)])
            if b"\x00" in chunk and ext == "csv":
                raise _refused(upload.filename)
            digest.update(chunk)
            yield chunk

    def check(path: Path) -> None:
        _check_content(path, ext, upload.filename, bytes(head), locale)

    try:
        size = store.save(name_of(key), chunks(), limit=limit, check=check)
    except storage.TooLarge:
        raise AttachmentError(
            _l(
                "“%(name)s” is larger than %(max)s: it was not attached.",
                name=clean_name(upload.filename),
                max=size_label(limit, _locale()),
            )
        ) from None
    except storage.StorageUnavailable as error:
        # the disk full, the folder read-only or gone, S3 unreachable: the server's fault, said
        # as such; the part written is removed and the answer is left as it was (attach rolls
        # back)
        log.error("attachment %s not stored in %s: %s", key, store.label, error)
        raise AttachmentError(
            _l(
                "“%(name)s” could not be stored: the server has no room left or cannot write "
                "files just now. Nothing was changed; try again later, and tell the secretariat "
                "if it happens again.",
                name=clean_name(upload.filename),
            )
        ) from None
    return key, size, digest.hexdigest()


def _remove(store: storage.Storage, name: str) -> None:
    """Remove a file of a refused batch (if the storage lets anything be removed)."""
    try:
        store.delete(name)
    except storage.StorageUnavailable as error:
        log.warning("attachment %s not removed from %s: %s", name, store.label, error)


def _locale() -> str:
    from app.i18n import current_language

    return current_language()


def _refused(filename: str) -> AttachmentError:
    return AttachmentError(
        _l(
            "“%(name)s” is not a file type the report accepts (%(types)s): it was not attached.",
            name=clean_name(filename),
            types=", ".join(e.upper() for e in extensions()),
        )
    )


def limits() -> file_checks.Limits:
    config = current_app.config
    return file_checks.Limits(
        pixels=int(config["ATTACHMENT_MAX_PIXELS"]),
        unpacked_bytes=int(config["ATTACHMENT_MAX_UNPACKED_BYTES"]),
        pdf_pages=int(config["ATTACHMENT_MAX_PDF_PAGES"]),
        csv_fallback=config["ATTACHMENT_CSV_FALLBACK_ENCODING"],
    )


def _verify(path: Path, ext: str, filename: str, locale: str) -> None:
    """AttachmentError, naming the file, unless its content is a genuine `ext` file."""
    name = clean_name(filename)
    try:
        file_checks.check(path, ext, limits())
    except file_checks.TooManyPixels as bound:
        raise AttachmentError(
            _l(
                "“%(name)s” is an image of more than %(max)s pixels: it was not attached.",
                name=name,
                max=format_decimal(bound.limit, locale=locale),
            )
        ) from bound
    except file_checks.UnpacksTooLarge as bound:
        raise AttachmentError(
            _l(
                "“%(name)s” unpacks to more than %(max)s: it was not attached.",
                name=name,
                max=size_label(bound.limit, locale),
            )
        ) from bound
    except file_checks.TooManyPages as bound:
        raise AttachmentError(
            _l(
                "“%(name)s” has more than %(max)s pages: it was not attached.",
                name=name,
                max=format_decimal(bound.limit, locale=locale),
            )
        ) from bound
    except file_checks.Unfit as unfit:
        raise AttachmentError(
            _l(
                "“%(name)s” is not a valid %(type)s file: its content does not match its name. "
                "It was not attached.",
                name=name,
                type=ext.upper(),
            )
        ) from unfit


def _check_content(path: Path, ext: str, filename: str, head: bytes, locale: str) -> None:
    """AttachmentError unless the whole file at `path` (starting with `head`) is a genuine,
    non-empty `ext` file."""
    if not head:
        raise AttachmentError(
            _l("“%(name)s” is empty: it was not attached.", name=clean_name(filename))
        )
    signatures = TYPES[ext][1]
    if signatures and not head.startswith(signatures):
        raise _refused(filename)
    _verify(path, ext, filename, locale)


def _check(upload: Upload) -> str:
    """The extension of an acceptable upload, or AttachmentError."""
    ext = extension(clean_name(upload.filename))
    if ext not in extensions():
        raise _refused(upload.filename)
    return ext


def attach(
    filled: services.Filled,
    node: Node,
    loop_key: str,
    uploads: list[Upload],
    *,
    user,
    locale: str,
) -> saving.Saved:
    """Store `uploads` and add them to the answer's files. Every file is checked before the
    answer changes: one refused file attaches none of them, and the answer is as it was."""
    if node.effective_type != AnswerType.FILE:
        raise ReportingError(_l("This question does not take files."))
    if not filled.report.is_editable:
        raise ReportingError(_l("This report can no longer be changed."))
    if not filled.valid_loop_key(node, loop_key):
        raise ReportingError(_l("This species or site is not part of the report."))
    uploads = [u for u in uploads if u.filename]
    if not uploads:
        raise AttachmentError(_l("Choose a file to attach."))
    limit = max_bytes()
    store = stored_in()
    written: list[str] = []
    savepoint = db.session.begin_nested()  # a refused file leaves the session as it was
    try:
        added = []
        for upload in uploads:
            ext = _check(upload)
            key, size, sha256 = _store(store, upload, ext, limit, locale)
            written.append(name_of(key))
            attachment = Attachment(
                report_id=filled.report.id,
                node_id=node.id,
                loop_key=loop_key,
                filename=clean_name(upload.filename),
                content_type=TYPES[ext][0],
                size=size,
                sha256=sha256,
                storage_key=key,
                uploaded_by_id=user.id,
            )
            db.session.add(attachment)
            added.append(attachment)
        db.session.flush()
        for attachment in added:
            filled.attachments[attachment.id] = attachment
        saved = _add_to_answer(filled, node, loop_key, [a.id for a in added], user, locale)
        savepoint.commit()
    except BaseException:
        savepoint.rollback()
        for attachment in added:
            filled.attachments.pop(attachment.id, None)
        for name in written:
            _remove(store, name)
        raise
    return saved


def _add_to_answer(filled, node, loop_key, ids, user, locale) -> saving.Saved:
    """Attaching adds files: it is saved against the version stored now, whatever it is."""
    for _attempt in range(3):
        answer = filled.answers.get((node.id, loop_key))
        if answer is not None:
            db.session.refresh(answer)
        current = list(answer.value or []) if answer is not None and answer.value else []
        change = saving.Change(raw=[*current, *ids], raw_given=True)
        try:
            return saving.save_answer(
                filled,
                node,
                loop_key,
                change,
                expected_version=answer.version if answer is not None else 0,
                user=user,
                locale=locale,
            )
        except saving.Conflict:
            filled.reload_answers()
    raise ReportingError(_l("The files could not be attached: try again."))
