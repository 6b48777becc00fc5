"""The offline report workbook's pages: download (whoever may read the report, in the language
they choose), upload with a preview of what it changes, and applying what the person ticks.
The rules live in workbook.py and workbook_upload.py."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app import bounds, policy
from app.extensions import db
from app.i18n import current_language, languages
from app.interchange import bp, pending, workbook, workbook_upload
from app.interchange.views import XLSX
from app.reporting import services
from app.reporting.pages import load_report

MAX_CHOSEN = 100_000  # the ticks one confirmation may carry, at most


@bp.route("/reports/<int:report_id>/workbook.xlsx")
@login_required
def workbook_download(report_id: int):
    """The report as the offline workbook, in `lang` (the reader's language by default): only
    what the reader may read of it."""
    report = load_report(report_id)
    lang = request.args.get("lang", "")
    lang = lang if lang in languages() else current_language()
    filled = services.fill(report, lang, viewer=current_user)
    name = f"{report.questionnaire.code}-{report.party.code}-{lang}.xlsx"
    return Response(
        workbook.workbook(filled, current_user),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/reports/<int:report_id>/workbook", methods=["GET", "POST"])
@login_required
def workbook_upload_page(report_id: int):
    """Download the workbook, or upload it filled in: the preview of what it changes."""
    report = load_report(report_id)
    can_upload = policy.can("report.fill_part", report)
    if request.method == "GET":
        return render_template("interchange/workbook.html", report=report, can_upload=can_upload)
    load_report(report_id, "report.fill_part")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose the workbook (.xlsx) to upload."), "danger")
        return render_template(
            "interchange/workbook.html", report=report, can_upload=can_upload
        ), 422
    data = upload.read(workbook_upload.MAX_BYTES + 1)
    try:
        preview = workbook_upload.read(data, report, current_user)
    except workbook_upload.Refused as refusal:
        db.session.rollback()
        flash(refusal.message, "danger")
        return render_template(
            "interchange/workbook.html", report=report, can_upload=can_upload
        ), 422
    db.session.rollback()
    token = None
    if preview.to_apply:
        token = pending.keep(
            data, current_user.id, report_id=report.id, filename=upload.filename[:200]
        )
    return render_template(
        "interchange/workbook_preview.html",
        report=report,
        preview=preview,
        token=token,
        filename=upload.filename[:200],
        refused=[],
    )


@bp.route("/reports/<int:report_id>/workbook/<token>", methods=["POST"])
@login_required
def workbook_apply(report_id: int, token: str):
    """Save the answers the person ticked on the preview (the same file, read again)."""
    report = load_report(report_id, "report.fill_part")
    kept = pending.take(token, current_user.id)
    if kept is None or kept.facts.get("report_id") != report.id:
        flash(_("This upload is no longer waiting: upload the workbook again."), "warning")
        return redirect(url_for(".workbook_upload_page", report_id=report.id))
    chosen = _chosen(request.form.getlist("take"))
    if not chosen:
        flash(_("Tick the answers to save, or upload another workbook."), "warning")
    try:
        preview, done = workbook_upload.apply(
            kept.data, report, current_user, chosen, current_language()
        )
    except workbook_upload.Refused as refusal:
        db.session.rollback()
        flash(refusal.message, "danger")
        return redirect(url_for(".workbook_upload_page", report_id=report.id))
    db.session.commit()
    if done.saved:
        flash(
            ngettext(
                "%(num)d answer from the workbook is saved.",
                "%(num)d answers from the workbook are saved.",
                done.saved,
            ),
            "success",
        )
    if not done.refused and chosen:
        pending.drop(token)
        return redirect(url_for("reporting.show", report_id=report.id))
    preview = workbook_upload.read(kept.data, report, current_user)
    db.session.rollback()
    return render_template(
        "interchange/workbook_preview.html",
        report=report,
        preview=preview,
        token=token if preview.to_apply else None,
        filename=kept.facts.get("filename", ""),
        refused=done.refused,
    ), (422 if done.refused else 200)


def _chosen(values: list[str]) -> dict[str, int]:
    """The ticked answers, "<key>@<version>" each: key → the version seen at the preview."""
    chosen = {}
    for value in values[:MAX_CHOSEN]:
        key, _at, version = value.rpartition("@")
        number = bounds.integer_or(version, None, low=0)
        if key and "|" in key and number is not None and len(key) <= 200:
            chosen[key] = number
    return chosen
