"""Small genuine files of every accepted type, built here (no office suite needed), and the
hostile ones the upload checks must refuse: a zip bomb, a pixel bomb, forged containers."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image
from pypdf import PdfWriter

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
POWERPOINT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
OFFICE = {"docx": ("word/document.xml", WORD), "xlsx": ("xl/workbook.xml", EXCEL)}
OFFICE["pptx"] = ("ppt/presentation.xml", POWERPOINT)
OPEN_DOCUMENT = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(prelude: bytes = b"", kids: str = "3 0 R") -> bytes:
    """A one-page PDF written out by hand, with `prelude` right after its header line (the
    cross-reference table still right) and `kids` as its page tree's children."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count 1 >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n" + prelude)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def image(fmt: str, size: tuple[int, int] = (16, 12)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(out, format=fmt)
    return out.getvalue()


def content_types(part: str, main: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main}"/></Types>'
    )


def office(ext: str, types: str | None = None) -> bytes:
    """A minimal Office Open XML document of type `ext` (docx, xlsx, pptx): the package's
    content types, its relationships and the main part."""
    part, main = OFFICE[ext]
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{part}"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types or content_types(part, main))
        archive.writestr("_rels/.rels", rels)
        archive.writestr(part, '<?xml version="1.0"?><document>Plan national</document>')
    return out.getvalue()


def open_document(ext: str) -> bytes:
    """A minimal OpenDocument file: `mimetype` first and stored, then its manifest and content."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", OPEN_DOCUMENT[ext], compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- OLE compound files (Office 97–2003) ----------------------------------------------------

FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, start: int, size: int, child: int = NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + b"\0" * 16  # class id
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def ole(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file (512-byte sectors) holding `streams`, each padded to 4096 bytes
    so that it lives in ordinary sectors; the directory is a chain of right siblings."""
    names = list(streams)
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    sector = 2  # sector 0: the FAT, sector 1: the directory
    entries = [_entry("Root Entry", 5, END, 0, child=1 if names else NO_STREAM)]
    fat = [FAT_SECTOR, END]
    for index, data in enumerate(datas):
        count = len(data) // 512
        entry = bytearray(_entry(names[index], 2, sector, len(data)))
        if index + 1 < len(names):
            entry[72:76] = struct.pack("<I", index + 2)  # right sibling
        entries.append(bytes(entry))
        fat += [sector + i + 1 for i in range(count - 1)] + [END]
        sector += count
    assert len(entries) <= 4 and len(fat) <= 128
    directory = b"".join(entries).ljust(512, b"\0")
    fat_sector = b"".join(struct.pack("<I", s) for s in fat + [FREE] * (128 - len(fat)))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    return header + fat_sector + directory + b"".join(datas)


def word_97() -> bytes:
    return ole({"WordDocument": b"\xec\xa5\xc1\x00" + b"\0" * 60})


def excel_97() -> bytes:
    return ole({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 60})


def powerpoint_97() -> bytes:
    return ole({"PowerPoint Document": b"\x0f\x00\xe8\x03", "Current User": b"\0" * 20})


GENUINE = {
    "pdf": pdf,
    "png": lambda: image("PNG"),
    "jpg": lambda: image("JPEG"),
    "jpeg": lambda: image("JPEG"),
    "gif": lambda: image("GIF"),
    "webp": lambda: image("WEBP"),
    "docx": lambda: office("docx"),
    "xlsx": lambda: office("xlsx"),
    "pptx": lambda: office("pptx"),
    "odt": lambda: open_document("odt"),
    "ods": lambda: open_document("ods"),
    "odp": lambda: open_document("odp"),
    "doc": word_97,
    "xls": excel_97,
    "ppt": powerpoint_97,
    "csv": lambda: "\ufeffespèce;effectif\nCiconia ciconia;12\n".encode(),
}


# --- bombs ----------------------------------------------------------------------------------


def zip_bomb(megabytes: int = 1024) -> bytes:
    """A docx-looking zip whose one member inflates to `megabytes` MB of zeros from about a
    thousandth of that, built from one deflated megabyte repeated (full flushes make the
    pieces independent), with its true size and checksum in the directory."""
    chunk = b"\0" * 1_000_000
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(chunk)
    compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = piece * megabytes + compressor.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    size = len(chunk) * megabytes
    members = [(b"[Content_Types].xml", content_types(*OFFICE["docx"]).encode())]
    out = io.BytesIO()
    central = b""
    for name, body in [*members, (b"word/document.xml", None)]:
        offset = out.tell()
        if body is None:
            packed, length, checksum = data, size, crc
        else:
            packed, length, checksum = body, len(body), zlib.crc32(body)
        method = 8 if body is None else 0
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, 0, checksum, len(packed), length)
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name + packed)
        central += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset)
            + name
        )
    start = out.tell()
    out.write(central)
    count = len(members) + 1
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), start, 0))
    return out.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A valid one-bit PNG of `width` × `height` white pixels: a few kilobytes that decode to
    width × height pixels."""
    row = b"\0" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    pieces = [compressor.compress(row) for _ in range(height)]
    body = b"".join(pieces) + compressor.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
