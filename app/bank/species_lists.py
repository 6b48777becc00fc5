"""Rules of an instrument's species lists, one per reporting cycle: creating one (empty or as a
copy of another cycle's list), adding, relisting, removing and ordering species, and searching
the species table.

A list that a questionnaire other than a draft uses (attached to it, or found by its cycle) is
frozen: national reports are answered per species, and a change would orphan their answers. The
questionnaires say which of them use a list (app/bank/uses.py).
Every change is an audit event `species_list.<change>` on the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.audit import services as audit
from app.bank import uses
from app.bank.models import Species, SpeciesList, SpeciesListEntry
from app.bank.services import BankError
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import languages, normalise

CYCLE_LENGTH = 20
LISTING_LENGTH = 200
SEARCH_LIMIT = 25


# --- reading -------------------------------------------------------------------------------------


def list_for(instrument: Instrument, cycle: str) -> SpeciesList | None:
    return db.session.scalar(
        sa.select(SpeciesList).where(
            SpeciesList.instrument_id == instrument.id, SpeciesList.cycle == cycle.strip()
        )
    )


@dataclass
class Cycle:
    """One row of an instrument's overview: a cycle, its list (if any), its questionnaires."""

    cycle: str
    species_list: SpeciesList | None = None
    questionnaires: list = field(default_factory=list)  # app.questionnaires.models.Questionnaire


def cycles(instrument: Instrument) -> list[Cycle]:
    """The instrument's cycles, latest first: those of its questionnaires (in cycle order) and
    those that only have a list."""
    rows: dict[str, Cycle] = {}
    for questionnaire in uses.questionnaires.questionnaires_of(instrument):
        rows.setdefault(questionnaire.cycle, Cycle(questionnaire.cycle)).questionnaires.append(
            questionnaire
        )
    lists = db.session.scalars(
        sa.select(SpeciesList)
        .where(SpeciesList.instrument_id == instrument.id)
        .order_by(SpeciesList.id.desc())
    )
    for species_list in lists:
        rows.setdefault(species_list.cycle, Cycle(species_list.cycle)).species_list = species_list
    orders = _cycle_orders(instrument)
    return sorted(
        rows.values(), key=lambda row: _order(instrument, row.cycle, orders), reverse=True
    )


def _cycle_orders(instrument: Instrument) -> dict[str, int]:
    """Cycle → the highest cycle order of the instrument's questionnaires of that cycle."""
    orders: dict[str, int] = {}
    for questionnaire in uses.questionnaires.questionnaires_of(instrument):
        cycle, order = questionnaire.cycle, questionnaire.cycle_order
        orders[cycle] = max(orders.get(cycle, order), order)
    return orders


def _order(instrument: Instrument, cycle: str, orders: dict[str, int]) -> tuple[int, int]:
    """Where `cycle` stands among the instrument's cycles: its questionnaire's cycle order, else
    after every questionnaire in the order its list was made."""
    if cycle in orders:
        return (0, orders[cycle])
    found = list_for(instrument, cycle)
    return (1, found.id if found is not None else 0)


def previous_list(instrument: Instrument, cycle: str) -> SpeciesList | None:
    """The list of the latest cycle before `cycle` that has one: the natural source of a copy."""
    orders = _cycle_orders(instrument)
    target = _order(instrument, cycle, orders)
    earlier = [
        (_order(instrument, s.cycle, orders), s)
        for s in db.session.scalars(
            sa.select(SpeciesList).where(SpeciesList.instrument_id == instrument.id)
        )
        if s.cycle != cycle
    ]
    earlier = [(order, s) for order, s in earlier if target[0] == 1 or order < target]
    return max(earlier, key=lambda pair: pair[0])[1] if earlier else None


def search_species(query: str, limit: int = SEARCH_LIMIT) -> list[Species]:
    """Species whose scientific or common name (any language) holds every word of `query`,
    ignoring case and accents the same way on SQLite and PostgreSQL (see app/i18n.normalise)."""
    words = normalise(query).split()
    if not words:
        return []
    stmt = sa.select(Species).order_by(Species.scientific_name).limit(limit)
    for word in words:
        stmt = stmt.where(Species.search_text.contains(word, autoescape=True))
    return list(db.session.scalars(stmt))


# --- changing ------------------------------------------------------------------------------------


def require_open(species_list: SpeciesList) -> None:
    questionnaire = uses.questionnaires.frozen_by(species_list)
    if questionnaire is not None:
        raise BankError(
            _l(
                "The list is frozen: %(questionnaire)s uses it and is no longer a draft. Its "
                "reports are answered species by species, so its species cannot change.",
                questionnaire=questionnaire.code,
            )
        )


def _clean_listing(listing: dict | None) -> dict[str, str]:
    known = set(languages())
    cleaned = {
        lang: " ".join(value.split())
        for lang, value in (listing or {}).items()
        if lang in known and isinstance(value, str) and value.strip()
    }
    if any(len(value) > LISTING_LENGTH for value in cleaned.values()):
        raise BankError(_l("A listing has at most %(count)d characters.", count=LISTING_LENGTH))
    return cleaned


def _renumber(species_list: SpeciesList) -> None:
    for position, entry in enumerate(species_list.entries):
        entry.position = position


def create_list(
    instrument: Instrument,
    cycle: str,
    *,
    copy_from: SpeciesList | None = None,
    actor=None,
) -> SpeciesList:
    """A new list for `instrument` and `cycle`: empty, or with the entries of `copy_from` (a
    list of the same instrument) in the same order and with the same listings."""
    cycle = cycle.strip()
    if not cycle or len(cycle) > CYCLE_LENGTH or "/" in cycle:
        raise BankError(
            _l(
                "A cycle is a short name of at most %(count)d characters, without “/”.",
                count=CYCLE_LENGTH,
            )
        )
    if list_for(instrument, cycle) is not None:
        raise BankError(
            _l(
                "%(instrument)s already has a species list for %(cycle)s.",
                instrument=instrument.code,
                cycle=cycle,
            )
        )
    if copy_from is not None and copy_from.instrument_id != instrument.id:
        raise BankError(_l("A list is copied from another cycle of the same instrument only."))
    species_list = SpeciesList(instrument=instrument, cycle=cycle)
    for position, entry in enumerate(copy_from.entries if copy_from is not None else []):
        species_list.entries.append(
            SpeciesListEntry(
                species_id=entry.species_id, listing=dict(entry.listing or {}), position=position
            )
        )
    db.session.add(species_list)
    db.session.flush()
    audit.record(
        actor, "species_list.create", species_list, f"{instrument.code} {cycle}",
        source=copy_from.cycle if copy_from is not None else None,
        entries=len(species_list.entries),
    )  # fmt: skip
    return species_list


def add_species(
    species_list: SpeciesList, species: Species, listing: dict | None = None, *, actor=None
) -> SpeciesListEntry:
    """`species` at the end of the list, with its listing per language."""
    require_open(species_list)
    if any(e.species_id == species.id for e in species_list.entries):
        raise BankError(_l("%(species)s is on the list already.", species=species.scientific_name))
    entry = SpeciesListEntry(
        species=species, listing=_clean_listing(listing), position=len(species_list.entries)
    )
    species_list.entries.append(entry)
    db.session.flush()
    audit.record(
        actor, "species_list.add", species_list, species.scientific_name,
        taxon=species.taxon_id, listing=entry.listing,
    )  # fmt: skip
    return entry


def set_listing(entry: SpeciesListEntry, listing: dict | None, *, actor=None) -> None:
    species_list = entry.species_list
    require_open(species_list)
    before = dict(entry.listing or {})
    entry.listing = _clean_listing(listing)
    if entry.listing == before:
        return
    db.session.flush()
    audit.record(
        actor, "species_list.listing", species_list, entry.species.scientific_name,
        taxon=entry.species.taxon_id, before=before, after=entry.listing,
    )  # fmt: skip


def remove_entry(entry: SpeciesListEntry, *, actor=None) -> None:
    species_list = entry.species_list
    require_open(species_list)
    species = entry.species
    species_list.entries.remove(entry)
    _renumber(species_list)
    db.session.flush()
    audit.record(
        actor, "species_list.remove", species_list, species.scientific_name,
        taxon=species.taxon_id, listing=dict(entry.listing or {}),
    )  # fmt: skip


def move_entry(entry: SpeciesListEntry, direction: str, *, actor=None) -> bool:
    """Swap `entry` with its neighbour above ("up") or below ("down"); False at either end."""
    species_list = entry.species_list
    require_open(species_list)
    if direction not in ("up", "down"):
        raise BankError(_l("A species moves up or down only."))
    entries = list(species_list.entries)
    index = entries.index(entry)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(entries):
        return False
    entries[index], entries[other] = entries[other], entries[index]
    for position, item in enumerate(entries):
        item.position = position
    db.session.flush()
    db.session.expire(species_list, ["entries"])
    audit.record(
        actor, "species_list.move", species_list, entry.species.scientific_name,
        taxon=entry.species.taxon_id, direction=direction, position=other,
    )  # fmt: skip
    return True


def entry_in(species_list: SpeciesList, entry_id: int | None) -> SpeciesListEntry | None:
    return next((e for e in species_list.entries if e.id == entry_id), None)


def replace_entries(
    species_list: SpeciesList, rows: list[tuple[Species, dict]], *, actor=None
) -> dict[str, int]:
    """Make `species_list` hold exactly `rows` (species, listing per language), in that order:
    an entry whose species stays keeps its row (its listing and position updated), the others
    are removed, new species are added. Refused when the list is frozen or a species comes
    twice. One audit event `species_list.import` with the counts, which it returns."""
    require_open(species_list)
    if len({species.id for species, _ in rows}) != len(rows):
        raise BankError(_l("A species comes twice in the new list."))
    kept = {entry.species_id: entry for entry in species_list.entries}
    wanted = {species.id for species, _ in rows}
    counts = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    for entry in list(species_list.entries):
        if entry.species_id not in wanted:
            species_list.entries.remove(entry)
            counts["removed"] += 1
    db.session.flush()  # the removed rows go before the added ones
    entries = []
    for position, (species, listing) in enumerate(rows):
        listing = _clean_listing(listing)
        entry = kept.get(species.id)
        if entry is None:
            entry = SpeciesListEntry(species=species, listing=listing)
            counts["added"] += 1
        elif (entry.listing or {}) != listing:
            entry.listing = listing
            counts["changed"] += 1
        else:
            counts["unchanged"] += 1
        entry.position = position
        entries.append(entry)
    species_list.entries[:] = entries
    db.session.flush()
    audit.record(
        actor, "species_list.import", species_list,
        f"{species_list.instrument.code} {species_list.cycle}", **counts,
    )  # fmt: skip
    return counts
