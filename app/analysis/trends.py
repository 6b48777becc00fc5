"""A cycle against the previous cycle of the same instrument: what changed, item by item.

Rules:

* The previous cycle is the questionnaire of the same instrument with the highest
  `cycle_order` below this one's that is not a draft and has submissions
  (`cycles.previous`); without one there is no trend.
* Items are matched by bank code, and compared only when their versions are compatible (same
  answer type, every choice key of the older version in the newer: `bank.services.compatible`)
  and both are asked alike (both per species or site, or neither). Local questions, questions
  new in this cycle or no longer asked, incompatible versions and answers that are not counted
  (texts, dates, tables, files, species, sites) are listed with the reason.
* Choice questions: per choice, the countries that chose it then and now, as a share of those
  that answered on each side (its own denominator), and the difference in percentage points
  (from the exact shares, rounded to one decimal as the shares are); a choice that one version
  does not offer has no figure on that side. Questions per species or site: the same per
  species or site. And the countries whose answer changed: those with an answer on both sides
  (a value or "no information"; not applicable and unanswered are not answers) that differ,
  said in words in the reader's language.
* Numbers: n, minimum, median, mean, maximum and sum, then and now.
* Honest denominators on both sides: answered, of the countries that submitted, of those that
  owed the report, for each cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app import answers
from app.analysis import answered, cycles, query, results
from app.analysis.results import CHOICE_TYPES, Count, ItemResult
from app.analysis.tables import Column, Table, stats_columns, stats_row
from app.answers.types import AnswerType
from app.bank.services import compatible
from app.extensions import db
from app.i18n import sort_key, translate
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, Questionnaire

COUNTED_TYPES = CHOICE_TYPES | {AnswerType.NUMBER}


@dataclass
class Unmatched:
    number_now: str
    number_then: str
    code: str
    text: str
    reason: str


@dataclass
class ChoiceChange:
    loop_key: str
    loop_label: str
    key: str
    label: str
    then: Count | None  # None: that version does not offer the choice
    now: Count | None

    @property
    def points(self) -> float | None:
        """The change of share in percentage points, from the exact shares."""
        if self.then is None or self.now is None or not self.then.of or not self.now.of:
            return None
        return round(100 * self.now.count / self.now.of - 100 * self.then.count / self.then.of, 1)


@dataclass
class Changed:
    party_code: str
    party_name: str
    loop_label: str
    then: str  # the answer in words
    now: str


@dataclass
class ItemTrend:
    code: str
    now: ItemResult
    then: ItemResult
    changes: list[ChoiceChange] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)


@dataclass
class Trends:
    questionnaire: Questionnaire
    previous: Questionnaire
    owed_now: int
    submitted_now: int
    owed_then: int
    submitted_then: int
    items: list[ItemTrend]
    unmatched: list[Unmatched]


def trends(questionnaire: Questionnaire, scope: query.Scope, lang: str) -> Trends | None:
    """`questionnaire` against its previous cycle, with texts in `lang`; None without one."""
    previous = cycles.previous(questionnaire)
    if previous is None:
        return None
    tree_now, tree_then = tree_module.cached(questionnaire), tree_module.cached(previous)
    reads_confidential = scope.reads_confidential(questionnaire.instrument_id)
    pairs, unmatched = _match(tree_now, tree_then, reads_confidential, lang)
    found_now = _results(questionnaire, scope, lang, [now.id for now, _then in pairs])
    found_then = _results(previous, scope, lang, [then.id for _now, then in pairs])
    changed = _changed(questionnaire, previous, pairs, scope, lang)
    items = []
    for now, then in pairs:
        item_now, item_then = found_now.get(now.id), found_then.get(then.id)
        if item_now is None or item_then is None:
            continue
        trend = ItemTrend(now.bank_version.question.code, item_now, item_then)
        if item_now.is_choice:
            trend.changes = _changes(item_now, item_then, lang)
            trend.changed = changed.get(now.id, [])
        items.append(trend)
    owed_now, submitted_now = query.denominators(questionnaire)
    owed_then, submitted_then = query.denominators(previous)
    return Trends(
        questionnaire,
        previous,
        owed_now,
        submitted_now,
        owed_then,
        submitted_then,
        items,
        unmatched,
    )


def _match(tree_now, tree_then, reads_confidential: bool, lang: str):
    """([(item now, item then)] compared, [Unmatched]) in this cycle's order, then the items
    no longer asked in the previous cycle's order."""
    instrument = tree_now.questionnaire.instrument
    then_by_code = {
        node.bank_version.question.code: node
        for node in tree_then.items()
        if node.bank_version is not None
    }
    pairs, unmatched, seen = [], [], set()

    def text(node: Node) -> str:
        return str(translate(node.effective_text, lang=lang, instrument=instrument))

    def refuse(now: Node | None, then: Node | None, reason: str) -> None:
        shown = now or then
        unmatched.append(
            Unmatched(
                now.number if now else "",
                then.number if then else "",
                shown.code or "",
                text(shown),
                reason,
            )
        )

    for now in tree_now.items():
        if now.confidential and not reads_confidential:
            continue
        if now.bank_version is None:
            refuse(now, None, _("A question of this questionnaire only: not matched."))
            continue
        code = now.bank_version.question.code
        then = then_by_code.get(code)
        if then is None:
            refuse(now, None, _("New in this cycle."))
            continue
        seen.add(code)
        if then.confidential and not reads_confidential:
            continue
        older, newer = sorted((then.bank_version, now.bank_version), key=lambda v: v.number)
        if not compatible(older, newer):
            refuse(
                now,
                then,
                _(
                    "Version %(then)s then and version %(now)s now are not compatible.",
                    then=then.bank_version.number,
                    now=now.bank_version.number,
                ),
            )
        elif (tree_now.loop_section(now) is None) != (tree_then.loop_section(then) is None):
            refuse(now, then, _("Asked per species or site in one cycle only."))
        elif now.effective_type not in COUNTED_TYPES:
            refuse(
                now,
                then,
                _(
                    "Matched, but answers of this type (%(type)s) are not counted.",
                    type=AnswerType(now.effective_type).label,
                ),
            )
        else:
            pairs.append((now, then))
    for then in tree_then.items():
        if then.bank_version is None or then.bank_version.question.code in seen:
            continue
        if then.confidential and not reads_confidential:
            continue
        refuse(None, then, _("No longer asked in this cycle."))
    return pairs, unmatched


def _results(questionnaire, scope, lang, node_ids: list[int]) -> dict[int, ItemResult]:
    if not node_ids:  # results() reads every item when given none
        return {}
    found = results.results(questionnaire, scope, query.NO_FILTERS, lang, tuple(node_ids))
    return {item.node_id: item for item in found.items}


def _changes(now: ItemResult, then: ItemResult, lang: str) -> list[ChoiceChange]:
    if not now.loop:
        return _per_choice("", "", now.counts, then.counts)
    now_lines = {line.key: line for line in now.loops}
    then_lines = {line.key: line for line in then.loops}
    keys = sorted(
        set(now_lines) | set(then_lines),
        key=lambda k: sort_key((now_lines.get(k) or then_lines[k]).label, lang),
    )
    found = []
    for key in keys:
        line = now_lines.get(key) or then_lines[key]
        found += _per_choice(
            key,
            line.label,
            now_lines[key].counts if key in now_lines else [],
            then_lines[key].counts if key in then_lines else [],
        )
    return found


def _per_choice(loop_key, loop_label, now: list[Count], then: list[Count]) -> list[ChoiceChange]:
    now_by = {c.key: c for c in now}
    then_by = {c.key: c for c in then}
    keys = [c.key for c in now] + [c.key for c in then if c.key not in now_by]
    return [
        ChoiceChange(
            loop_key,
            loop_label,
            key,
            (now_by.get(key) or then_by[key]).label,
            then_by.get(key),
            now_by.get(key),
        )
        for key in keys
    ]


def _changed(now_q, then_q, pairs, scope, lang) -> dict[int, list[Changed]]:
    """Item now → the countries whose answer to a choice question changed."""
    choice_pairs = [(now, then) for now, then in pairs if now.effective_type in CHOICE_TYPES]
    if not choice_pairs:
        return {}
    then_of = {now.id: then.id for now, then in choice_pairs}
    nodes = {n.id: n for pair in choice_pairs for n in pair}

    def read(questionnaire, node_ids):
        stmt = query.cells(scope, questionnaire=questionnaire, node_ids=tuple(node_ids))
        return answered.gather(db.session.execute(stmt))

    earlier = {(g.party_id, g.node_id, g.loop_key): g for g in read(then_q, then_of.values())}
    labels = results.loop_labels(now_q, lang) | results.loop_labels(then_q, lang)
    say = answers.Saying(lang, now_q.instrument)
    found: dict[int, list[Changed]] = {}
    for given in read(now_q, then_of):
        before = earlier.get((given.party_id, then_of[given.node_id], given.loop_key))
        if before is None:
            continue
        state_now, state_then = given.state(), before.state()
        if state_now is None or state_then is None or state_now == state_then:
            continue
        found.setdefault(given.node_id, []).append(
            Changed(
                given.party_code,
                str(translate(given.party_name, lang=lang)),
                labels.get(given.loop_key, given.loop_key),
                answered.words(before, nodes[before.node_id].effective_config, say),
                answered.words(given, nodes[given.node_id].effective_config, say),
            )
        )
    for changed in found.values():
        changed.sort(key=lambda c: (sort_key(c.party_name, lang), sort_key(c.loop_label, lang)))
    return found


# --- the tables ---------------------------------------------------------------------------------


def _side_note(cycle: str, item: ItemResult) -> str:
    return _(
        "%(cycle)s: %(n)d answered, of %(submitted)d that submitted, of %(owed)d that owed "
        "the report.",
        cycle=cycle,
        n=item.tally.answered,
        submitted=item.tally.submitted,
        owed=item.owed,
    )


def denominators_note(found: Trends, trend: ItemTrend) -> str:
    """Both sides' denominators, each in its own sentence."""
    return " ".join(
        (
            _side_note(found.previous.cycle, trend.then),
            _side_note(found.questionnaire.cycle, trend.now),
        )
    )


def change_table(found: Trends, trend: ItemTrend) -> Table:
    then, now = found.previous.cycle, found.questionnaire.cycle
    looped = bool(trend.now.loop)
    columns = [Column(_("Species or site"))] if looped else []
    columns.append(Column(_("Answer")))
    for cycle in (then, now):
        if looped:
            columns.append(Column(_("%(cycle)s: answered", cycle=cycle), "int"))
        columns += [
            Column(_("%(cycle)s: countries", cycle=cycle), "int"),
            Column(_("%(cycle)s: %% of those that answered", cycle=cycle), "percent"),
        ]
    columns.append(Column(_("Difference (percentage points)"), "points"))
    table = Table(
        f"trend-{trend.now.node_id}",
        _("%(number)s — change per answer", number=trend.now.number),
        columns,
        note=denominators_note(found, trend),
    )
    for change in trend.changes:
        row: list = [change.loop_label] if looped else []
        row.append(change.label)
        for count in (change.then, change.now):
            if looped:
                row.append(count.of if count else None)
            row += [count.count if count else None, count.percent if count else None]
        row.append(change.points)
        table.rows.append(row)
    if not looped:
        table.chart_columns = (0, 2, 4)
        table.chart_percent = True
    return table


def changed_table(found: Trends, trend: ItemTrend) -> Table:
    looped = bool(trend.now.loop)
    columns = [Column(_("ISO code")), Column(_("Country or organisation"))]
    if looped:
        columns.append(Column(_("Species or site")))
    columns += [
        Column(_("Answer in %(cycle)s", cycle=found.previous.cycle)),
        Column(_("Answer in %(cycle)s", cycle=found.questionnaire.cycle)),
    ]
    table = Table(
        f"trend-{trend.now.node_id}-changed",
        _("%(number)s — countries whose answer changed", number=trend.now.number),
        columns,
        note=_(
            "Countries with an answer in both cycles (a value or “no information”) that "
            "differ; answers not applicable or missing in either cycle are left out."
        ),
    )
    for change in trend.changed:
        row = [change.party_code, change.party_name]
        if looped:
            row.append(change.loop_label)
        table.rows.append([*row, change.then, change.now])
    return table


def number_table(found: Trends, trend: ItemTrend) -> Table:
    looped = bool(trend.now.loop)
    columns = [Column(_("Species or site"))] if looped else []
    columns += [Column(_("Cycle")), *stats_columns()]
    table = Table(
        f"trend-{trend.now.node_id}",
        _("%(number)s — figures then and now", number=trend.now.number),
        columns,
        note=denominators_note(found, trend),
    )
    sides = ((found.previous.cycle, trend.then), (found.questionnaire.cycle, trend.now))
    if not looped:
        for cycle, item in sides:
            table.rows.append([cycle, *stats_row(item.stats)])
        return table
    per_side = [{line.key: line for line in item.loops} for _cycle, item in sides]
    labels = {key: line.label for side in per_side for key, line in side.items()}
    for key in sorted(labels, key=lambda k: sort_key(labels[k])):
        for (cycle, _item), side in zip(sides, per_side, strict=True):
            line = side.get(key)
            table.rows.append([labels[key], cycle, *stats_row(line.stats if line else None)])
    return table


def item_tables(found: Trends, trend: ItemTrend) -> list[Table]:
    if trend.now.is_choice:
        return [change_table(found, trend), changed_table(found, trend)]
    return [number_table(found, trend)]


def unmatched_table(found: Trends) -> Table:
    table = Table(
        "unmatched",
        _("Questions not compared"),
        [
            Column(_("Number in %(cycle)s", cycle=found.questionnaire.cycle)),
            Column(_("Number in %(cycle)s", cycle=found.previous.cycle)),
            Column(_("Code")),
            Column(_("Question")),
            Column(_("Why it is not compared")),
        ],
    )
    for entry in found.unmatched:
        table.rows.append(
            [entry.number_now, entry.number_then, entry.code, entry.text, entry.reason]
        )
    return table
