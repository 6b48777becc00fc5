"""Whether a stored file holds what its extension says, read as its own format does, within
bounds: first bytes can be forged (a CSV holding HTML, `%PDF-` followed by HTML, any `RIFF` as
`.webp`, any zip as `.docx`), a container cannot.

- Office Open XML (docx, xlsx, pptx): a zip whose `[Content_Types].xml` declares the main part
  of that kind of document, and whose part exists. OpenDocument (odt, ods, odp): a zip whose
  `mimetype` member names that kind of document. The zip's directory alone is read, never
  unpacked: a bounded number of members that neither overlap nor repeat, and a bounded total
  size once unpacked, so a zip bomb is refused before anything is inflated.
- Office 97–2003 (doc, xls, ppt): an OLE compound file (olefile) with the document's stream.
- PDF: pypdf reads it strictly (cross-reference table, trailer, catalogue) and the page tree is
  walked with a bound (a PDF locked by a password is judged on its structure alone); no markup
  may hide in its first kilobyte.
- Images: Pillow opens it as the extension's format only, refuses more pixels than allowed
  before decoding, then verifies and decodes it.
- CSV: UTF-8 (a BOM allowed) or the configured fallback encoding, no NUL byte, parsed strictly
  by the csv module with one of the usual separators, and not markup (HTML, XML, SVG) in
  disguise.

Nothing here knows requests or messages: `check` raises `Unfit` (or a subclass saying which
bound was passed) and attachments.py words the refusal.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

import olefile
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass(frozen=True)
class Limits:
    pixels: int = 50_000_000  # an image's width × height
    unpacked_bytes: int = 200_000_000  # an office document's parts, all unpacked
    pdf_pages: int = 10_000
    csv_fallback: str = "cp1252"  # what spreadsheets write "CSV" in on Western Windows


class Unfit(Exception):
    """The content is not a file of the extension's type."""


class Bounded(Unfit):
    """The content passes a bound; `limit` is the bound."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class TooManyPixels(Bounded):
    pass


class UnpacksTooLarge(Bounded):
    pass


class TooManyPages(Bounded):
    pass


MAX_MEMBERS = 10_000  # genuine office documents hold tens or hundreds of parts
MAX_RATIO = 250  # unpacked ÷ packed (deflate tops out near 1,000), past RATIO_FLOOR
RATIO_FLOOR = 10_000_000
MAX_PART_BYTES = 1_000_000  # the small parts read: `[Content_Types].xml`, `mimetype`
LOCAL_HEADER = 30  # the fixed part of a zip member's local header

CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
OPEN_DOCUMENT = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}

# Markup a browser or another reader could take the file for (the WHATWG sniffing patterns,
# with XML and SVG): anywhere in a PDF's first kilobyte, or at the start of a CSV.
MARKUP = re.compile(
    rb"<(?:!doctype|!--|\?xml|html|head|body|script|iframe|svg|object|embed|style|title|"
    rb"table|font|div|h1|br|a|b|p)(?=[\s>/])",
    re.IGNORECASE,
)
MARKUP_START = re.compile(r"<[A-Za-z!?/]")
# A CSV parses strictly (every quoted field closed, a separator after it) with one of these.
CSV_DELIMITERS = (",", ";", "\t", "|")


def check(path: Path, ext: str, limits: Limits) -> None:
    """Raise Unfit unless the file at `path` is a genuine file of type `ext`."""
    if ext in OFFICE_MAIN:
        _office_open_xml(path, ext, limits)
    elif ext in OPEN_DOCUMENT:
        _open_document(path, ext, limits)
    elif ext in OLE_STREAMS:
        _ole(path, ext)
    elif ext == "pdf":
        _pdf(path, limits)
    elif ext in IMAGE_FORMATS:
        _image(path, IMAGE_FORMATS[ext], limits)
    elif ext == "csv":
        _csv(path, limits)
    else:
        raise Unfit(ext)


# --- zip containers -------------------------------------------------------------------------


def _archive(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The zip at `path`, once its directory shows nothing that would inflate past the bounds
    or that two names share (overlapping members are how the smallest bombs are built)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise Unfit("zip") from error
    members = archive.infolist()
    names = [m.filename.lower() for m in members]
    if not members or len(members) > MAX_MEMBERS or len(set(names)) != len(names):
        archive.close()
        raise Unfit("zip directory")
    unpacked = sum(m.file_size for m in members)
    packed = path.stat().st_size
    if unpacked > limits.unpacked_bytes or (
        unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * packed
    ):
        archive.close()
        raise UnpacksTooLarge(limits.unpacked_bytes)
    ordered = sorted(members, key=lambda m: m.header_offset)
    ends = [m.header_offset + LOCAL_HEADER + m.compress_size for m in ordered]
    starts = [m.header_offset for m in ordered[1:]] + [archive.start_dir]
    if any(end > start for end, start in zip(ends, starts, strict=True)):
        archive.close()
        raise Unfit("overlapping members")
    return archive


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small member's bytes (its checksum checked), matched without regard to case."""
    member = next((m for m in archive.infolist() if m.filename.lower() == name.lower()), None)
    if member is None or member.file_size > MAX_PART_BYTES:
        raise Unfit(name)
    try:
        with archive.open(member) as stream:
            return stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as error:
        raise Unfit(name) from error  # a bad checksum, an encrypted or unknown compression


def _office_open_xml(path: Path, ext: str, limits: Limits) -> None:
    with _archive(path, limits) as archive:
        defaults, overrides = _content_types(_part(archive, "[Content_Types].xml"))
        _part(archive, "_rels/.rels")
        names = {m.filename.lower() for m in archive.infolist()}
    main = OFFICE_MAIN[ext]
    declared = [n.lstrip("/") for n, t in overrides.items() if t == main]
    by_default = [e for e, t in defaults.items() if t == main]
    if not any(n in names for n in declared) and not any(
        n.endswith(f".{e}") for e in by_default for n in names
    ):
        raise Unfit("main part")


def _content_types(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """({extension: type}, {part name: type}) from `[Content_Types].xml`, read by expat with
    document type declarations and entities refused (no entity expansion, nothing fetched)."""

    def forbidden(*_args):
        raise Unfit("XML declarations")

    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag == f"{CONTENT_TYPES_NS} Default":
            defaults[attributes.get("Extension", "").lower()] = attributes.get("ContentType", "")
        elif tag == f"{CONTENT_TYPES_NS} Override":
            overrides[attributes.get("PartName", "").lower()] = attributes.get("ContentType", "")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = forbidden
    parser.EntityDeclHandler = forbidden
    parser.ExternalEntityRefHandler = forbidden
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise Unfit("[Content_Types].xml") from error
    return defaults, overrides


def _open_document(path: Path, ext: str, limits: Limits) -> None:
    with _archive(path, limits) as archive:
        mimetype = _part(archive, "mimetype")
    if mimetype.strip() != OPEN_DOCUMENT[ext].encode():
        raise Unfit("mimetype")


# --- Office 97–2003 -------------------------------------------------------------------------

# The stream each document keeps its content in, and the bytes that stream starts with: the
# Word file information block's identifier (Word 97 and later, Word 6/95), and the beginning
# of an Excel workbook (a BOF record). A presentation has its document and current-user streams.
OLE_STREAMS: dict[str, tuple[tuple[str, tuple[bytes, ...]], ...]] = {
    "doc": (("WordDocument", (b"\xec\xa5", b"\xdc\xa5")),),
    "xls": (("Workbook", (b"\x09\x08",)), ("Book", (b"\x09\x08",))),
    "ppt": (("PowerPoint Document", (b"",)),),
}


def _ole(path: Path, ext: str) -> None:
    try:
        if not olefile.isOleFile(str(path)):
            raise Unfit("OLE")
        with olefile.OleFileIO(str(path)) as ole:
            if ext == "ppt" and ole.get_type("Current User") != olefile.STGTY_STREAM:
                raise Unfit("Current User")
            for name, starts in OLE_STREAMS[ext]:
                if ole.get_type(name) == olefile.STGTY_STREAM:
                    with ole.openstream(name) as stream:
                        if stream.read(2).startswith(starts):
                            return
    except Unfit:
        raise
    except Exception as error:  # olefile reports a damaged file in many ways
        raise Unfit("OLE") from error
    raise Unfit("OLE stream")


# --- PDF ------------------------------------------------------------------------------------


def _pdf(path: Path, limits: Limits) -> None:
    with open(path, "rb") as file:
        if MARKUP.search(file.read(1024)):
            raise Unfit("markup")
    try:
        reader = PdfReader(path, strict=True)
        if reader.is_encrypted and not _opens_without_password(reader):
            return  # its objects cannot be read without the password: its structure was
        catalogue = reader.trailer["/Root"].get_object()
        if not isinstance(catalogue, DictionaryObject):
            raise Unfit("catalogue")
        if _count_pages(catalogue["/Pages"], limits.pdf_pages) == 0:
            raise Unfit("no page")
    except Unfit:
        raise
    except Exception as error:  # pypdf reports a damaged file in many ways
        raise Unfit("PDF") from error


def _opens_without_password(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens without a password (one that restricts only printing or
    copying does)."""
    try:
        return bool(reader.decrypt(""))
    except DependencyError:  # AES without the cryptography package: read as locked
        return False


def _count_pages(root, limit: int) -> int:
    """The pages under the page tree `root`, each node visited once: a loop or a node shared
    by two parents is refused, and the walk stops past `limit` pages."""
    stack, seen, pages = [root], set(), 0
    while stack:
        node = stack.pop()
        key = (node.idnum, node.generation) if isinstance(node, IndirectObject) else id(node)
        if key in seen:
            raise Unfit("page tree")
        seen.add(key)
        found = node.get_object()
        if not isinstance(found, DictionaryObject):
            raise Unfit("page tree")
        kids = found.get("/Kids")
        if kids is None:
            pages += 1
        elif isinstance(kids.get_object(), ArrayObject):
            stack.extend(kids.get_object())
        else:
            raise Unfit("page tree")
        if pages > limit or len(seen) > 2 * limit:
            raise TooManyPages(limit)
    return pages


# --- images ---------------------------------------------------------------------------------


def _image(path: Path, kind: str, limits: Limits) -> None:
    try:
        with Image.open(path, formats=[kind]) as image:
            width, height = image.size
            if image.format != kind:
                raise Unfit(kind)
            if width * height > limits.pixels:
                raise TooManyPixels(limits.pixels)
            image.verify()
        with Image.open(path, formats=[kind]) as image:
            image.load()
    except Unfit:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise TooManyPixels(limits.pixels) from error
    except Exception as error:  # Pillow reports a damaged image in many ways
        raise Unfit(kind) from error


# --- CSV ------------------------------------------------------------------------------------


def _csv(path: Path, limits: Limits) -> None:
    data = path.read_bytes()
    if b"\x00" in data:
        raise Unfit("NUL")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if data.startswith(b"\xef\xbb\xbf"):  # says UTF-8, and is not
            raise Unfit("encoding") from error
        try:
            text = data.decode(limits.csv_fallback)
        except (UnicodeDecodeError, LookupError) as fallback_error:
            raise Unfit("encoding") from fallback_error
    if MARKUP_START.match(text.lstrip(" \t\r\n\f\v\ufeff")):
        raise Unfit("markup")
    for delimiter in CSV_DELIMITERS:
        try:
            for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                pass
        except csv.Error:
            continue
        return
    raise Unfit("CSV")
