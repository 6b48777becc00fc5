"""A questionnaire held in memory: every node, its bank version and its place, loaded with a
fixed number of queries whatever the size, so that pages render in constant SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.bank.models import BankQuestion, BankVersion, SpeciesListEntry
from app.extensions import db
from app.questionnaires.conditions import referenced_codes
from app.questionnaires.models import Node, Questionnaire


@dataclass
class Tree:
    questionnaire: Questionnaire
    nodes: list[Node]
    children: dict[int | None, list[Node]] = field(default_factory=dict)
    by_id: dict[int, Node] = field(default_factory=dict)
    # skip logic's links, for what one answer's save may show or hide (reporting/cell.py): each
    # item by its code, and the nodes whose conditions test each code
    item_by_code: dict[str, Node] = field(default_factory=dict)
    readers: dict[str, list[Node]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {n.id: n for n in self.nodes}
        self.children = {}
        for node in sorted(self.nodes, key=lambda n: (n.position, n.id)):
            self.children.setdefault(node.parent_id, []).append(node)
        self.item_by_code = self.by_code()
        self.readers = {}
        for node in self.nodes:
            for code in dict.fromkeys(referenced_codes(node.condition)):
                self.readers.setdefault(code, []).append(node)

    @property
    def roots(self) -> list[Node]:
        return self.children.get(None, [])

    def walk(self, parent_id: int | None = None) -> Iterator[Node]:
        """Every node in document order (depth first)."""
        for node in self.children.get(parent_id, []):
            yield node
            yield from self.walk(node.id)

    def items(self) -> list[Node]:
        return [n for n in self.walk() if not n.is_section]

    def sections(self) -> list[Node]:
        return [n for n in self.walk() if n.is_section]

    def order(self) -> dict[int, int]:
        """Each node's index in document order."""
        return {node.id: index for index, node in enumerate(self.walk())}

    def by_code(self) -> dict[str, Node]:
        return {n.code: n for n in self.nodes if n.code and not n.is_section}

    def ancestors(self, node: Node) -> list[Node]:
        found = []
        parent = self.by_id.get(node.parent_id) if node.parent_id else None
        while parent is not None:
            found.append(parent)
            parent = self.by_id.get(parent.parent_id) if parent.parent_id else None
        return found

    def loop_section(self, node: Node) -> Node | None:
        """The nearest section (the node itself included) that repeats, if any."""
        for candidate in [node, *self.ancestors(node)]:
            if candidate.is_section and candidate.loop:
                return candidate
        return None

    def numbering(self) -> dict[int, str]:
        numbers: dict[int, str] = {}

        def visit(parent_id: int | None, prefix: str) -> None:
            for index, node in enumerate(self.children.get(parent_id, []), start=1):
                numbers[node.id] = f"{prefix}{index}"
                visit(node.id, f"{numbers[node.id]}.")

        visit(None, "")
        return numbers


def load(questionnaire: Questionnaire) -> Tree:
    """All nodes of `questionnaire` with their bank versions (two queries)."""
    nodes = list(
        db.session.scalars(
            sa.select(Node)
            .where(Node.questionnaire_id == questionnaire.id)
            .options(
                joinedload(Node.bank_version)
                .joinedload(BankVersion.question)
                .joinedload(BankQuestion.owner)
            )
            .order_by(Node.position, Node.id)
        ).unique()
    )
    return Tree(questionnaire=questionnaire, nodes=nodes)


def species_entries(questionnaire: Questionnaire) -> list[SpeciesListEntry]:
    """The species a species loop repeats over, in list order (one query)."""
    if questionnaire.species_list_id is None:
        return []
    return list(
        db.session.scalars(
            sa.select(SpeciesListEntry)
            .where(SpeciesListEntry.list_id == questionnaire.species_list_id)
            .order_by(SpeciesListEntry.position, SpeciesListEntry.id)
        )
    )
