"""Translation file pages: a questionnaire's texts for one language as a workbook for
translators (download), and that workbook read back after a preview (upload, preview, apply).
Whoever manages the questionnaire (its secretariat) may do both. The rules live in
translation_file.py; these views parse the request, call it, render."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app.extensions import db
from app.interchange import bp, pending, translation_file
from app.questionnaires import tree
from app.questionnaires.pages import load_questionnaire
from app.questionnaires.texts_service import can_edit_texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MANAGE = "questionnaire.manage"


class UploadForm(FlaskForm):
    """The upload's CSRF check; the file comes from request.files."""


def _page(questionnaire, form: UploadForm, status: int = 200):
    current = tree.load(questionnaire)
    langs = translation_file.target_languages(questionnaire)
    counts = {
        lang: (
            len(translation_file.entries(current, lang)),
            len(translation_file.entries(current, lang, only_missing=True)),
        )
        for lang in langs
    }
    return render_template(
        "interchange/translation.html",
        questionnaire=questionnaire,
        langs=langs,
        counts=counts,
        source=translation_file.source_language(questionnaire),
        can_import=can_edit_texts(questionnaire),
        form=form,
    ), status


@bp.route("/translation/<code>", methods=["GET", "POST"])
@login_required
def translation_page(code: str):
    """The download form, and the upload of a filled file: the preview of what it changes."""
    questionnaire = load_questionnaire(code, MANAGE)
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(questionnaire, form)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose the translation file (.xlsx) to import."), "danger")
        return _page(questionnaire, form, 422)
    data = upload.read(translation_file.MAX_BYTES + 1)
    outcome = translation_file.read(data, questionnaire, apply=False)
    db.session.rollback()
    token = None
    if outcome.ok and outcome.updated:
        token = pending.keep(
            data, current_user.id, questionnaire_id=questionnaire.id,
            filename=upload.filename[:200],
        )  # fmt: skip
    return _preview(questionnaire, outcome, upload.filename[:200], token)


def _preview(questionnaire, outcome, filename: str, token: str | None):
    return render_template(
        "interchange/translation_preview.html",
        questionnaire=questionnaire,
        outcome=outcome,
        filename=filename,
        token=token,
    ), (200 if outcome.ok else 422)


@bp.route("/translation/<code>/download")
@login_required
def translation_download(code: str):
    """The translation file of `code` into ?lang= (every text, or with ?missing=1 only those
    missing in that language)."""
    questionnaire = load_questionnaire(code, MANAGE)
    lang = request.args.get("lang", "")
    if lang not in translation_file.target_languages(questionnaire):
        abort(404)
    only_missing = request.args.get("missing") == "1"
    name = f"{questionnaire.code}-{lang}{'-missing' if only_missing else ''}.xlsx"
    return Response(
        translation_file.workbook(questionnaire, lang, only_missing),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/translation/<code>/apply/<token>", methods=["POST"])
@login_required
def translation_apply(code: str, token: str):
    """Apply the file the preview showed (the same file, read again: what changed since is
    flagged or refused then)."""
    questionnaire = load_questionnaire(code, MANAGE)
    kept = pending.take(token, current_user.id)
    if kept is None or kept.facts.get("questionnaire_id") != questionnaire.id:
        flash(_("This import is no longer waiting: upload the file again."), "warning")
        return redirect(url_for(".translation_page", code=questionnaire.code))
    outcome = translation_file.read(kept.data, questionnaire, apply=True, actor=current_user)
    if not outcome.ok:
        db.session.rollback()
        return _preview(questionnaire, outcome, kept.facts.get("filename", ""), None)
    db.session.commit()
    pending.drop(token)
    count = len(outcome.updated)
    flash(ngettext("%(num)d text updated.", "%(num)d texts updated.", count), "success")
    if outcome.flagged:
        flash(
            ngettext(
                "%(num)d text flagged in the preview was not applied.",
                "%(num)d texts flagged in the preview were not applied.",
                len(outcome.flagged),
            ),
            "warning",
        )
    return redirect(url_for("questionnaires.texts", code=questionnaire.code))
