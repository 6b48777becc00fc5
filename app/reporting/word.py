"""What every Word document the application writes shares (python-docx): the document's
language, fields Word computes (page numbers, the table of contents), a running header and a
"Page X of Y" footer, and alternative text on images. Documents are built with Word's own
styles (Title, Heading 1–3, Caption, Quote, Table Grid) so that a secretariat's template
restyles them."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from app.answers.reading import format_number

LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}
# what XML 1.0 cannot hold (a control character pasted into an answer): left out of a document
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value) -> str:
    """`value` as text a Word document can hold."""
    return NOT_XML.sub("", str(value))


def new_document(lang: str, title: str) -> Document:
    """An empty document whose text is in `lang` (spelling, hyphenation) and whose fields
    Word updates when it opens it (the table of contents, the page count)."""
    doc = Document()
    tag = LOCALES.get(lang, lang)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is not None:
        properties = run_defaults.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run_defaults.append(properties)
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        language.set(qn("w:val"), tag)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    doc.core_properties.language = tag
    doc.core_properties.title = clean(title)[:255]
    return doc


def add_field(paragraph, instruction: str, shown: str = "") -> None:
    """A field (PAGE, NUMPAGES, TOC …) at the end of `paragraph`, showing `shown` until Word
    computes it."""
    begin = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "begin")
    mark.set(qn("w:dirty"), "true")
    begin.element.append(mark)
    code = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.element.append(text)
    separate = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "separate")
    separate.element.append(mark)
    paragraph.add_run(shown)
    end = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    end.element.append(mark)


def running_header_and_footer(doc, header: str, numbering: dict[str, str]) -> None:
    """`header` at the top of every page and "Page X of Y" at its foot; `numbering` holds the
    translated sentence's words around the numbers (`printing.page_numbering()`)."""
    for section in doc.sections:
        top = section.header.paragraphs[0]
        top.text = clean(header)
        for run in top.runs:
            run.font.size = Pt(8)
        foot = section.footer.paragraphs[0]
        foot.alignment = 1  # centred
        if numbering["before"]:
            foot.add_run(numbering["before"])
        add_field(foot, "PAGE", "1")
        foot.add_run(numbering["between"])
        add_field(foot, "NUMPAGES", "1")
        if numbering["after"]:
            foot.add_run(numbering["after"])
        for run in foot.runs:
            run.font.size = Pt(8)


def add_picture(doc, png: bytes, width, alt_text: str):
    """The PNG image in a paragraph of its own, `width` wide, with `alt_text` as its
    alternative text (what a screen reader says, and Word's "Alt Text")."""
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    drawn = paragraph.runs[-1].element.xpath(".//wp:docPr")
    for properties in drawn:
        properties.set("descr", alt_text)
        properties.set("title", alt_text[:255])
    return paragraph


TEXT_WIDTH_CM = 15.9  # an A4 page's text width with Word's default margins
NARROW_TABLE = 6  # columns: past it, a table's text is set smaller to stay readable


def table(doc, header: list[str], rows: list[list[str]], numeric: list[bool]):
    """A table in Word's "Table Grid" style: `header` as its repeated heading row, `rows` as
    text, the `numeric` columns aligned right; the first column wider than the others, and
    the text of a table of many columns set smaller."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    wide = len(header) > NARROW_TABLE
    # the first column names the lines (regions, species, answers): it gets the room they need
    share = 1 if len(header) == 1 else 0.45 if len(header) <= 3 else 0.3 if not wide else 0.18
    first = TEXT_WIDTH_CM * share
    other = (TEXT_WIDTH_CM - first) / max(len(header) - 1, 1)
    widths = [Cm(first)] + [Cm(other)] * (len(header) - 1)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out; the cells' widths for Word
    heading = grid.rows[0]
    # the heading row repeats on every page a long table runs over
    first_row = doc.element.body.xpath("./w:tbl")[-1].xpath("./w:tr")[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    first_row.get_or_add_trPr().append(repeat)
    for index, (cell, label) in enumerate(zip(heading.cells, header, strict=True)):
        cell.width = widths[index]
        cell.text = clean(label)
        for run in cell.paragraphs[0].runs:
            run.bold = True
            if wide:
                run.font.size = Pt(7)
    for values in rows:
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.width = widths[index]
            cell.text = clean(value)
            if numeric[index]:
                cell.paragraphs[0].alignment = 2  # right
            if wide:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(8)
    return grid


def number(value, lang: str) -> str:
    """A figure in `lang`, every digit kept (as the pages show it)."""
    return format_number(value, lang)


def to_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
