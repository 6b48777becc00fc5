"""Rules of the shared taxonomy (the species table): what a taxon id, a name and a group may be,
and adding or changing a taxon.

A taxon is shared by every instrument's lists, and answers about it carry its taxon id (their
loop key), never its row id alone: so a taxon id, once in use, keeps its row; changing a taxon
changes its names or group in place and every list and answer keeps pointing at it. Taxa are
never removed here. Each change is an audit event `species.create` / `species.update`.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.audit import services as audit
from app.bank.models import Species
from app.extensions import db
from app.i18n import search_text

# The taxonomic groups of the species table ("mammals" includes bats), with their labels.
GROUPS = {
    "birds": _l("Birds"),
    "mammals": _l("Mammals"),
    "fish": _l("Fish"),
    "reptiles": _l("Reptiles"),
    "insects": _l("Insects"),
}
# Bounded by the columns; a common name (a JSON value per language) by the same as a listing.
TAXON_ID_LENGTH: int = Species.__table__.c.taxon_id.type.length
SCIENTIFIC_NAME_LENGTH: int = Species.__table__.c.scientific_name.type.length
COMMON_NAME_LENGTH = 200
# A taxon id is an answer's loop key, part of form field names and element ids: no spaces,
# no "|" (the browser's skip logic joins code and key with it).
TAXON_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def by_taxon_ids(taxon_ids) -> dict[str, Species]:
    """The taxa among `taxon_ids` that exist, by taxon id."""
    wanted = list(dict.fromkeys(taxon_ids))
    found: dict[str, Species] = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists, for every database
        chunk = wanted[start : start + 500]
        for species in db.session.scalars(sa.select(Species).where(Species.taxon_id.in_(chunk))):
            found[species.taxon_id] = species
    return found


def names_in_use(scientific_names) -> dict[str, str]:
    """Scientific name (casefolded) → taxon id, for the existing taxa with one of these names."""
    wanted = {name.casefold() for name in scientific_names}
    rows = db.session.execute(sa.select(Species.taxon_id, Species.scientific_name))
    return {name.casefold(): taxon for taxon, name in rows if name.casefold() in wanted}


def differences(species: Species, scientific_name: str, common_name: dict, group: str) -> dict:
    """What would change in `species`: field → (before, after); `common_name` merges into the
    current names (a language it does not give keeps its name)."""
    merged = {**(species.common_name or {}), **common_name}
    changes = {}
    if species.scientific_name != scientific_name:
        changes["scientific_name"] = (species.scientific_name, scientific_name)
    if (species.common_name or {}) != merged:
        changes["common_name"] = (dict(species.common_name or {}), merged)
    if species.group != group:
        changes["group"] = (species.group, group)
    return changes


def put_taxon(
    taxon_id: str,
    scientific_name: str,
    common_name: dict[str, str],
    group: str,
    *,
    existing: Species | None = None,
    actor=None,
) -> tuple[Species, dict]:
    """The taxon `taxon_id` with these names and group: added when `existing` is None, else
    changed in place (same row, same taxon id), a language missing from `common_name` keeping
    its name. The values are checked by the caller against the bounds above. Returns the taxon
    and what changed (field → (before, after); empty when nothing did)."""
    if existing is None:
        species = Species(
            taxon_id=taxon_id,
            scientific_name=scientific_name,
            common_name=dict(common_name),
            group=group,
            search_text=search_text(common_name, scientific_name),
        )
        db.session.add(species)
        db.session.flush()
        audit.record(
            actor, "species.create", species, scientific_name,
            taxon=taxon_id, group=group, common_name=dict(common_name),
        )  # fmt: skip
        return species, {}
    changes = differences(existing, scientific_name, common_name, group)
    if not changes:
        return existing, changes
    existing.scientific_name = scientific_name
    existing.common_name = {**(existing.common_name or {}), **common_name}
    existing.group = group
    existing.search_text = search_text(existing.common_name, scientific_name)
    db.session.flush()
    audit.record(
        actor, "species.update", existing, scientific_name, taxon=taxon_id,
        before={k: v[0] for k, v in changes.items()}, after={k: v[1] for k, v in changes.items()},
    )  # fmt: skip
    return existing, changes
