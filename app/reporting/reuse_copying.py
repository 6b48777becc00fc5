"""Copying offered answers into a report: one cell (reuse, or update a copy from its changed
source), or every cell offered at once after a preview that names exactly what will be filled.
Pre-fill (prefill.py) copies through the same path. The rules of what is offered are in
reuse_offers.py."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app import utils
from app.audit import services as audit
from app.questionnaires import render as render_module
from app.questionnaires.models import Node
from app.reporting import saving
from app.reporting.errors import ReportingError
from app.reporting.models import Answer
from app.reporting.reuse_offers import CHANGED, PREFILL, REUSE, Key, Source, copy_change, offers
from app.reporting.saving import Provenance
from app.reporting.services import Filled

MAX_ROUNDS = 10  # conditions only look back: visibility settles in fewer rounds than that

STALE = _l(
    "The answers available have changed since you saw the list: check the new list, then "
    "confirm again."
)
GONE = _l("This answer can no longer be reused here: the page was out of date. Check it again.")


class ReuseError(ReportingError):
    """A reuse, pre-fill or confirmation that cannot be done; the message is translated."""


@dataclass
class Planned:
    """One cell a "reuse all" or a pre-fill will fill, as its preview lists it."""

    item: render_module.RenderedItem
    section: render_module.RenderedSection | None
    label: Any  # the species or site of the loop iteration, or None
    source: Source

    @property
    def key(self) -> Key:
        return (self.item.node.id, self.item.loop_key)


def copy_into(
    filled: Filled,
    node: Node,
    loop_key: str,
    source: Answer,
    provenance: Provenance,
    user,
    locale: str,
    expected_version: int | None = None,
    keep_comment: bool = True,
) -> saving.Saved:
    """Save `source` as the answer of the cell, with its provenance, through save_answer (the
    version check included: against `expected_version`, else the version held now)."""
    current = filled.answers.get((node.id, loop_key))
    change = copy_change(
        node, source, filled.species_keys, locale, current if keep_comment else None
    )
    if change is None:
        raise ReuseError(GONE)
    change.copy = provenance
    version = current.version if current is not None else 0
    return saving.save_answer(
        filled,
        node,
        loop_key,
        change,
        expected_version=version if expected_version is None else expected_version,
        user=user,
        locale=locale,
    )


def reuse(
    filled: Filled,
    node: Node,
    loop_key: str,
    source_id: int | None,
    user,
    locale: str,
    expected_version: int | None = None,
) -> saving.Saved:
    """Copy the answer `source_id` (one of those the cell is offered) into the cell."""
    offer = offers(filled, user).get((node.id, loop_key))
    source = None
    if offer is not None and offer.kind == REUSE:
        source = next((s for s in offer.sources if s.answer.id == source_id), None)
    if source is None:
        raise ReuseError(GONE)
    copied = source.answer
    provenance = Provenance(copied, REUSE)
    saved = copy_into(filled, node, loop_key, copied, provenance, user, locale, expected_version)
    record_copy(user, "answer.reuse", saved.answer, node, copied)
    return saved


def record_copy(user, action: str, answer: Answer, node: Node, source: Answer) -> None:
    """The audit event of one answer copied from `source` (reuse, update from the source)."""
    audit.record(
        user,
        action,
        answer,
        node.code or "",
        report_id=answer.report_id,
        question=node.number,
        loop_key=answer.loop_key,
        source_answer_id=source.id,
        source=source.report.questionnaire.code,
    )


def update_from_source(
    filled: Filled,
    node: Node,
    loop_key: str,
    user,
    locale: str,
    expected_version: int | None = None,
) -> saving.Saved:
    """Copy again, from its changed source, an answer copied earlier (same kind: a pre-filled
    answer updated this way needs confirming again)."""
    offer = offers(filled, user).get((node.id, loop_key))
    if offer is None or offer.kind != CHANGED:
        raise ReuseError(_l("This answer is already the same as its source."))
    kind = offer.current.source_kind or REUSE
    provenance = Provenance(offer.source.answer, kind, needs_confirmation=kind == PREFILL)
    source = offer.source.answer
    version = expected_version
    saved = copy_into(
        filled, node, loop_key, source, provenance, user, locale, version, keep_comment=False
    )
    record_copy(user, "answer.update", saved.answer, node, source)
    return saved


# --- filling many cells at once -----------------------------------------------------------------


def cells(rendered: render_module.Rendered) -> Iterator[tuple]:
    """(top-level section, item, iteration label) for every item, hidden ones included, in
    questionnaire order."""

    def walk(section, top, label):
        for block in section.blocks:
            block_label = block.iteration.label if block.iteration else label
            for child in block.children:
                if isinstance(child, render_module.RenderedSection):
                    yield from walk(child, top, block_label)
                else:
                    yield top, child, block_label

    for item in rendered.loose_items:
        yield None, item, None
    for section in rendered.sections:
        yield from walk(section, section, None)


def _visible_with(filled: Filled, planned: dict[Key, Source]) -> set[Key]:
    """The cells visible once the planned answers are in place (the report's own rendering
    when nothing is planned)."""
    if not planned:
        rendered = filled.rendered
    else:
        by_id = filled.tree.by_id
        answers = {
            (by_id[node_id].code, loop_key): None if answer.no_info else answer.value
            for (node_id, loop_key), answer in filled.answers.items()
            if node_id in by_id
        }
        for (node_id, loop_key), source in planned.items():
            value = None if source.answer.no_info else source.answer.value
            answers[(by_id[node_id].code, loop_key)] = value
        rendered = render_module.render(
            filled.report.questionnaire,
            answers,
            filled.lang,
            sites=[(site.key, site.name) for site in filled.sites],
            current=filled.tree,
        )
    return {(i.node.id, i.loop_key) for i in rendered.items() if i.visible}


def plan(filled: Filled, proposals: dict[Key, Source]) -> list[Planned]:
    """The proposed cells that are visible once the planned answers are in place (an answer
    copied may show, or hide, another question), in questionnaire order."""
    chosen: dict[Key, Source] = {}
    for _ in range(MAX_ROUNDS):
        visible = _visible_with(filled, chosen)
        now = {k: s for k, s in proposals.items() if k in visible}
        if now.keys() == chosen.keys():
            break
        chosen = now
    return [
        Planned(item, top, label, chosen[(item.node.id, item.loop_key)])
        for top, item, label in cells(filled.rendered)
        if (item.node.id, item.loop_key) in chosen
    ]


def fingerprint(planned: list[Planned]) -> str:
    """Names a preview exactly: the cells, their sources and the sources' versions."""
    parts = [
        [p.item.node.id, p.item.loop_key, p.source.answer.id, p.source.answer.version]
        for p in planned
    ]
    return hashlib.sha256(utils.json_dumps(parts).encode()).hexdigest()[:32]


def preview_all(filled: Filled, user) -> list[Planned]:
    """What "reuse all available answers" would fill: the empty cells offered an answer that
    are visible once the copies are in place."""
    proposals = {k: o.source for k, o in offers(filled, user).items() if o.kind == REUSE}
    return plan(filled, proposals)


def reuse_all(filled: Filled, user, locale: str, expected: str) -> int:
    """Fill exactly the cells of the preview named `expected` (see `fingerprint`); refused
    when what is available has changed since. Returns how many cells were filled."""
    planned = preview_all(filled, user)
    if fingerprint(planned) != expected:
        raise ReuseError(STALE)
    for p in planned:
        source = p.source.answer
        copy_into(
            filled, p.item.node, p.item.loop_key, source, Provenance(source, REUSE), user, locale
        )
    if planned:
        report = filled.report
        audit.record(user, "report.reuse_all", report, report.questionnaire.code,
                     count=len(planned))  # fmt: skip
    return len(planned)
