"""One answer of a report, as an autosave reads and saves it, and what its save shows or hides.

`services.fill` reads the whole report (every answer, site, species and file) and expands the
whole questionnaire; an autosave needs a part of it, whatever the report's size:

* the answer saved (`f-<node id>[-<loop key>]`), checked to be an item of the report in the
  reader's scope, in a loop key of the report;
* the items whose visibility this answer may change: those whose condition (or a section's
  around them) tests it, and so on down the chain -- a hidden item counts as not answered, so
  hiding cascades (`affected`);
* the answers their conditions read, up the chain to the first items that depend on nothing
  (`needed`), so that each affected item is evaluated as the whole questionnaire would be.

`shown` then evaluates those items only: the same `render` over the part of the tree that
holds them, in the iterations the save touches (render's `loops`).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app import policy
from app.answers.types import AnswerType
from app.extensions import db
from app.questionnaires import render as render_module
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Loop, Node
from app.reporting import fields, services
from app.reporting.models import Attachment, Report
from app.reporting.site_store import sites_for


@dataclass
class Posted:
    """One answer of a report, with what its save may show or hide (see the module)."""

    filled: services.Filled
    node: Node
    loop_key: str
    affected: list[Node]  # in questionnaire order
    needed: frozenset[int]  # node ids: the answer, the affected items, what they read

    @property
    def field_name(self) -> str:
        return render_module.RenderedItem(self.node, self.loop_key, True, None).field_name


@dataclass
class Shown:
    """After a save: the field names of the affected items the reader holds, and those of them
    now hidden."""

    affected: list[str]
    hidden: list[str]


def posted(report: Report, lang: str, viewer, name: str) -> Posted | None:
    """The answer of `report` that the field name `name` says, as `viewer` may read it; None
    when there is no such item in their scope, or no such species or site in the report.
    A fixed number of queries, reading only what the save and its skip logic touch."""
    split = fields.split(name)
    if split is None:
        return None
    tree = services.tree_of(report.questionnaire)
    node = tree.by_id.get(split[0])
    if node is None or node.is_section:
        return None
    loop_key = split[1]
    filled = services.Filled(
        report,
        tree,
        {},
        None,
        frozenset(),
        frozenset(),
        lang=lang,
        scope=None if viewer is None else policy.section_scope(viewer, report),
    )
    # the name as the page writes it: "f-007" or "f-7-" name no item
    if (
        not filled.holds(node.id)
        or render_module.RenderedItem(node, loop_key, True, None).field_name != name
    ):
        return None
    affected = affected_items(tree, node)
    needed = tree_module.needed_nodes(tree, [node, *affected])
    loop = tree.loop_section(node)
    kinds = {section.loop for section in _loops(tree, needed)}
    if loop is not None:
        kinds = {loop.loop}  # the other loops' items read nothing of this iteration
    _read_loops(filled, kinds, with_names=node.effective_type == AnswerType.SPECIES)
    if not filled.valid_loop_key(node, loop_key):
        return None
    keys = None if loop is None else frozenset({loop_key, render_module.NO_LOOP})
    filled.part = services.Part(needed, keys)
    filled.reload_answers()
    filled.read_for_save = frozenset({(node.id, loop_key)})
    if node.effective_type == AnswerType.FILE:
        filled.attachments = _attachments(report, node, loop_key)
    return Posted(filled, node, loop_key, affected, needed)


def affected_items(tree: tree_module.Tree, node: Node) -> list[Node]:
    """The items whose visibility an answer of `node` may change, in questionnaire order:
    those whose condition tests it, those inside a section whose condition does, and so on for
    each of them (a hidden item counts as not answered)."""
    found: dict[int, Node] = {}
    waiting = [node]
    while waiting:
        current = waiting.pop()
        for reader in tree.readers.get(current.code or "", []):
            touched = [n for n in tree.walk(reader.id) if not n.is_section]
            for item in [reader] if not reader.is_section else touched:
                if item.id not in found and item.id != node.id:
                    found[item.id] = item
                    waiting.append(item)
    return sorted(found.values(), key=lambda n: _place(tree, n))


def shown(cell: Posted) -> Shown:
    """Evaluate the affected items for the answers held now (after the save): the same
    `render` as a page's, over the part of the tree they and what they read make up."""
    filled, tree = cell.filled, cell.filled.tree
    if not cell.affected:
        return Shown([], [])
    kept = set(cell.needed)
    for node_id in cell.needed:
        kept.update(n.id for n in tree.ancestors(tree.by_id[node_id]))
    part = tree_module.Tree(tree.questionnaire, [tree.by_id[node_id] for node_id in kept])
    loop = tree.loop_section(cell.node)
    loops: dict[str, list[render_module.Iteration]] = {kind.value: [] for kind in Loop}
    if loop is not None:
        loops[loop.loop] = [render_module.Iteration(cell.loop_key, cell.loop_key)]
    else:
        loops[Loop.SPECIES.value] = [render_module.Iteration(k, k) for k in filled.species_keys]
        loops[Loop.SITE.value] = [render_module.Iteration(k, k) for k in filled.site_keys]
    rendered = render_module.render(
        tree.questionnaire, filled.for_conditions(), filled.lang, current=part, loops=loops
    )
    wanted = {n.id for n in cell.affected if filled.holds(n.id)}
    items = [i for i in rendered.items() if i.node.id in wanted]
    return Shown([i.field_name for i in items], [i.field_name for i in items if not i.visible])


def _place(tree: tree_module.Tree, node: Node) -> tuple:
    """`node`'s place in questionnaire order (by positions from the top), without walking the
    whole tree."""
    chain = [node, *tree.ancestors(node)]
    return tuple((n.position, n.id) for n in reversed(chain))


def _loops(tree: tree_module.Tree, node_ids) -> list[Node]:
    found = (tree.loop_section(tree.by_id[node_id]) for node_id in node_ids)
    return [loop for loop in found if loop is not None]


def _read_loops(filled: services.Filled, kinds: set[str], *, with_names: bool) -> None:
    """Read the species and the sites the report repeats over, for the `kinds` of loop in play
    (their keys only), and the species with their names when an answer names one."""
    if with_names:
        filled.species_entries = tree_module.species_entries(filled.report.questionnaire)
        filled.species_keys = frozenset(e.species.taxon_id for e in filled.species_entries)
    elif Loop.SPECIES.value in kinds:
        filled.species_keys = tree_module.species_keys(filled.tree)
    if Loop.SITE.value in kinds:
        filled.sites = sites_for(filled.report)
        filled.site_keys = frozenset(site.key for site in filled.sites)


def _attachments(report: Report, node: Node, loop_key: str) -> dict[int, Attachment]:
    """The files of one answer: those it may keep (a file answer holds its own files only)."""
    stmt = sa.select(Attachment).where(
        Attachment.report_id == report.id,
        Attachment.node_id == node.id,
        Attachment.loop_key == loop_key,
    )
    return {a.id: a for a in db.session.scalars(stmt)}
