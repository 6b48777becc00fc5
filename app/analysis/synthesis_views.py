"""The synthesis page of a questionnaire: its plan (which items, in which order, how many
quotes per region), which the instrument's secretariat changes and every analyst reads; the
forms that start the synthesis (DOCX) and the accepted reports (ZIP) as export jobs; and the
stars that choose the free-text answers quoted. Rules in app/analysis/synthesis.py."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import bounds, policy
from app.analysis import bp, responses, synthesis
from app.extensions import db
from app.i18n import current_language, translate
from app.reporting.models import Report, ReportStatus
from app.security import safe_next


@bp.route("/<code>/synthesis")
@login_required
def synthesis_page(code: str):
    questionnaire = responses.questionnaire(code)
    plan = synthesis.plan_of(questionnaire)
    lang = current_language()
    instrument = questionnaire.instrument
    # places in tens, so that a question can be put between two others without renumbering
    position = {node_id: 10 * index for index, node_id in enumerate(plan.node_ids, start=1)}
    items = [
        (
            node,
            translate(node.effective_text, lang=lang, instrument=instrument),
            position.get(node.id),
        )
        for node in synthesis.candidates(questionnaire)
    ]
    accepted = (
        db.session.query(Report)
        .filter(
            Report.questionnaire_id == questionnaire.id,
            Report.status == ReportStatus.ACCEPTED.value,
        )
        .count()
    )
    return render_template(
        "analysis/synthesis.html",
        questionnaire=questionnaire,
        plan=plan,
        items=items,
        chosen=sorted((item for item in items if item[2] is not None), key=lambda item: item[2]),
        may_plan=policy.can("synthesis.plan", questionnaire),
        stars=len(synthesis.starred(questionnaire)),
        accepted=accepted,
        max_quotes=synthesis.MAX_QUOTES,
    )


@bp.route("/<code>/synthesis/plan", methods=["POST"])
@login_required
def save_synthesis_plan(code: str):
    questionnaire = responses.questionnaire(code)
    policy.require("synthesis.plan", questionnaire)
    if request.form.get("reset"):
        synthesis.reset_plan(questionnaire)
        db.session.commit()
        flash(
            _("The synthesis holds every question again, in the questionnaire's order."), "success"
        )
        return redirect(url_for("analysis.synthesis_page", code=questionnaire.code), code=303)
    node_ids, quotes, problems = synthesis.plan_from_form(request.form, questionnaire)
    if problems:
        responses.refuse(problems)
    synthesis.save_plan(questionnaire, current_user, node_ids, quotes)
    db.session.commit()
    flash(_("The plan of the synthesis is saved."), "success")
    return redirect(url_for("analysis.synthesis_page", code=questionnaire.code), code=303)


@bp.route("/<code>/texts/<int:node_id>/star", methods=["POST"])
@login_required
def star_quote(code: str, node_id: int):
    """Star (`star=1`) or unstar (`star=0`) the answer of report `report` (and loop key
    `key`) to quote it in the synthesis; back to the texts page, its search and filters kept."""
    questionnaire = responses.questionnaire(code)
    policy.require("synthesis.plan", questionnaire)
    report_id = bounds.integer_or((request.form.get("report") or "")[:12])
    loop_key = (request.form.get("key") or "")[:80]
    on = request.form.get("star") == "1"
    problem = (
        _("Only the answers to a free-text question may be quoted.")
        if report_id is None
        else synthesis.star(questionnaire, node_id, report_id, loop_key, current_user, on)
    )
    if problem:
        responses.refuse([problem])
    db.session.commit()
    flash(
        _("The answer will be quoted in the synthesis.")
        if on
        else _("The answer will no longer be quoted in the synthesis."),
        "success",
    )
    texts_page = url_for("analysis.texts_page", code=questionnaire.code, node_id=node_id)
    back = safe_next(request.form.get("back"), texts_page)
    if not back.startswith("/analysis/"):
        back = texts_page
    return redirect(back, code=303)
