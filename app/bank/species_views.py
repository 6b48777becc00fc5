"""Species list pages: an instrument's lists per cycle, and one list, which its secretariat
maintains (search and add a species, change a listing, move, remove, create a cycle's list from
another's). Whoever browses the bank reads them. Plain forms that work without JavaScript.

The rules live in app/bank/species_lists.py; these views parse the form, call them, render."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import bounds, policy
from app.bank import bp, species_lists, uses
from app.bank.models import Species, SpeciesList
from app.bank.services import BankError
from app.directory import services as directory
from app.directory.models import Instrument
from app.extensions import db
from app.forms_common import checked_search
from app.policy import require


def _instrument(code: str) -> Instrument:
    return directory.instrument_by_code(code) or abort(404)


def _list(instrument: Instrument, cycle: str) -> SpeciesList:
    return species_lists.list_for(instrument, cycle) or abort(404)


def _listing_from_form(instrument: Instrument, prefix: str) -> dict[str, str]:
    return {lang: request.form.get(f"{prefix}{lang}", "") for lang in instrument.working_languages}


def _page(instrument: Instrument, cycle: str, *, status: int = 200, **state):
    """The list page of `instrument` for `cycle`; `state` keeps what a refused form held."""
    species_list = species_lists.list_for(instrument, cycle)
    query, refused = checked_search(request.values.get("q"))
    if refused:
        flash(refused, "warning")
    results = species_lists.search_species(query) if query and not refused else []
    listed = {e.species_id for e in species_list.entries} if species_list else set()
    return render_template(
        "bank/species_list.html",
        instrument=instrument,
        cycle=cycle,
        species_list=species_list,
        entries=species_list.entries if species_list else [],
        frozen_by=uses.questionnaires.frozen_by(species_list) if species_list else None,
        used_by=uses.questionnaires.questionnaires_using(species_list) if species_list else [],
        previous=species_lists.previous_list(instrument, cycle) if not species_list else None,
        may_manage=policy.can("species_list.manage", instrument),
        query=query,
        results=results,
        listed=listed,
        **state,
    ), status


def _back(instrument: Instrument, cycle: str, anchor: str | None = None):
    query = request.form.get("q", "").strip()
    return redirect(
        url_for(
            ".species_list",
            instrument_code=instrument.code,
            cycle=cycle,
            q=query or None,
            _anchor=anchor,
        )
    )


def _index(instrument: Instrument, *, status: int = 200, **state):
    """The instrument's cycles and lists; `state` keeps what a refused form held."""
    rows = [
        {
            "cycle": row,
            "frozen_by": uses.questionnaires.frozen_by(row.species_list)
            if row.species_list
            else None,
            "previous": None
            if row.species_list
            else species_lists.previous_list(instrument, row.cycle),
        }
        for row in species_lists.cycles(instrument)
    ]
    return render_template(
        "bank/species_lists.html",
        instrument=instrument,
        rows=rows,
        sources=[r["cycle"].species_list for r in rows if r["cycle"].species_list],
        instruments=directory.instruments(),
        may_manage=policy.can("species_list.manage", instrument),
        **state,
    ), status


@bp.route("/species-lists/<instrument_code>")
def species_lists_index(instrument_code: str):
    return _index(_instrument(instrument_code))


@bp.route("/species-lists/<instrument_code>/<cycle>")
def species_list(instrument_code: str, cycle: str):
    instrument = _instrument(instrument_code)
    # A cycle without a list is a page only where a questionnaire names it (to create one).
    if not any(row.cycle == cycle for row in species_lists.cycles(instrument)):
        abort(404)
    return _page(instrument, cycle)


@bp.route("/species-lists/<instrument_code>/new", methods=["POST"])
def species_list_create(instrument_code: str):
    instrument = _instrument(instrument_code)
    require("species_list.manage", instrument)
    cycle = request.form.get("cycle", "").strip()
    source = None
    if request.form.get("source"):
        source = db.session.get(SpeciesList, request.form.get("source", type=bounds.integer) or 0)
        if source is None or source.instrument_id != instrument.id:
            abort(404)
    try:
        created = species_lists.create_list(instrument, cycle, copy_from=source, actor=current_user)
    except BankError as error:
        db.session.rollback()
        if request.form.get("from") == "list":
            return _page(instrument, cycle, status=422, refused=str(error))
        return _index(
            instrument, status=422, refused=str(error), typed_cycle=cycle,
            typed_source=source.id if source is not None else None,
        )  # fmt: skip
    db.session.commit()
    if source is not None:
        flash(
            _(
                "The list for %(cycle)s is created from %(source)s: %(count)d species.",
                cycle=created.cycle,
                source=source.cycle,
                count=len(created.entries),
            ),
            "success",
        )
    else:
        flash(_("The list for %(cycle)s is created, empty.", cycle=created.cycle), "success")
    return redirect(url_for(".species_list", instrument_code=instrument.code, cycle=created.cycle))


@bp.route("/species-lists/<instrument_code>/<cycle>/add", methods=["POST"])
def species_list_add(instrument_code: str, cycle: str):
    instrument = _instrument(instrument_code)
    require("species_list.manage", instrument)
    species_list = _list(instrument, cycle)
    species = db.session.get(Species, request.form.get("species", type=bounds.integer) or 0)
    listing = _listing_from_form(instrument, f"listing-{request.form.get('species', '')}-")
    if species is None:
        return _page(instrument, cycle, status=422, refused=_("Choose a species to add."))
    try:
        entry = species_lists.add_species(species_list, species, listing, actor=current_user)
    except BankError as error:
        db.session.rollback()
        return _page(
            instrument, cycle, status=422, refused=str(error), refused_species=species.id,
            typed=listing,
        )  # fmt: skip
    db.session.commit()
    flash(_("%(species)s is added to the list.", species=species.scientific_name), "success")
    return _back(instrument, cycle, f"entry-{entry.id}")


def _entry(instrument_code: str, cycle: str, entry_id: int):
    instrument = _instrument(instrument_code)
    require("species_list.manage", instrument)
    species_list = _list(instrument, cycle)
    entry = species_lists.entry_in(species_list, entry_id) or abort(404)
    return instrument, entry


@bp.route("/species-lists/<instrument_code>/<cycle>/<int:entry_id>/listing", methods=["POST"])
def species_list_listing(instrument_code: str, cycle: str, entry_id: int):
    instrument, entry = _entry(instrument_code, cycle, entry_id)
    listing = _listing_from_form(instrument, "listing-")
    try:
        species_lists.set_listing(entry, listing, actor=current_user)
    except BankError as error:
        db.session.rollback()
        return _page(
            instrument, cycle, status=422, refused=str(error), editing=entry_id, typed=listing
        )
    db.session.commit()
    flash(
        _("The listing of %(species)s is saved.", species=entry.species.scientific_name),
        "success",
    )
    return _back(instrument, cycle, f"entry-{entry_id}")


@bp.route("/species-lists/<instrument_code>/<cycle>/<int:entry_id>/move", methods=["POST"])
def species_list_move(instrument_code: str, cycle: str, entry_id: int):
    instrument, entry = _entry(instrument_code, cycle, entry_id)
    try:
        species_lists.move_entry(entry, request.form.get("direction", ""), actor=current_user)
    except BankError as error:
        db.session.rollback()
        return _page(instrument, cycle, status=422, refused=str(error))
    db.session.commit()
    return _back(instrument, cycle, f"entry-{entry_id}")


@bp.route("/species-lists/<instrument_code>/<cycle>/<int:entry_id>/remove", methods=["POST"])
def species_list_remove(instrument_code: str, cycle: str, entry_id: int):
    instrument, entry = _entry(instrument_code, cycle, entry_id)
    name = entry.species.scientific_name
    try:
        species_lists.remove_entry(entry, actor=current_user)
    except BankError as error:
        db.session.rollback()
        return _page(instrument, cycle, status=422, refused=str(error))
    db.session.commit()
    flash(_("%(species)s is removed from the list.", species=name), "success")
    return _back(instrument, cycle, "species-entries")
