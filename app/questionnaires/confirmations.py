"""Pages that say what a change of a questionnaire's state does before it is done: publishing,
closing the reporting cycle, archiving. Each ends in a POST form to the action itself
(app/questionnaires/views.py); nothing changes on a GET."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.directory import services as directory
from app.i18n import language_label
from app.questionnaires import bp, checks, texts_service, tree
from app.questionnaires.models import Status
from app.questionnaires.pages import load_questionnaire


@bp.route("/<code>/publish/confirm")
def publish_confirm(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    if not questionnaire.is_draft:
        flash(_("Only a draft questionnaire can be published."), "warning")
        return redirect(url_for(".show", code=questionnaire.code))
    current = tree.load(questionnaire)
    bank_versions = {n.bank_version_id for n in current.items() if n.bank_version is not None}
    return render_template(
        "questionnaires/publish_confirm.html",
        questionnaire=questionnaire,
        problems=checks.publish_problems(current),
        owing=len(directory.reporting_parties(questionnaire.instrument)),
        items=len(current.items()),
        bank_versions=len(bank_versions),
        meaning=language_label(texts_service.meaning_language(questionnaire)),
    )


# The state each target is reached from.
_FROM = {Status.CLOSED.value: Status.PUBLISHED.value, Status.ARCHIVED.value: Status.CLOSED.value}


@bp.route("/<code>/status/confirm")
def status_confirm(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    target = request.args.get("status", "")
    if target not in _FROM:
        abort(400)
    if questionnaire.status != _FROM[target]:
        flash(
            _(
                "%(code)s is “%(status)s”: this change does not apply to it.",
                code=questionnaire.code,
                status=questionnaire.status_enum.label,
            ),
            "warning",
        )
        return redirect(url_for(".show", code=questionnaire.code))
    return render_template(
        "questionnaires/status_confirm.html", questionnaire=questionnaire, target=target
    )
