"""What an attachment holds is read as its format, not judged by its first bytes: genuine files
of every accepted type pass; forged containers, polyglots, markup in disguise, zip bombs and
pixel bombs are refused, the bombs in milliseconds, without being inflated."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest
from PIL import Image

from app.reporting import file_checks
from app.reporting.file_checks import Limits, TooManyPages, TooManyPixels, Unfit, UnpacksTooLarge
from tests import sample_files

LIMITS = Limits()


def check(tmp_path, ext: str, content: bytes, limits: Limits = LIMITS) -> None:
    path = tmp_path / f"file.{ext}"
    path.write_bytes(content)
    file_checks.check(path, ext, limits)


@pytest.mark.parametrize("ext", sorted(sample_files.GENUINE))
def test_genuine_files_of_every_type_are_accepted(tmp_path, ext):
    check(tmp_path, ext, sample_files.GENUINE[ext]())


def test_the_configured_extensions_are_all_checked():
    """No accepted extension goes unread: each has its genuine sample and its reader."""
    from config import Config

    assert set(Config.ATTACHMENT_EXTENSIONS) == set(sample_files.GENUINE)


@pytest.mark.parametrize(
    ("ext", "content"),
    [
        # the four accepted-but-bogus files of issue 14
        ("csv", b"<html><script>alert(document.cookie)</script></html>\n"),
        ("pdf", b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n"),
        ("webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x10\x00\x00\x00" + b"\x00" * 32),
        ("docx", sample_files.zipped({"readme.txt": b"any zip at all"})),
        # other forgeries of a container
        ("csv", "\ufeff  \n<?xml version='1.0'?><svg onload='alert(1)'/>".encode()),
        ("csv", b"\xef\xbb\xbfesp\xe8ce;effectif\n"),  # says UTF-8 by its BOM, is not
        ("csv", b'nom,effectif\n"Ciconia ciconia,12\n'),  # a quote never closed
        ("csv", b"a,b\x00c\n"),
        ("csv", b'"a"b,c\n'),  # a closing quote followed by neither quote nor separator
        ("pdf", sample_files.pdf()[:200]),  # cut short
        ("pdf", sample_files.pdf()[:9] + b"<!DOCTYPE html>\n" + sample_files.pdf()[9:]),
        ("webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32),  # says WEBP, holds nothing
        ("png", sample_files.image("PNG")[:60]),  # truncated
        ("png", sample_files.image("JPEG")),  # another format under the name
        ("gif", b"GIF89a" + b"\x00" * 40),
        ("jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 60),
        ("xlsx", sample_files.office("docx")),  # a Word document renamed
        ("pptx", sample_files.open_document("odp")),
        ("ods", sample_files.open_document("odt")),
        ("odt", sample_files.zipped({"mimetype": b"application/zip"})),
        ("docx", sample_files.office("docx", types='<!DOCTYPE x [<!ENTITY a "aaaa">]><Types/>')),
        ("docx", sample_files.office("docx", types="<Types><Override")),  # not XML
        ("doc", sample_files.excel_97()),  # an Excel workbook renamed
        ("xls", sample_files.ole({"Workbook": b"MZ\x90\x00"})),  # not a workbook inside
        ("ppt", sample_files.ole({"PowerPoint Document": b"\x0f\x00\xe8\x03"})),
        ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),  # a header, nothing behind
    ],
)
def test_forged_containers_are_refused(tmp_path, ext, content):
    with pytest.raises(Unfit):
        check(tmp_path, ext, content)


def test_a_pdf_polyglot_that_parses_is_refused_for_its_markup(tmp_path):
    """A PDF built so that its cross-reference table is right after HTML placed behind the
    header: pypdf reads it strictly, and the markup in the first kilobyte still refuses it."""
    html = b"%<html><script>alert(1)</script></html>\n"
    polyglot = sample_files.raw_pdf(prelude=html)
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(polyglot), strict=True).pages) == 1
    with pytest.raises(Unfit) as refused:
        check(tmp_path, "pdf", polyglot)
    assert str(refused.value) == "markup"
    check(tmp_path, "pdf", sample_files.raw_pdf())


@pytest.mark.parametrize("user_password", ["", "secret"])
def test_encrypted_pdfs_are_accepted(tmp_path, user_password):
    """A PDF that restricts copying opens without a password and is read in full; one locked
    by a password is judged on its cross-reference table and trailer."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    check(tmp_path, "pdf", out.getvalue())
    with pytest.raises(Unfit):
        check(tmp_path, "pdf", out.getvalue()[:-200])


def test_a_page_tree_that_loops_is_refused(tmp_path):
    with pytest.raises(Unfit):
        check(tmp_path, "pdf", sample_files.raw_pdf(kids="2 0 R"))


def test_a_pdf_with_more_pages_than_allowed_is_refused(tmp_path):
    check(tmp_path, "pdf", sample_files.pdf(pages=3), Limits(pdf_pages=3))
    with pytest.raises(TooManyPages):
        check(tmp_path, "pdf", sample_files.pdf(pages=4), Limits(pdf_pages=3))


def test_a_zip_bomb_is_refused_from_its_directory_in_milliseconds(tmp_path):
    """A 300 kB docx that inflates to 300 MB (its directory says so truly) is refused without
    inflating anything."""
    bomb = sample_files.zip_bomb(300)
    assert len(bomb) < 330_000
    inflated = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/document.xml").file_size
    assert inflated == 300 * 1_000_000
    start = time.perf_counter()
    with pytest.raises(UnpacksTooLarge) as refused:
        check(tmp_path, "docx", bomb)
    assert time.perf_counter() - start < 0.05
    assert refused.value.limit == LIMITS.unpacked_bytes


def test_a_zip_that_inflates_past_the_ratio_and_ten_megabytes_is_refused(tmp_path):
    small = sample_files.zip_bomb(11)  # 11 MB from about 11 kB: under the total bound
    with pytest.raises(UnpacksTooLarge):
        check(tmp_path, "docx", small)


def test_overlapping_and_repeated_zip_members_are_refused(tmp_path):
    genuine = sample_files.office("docx")
    archive = zipfile.ZipFile(io.BytesIO(genuine))
    start = archive.start_dir
    central = bytearray(genuine[start:])
    # the third member's directory entry points at the first member's data
    third = central.find(b"PK\x01\x02", central.find(b"PK\x01\x02", 4) + 4)
    central[third + 42 : third + 46] = struct.pack("<I", 0)
    with pytest.raises(Unfit):
        check(tmp_path, "docx", genuine[:start] + bytes(central))
    twice = io.BytesIO(genuine)
    with zipfile.ZipFile(twice, "a") as append, pytest.warns(UserWarning, match="Duplicate"):
        append.writestr("word/document.xml", "<document>autre</document>")
    with pytest.raises(Unfit):
        check(tmp_path, "docx", twice.getvalue())


def test_a_zip_with_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(file_checks, "MAX_MEMBERS", 3)
    check(tmp_path, "docx", sample_files.office("docx"))
    many = io.BytesIO(sample_files.office("docx"))
    with zipfile.ZipFile(many, "a") as archive:
        archive.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(Unfit):
        check(tmp_path, "docx", many.getvalue())


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (10_000, 6_000),  # 60 million pixels: over our bound, under Pillow's
        (20_000, 10_000),  # 200 million: over Pillow's decompression-bomb error
    ],
)
def test_a_pixel_bomb_is_refused_before_it_is_decoded(tmp_path, width, height):
    bomb = sample_files.png_bomb(width, height)
    assert len(bomb) < 60_000
    start = time.perf_counter()
    with pytest.raises(TooManyPixels) as refused:
        check(tmp_path, "png", bomb)
    assert time.perf_counter() - start < 0.05
    assert refused.value.limit == LIMITS.pixels


def test_an_image_within_the_pixel_bound_is_decoded(tmp_path):
    check(tmp_path, "png", sample_files.png_bomb(400, 300), Limits(pixels=120_000))
    with pytest.raises(TooManyPixels):
        check(tmp_path, "png", sample_files.png_bomb(401, 300), Limits(pixels=120_000))
    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # Pillow's own bound is left as it is


@pytest.mark.parametrize(
    "content",
    [
        "espèce;effectif\r\nCiconia ciconia;12\r\n".encode("cp1252"),  # Excel on Windows
        '\ufeffespèce,effectif\n"Grus grus, migrateur",3\n'.encode(),
        b"   \n< 5 individus;rare\n",  # a "<" that starts no markup
        '"Grus grus";"grue cendrée";3\n'.encode(),  # semicolons, as French spreadsheets write
        b"",
    ],
)
def test_csv_in_utf8_or_the_fallback_encoding_is_accepted(tmp_path, content):
    check(tmp_path, "csv", content)
