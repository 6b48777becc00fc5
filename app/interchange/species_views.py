"""Species import pages: a file of taxa, or of an instrument's species list for a cycle, uploaded,
previewed (what is added, changed, removed; every refused row) and applied on confirmation.
Taxa: whoever may manage the shared taxonomy (policy `taxa.manage`: secretariats and admins);
a list: the instrument's secretariat (`species_list.manage`). The uploaded file waits for that
person only (pending.py). The rules live in species_import.py; these views parse and render."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app import policy
from app.bank import species_lists, taxa
from app.directory import services as directory
from app.extensions import db
from app.interchange import bp, pending, species_import, tabular


class UploadForm(FlaskForm):
    """The upload's CSRF check; the fields are read from request.form and request.files."""


def _kinds() -> tuple[bool, list]:
    """(whether the user may import taxa, the instruments whose lists they may import); the
    request ends with 403 for someone who may do neither."""
    may_taxa = policy.can("taxa.manage")
    instruments = [i for i in directory.instruments() if policy.can("species_list.manage", i)]
    if not may_taxa and not instruments:
        abort(403)
    return may_taxa, instruments


def _form(status: int = 200, error: str | None = None, **typed):
    may_taxa, instruments = _kinds()
    typed.setdefault("kind", request.values.get("kind") or ("taxa" if may_taxa else "list"))
    typed.setdefault("instrument", request.values.get("instrument", ""))
    typed.setdefault("cycle", request.values.get("cycle", ""))
    return render_template(
        "interchange/species_import.html",
        form=UploadForm(),
        may_taxa=may_taxa,
        instruments=instruments,
        taxa_columns=species_import.taxa_columns(),
        list_columns=species_import.list_columns(),
        groups=taxa.GROUPS,
        max_mb=tabular.MAX_BYTES >> 20,
        max_rows=tabular.MAX_ROWS,
        error=error,
        typed=typed,
    ), status


def _read(kind: str, data: bytes, filename: str, instrument, cycle: str, *, apply: bool):
    actor = current_user if apply else None
    if kind == species_import.TAXA:
        return species_import.read_taxa(data, filename, apply=apply, actor=actor)
    return species_import.read_list(
        data, filename, instrument=instrument, cycle=cycle, apply=apply, actor=actor
    )


def _changes(outcome) -> bool:
    return bool(outcome.added or outcome.changed or outcome.removed) or (
        outcome.kind == species_import.LIST and not outcome.replaces
    )


@bp.route("/species/import", methods=["GET", "POST"])
@login_required
def species_import_page():
    """The upload form; a file sent: the preview of what it changes, or why it cannot."""
    may_taxa, _instruments = _kinds()
    form = UploadForm()
    if not form.validate_on_submit():
        return _form()
    kind = request.form.get("kind", "")
    instrument, cycle = None, request.form.get("cycle", "").strip()
    if kind == species_import.TAXA:
        policy.require("taxa.manage")
    elif kind == species_import.LIST:
        instrument = directory.instrument_by_code(request.form.get("instrument", "")) or abort(404)
        policy.require("species_list.manage", instrument)
        if not cycle or len(cycle) > species_lists.CYCLE_LENGTH:
            return _form(422, _("Name the cycle, for example COP16."))
    else:
        return _form(422, _("Choose what the file holds: taxa, or a species list."))
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _form(422, _("Choose the file (.csv or .xlsx) to import."))
    filename = upload.filename[:200]
    data = upload.read(tabular.MAX_BYTES + 1)
    outcome = _read(kind, data, filename, instrument, cycle, apply=False)
    db.session.rollback()
    token = None
    if outcome.ok and _changes(outcome):
        token = pending.keep(
            data, current_user.id, species_kind=kind, filename=filename, cycle=cycle,
            instrument=instrument.code if instrument is not None else None,
        )  # fmt: skip
    return _preview(outcome, filename, instrument, cycle, token)


def _preview(outcome, filename: str, instrument, cycle: str, token: str | None):
    return render_template(
        "interchange/species_preview.html",
        outcome=outcome,
        filename=filename,
        instrument=instrument,
        cycle=cycle,
        token=token,
        groups=taxa.GROUPS,
        shown=200,
    ), (200 if outcome.ok else 422)


@bp.route("/species/import/<token>", methods=["POST"])
@login_required
def species_import_apply(token: str):
    """Apply the file the preview showed (the same file, read again: a change made since is
    taken into account, or refuses the import)."""
    kept = pending.take(token, current_user.id)
    kind = kept.facts.get("species_kind") if kept is not None else None
    if kind not in (species_import.TAXA, species_import.LIST):
        flash(_("This import is no longer waiting: upload the file again."), "warning")
        return redirect(url_for(".species_import_page"))
    instrument, cycle = None, kept.facts.get("cycle", "")
    if kind == species_import.TAXA:
        policy.require("taxa.manage")
    else:
        instrument = directory.instrument_by_code(kept.facts.get("instrument") or "") or abort(404)
        policy.require("species_list.manage", instrument)
    filename = kept.facts.get("filename", "")
    outcome = _read(kind, kept.data, filename, instrument, cycle, apply=True)
    if not outcome.ok:
        db.session.rollback()
        return _preview(outcome, filename, instrument, cycle, None)
    db.session.commit()
    pending.drop(token)
    if kind == species_import.TAXA:
        flash(
            _(
                "Taxa imported: %(added)s added, %(changed)s changed, %(unchanged)s unchanged.",
                added=len(outcome.added),
                changed=len(outcome.changed),
                unchanged=outcome.unchanged,
            ),
            "success",
        )
        return redirect(url_for(".species_import_page"))
    flash(
        ngettext(
            "The list for %(cycle)s is imported: %(num)d species.",
            "The list for %(cycle)s is imported: %(num)d species.",
            len(outcome.added) + len(outcome.changed) + outcome.unchanged,
            cycle=cycle,
        ),
        "success",
    )
    return redirect(url_for("bank.species_list", instrument_code=instrument.code, cycle=cycle))
