"""Taxa, and an instrument's species list for a cycle, imported from a CSV or XLSX file (read by
tabular.py), all or nothing, after a preview.

Taxa file, one taxon per row: `taxon_id`, `scientific_name`, `group` (one of taxa.GROUPS), and
`common_name_<lang>` for any configured language (`common_name_en`, `common_name_fr`, …). A
taxon id already in use is that taxon, changed in place (its row, lists and answers stay); an
empty common name, or a language without a column, keeps the name the taxon has. Taxa are
never removed.

List file, one species per row, in the list's order: `taxon_id` (of a taxon that exists) and
`listing_<lang>`. The file is the whole list: a listing is what the file says (an empty cell,
or a language without a column, is no listing in that language). It replaces the cycle's list
when there is one (refused when the list is frozen), else it makes that list; the preview
compares it with the list it replaces, else with the previous cycle's list.

Any refused row (with its sheet and row, and a reason in the reader's language) stops the whole
import: the preview says what would change and everything that is wrong, and nothing is written
until the file is right. `read_taxa` / `read_list` do the import in a savepoint and keep it only
when asked to (`apply`); the caller commits."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.bank import species_lists, taxa
from app.bank.services import BankError
from app.extensions import db
from app.i18n import languages
from app.interchange import tabular
from app.interchange.xlsform_import import Problem

TAXA, LIST = "taxa", "list"


def taxa_columns() -> list[str]:
    return [
        "taxon_id",
        "scientific_name",
        *(f"common_name_{lang}" for lang in languages()),
        "group",
    ]


def list_columns() -> list[str]:
    return ["taxon_id", *(f"listing_{lang}" for lang in languages())]


@dataclass
class Change:
    """One taxon or list entry the file adds, changes or (for a list) removes."""

    taxon_id: str
    scientific_name: str
    row: int | None = None  # the file's row; None for a removed entry
    before: dict = field(default_factory=dict)  # field → value, of what changes
    after: dict = field(default_factory=dict)


@dataclass
class Outcome:
    """What the file changes (or would change: a preview), and what stops it."""

    kind: str
    rows: int = 0
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    compared_with: str | None = None  # the cycle of the list the file is compared with
    replaces: bool = False  # the file replaces the cycle's list (else makes it)
    ignored_columns: list[str] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def _clean(text: str) -> str:
    return " ".join(text.split())


class _Rows:
    """The file's rows as a reader checks them: each refusal recorded with sheet and row."""

    def __init__(self, table: tabular.Table, outcome: Outcome, required, known) -> None:
        self.table, self.outcome = table, outcome
        missing = [c for c in required if c not in table.header]
        if missing:
            self.refuse(1, _l("The file has no column “%(column)s”.", column=missing[0]))
        outcome.ignored_columns = [c for c in table.header if c not in known]
        outcome.rows = len(table.rows)
        self.known = known
        self.first_row: dict[str, int] = {}

    def refuse(self, row: int | None, message) -> None:
        self.outcome.refused.append(Problem(self.table.name, row, str(message)))

    def usable(self, row: tabular.Row) -> str | None:
        """The row's taxon id when the row may be read further; else refused (None)."""
        problem = tabular.row_problem(row, self.known)
        if problem is not None:
            self.refuse(row.number, problem)
            return None
        taxon_id = row.values.get("taxon_id", "")
        if not taxon_id:
            self.refuse(row.number, _l("The row has no taxon id."))
            return None
        if taxon_id in self.first_row:
            self.refuse(
                row.number,
                _l("The taxon id %(taxon)s comes twice in the file (first on row %(row)s).",
                   taxon=taxon_id, row=self.first_row[taxon_id]),
            )  # fmt: skip
            return None
        self.first_row[taxon_id] = row.number
        return taxon_id


def _open(data: bytes, filename: str, outcome: Outcome) -> tabular.Table | None:
    try:
        return tabular.read(data, filename)
    except tabular.Unreadable as error:
        outcome.refused.append(Problem(filename, error.row, error.message))
        return None


def _finish(outcome: Outcome, apply: bool, write) -> Outcome:
    """Run `write` in a savepoint when nothing is refused; keep it only when `apply`."""
    if outcome.refused:
        return outcome
    savepoint = db.session.begin_nested()
    try:
        write()
    except BankError as error:
        outcome.refused.append(Problem("", None, str(error)))
    except IntegrityError:  # another import or page changed the same taxa meanwhile
        outcome.refused.append(
            Problem("", None, str(_l("The species changed meanwhile: send the file again.")))
        )
    if outcome.refused or not apply:
        savepoint.rollback()
    else:
        savepoint.commit()
    return outcome


# --- taxa ---------------------------------------------------------------------------------------


def read_taxa(data: bytes, filename: str, *, apply: bool, actor=None) -> Outcome:
    """Import the taxa file `data` (named `filename`): add new taxa, change known ones in place.
    With apply=False, a preview: nothing is kept. Returns the Outcome; the caller commits."""
    outcome = Outcome(TAXA)
    table = _open(data, filename, outcome)
    if table is None:
        return outcome
    rows = _Rows(table, outcome, ("taxon_id", "scientific_name", "group"), taxa_columns())
    if outcome.refused:
        return outcome
    parsed = []  # (row, taxon id, scientific name, common names, group)
    for row in table.rows:
        found = _taxon_row(rows, row)
        if found is not None:
            parsed.append(found)
    existing = taxa.by_taxon_ids(p[1] for p in parsed)
    _check_names(rows, parsed, existing)
    for number, taxon_id, scientific, common, group in parsed:
        species = existing.get(taxon_id)
        if species is None:
            outcome.added.append(
                Change(taxon_id, scientific, number, after={"common_name": common, "group": group})
            )
            continue
        changes = taxa.differences(species, scientific, common, group)
        if changes:
            outcome.changed.append(
                Change(
                    taxon_id, scientific, number,
                    before={k: v[0] for k, v in changes.items()},
                    after={k: v[1] for k, v in changes.items()},
                )
            )  # fmt: skip
        else:
            outcome.unchanged += 1

    def write() -> None:
        for _, taxon_id, scientific, common, group in parsed:
            taxa.put_taxon(
                taxon_id, scientific, common, group, existing=existing.get(taxon_id), actor=actor
            )

    return _finish(outcome, apply, write)


def _taxon_row(rows: _Rows, row: tabular.Row):
    taxon_id = rows.usable(row)
    if taxon_id is None:
        return None
    problems_before = len(rows.outcome.refused)
    if len(taxon_id) > taxa.TAXON_ID_LENGTH:
        rows.refuse(
            row.number,
            _l("A taxon id has at most %(count)d characters.", count=taxa.TAXON_ID_LENGTH),
        )
    elif not taxa.TAXON_ID.fullmatch(taxon_id):
        rows.refuse(
            row.number,
            _l("A taxon id is made of letters, digits, “_”, “.” and “-”, without spaces."),
        )
    scientific = _clean(row.values.get("scientific_name", ""))
    if not scientific:
        rows.refuse(row.number, _l("The row has no scientific name."))
    elif len(scientific) > taxa.SCIENTIFIC_NAME_LENGTH:
        rows.refuse(
            row.number,
            _l("A scientific name has at most %(count)d characters.",
               count=taxa.SCIENTIFIC_NAME_LENGTH),
        )  # fmt: skip
    common = {}
    for lang in languages():
        name = _clean(row.values.get(f"common_name_{lang}", ""))
        if len(name) > taxa.COMMON_NAME_LENGTH:
            rows.refuse(
                row.number,
                _l("A common name has at most %(count)d characters.",
                   count=taxa.COMMON_NAME_LENGTH),
            )  # fmt: skip
        elif name:
            common[lang] = name
    group = row.values.get("group", "").casefold()
    if group not in taxa.GROUPS:
        rows.refuse(
            row.number,
            _l("The group “%(group)s” is not one of: %(groups)s.",
               group=row.values.get("group", ""), groups=", ".join(taxa.GROUPS)),
        )  # fmt: skip
    if len(rows.outcome.refused) > problems_before:
        return None
    return row.number, taxon_id, scientific, common, group


def _check_names(rows: _Rows, parsed: list, existing: dict) -> None:
    """Refuse a scientific name that two taxa would share once the file is applied (a taxon
    already known under another id, most often: the file should use that id)."""
    renamed = {p[1] for p in parsed}
    others = {
        name: taxon
        for name, taxon in taxa.names_in_use(p[2] for p in parsed).items()
        if taxon not in renamed
    }
    seen: dict[str, str] = {}
    for number, taxon_id, scientific, *_ in parsed:
        key = scientific.casefold()
        holder = others.get(key) or seen.get(key)
        if holder is not None and holder != taxon_id:
            rows.refuse(
                number,
                _l("%(name)s is already the scientific name of the taxon %(taxon)s.",
                   name=scientific, taxon=holder),
            )  # fmt: skip
        seen.setdefault(key, taxon_id)


# --- an instrument's list for a cycle -----------------------------------------------------------


def read_list(
    data: bytes, filename: str, *, instrument, cycle: str, apply: bool, actor=None
) -> Outcome:
    """Import the list file `data` as the species list of `instrument` for `cycle`: it replaces
    that list (unless frozen), or makes it. With apply=False, a preview: nothing is kept.
    Returns the Outcome; the caller commits."""
    outcome = Outcome(LIST)
    cycle = cycle.strip()
    current = species_lists.list_for(instrument, cycle)
    if current is not None:
        try:
            species_lists.require_open(current)
        except BankError as error:
            outcome.refused.append(Problem("", None, str(error)))
            return outcome
    table = _open(data, filename, outcome)
    if table is None:
        return outcome
    rows = _Rows(table, outcome, ("taxon_id",), list_columns())
    if outcome.refused:
        return outcome
    wanted = []  # (row number, taxon id, listing)
    for row in table.rows:
        taxon_id = rows.usable(row)
        if taxon_id is None:
            continue
        listing = {
            lang: _clean(row.values.get(f"listing_{lang}", ""))
            for lang in languages()
            if _clean(row.values.get(f"listing_{lang}", ""))
        }
        if any(len(v) > species_lists.LISTING_LENGTH for v in listing.values()):
            rows.refuse(
                row.number,
                _l("A listing has at most %(count)d characters.",
                   count=species_lists.LISTING_LENGTH),
            )  # fmt: skip
            continue
        wanted.append((row.number, taxon_id, listing))
    known = taxa.by_taxon_ids(t for _, t, _ in wanted)
    for number, taxon_id, _ in wanted:
        if taxon_id not in known:
            rows.refuse(
                number,
                _l("No taxon has the id %(taxon)s: import it with the taxa first.",
                   taxon=taxon_id),
            )  # fmt: skip
    base = current if current is not None else species_lists.previous_list(instrument, cycle)
    outcome.replaces = current is not None
    outcome.compared_with = base.cycle if base is not None else None
    _compare(outcome, base, wanted, known)

    def write() -> None:
        target = current or species_lists.create_list(instrument, cycle, actor=actor)
        species_lists.replace_entries(
            target, [(known[t], listing) for _, t, listing in wanted], actor=actor
        )

    return _finish(outcome, apply, write)


def _compare(outcome: Outcome, base, wanted: list, known: dict) -> None:
    before = {e.species.taxon_id: e for e in (base.entries if base is not None else [])}
    for number, taxon_id, listing in wanted:
        species = known.get(taxon_id)
        name = species.scientific_name if species is not None else taxon_id
        entry = before.pop(taxon_id, None)
        if entry is None:
            outcome.added.append(Change(taxon_id, name, number, after={"listing": listing}))
        elif (entry.listing or {}) != listing:
            outcome.changed.append(
                Change(
                    taxon_id, name, number,
                    before={"listing": dict(entry.listing or {})}, after={"listing": listing},
                )
            )  # fmt: skip
        else:
            outcome.unchanged += 1
    for taxon_id, entry in before.items():
        outcome.removed.append(
            Change(taxon_id, entry.species.scientific_name, before={"listing": entry.listing})
        )
