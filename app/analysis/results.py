"""The results of a questionnaire, item by item, from the tidy relation (app/analysis/query.py):
counts and percentages per choice, number statistics (n, min, median, mean, max, sum), table
cells, loops per species or site, a breakdown by CMS region and the "other, specify" texts.

Honest denominators: `n` countries answered, of `submitted` that submitted (a returned
report's earlier submission counts), of `owed` that owed the report. "No information" and
answers made not applicable by skip logic (hidden) are counted apart, never as an answer.
Percentages are of `n`. A fixed number of statements whatever the number of countries.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from app import answers
from app.analysis import query
from app.answers.types import AnswerType
from app.directory.models import Party, Region
from app.extensions import db
from app.i18n import Translated, sort_key, translate
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Questionnaire
from app.reporting.models import SubmittedAnswer

CHOICE_TYPES = frozenset({AnswerType.YES_NO, AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE})
TEXT_TYPES = frozenset({AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT})
REGIONS = tuple(r.value for r in Region)


@dataclass
class Tally:
    """How the countries that submitted stand on one question (or one loop key, one region):
    answered, "no information", not applicable (hidden), and no answer at all."""

    submitted: int = 0
    answered: int = 0
    no_info: int = 0
    hidden: int = 0

    @property
    def unanswered(self) -> int:
        return max(self.submitted - self.answered - self.no_info - self.hidden, 0)


@dataclass
class Count:
    key: str
    label: str
    count: int
    of: int  # the countries that answered (the percentage's denominator)

    @property
    def percent(self) -> float | None:
        """The share of those that answered, rounded to one decimal as pages and files show it."""
        return round(100 * self.count / self.of, 1) if self.of else None


@dataclass
class Stats:
    n: int
    minimum: float
    median: float
    mean: float
    maximum: float
    total: float


@dataclass
class Breakdown:
    """One line of a breakdown (a region, a species or site, a table cell): its tally and its
    counts or statistics."""

    key: str
    label: str
    tally: Tally
    counts: list[Count] = field(default_factory=list)
    stats: Stats | None = None
    detail: str = ""  # a species' listing in the instrument's list (Appendix I…)
    # a table cell's column (its label and type): the cells of a column are tabled together
    column: str = ""
    column_type: str = ""


@dataclass
class Other:
    party_code: str
    party_name: str
    loop_label: str
    text: str


@dataclass
class ItemResult:
    node_id: int
    number: str
    code: str
    text: Translated
    answer_type: str
    loop: str  # "species", "site" or ""
    owed: int
    tally: Tally
    counts: list[Count] = field(default_factory=list)  # choices (not in a loop)
    stats: Stats | None = None  # numbers (not in a loop)
    regions: list[Breakdown] = field(default_factory=list)
    loops: list[Breakdown] = field(default_factory=list)  # per species or site
    cells: list[Breakdown] = field(default_factory=list)  # per table cell
    others: list[Other] = field(default_factory=list)
    section: str = ""

    @property
    def is_choice(self) -> bool:
        return self.answer_type in CHOICE_TYPES

    @property
    def is_number(self) -> bool:
        return self.answer_type == AnswerType.NUMBER

    @property
    def is_text(self) -> bool:
        return self.answer_type in TEXT_TYPES


@dataclass
class Results:
    questionnaire: Questionnaire
    owed: int
    submitted: int
    items: list[ItemResult]


def results(
    questionnaire: Questionnaire,
    scope: query.Scope,
    filters: query.Filters = query.NO_FILTERS,
    lang: str = "en",
    node_ids: tuple[int, ...] = (),
) -> Results:
    """Every item of `questionnaire` that `scope` reads (or only `node_ids`), aggregated over
    the latest submissions under `filters`, with texts in `lang`."""
    owed, submitted = query.denominators(questionnaire, filters)
    tree = tree_module.cached(questionnaire)
    instrument = questionnaire.instrument
    say = answers.Saying(lang, instrument)
    reads_confidential = scope.reads_confidential(questionnaire.instrument_id)
    nodes = [
        node
        for node in tree.walk()
        if not node.is_section
        and (reads_confidential or not node.confidential)
        and (not node_ids or node.id in node_ids)
    ]
    wanted = tuple(node.id for node in nodes)
    per_region = _submitted_per_region(questionnaire, filters)
    states, item_states = _states(questionnaire, scope, filters, wanted)
    counts = _counts(questionnaire, scope, filters, wanted)
    numbers = _numbers(questionnaire, scope, filters, wanted)
    others = _others(questionnaire, scope, filters, wanted, lang)
    labels = loop_labels(questionnaire, lang)
    listed = listings(questionnaire, lang)
    items = []
    for node in nodes:
        config = node.effective_config or {}
        result = ItemResult(
            node_id=node.id,
            number=node.number,
            code=node.code or "",
            text=translate(node.effective_text, lang=lang, instrument=instrument),
            answer_type=node.effective_type or "",
            loop=(tree.loop_section(node).loop if tree.loop_section(node) else "") or "",
            owed=owed,
            tally=_tally(item_states.get(node.id, {}), submitted, per_region, loop_key=""),
            section=_section_title(tree, node, lang, instrument),
        )
        options = answers.options(result.answer_type, config, say)
        node_counts = counts.get(node.id, {})
        node_numbers = numbers.get(node.id, {})
        if result.loop:
            keys = sorted(
                {key for key, _region in states.get(node.id, {})},
                key=lambda k: sort_key(labels.get(k, k), lang),
            )
            for key in keys:
                tally = _tally(states[node.id], submitted, per_region, loop_key=key)
                result.loops.append(
                    Breakdown(
                        key,
                        labels.get(key, key),
                        tally,
                        _choice_counts(options, node_counts, tally.answered, key, ""),
                        _stats(node_numbers, key, ""),
                        listed.get(key, ""),
                    )
                )
        else:
            result.counts = _choice_counts(options, node_counts, result.tally.answered, "", "")
            result.stats = _stats(node_numbers, "", "")
            for region in [*REGIONS, ""]:
                if not per_region.get(region):
                    continue
                tally = _tally(item_states.get(node.id, {}), submitted, per_region, "", region)
                result.regions.append(
                    Breakdown(
                        region,
                        Region(region).label if region else "",
                        tally,
                        _choice_counts(options, node_counts, tally.answered, "", "", region),
                        _stats(node_numbers, "", "", region),
                    )
                )
        if result.answer_type == AnswerType.TABLE:
            result.cells = _table_cells(config, say, node_counts, node_numbers, result.tally)
        result.others = others.get(node.id, [])
        items.append(result)
    return Results(questionnaire, owed, submitted, items)


# --- the statements ------------------------------------------------------------------------


def _submitted_per_region(questionnaire, filters) -> dict[str, int]:
    """Region → reports with a submission, under `filters` (one statement)."""
    from app.reporting.models import Report, Submission

    stmt = sa.select(Party.region, sa.func.count(Report.id)).where(
        Report.questionnaire_id == questionnaire.id,
        sa.exists().where(Submission.report_id == Report.id),
    )
    stmt = query._join_party(stmt, sa.literal(questionnaire.instrument_id))
    stmt = query._narrow(stmt, filters).group_by(Party.region)
    return {region or "": n for region, n in db.session.execute(stmt).all()}


def _states(questionnaire, scope, filters, node_ids) -> tuple[dict, dict]:
    """Per item, how many reports answered, said "no information" only, or had it made not
    applicable only: (node → (loop key, region) → (answered, no info, hidden)) per loop key,
    and (node → region → the same) for the item as a whole, where a country counts once
    however many species or sites it answered. Two statements."""
    row = SubmittedAnswer
    answered = sa.and_(sa.not_(row.hidden), sa.not_(row.no_info), row.value_text != "")
    no_info = sa.and_(sa.not_(row.hidden), row.no_info)

    def flags(*keys):
        inner = query.base(
            scope,
            filters,
            (
                *keys,
                row.report_id,
                Party.region.label("region"),
                sa.func.max(sa.case((answered, 1), else_=0)).label("a"),
                sa.func.max(sa.case((no_info, 1), else_=0)).label("i"),
                sa.func.max(sa.case((row.hidden, 1), else_=0)).label("h"),
            ),
            questionnaire=questionnaire,
            node_ids=node_ids,
        ).group_by(*keys, row.report_id, Party.region)
        return inner.subquery()

    def tally(inner, keys):
        a, i, h = inner.c.a, inner.c.i, inner.c.h
        stmt = sa.select(
            *keys,
            inner.c.region,
            sa.func.sum(a),
            sa.func.sum(sa.case((sa.and_(a == 0, i == 1), 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(a == 0, i == 0, h == 1), 1), else_=0)),
        ).group_by(*keys, inner.c.region)
        return db.session.execute(stmt).all()

    per_key: dict[int, dict] = defaultdict(dict)
    inner = flags(row.node_id, row.loop_key)
    for node_id, key, region, n_a, n_i, n_h in tally(inner, (inner.c.node_id, inner.c.loop_key)):
        per_key[node_id][(key, region or "")] = (int(n_a), int(n_i), int(n_h))
    per_item: dict[int, dict] = defaultdict(dict)
    inner = flags(row.node_id)
    for node_id, region, n_a, n_i, n_h in tally(inner, (inner.c.node_id,)):
        per_item[node_id][("", region or "")] = (int(n_a), int(n_i), int(n_h))
    return per_key, per_item


def _counts(questionnaire, scope, filters, node_ids) -> dict[int, dict]:
    """node → (loop key, cell, value, region) → distinct reports that chose it."""
    row = SubmittedAnswer
    columns = (
        row.node_id,
        row.loop_key,
        row.cell,
        row.value_text,
        Party.region,
        sa.func.count(sa.distinct(row.report_id)),
    )
    stmt = query.base(scope, filters, columns, questionnaire=questionnaire, node_ids=node_ids)
    stmt = stmt.where(
        sa.not_(row.hidden),
        sa.not_(row.no_info),
        row.number.is_(None),
        row.answer_type.in_([*CHOICE_TYPES, AnswerType.TABLE]),
    ).group_by(row.node_id, row.loop_key, row.cell, row.value_text, Party.region)
    found: dict[int, dict] = defaultdict(dict)
    for node_id, key, cell, value, region, n in db.session.execute(stmt):
        found[node_id][(key, cell, value, region or "")] = n
    return found


def _numbers(questionnaire, scope, filters, node_ids) -> dict[int, dict]:
    """node → (loop key, cell, region) → the numbers answered, sorted (for the median)."""
    row = SubmittedAnswer
    columns = (row.node_id, row.loop_key, row.cell, Party.region, row.number)
    stmt = query.base(scope, filters, columns, questionnaire=questionnaire, node_ids=node_ids)
    stmt = stmt.where(sa.not_(row.hidden), sa.not_(row.no_info), row.number.is_not(None))
    found: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    for node_id, key, cell, region, number in db.session.execute(stmt):
        found[node_id][(key, cell, region or "")].append(number)
    return found


def _others(questionnaire, scope, filters, node_ids, lang) -> dict[int, list[Other]]:
    """node → the "other, specify" texts of the answers that chose "other", by country name (a
    text typed before another choice was made stays stored, but is no answer)."""
    row = SubmittedAnswer
    columns = (row.node_id, row.loop_key, Party.code, Party.name, row.other)
    stmt = query.base(scope, filters, columns, questionnaire=questionnaire, node_ids=node_ids)
    stmt = stmt.where(sa.not_(row.hidden), row.other != "", row.value_text == "other")
    labels = loop_labels(questionnaire, lang)
    found: dict[int, list[Other]] = defaultdict(list)
    for node_id, key, code, name, text in db.session.execute(stmt):
        party = str(translate(name, lang=lang))
        found[node_id].append(Other(code, party, labels.get(key, key) if key else "", text))
    for texts in found.values():
        texts.sort(key=lambda o: (sort_key(o.party_name, lang), sort_key(o.loop_label, lang)))
    return found


def loop_labels(questionnaire, lang) -> dict[str, str]:
    """Loop key → the species' name (scientific name) or the site's name, in `lang`."""
    from app.bank.models import Species
    from app.reporting.models import Site

    labels: dict[str, str] = {}
    stmt = sa.select(Species.taxon_id, Species.scientific_name, Species.common_name).where(
        Species.taxon_id.in_(
            sa.select(SubmittedAnswer.loop_key)
            .where(
                SubmittedAnswer.questionnaire_id == questionnaire.id,
                SubmittedAnswer.loop_kind == "species",
            )
            .distinct()
        )
    )
    for taxon, scientific, common in db.session.execute(stmt):
        name = str(translate(common, lang=lang))
        labels[taxon] = f"{name} ({scientific})" if name else scientific
    site_keys = sa.select(SubmittedAnswer.loop_key).where(
        SubmittedAnswer.questionnaire_id == questionnaire.id,
        SubmittedAnswer.loop_kind == "site",
    )
    for site in db.session.scalars(
        sa.select(Site).where(sa.cast(Site.id, sa.String).in_(site_keys))
    ):
        labels[str(site.id)] = site.name
    return labels


def listings(questionnaire, lang) -> dict[str, str]:
    """Taxon id → its listing in the questionnaire's species list (Appendix I…), in `lang`."""
    from app.bank.models import Species, SpeciesListEntry

    if questionnaire.species_list_id is None:
        return {}
    stmt = (
        sa.select(Species.taxon_id, SpeciesListEntry.listing)
        .join(SpeciesListEntry, SpeciesListEntry.species_id == Species.id)
        .where(SpeciesListEntry.list_id == questionnaire.species_list_id)
    )
    return {
        taxon: str(translate(listing, lang=lang, instrument=questionnaire.instrument))
        for taxon, listing in db.session.execute(stmt)
        if listing
    }


# --- from rows to results ----------------------------------------------------------------------


def _tally(states, submitted, per_region, loop_key, region=None) -> Tally:
    tally = Tally(submitted=submitted if region is None else per_region.get(region, 0))
    for (key, row_region), (n_answered, n_no_info, n_hidden) in states.items():
        if key != loop_key or (region is not None and row_region != region):
            continue
        tally.answered += n_answered
        tally.no_info += n_no_info
        tally.hidden += n_hidden
    return tally


def _choice_counts(options, counts, answered, loop_key, cell, region=None) -> list[Count]:
    found = []
    for key, label in options:
        n = sum(
            c
            for (k, row_cell, value, row_region), c in counts.items()
            if k == loop_key
            and row_cell == cell
            and value == key
            and (region is None or row_region == region)
        )
        found.append(Count(key, label, n, answered))
    return found


def _stats(numbers, loop_key, cell, region=None) -> Stats | None:
    values = sorted(
        v
        for (k, row_cell, row_region), found in numbers.items()
        if k == loop_key and row_cell == cell and (region is None or row_region == region)
        for v in found
    )
    if not values:
        return None
    return Stats(
        n=len(values),
        minimum=values[0],
        median=statistics.median(values),
        mean=statistics.fmean(values),
        maximum=values[-1],
        total=sum(values),
    )


def _table_cells(config, say, counts, numbers, tally) -> list[Breakdown]:
    """One line per table cell (row, column) in the question's order: counts for a choice
    column, statistics for a number column."""
    lines = []
    for row in config.get("rows") or []:
        for column in config.get("columns") or []:
            part = f"{row['key']}/{column['key']}"
            label = _table_label(say, row, column)
            column_type = column.get("type") or ""
            options = answers.options(column_type, column, say)
            answered = sum(
                n for (k, cell, _v, _r), n in counts.items() if cell == part and not k
            ) + len([v for (k, cell, _r), found in numbers.items() if cell == part for v in found])
            lines.append(
                Breakdown(
                    part,
                    label,
                    Tally(submitted=tally.submitted, answered=answered),
                    _choice_counts(options, counts, answered, "", part) if options else [],
                    _stats(numbers, "", part),
                    column=say.content(column.get("label")) or column["key"],
                    column_type=column_type,
                )
            )
    return lines


def _table_label(say, row, column) -> str:
    from flask_babel import gettext as _

    return _(
        "%(row)s — %(column)s",
        row=say.content(row.get("label")) or row["key"],
        column=say.content(column.get("label")) or column["key"],
    )


def _section_title(tree, node, lang, instrument) -> str:
    """The title of the top-level section around `node`, in `lang`."""
    ancestors = tree.ancestors(node)
    return (
        str(translate(ancestors[-1].title, lang=lang, instrument=instrument)) if ancestors else ""
    )
