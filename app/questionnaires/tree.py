"""A questionnaire held in memory: every node, its bank version and its place, loaded with a
fixed number of queries whatever the size, so that pages render in constant SQL.

`cached` keeps a questionnaire's tree per process under the questionnaire's `tree_stamp`, which
every change to the nodes or the bank versions they pin replaces (`_stamp_changed_trees`, run
before each flush): a report page, an autosave and an analysis reuse it instead of loading the
nodes again. The cached nodes are detached from any session and shared between requests (and
threads): they are read, never changed; a page that edits the structure (the designer) loads
its own with `load`."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, joinedload

from app.bank.models import BankQuestion, BankVersion, Species, SpeciesListEntry
from app.directory.models import Instrument
from app.extensions import db
from app.questionnaires.conditions import referenced_codes
from app.questionnaires.models import Node, Questionnaire, new_stamp

CACHED_TREES = 64  # questionnaires kept per process, least recently used dropped first


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
    # the taxa its species loops repeat over, kept with a cached tree: the species list of a
    # questionnaire that is no longer a draft is frozen (bank/species_lists.require_open).
    # None: not read (`species_keys` reads them)
    kept_species_keys: frozenset[str] | None = None

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


def _nodes(session: Session, questionnaire_id: int) -> list[Node]:
    return list(
        session.scalars(
            sa.select(Node)
            .where(Node.questionnaire_id == questionnaire_id)
            .options(
                joinedload(Node.bank_version)
                .joinedload(BankVersion.question)
                .joinedload(BankQuestion.owner)
            )
            .order_by(Node.position, Node.id)
        ).unique()
    )


def load(questionnaire: Questionnaire) -> Tree:
    """All nodes of `questionnaire` with their bank versions (one query), in the request's
    session: what a page that changes them works on."""
    return Tree(questionnaire=questionnaire, nodes=_nodes(db.session, questionnaire.id))


_trees: OrderedDict[tuple[int, str], Tree] = OrderedDict()
_trees_lock = threading.Lock()


def cached(questionnaire: Questionnaire) -> Tree:
    """`questionnaire`'s tree for reading: the one this process holds for the questionnaire's
    current stamp, else loaded once (one query) and kept. A draft is loaded each time (its
    designer changes it in the same session). The tree comes with the caller's questionnaire
    object; its nodes are read-only and hold no session: only their columns and bank
    versions (with question and owner) are there to read."""
    if questionnaire.is_draft:
        return load(questionnaire)
    key = (questionnaire.id, questionnaire.tree_stamp)
    with _trees_lock:
        kept = _trees.get(key)
        if kept is not None:
            _trees.move_to_end(key)
    if kept is None:
        # a session of its own on the request's connection: it sees what the request sees,
        # and closing it leaves the nodes loaded but attached to no session
        own = Session(bind=db.session.connection(), join_transaction_mode="rollback_only")
        try:
            kept = Tree(questionnaire=questionnaire, nodes=_nodes(own, questionnaire.id))
            kept.kept_species_keys = _species_keys(own, questionnaire.species_list_id)
        finally:
            own.close()
        for node in kept.nodes:
            node.shared = True  # read by every request: `_refuse_changing_shared` guards it
        with _trees_lock:
            _trees[key] = kept
            while len(_trees) > CACHED_TREES:
                _trees.popitem(last=False)
    tree = copy.copy(kept)  # the maps are shared; the questionnaire is the caller's
    tree.questionnaire = questionnaire
    return tree


def _refuse_changing_shared(target: Node, value, oldvalue, initiator):
    if getattr(target, "shared", False):
        raise AttributeError(
            f"{target!r} belongs to a cached question tree, which every request reads: "
            "change the node loaded in the session (tree.load, db.session.get) instead"
        )
    return value


for _attribute in sa.inspect(Node).attrs:
    event.listen(getattr(Node, _attribute.key), "set", _refuse_changing_shared, retval=True)


@event.listens_for(Session, "before_flush")
def _stamp_changed_trees(session: Session, _flush_context, _instances) -> None:
    """Give a new stamp to each questionnaire whose tree this flush changes: a node added,
    changed or removed, a bank version or question its nodes pin changed, an instrument
    (the owner a bank question names) renamed."""
    changed = [*session.new, *session.dirty, *session.deleted]
    if not changed:
        return
    ids: set[int] = set()
    versions: set[int] = set()
    questions: set[int] = set()
    everything = False
    for obj in changed:
        if isinstance(obj, Node):
            if obj.questionnaire_id is not None:
                ids.add(obj.questionnaire_id)
            elif obj.questionnaire is not None:
                obj.questionnaire.tree_stamp = new_stamp()
        elif isinstance(obj, BankVersion) and obj.id is not None:
            versions.add(obj.id)
        elif isinstance(obj, BankQuestion) and obj.id is not None:
            questions.add(obj.id)
        elif isinstance(obj, Instrument) and session.is_modified(obj, include_collections=False):
            everything = True
    if not (ids or versions or questions or everything):
        return
    with session.no_autoflush:
        if everything:
            ids |= set(session.scalars(sa.select(Questionnaire.id)))
        if versions or questions:
            pinned = (
                sa.select(Node.questionnaire_id)
                .join(BankVersion, Node.bank_version_id == BankVersion.id)
                .where(sa.or_(BankVersion.id.in_(versions), BankVersion.question_id.in_(questions)))
                .distinct()
            )
            ids |= set(session.scalars(pinned))
        for questionnaire_id in ids:
            questionnaire = session.get(Questionnaire, questionnaire_id)
            if questionnaire is not None:
                questionnaire.tree_stamp = new_stamp()


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


def species_keys(tree: Tree) -> frozenset[str]:
    """The taxa `tree`'s species loops repeat over (their keys): kept with a cached tree, else
    read (one query)."""
    if tree.kept_species_keys is not None:
        return tree.kept_species_keys
    return _species_keys(db.session, tree.questionnaire.species_list_id)


def _species_keys(session: Session, list_id: int | None) -> frozenset[str]:
    if list_id is None:
        return frozenset()
    return frozenset(
        session.scalars(
            sa.select(Species.taxon_id)
            .join(SpeciesListEntry, SpeciesListEntry.species_id == Species.id)
            .where(SpeciesListEntry.list_id == list_id)
        )
    )


def needed_nodes(tree: Tree, items: list[Node]) -> frozenset[int]:
    """`items` and every item their conditions read (theirs and their sections'), up the
    chain: what evaluating `items` as the whole questionnaire does needs."""
    found: set[int] = set()
    waiting = list(items)
    while waiting:
        current = waiting.pop()
        if current.id in found:
            continue
        found.add(current.id)
        for node in [current, *tree.ancestors(current)]:
            for code in referenced_codes(node.condition):
                target = tree.item_by_code.get(code)
                if target is not None and target.id not in found:
                    waiting.append(target)
    return frozenset(found)
