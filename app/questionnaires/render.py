"""A questionnaire as a respondent meets it: loops expanded, numbers, texts in one language,
and which items the answers given so far show or hide (the server is the authority).

Used by the preview now and by report filling later. Loading is a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.i18n import Translated, translate
from app.questionnaires import tree as tree_module
from app.questionnaires.conditions import evaluate, settle
from app.questionnaires.models import Loop, Node, Questionnaire

NO_LOOP = ""


@dataclass(frozen=True)
class Iteration:
    key: str  # a taxon id or a site id; NO_LOOP outside loops
    label: Translated | str
    detail: str = ""  # the scientific name of a species, the listing


@dataclass
class RenderedItem:
    node: Node
    loop_key: str
    visible: bool
    value: Any
    # the condition as the reader's page carries it: the node's, with the tests of items the
    # reader may not read settled to their outcome (see `render`'s `sealed`)
    condition: dict | None = None

    @property
    def field_name(self) -> str:
        return f"f-{self.node.id}" + (f"-{self.loop_key}" if self.loop_key else "")


@dataclass
class Block:
    """One pass through a section: the whole section outside loops, one iteration inside."""

    iteration: Iteration | None
    children: list[RenderedItem | RenderedSection] = field(default_factory=list)


@dataclass
class RenderedSection:
    node: Node
    visible: bool
    blocks: list[Block] = field(default_factory=list)

    def items(self) -> list[RenderedItem]:
        found: list[RenderedItem] = []
        for block in self.blocks:
            for child in block.children:
                found += child.items() if isinstance(child, RenderedSection) else [child]
        return found


@dataclass
class Rendered:
    questionnaire: Questionnaire
    tree: tree_module.Tree
    sections: list[RenderedSection]
    loose_items: list[RenderedItem]

    def items(self) -> list[RenderedItem]:
        found = list(self.loose_items)
        for section in self.sections:
            found += section.items()
        return found

    def cells(self) -> int:
        from app.answers.types import cells

        return sum(cells(i.node.effective_type, i.node.effective_config) for i in self.items())


def iterations(
    questionnaire: Questionnaire,
    loop: str,
    lang: str,
    sites: list[tuple[str, str]] | None = None,
    species: list | None = None,
) -> list[Iteration]:
    if loop == Loop.SPECIES:
        return [
            Iteration(
                entry.species.taxon_id,
                translate(entry.species.common_name, lang=lang),
                f"{entry.species.scientific_name}"
                + (f" · {translate(entry.listing, lang=lang)}" if entry.listing else ""),
            )
            for entry in (
                species if species is not None else tree_module.species_entries(questionnaire)
            )
        ]
    return [Iteration(key, label) for key, label in sites or []]


def render(
    questionnaire: Questionnaire,
    answers: Mapping[tuple[str, str], Any],
    lang: str,
    sites: list[tuple[str, str]] | None = None,
    current: tree_module.Tree | None = None,
    species: list | None = None,
    sealed: Collection[str] = frozenset(),
    loops: Mapping[str, list[Iteration]] | None = None,
) -> Rendered:
    """Expand and evaluate `questionnaire` for `answers` keyed by (item code, loop key);
    `species`, the questionnaire's species list when the caller has it loaded already;
    `sealed`, the codes of the items whose answers the reader may not read: each item's
    `condition` holds the outcome of a test of one of them, never a way to its answer;
    `loops`, the iterations of each kind of loop when the caller chooses them (labels unread:
    an autosave evaluates the iterations its save touches, see reporting/cell.py)."""
    current = current or tree_module.cached(questionnaire)
    loop_cache: dict[str, list[Iteration]] = dict(loops or {})
    hidden: set[tuple[str, str]] = set()

    def lookup_in(loop_key: str, loop_node: Node | None):
        def lookup(code: str) -> Any:
            target = by_code.get(code)
            if target is None:
                return None
            same_loop = loop_node is not None and current.loop_section(target) is loop_node
            key = (code, loop_key if same_loop else NO_LOOP)
            return None if key in hidden else answers.get(key)

        return lookup

    by_code = current.by_code()

    def visit(node: Node, loop_key: str, loop_node: Node | None, parent_visible: bool):
        lookup = lookup_in(loop_key, loop_node)
        visible = parent_visible and evaluate(node.condition, lookup)
        if not node.is_section:
            if not visible:
                hidden.add((node.code, loop_key))
            condition = (
                settle(node.condition, lookup, sealed.__contains__) if sealed else node.condition
            )
            value = answers.get((node.code, loop_key))
            return RenderedItem(node, loop_key, visible, value, condition)
        section = RenderedSection(node, visible)
        if node.loop:
            if node.loop not in loop_cache:
                loop_cache[node.loop] = iterations(questionnaire, node.loop, lang, sites, species)
            for iteration in loop_cache[node.loop]:
                block = Block(iteration)
                for child in current.children.get(node.id, []):
                    block.children.append(visit(child, iteration.key, node, visible))
                section.blocks.append(block)
        else:
            block = Block(None)
            for child in current.children.get(node.id, []):
                block.children.append(visit(child, loop_key, loop_node, visible))
            section.blocks.append(block)
        return section

    sections, loose = [], []
    for root in current.roots:
        rendered = visit(root, NO_LOOP, None, True)
        (sections if isinstance(rendered, RenderedSection) else loose).append(rendered)
    # `visit` calls itself through its closure: a reference cycle that would keep this call's
    # locals (the hidden set, the loops' iterations) until a full collection. Cut here, they
    # go with the call.
    visit = None
    return Rendered(questionnaire, current, sections, loose)


def parse_preview_form(current: tree_module.Tree, form: Mapping[str, Any]) -> dict:
    """Answers keyed by (code, loop key) from a posted preview form (values as typed)."""
    answers: dict[tuple[str, str], Any] = {}
    items = {str(n.id): n for n in current.items()}
    for name in form:
        if not name.startswith("f-"):
            continue
        node_id, _, loop_key = name[2:].partition("-")
        node = items.get(node_id)
        if node is None:
            continue
        values = form.getlist(name) if hasattr(form, "getlist") else [form[name]]
        values = [v for v in values if v != ""]
        if node.effective_type == "multiple_choice":
            answers[(node.code, loop_key)] = values
        elif values:
            answers[(node.code, loop_key)] = values[0]
    return answers
