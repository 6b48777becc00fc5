"""The synthesis of the national reports of one questionnaire, for its COP or MOP: a Word
document the secretariat edits into the official one. Built from the analysis relation through
the same query, results, tables and charts as the analysis pages, so that every figure in it is
a figure of the results pages.

What it holds:

* A title page: instrument, questionnaire, cycle, the reports received of those owed, by region.
* A table of contents (a Word field, updated when Word opens the document).
* "How to read": the denominators, what is left out, how quotes were chosen.
* Per item of the plan, under its section's heading: the question, a chart, the tables of the
  results page (answers, by region, per species or site, per table cell) with their "n of N"
  sentence; for free-text questions a selection of answers with the country's name; where the
  same bank question was answered for other instruments in the same period, a note saying so.

The plan (`SynthesisPlan`): which items, in which order, and how many quotes per region; no
plan means every item in questionnaire order. Confidential items are never in a synthesis: it
is written for a public meeting. Quotes: the answers the secretariat starred (`QuoteStar`) for
an item; for an item with none starred, the longest answers per region (as many as the plan
says). The document says which rule chose each item's quotes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from docx.enum.text import WD_BREAK
from docx.shared import Inches, Pt
from flask_babel import force_locale, format_date, format_datetime, ngettext
from flask_babel import gettext as _

from app import bounds
from app.analysis import charts, compare, query, results, status, tables
from app.analysis.models import QuoteStar, SynthesisPlan
from app.bank.models import BankQuestion
from app.directory.models import Region
from app.extensions import db
from app.i18n import sort_key, translate
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, NodeKind, Questionnaire
from app.reporting import printing, word
from app.reporting.models import Report, SubmittedAnswer
from app.utils import utcnow

DEFAULT_QUOTES = 2
MAX_QUOTES = 20  # per region (the table's check constraint)
CHART_LINES = 30  # a table of more lines (species, sites) is given as a table alone
CHART_WIDTH = Inches(6.2)  # an A4 page's text width, margins of Word's default template


# --- the plan -------------------------------------------------------------------------------


@dataclass
class Plan:
    node_ids: list[int]  # the items, in the document's order
    quotes_per_region: int
    saved: SynthesisPlan | None  # None: the default plan (every item, questionnaire order)


def candidates(questionnaire: Questionnaire) -> list[Node]:
    """The items a synthesis may hold, in questionnaire order: every question but the
    confidential ones."""
    tree = tree_module.cached(questionnaire)
    return [node for node in tree.walk() if not node.is_section and not node.confidential]


def plan_of(questionnaire: Questionnaire) -> Plan:
    saved = db.session.get(SynthesisPlan, questionnaire.id)
    allowed = [node.id for node in candidates(questionnaire)]
    if saved is None:
        return Plan(allowed, DEFAULT_QUOTES, None)
    kept = set(allowed)
    return Plan([n for n in saved.items if n in kept], saved.quotes_per_region, saved)


def plan_from_form(form, questionnaire: Questionnaire) -> tuple[list[int], int, list[str]]:
    """(the chosen items in order, quotes per region, problems) from the plan form: a checkbox
    `include` per item (its node id) and a `position-<id>` number per item; items of equal
    position keep the questionnaire's order."""
    problems: list[str] = []
    items = candidates(questionnaire)
    by_id = {node.id: node for node in items}
    chosen: list[tuple[int, int, int]] = []
    included = set(form.getlist("include"))
    for index, node in enumerate(items):
        if str(node.id) not in included:
            continue
        raw = (form.get(f"position-{node.id}") or "").strip()
        position = bounds.integer_or(raw) if raw else (index + 1) * 10
        if position is None or not 1 <= position <= 10_000:
            problems.append(
                _(
                    "The position of question %(number)s must be a whole number from 1 to 10,000.",
                    number=node.number,
                )
            )
            continue
        chosen.append((position, index, node.id))
    unknown = [value for value in included if bounds.integer_or(value) not in by_id]
    if unknown:
        problems.append(_("Some of the chosen questions are not questions of this questionnaire."))
    raw = (form.get("quotes_per_region") or "").strip()
    quotes = bounds.integer_or(raw) if raw else DEFAULT_QUOTES
    if quotes is None or not 0 <= quotes <= MAX_QUOTES:
        problems.append(
            _(
                "The number of quotes per region must be a whole number from 0 to %(max)d.",
                max=MAX_QUOTES,
            )
        )
    if not chosen and not problems:
        problems.append(_("Choose at least one question for the synthesis."))
    return [node_id for _p, _i, node_id in sorted(chosen)], quotes or 0, problems


def save_plan(questionnaire: Questionnaire, user, node_ids: list[int], quotes: int) -> None:
    """Keep the plan (in the caller's transaction)."""
    saved = db.session.get(SynthesisPlan, questionnaire.id)
    if saved is None:
        saved = SynthesisPlan(questionnaire_id=questionnaire.id)
        db.session.add(saved)
    saved.items = list(node_ids)
    saved.quotes_per_region = quotes
    saved.updated_by_id = user.id
    saved.updated_at = utcnow()
    db.session.flush()


def reset_plan(questionnaire: Questionnaire) -> None:
    """Back to the default plan: every item, questionnaire order."""
    saved = db.session.get(SynthesisPlan, questionnaire.id)
    if saved is not None:
        db.session.delete(saved)
        db.session.flush()


# --- starred quotes -------------------------------------------------------------------------


def starred(questionnaire: Questionnaire) -> set[tuple[int, int, str]]:
    """(node id, report id, loop key) of the answers starred to quote."""
    stmt = sa.select(QuoteStar.node_id, QuoteStar.report_id, QuoteStar.loop_key).where(
        QuoteStar.questionnaire_id == questionnaire.id
    )
    return {tuple(row) for row in db.session.execute(stmt)}


def star(
    questionnaire: Questionnaire, node_id: int, report_id: int, loop_key: str, user, on: bool
) -> str | None:
    """Star (`on`) or unstar the answer of report `report_id` to text item `node_id` (and
    `loop_key`); the problem, translated, when there is no such answer to quote."""
    node = db.session.get(Node, node_id)
    if (
        node is None
        or node.questionnaire_id != questionnaire.id
        or node.kind != NodeKind.ITEM.value
        or node.effective_type not in results.TEXT_TYPES
        or node.confidential
    ):
        return _("Only the answers to a free-text question may be quoted.")
    found = db.session.scalar(
        sa.select(QuoteStar).where(
            QuoteStar.node_id == node_id,
            QuoteStar.report_id == report_id,
            QuoteStar.loop_key == loop_key,
        )
    )
    if not on:
        if found is not None:
            db.session.delete(found)
            db.session.flush()
        return None
    answer = db.session.scalar(
        sa.select(SubmittedAnswer.id)
        .join(Report, Report.id == SubmittedAnswer.report_id)
        .where(
            Report.questionnaire_id == questionnaire.id,
            SubmittedAnswer.report_id == report_id,
            SubmittedAnswer.node_id == node_id,
            SubmittedAnswer.loop_key == loop_key,
            SubmittedAnswer.latest,
            sa.not_(SubmittedAnswer.hidden),
            SubmittedAnswer.value_text != "",
        )
        .limit(1)
    )
    if answer is None:
        return _("This answer is no longer in the report's latest submission.")
    if found is None:
        db.session.add(
            QuoteStar(
                questionnaire_id=questionnaire.id,
                node_id=node_id,
                report_id=report_id,
                loop_key=loop_key,
                starred_by_id=user.id,
            )
        )
        db.session.flush()
    return None


@dataclass
class Quote:
    party_name: str
    region: str
    loop_label: str
    text: str
    starred: bool


def quotes(
    questionnaire: Questionnaire,
    node_id: int,
    scope: query.Scope,
    filters: query.Filters,
    lang: str,
    per_region: int,
    stars: set[tuple[int, int, str]],
    labels: dict[str, str],
) -> tuple[list[Quote], str]:
    """(the answers quoted for text item `node_id`, the sentence saying how they were chosen):
    those starred, when some are; else the `per_region` longest per region. By region, then
    country name in `lang`."""
    stmt = query.cells(scope, filters, questionnaire=questionnaire, node_ids=(node_id,)).where(
        SubmittedAnswer.value_text != "", sa.not_(SubmittedAnswer.hidden)
    )
    everything: list[Quote] = []
    for row, party, *_rest in db.session.execute(stmt):
        everything.append(
            Quote(
                str(translate(party.name, lang=lang)),
                party.region or "",
                labels.get(row.loop_key, row.loop_key),
                row.value_text,
                (node_id, row.report_id, row.loop_key) in stars,
            )
        )
    order = {region.value: index for index, region in enumerate(Region)}
    chosen = [quote for quote in everything if quote.starred]
    if chosen:
        rule = ngettext(
            "The %(num)d answer starred by the secretariat.",
            "The %(num)d answers starred by the secretariat.",
            len(chosen),
        )
    else:
        per: dict[str, list[Quote]] = defaultdict(list)
        for quote in everything:
            per[quote.region].append(quote)
        for found in per.values():
            found.sort(key=lambda q: (-len(q.text), sort_key(q.party_name, lang)))
            chosen += found[:per_region]
        rule = ngettext(
            "The longest answer of each region (%(num)d per region, of %(total)d answers).",
            "The %(num)d longest answers of each region (of %(total)d answers).",
            per_region,
            total=len(everything),
        )
    chosen.sort(key=lambda q: (order.get(q.region, len(order)), sort_key(q.party_name, lang)))
    return chosen, rule


# --- notes across instruments ---------------------------------------------------------------


def period_of(questionnaire: Questionnaire) -> compare.Period:
    """The calendar years in which the questionnaire's reports were submitted (this year when
    none was): the period in which answers for other instruments are looked at."""
    last = query.latest_submission()
    first_at, last_at = db.session.execute(
        sa.select(sa.func.min(last.c.submitted_at), sa.func.max(last.c.submitted_at))
        .join(Report, Report.id == last.c.report_id)
        .where(Report.questionnaire_id == questionnaire.id)
    ).one()
    year = datetime.now(UTC).year
    return compare.Period(first_at.year if first_at else year, last_at.year if last_at else year)


def cross_notes(
    questionnaire: Questionnaire, nodes: list, scope: query.Scope, lang: str
) -> dict[int, str]:
    """Node id → a sentence on the same bank question answered for other instruments in the
    questionnaire's period: where, by how many countries, and how many of the countries that
    answered it for several instruments gave different answers (compare.compare's rules)."""
    codes = {}
    for node in nodes:
        if node.bank_version is not None:
            codes.setdefault(node.bank_version.question.code, []).append(node.id)
    if not codes:
        return {}
    period = period_of(questionnaire)
    last = query.latest_submission()
    row = SubmittedAnswer
    counted = (row.bank_code, Questionnaire.code, sa.func.count(sa.distinct(row.report_id)))
    stmt = (
        query.base(scope, query.NO_FILTERS, counted, bank_codes=tuple(sorted(codes)))
        .join(last, last.c.report_id == row.report_id)
        .join(Questionnaire, Questionnaire.id == row.questionnaire_id)
        .where(
            row.instrument_id != questionnaire.instrument_id,
            sa.not_(row.hidden),
            sa.not_(row.no_info),
            row.value_text != "",
            last.c.submitted_at >= period.start,
            last.c.submitted_at < period.end,
        )
        .group_by(row.bank_code, Questionnaire.code)
        .order_by(row.bank_code, Questionnaire.code)
    )
    years = str(period.first) if period.first == period.last else f"{period.first}–{period.last}"
    elsewhere: dict[str, list[str]] = defaultdict(list)
    for code, other, count in db.session.execute(stmt):
        elsewhere[code].append(
            ngettext(
                "%(code)s (%(num)d country)", "%(code)s (%(num)d countries)", count, code=other
            )
        )
    notes: dict[int, str] = {}
    for code, places in elsewhere.items():
        question = db.session.scalar(sa.select(BankQuestion).where(BankQuestion.code == code))
        found = compare.compare(question, scope, period, lang) if question else None
        sentence = _(
            "The same question of the bank (%(code)s) was also answered in %(places)s, "
            "in %(period)s.",
            code=code,
            places=", ".join(places),
            period=years,
        )
        if found is not None and found.compared and not found.texts:
            sentence += " " + ngettext(
                "Of the %(num)d country that answered it for several instruments, %(different)d "
                "gave different answers.",
                "Of the %(num)d countries that answered it for several instruments, "
                "%(different)d gave different answers.",
                found.compared,
                different=found.different,
            )
        for node_id in codes[code]:
            notes[node_id] = sentence
    return notes


# --- the document ---------------------------------------------------------------------------


def write_docx(
    questionnaire: Questionnaire,
    scope: query.Scope,
    filters: query.Filters,
    lang: str,
    path,
    progress=None,
) -> int:
    """The synthesis in `lang` written to `path` (a file name or a binary file); the items
    written. `progress`, when given, is told the number of items (`total`) and is called with
    the items done."""
    with force_locale(lang):
        document, done = _build(questionnaire, scope, filters, lang, progress)
    document.save(path)
    return done


def _build(questionnaire, scope, filters, lang, progress):
    # a synthesis is for a public meeting: never a confidential item, whoever asks
    scope = query.Scope(scope.instruments, frozenset())
    plan = plan_of(questionnaire)
    instrument = questionnaire.instrument
    title = _("Synthesis of the national reports")
    doc = word.new_document(lang, f"{title} — {questionnaire.code}")
    word.running_header_and_footer(
        doc,
        f"{instrument.code} · {questionnaire.cycle} · {title}",
        printing.page_numbering(),
    )
    found = results.results(questionnaire, scope, filters, lang, node_ids=tuple(plan.node_ids))
    by_id = {item.node_id: item for item in found.items}
    ordered = [by_id[node_id] for node_id in plan.node_ids if node_id in by_id]
    if progress is not None:
        progress.total(len(ordered))
    nodes = {node.id: node for node in candidates(questionnaire)}
    tree = tree_module.cached(questionnaire)
    _title_page(doc, questionnaire, filters, lang, found)
    _contents(doc)
    _how_to_read(doc, plan, filters)
    notes = cross_notes(questionnaire, [nodes[i.node_id] for i in ordered], scope, lang)
    stars = starred(questionnaire)
    labels = results.loop_labels(questionnaire, lang)
    writer = _Writer(doc, lang)
    headed: list[int] = []
    for done, item in enumerate(ordered, start=1):
        node = nodes[item.node_id]
        path = [a for a in tree.ancestors(node) if a.is_section]
        for depth, section in enumerate(path):
            if len(headed) > depth and headed[depth] == section.id:
                continue
            headed = headed[:depth] + [section.id]
            text = translate(section.title, lang=lang, instrument=instrument)
            doc.add_heading(f"{section.number} {text}".strip(), level=min(depth + 1, 2))
        headed = headed[: len(path)]
        doc.add_heading(word.clean(f"{item.number} {item.text}".strip()), level=3)
        writer.item(item)
        if item.is_text:
            chosen, rule = quotes(
                questionnaire,
                item.node_id,
                scope,
                filters,
                lang,
                plan.quotes_per_region,
                stars,
                labels,
            )
            writer.quotes(chosen, rule)
        if item.node_id in notes:
            doc.add_paragraph(notes[item.node_id])
        if progress is not None:
            progress(done)
    return doc, len(ordered)


def _title_page(doc, questionnaire, filters, lang, found) -> None:
    instrument = questionnaire.instrument
    doc.add_paragraph(str(translate(instrument.name, lang=lang)), style="Subtitle")
    doc.add_heading(_("Synthesis of the national reports"), level=0)
    doc.add_paragraph(
        str(translate(questionnaire.title, lang=lang, instrument=instrument)), style="Subtitle"
    )
    doc.add_paragraph(
        _(
            "Questionnaire %(code)s, reporting cycle %(cycle)s.",
            code=questionnaire.code,
            cycle=questionnaire.cycle,
        )
    )
    doc.add_paragraph(
        ngettext(
            "%(num)d national report received of %(owed)d owed.",
            "%(num)d national reports received of %(owed)d owed.",
            found.submitted,
            owed=found.owed,
        )
    )
    rows = status.status_rows(questionnaire, filters, lang)
    _Writer(doc, lang).table(tables.region_table(status.by_region(rows)), chart=False)
    doc.add_paragraph(
        _(
            "Written on %(date)s from the reports' latest submissions.",
            date=format_date(utcnow(), "long"),
        )
    )
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc) -> None:
    doc.add_paragraph(_("Contents"), style="TOC Heading")
    paragraph = doc.add_paragraph()
    word.add_field(
        paragraph,
        'TOC \\o "1-3" \\h \\z \\u',
        _("Word fills in the table of contents when the document is opened (or press F9)."),
    )
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _how_to_read(doc, plan: Plan, filters: query.Filters) -> None:
    doc.add_heading(_("How to read this synthesis"), level=1)
    for sentence in (
        _(
            "Each question gives how many Parties answered it, of those that submitted a "
            "report and of those that owed one. Percentages are of the Parties that answered. "
            "“No information” and answers made not applicable by other answers are counted "
            "apart, never as answers."
        ),
        _(
            "The figures are those of the reports' latest submissions, as the results pages "
            "of the analysis show them. Confidential questions are never part of the synthesis."
        ),
        _(
            "Answers to free-text questions are quoted as written, in the language of the "
            "report; under each question, a sentence says how they were chosen."
        ),
    ):
        doc.add_paragraph(sentence)
    if filters.active:
        doc.add_paragraph(_("Only the reports that match the filters chosen are counted."))


class _Writer:
    """Tables, charts and quotes written into the document, numbered as Word's captions."""

    def __init__(self, doc, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.figures = 0
        self.tables = 0

    def item(self, item: results.ItemResult) -> None:
        self.doc.add_paragraph(tables.denominators_note(item.tally, item.owed))
        found = tables.item_tables(item, detail=True)
        charted = False
        for table in found:
            if table.key.endswith("-other") or not table.columns:
                continue
            draw = table.has_chart and not charted and len(table.rows) <= CHART_LINES
            charted = charted or draw
            self.table(table, chart=draw)
        others = [t for t in found if t.key.endswith("-other")]
        if others and others[0].rows:
            self.table(others[0], chart=False)

    def table(self, table: tables.Table, chart: bool) -> None:
        if chart:
            png = charts.png(tables.chart_of(table, self.lang))
            alt = _("Chart: %(title)s. Its figures are in the table below.", title=table.caption)
            word.add_picture(self.doc, png, CHART_WIDTH, alt)
            self.figures += 1
            self.doc.add_paragraph(
                word.clean(
                    _("Figure %(number)d: %(caption)s", number=self.figures, caption=table.caption)
                ),
                style="Caption",
            )
        self.tables += 1
        caption = self.doc.add_paragraph(
            word.clean(
                _("Table %(number)d: %(caption)s", number=self.tables, caption=table.caption)
            ),
            style="Caption",
        )
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(9)
        header = [column.label for column in table.columns]
        numeric = [column.kind not in ("text", "flag") for column in table.columns]
        rows = [
            [
                self.cell(value, column.kind)
                for value, column in zip(row, table.columns, strict=True)
            ]
            for row in table.rows
        ]
        if not rows:
            self.doc.add_paragraph(_("No answer to show."))
            return
        word.table(self.doc, header, rows, numeric)

    def cell(self, value, kind: str) -> str:
        """A table's value as the pages show it, in the document's language."""
        if value is None or value == "":
            return "—"
        if kind in ("int", "number"):
            return word.number(value, self.lang)
        if kind == "percent":
            return _("%(value)s %%", value=word.number(value, self.lang))
        if kind == "datetime":
            return format_datetime(value, "short")
        return str(value)

    def quotes(self, chosen: list[Quote], rule: str) -> None:
        self.doc.add_paragraph(_("Quoted answers. %(rule)s", rule=rule))
        if not chosen:
            self.doc.add_paragraph(_("No answer to quote."))
        for quote in chosen:
            self.doc.add_paragraph(word.clean(quote.text), style="Quote")
            who = quote.party_name
            if quote.loop_label:
                who = f"{who} ({quote.loop_label})"
            self.doc.add_paragraph(word.clean(f"— {who}"))


def filename(questionnaire: Questionnaire, lang: str) -> str:
    return f"{questionnaire.code}-synthesis-{lang}.docx"
