"""A report laid out for reading and printing, from a snapshot (a stored submission, or the
report as it stands now): question texts in the chosen language, answers as written. The PDF
is the same HTML through WeasyPrint."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale

from app import answers
from app.answers.types import AnswerType
from app.reporting import snapshots
from app.utils import as_utc


@dataclass
class PrintedAnswer:
    loop_label: Any = None
    text: str = ""
    comment: str = ""
    hidden: bool = False
    table: dict | None = None  # {"columns": [...], "rows": [(label, [cells])]}


@dataclass
class Line:
    """One line of the printed document: a section heading, an iteration heading or a
    question with its answers."""

    kind: str  # "section", "iteration", "item"
    level: int
    number: str = ""
    text: Any = ""
    detail: str = ""
    required: bool = False
    confidential: bool = False
    answers: list[PrintedAnswer] = field(default_factory=list)


def document(snap: dict, lang: str, confidential: bool = True) -> list[Line]:
    """The snapshot's questionnaire in document order with its answers. Loop sections print
    one block per species or site that has an answer; a question without an answer prints
    empty; answers kept for questions the other answers hide print as such. Without
    `confidential`, confidential items are left out (question and answers): the reader may
    not read them (`policy.reads_report_confidential`), or the document is public."""
    nodes = [n for n in snap["nodes"] if confidential or not n.get("confidential")]
    children: dict[Any, list[dict]] = {}
    for node in nodes:
        children.setdefault(node["parent_id"], []).append(node)
    answers: dict[tuple[int, str], dict] = {
        (a["node_id"], a["loop_key"]): a for a in snap["answers"]
    }
    hidden = {(node_id, key) for node_id, key in snap.get("hidden_items") or []}
    lines: list[Line] = []

    def text(value):
        return snapshots.text(value, snap, lang)

    def item_line(node, level, keys: list[str]):
        line = Line(
            "item",
            level,
            node.get("number", ""),
            text(node.get("text") or {}),
            required=bool(node.get("required")),
            confidential=bool(node.get("confidential")),
        )
        for key in keys:
            answer = answers.get((node["id"], key))
            if answer is None:
                if (node["id"], key) in hidden:
                    return  # not applicable, and nothing was written
                continue
            line.answers.append(
                PrintedAnswer(
                    text=snapshots.answer_words(node, answer, snap, lang),
                    comment=answer.get("comment") or "",
                    hidden=bool(answer.get("hidden")),
                    table=_table(node, answer, snap, lang),
                )
            )
        lines.append(line)

    def loop_keys(section) -> list[tuple[str, Any, str]]:
        """(key, label, detail) of the iterations that hold an answer, in loop order."""
        inside = set()
        stack = [section]
        while stack:
            current = stack.pop()
            for child in children.get(current["id"], []):
                if child["kind"] == "section":
                    stack.append(child)
                else:
                    inside.add(child["id"])
        seen: dict[str, tuple[str, Any, str]] = {}
        for answer in snap["answers"]:
            if answer["node_id"] in inside and answer["loop_key"] not in seen:
                label = answer.get("loop_label")
                seen[answer["loop_key"]] = (
                    answer["loop_key"],
                    text(label) if label else answer["loop_key"],
                    answer.get("loop_detail") or "",
                )
        order = {key: i for i, key in enumerate((snap.get("loops") or {}).get(section["loop"], []))}
        return sorted(
            seen.values(), key=lambda e: (order.get(e[0], len(order)), str(e[1]).casefold())
        )

    def visit(node, level, keys):
        if node["kind"] != "section":
            item_line(node, level, keys)
            return
        lines.append(Line("section", level, node.get("number", ""), text(node.get("title") or {})))
        if node.get("loop"):
            for key, label, detail in loop_keys(node):
                lines.append(Line("iteration", level + 1, text=label, detail=detail))
                for child in children.get(node["id"], []):
                    visit(child, level + 1, [key])
        else:
            for child in children.get(node["id"], []):
                visit(child, level + 1, keys)

    for root in children.get(None, []):
        visit(root, 1, [""])
    return _without_empty_headings(lines)


def _without_empty_headings(lines: list[Line]) -> list[Line]:
    """Drop the headings of sections and iterations left with no question (all of them made
    not applicable by other answers)."""
    kept: list[Line] = []
    for index, line in enumerate(lines):
        if line.kind == "item":
            kept.append(line)
            continue
        for following in lines[index + 1 :]:
            if following.kind == "item":
                kept.append(line)
                break
            if following.level <= line.level:
                break
    return kept


def _table(node: dict, answer: dict, snap: dict, lang: str) -> dict | None:
    if node.get("type") != AnswerType.TABLE or not isinstance(answer.get("value"), dict):
        return None
    if answer.get("no_info"):
        return None
    config = node.get("config") or {}
    columns = config.get("columns") or []
    value = answer["value"]
    say = snapshots.saying(snap, lang)
    rows = []
    for row in config.get("rows") or []:
        cells = value.get(row["key"]) or {}
        rows.append(
            (
                snapshots.text(row.get("label") or {}, snap, lang),
                [
                    answers.words(column["type"], column, cells.get(column["key"]), say)
                    for column in columns
                ],
            )
        )
    return {
        "columns": [snapshots.text(c.get("label") or {}, snap, lang) for c in columns],
        "rows": rows,
    }


PAGE, PAGES = "\x01", "\x02"  # where the page counters go in the translated sentence


def page_numbering() -> dict[str, str]:
    """“Page X of Y” in the current locale, cut around X and Y for the print style's @page
    footer (`content: string(page-before) counter(page) string(page-between) …`): a CSS file
    cannot call gettext, so the print view hands it the words in data attributes. A language
    that names the total first falls back to "X / Y"."""
    from flask_babel import gettext

    sentence = gettext("Page %(page)s of %(pages)s", page=PAGE, pages=PAGES)
    before, _, rest = sentence.partition(PAGE)
    between, found, after = rest.partition(PAGES)
    if not found or PAGES in before:
        before, between, after = "", " / ", ""
    return {"before": before, "between": between, "after": after}


def render(
    report,
    snap: dict,
    lang: str,
    submission=None,
    confidential: bool = True,
    inline_css: str = "",
    toolbar: bool = True,
) -> str:
    """The print view of `snap` (of `submission`, or the report as it stands) in `lang`, the
    interface's words included, as HTML. With `inline_css` the page carries its style (for
    WeasyPrint) and no toolbar; without `toolbar` it links to no page of the signed-in site
    (a public or archived copy)."""
    with force_locale(lang):
        return render_template(
            "reporting/print.html",
            report=report,
            snap=snap,
            submission=submission,
            lines=document(snap, lang, confidential=confidential),
            lang=lang,
            number=submission.number if submission is not None else None,
            t=lambda value: snapshots.text(value, snap, lang),
            taken_at=as_utc(datetime.fromisoformat(snap["taken_at"])),
            inline_css=inline_css,
            toolbar=toolbar and not inline_css,
            numbering=page_numbering(),
        )


def print_css() -> str:
    """The print style, for a page that carries it inline (WeasyPrint fetches no file)."""
    return Path(current_app.static_folder, "css", "print.css").read_text(encoding="utf-8")


def pdf_of(report, snap: dict, lang: str, submission=None, confidential: bool = True) -> bytes:
    """The PDF of `snap` in `lang` (see `render`)."""
    html = render(report, snap, lang, submission, confidential, inline_css=print_css())
    return pdf(html, "http://localhost/")


def pdf(html: str, base_url: str) -> bytes:
    """`html` as a PDF. The printed page links no external file (its style is inline), so
    WeasyPrint fetches nothing."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
