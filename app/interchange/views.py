"""Interchange pages: a questionnaire as an XLSForm workbook (download), and an XLSForm imported
as a new draft questionnaire after a preview (upload, preview, confirm). The rules live in
xlsform.py and xlsform_import.py; these views parse the request, call them, render."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app import bounds
from app.extensions import db
from app.interchange import bp, pending, xlsform, xlsform_import
from app.questionnaires.pages import load_questionnaire, own_instruments

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/xlsform/<code>.xlsx")
def xlsform_download(code: str):
    """The questionnaire `code` as an XLSForm, for whoever may read its outline."""
    questionnaire = load_questionnaire(code)
    return Response(
        xlsform.workbook(questionnaire),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{questionnaire.code}.xlsx"'},
    )


class ImportForm(FlaskForm):
    instrument = SelectField(_l("Instrument"), coerce=bounds.integer, choices=[])
    cycle = StringField(
        _l("Cycle"),
        validators=[DataRequired(message=_l("Name the cycle, for example COP16.")), Length(max=20)],
    )
    code = StringField(
        _l("Code"),
        validators=[Optional(), Length(max=40)],
        description=_l("Leave empty to use the form's form_id."),
    )


@bp.route("/xlsform/import", methods=["GET", "POST"])
@login_required
def xlsform_import_page():
    """Upload an XLSForm: the preview of what it would create, and what it leaves out."""
    instruments = own_instruments()
    form = ImportForm()
    form.instrument.choices = [(i.id, i.code) for i in instruments]
    if not form.validate_on_submit():
        return render_template("interchange/xlsform_import.html", form=form)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose the XLSForm workbook (.xlsx) to import."), "danger")
        return render_template("interchange/xlsform_import.html", form=form), 422
    instrument = next((i for i in instruments if i.id == form.instrument.data), None)
    if instrument is None:
        abort(400)
    data = upload.read(xlsform_import.MAX_BYTES + 1)
    code = (form.code.data or "").strip() or None
    outcome = xlsform_import.read(
        data, instrument=instrument, cycle=form.cycle.data.strip(), code=code, apply=False
    )
    db.session.rollback()
    token = None
    if outcome.ok:
        token = pending.keep(
            data, current_user.id, instrument_id=instrument.id, cycle=form.cycle.data.strip(),
            code=code, filename=upload.filename[:200],
        )  # fmt: skip
    return render_template(
        "interchange/xlsform_preview.html",
        outcome=outcome,
        instrument=instrument,
        cycle=form.cycle.data.strip(),
        filename=upload.filename[:200],
        token=token,
    ), (200 if outcome.ok else 422)


@bp.route("/xlsform/import/<token>", methods=["POST"])
@login_required
def xlsform_import_apply(token: str):
    """Create the draft the preview showed (the same file, read again)."""
    instruments = own_instruments()
    kept = pending.take(token, current_user.id)
    if kept is None:
        flash(_("This import is no longer waiting: upload the file again."), "warning")
        return redirect(url_for(".xlsform_import_page"))
    instrument = next((i for i in instruments if i.id == kept.facts.get("instrument_id")), None)
    if instrument is None:
        abort(403)
    outcome = xlsform_import.read(
        kept.data, instrument=instrument, cycle=kept.facts["cycle"], code=kept.facts.get("code"),
        apply=True, actor=current_user,
    )  # fmt: skip
    if not outcome.ok:
        db.session.rollback()
        return render_template(
            "interchange/xlsform_preview.html",
            outcome=outcome,
            instrument=instrument,
            cycle=kept.facts["cycle"],
            filename=kept.facts.get("filename", ""),
            token=None,
        ), 422
    db.session.commit()
    pending.drop(token)
    code = outcome.questionnaire.code
    flash(_("The draft %(code)s was created from the XLSForm.", code=code), "success")
    return redirect(url_for("questionnaires.show", code=code))
