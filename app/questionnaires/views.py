"""Questionnaire pages: list, outline, preview in any language, publish checks, translation
completeness, and the publish / close / archive actions of the instrument's secretariat."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import policy
from app.extensions import db
from app.i18n import current_language, languages
from app.questionnaires import bp, checks, render, services, texts_service, tree, wording
from app.questionnaires.models import Status
from app.questionnaires.pages import load_questionnaire


@bp.route("/")
@login_required
def index():
    visible = [q for q in services.questionnaires_of(None) if policy.can("questionnaire.view", q)]
    return render_template(
        "questionnaires/index.html",
        questionnaires=visible,
        secretariat=bool(policy.secretariat_instrument_ids(current_user)),
    )


@bp.route("/<code>/")
def show(code: str):
    questionnaire = load_questionnaire(code)
    current = tree.cached(questionnaire)
    conditions = {n.id: wording.describe(n.condition, current) for n in current.nodes}
    return render_template(
        "questionnaires/show.html",
        questionnaire=questionnaire,
        tree=current,
        conditions=conditions,
        species=tree.species_entries(questionnaire),
        can_manage=policy.can("questionnaire.manage", questionnaire),
    )


@bp.route("/<code>/preview", methods=["GET", "POST"])
def preview(code: str):
    """The questionnaire as a respondent sees it, in `lang`; posting re-evaluates conditions."""
    questionnaire = load_questionnaire(code)
    lang = request.values.get("lang") or current_language()
    if lang not in languages():
        abort(404)
    current = tree.cached(questionnaire)
    answers = render.parse_preview_form(current, request.form) if request.method == "POST" else {}
    with force_locale(lang):
        sample_sites = [("site-1", _("Example site 1")), ("site-2", _("Example site 2"))]
        rendered = render.render(questionnaire, answers, lang, sites=sample_sites, current=current)
        conditions = {n.id: wording.describe(n.condition, current) for n in current.nodes}
        return render_template(
            "questionnaires/preview.html",
            questionnaire=questionnaire,
            rendered=rendered,
            conditions=conditions,
            form=request.form,
            preview_lang=lang,
        )


@bp.route("/<code>/checks")
def publish_checks(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    current = tree.load(questionnaire)
    problems = checks.publish_problems(current)
    return render_template(
        "questionnaires/checks.html",
        questionnaire=questionnaire,
        problems=problems,
        fixes=[_fix_url(questionnaire, current, p) for p in problems],
    )


def _fix_url(questionnaire, current, problem: checks.Problem) -> str:
    """The page where `problem` is fixed: the condition builder, the texts, the bank question,
    the loop, the item's form, or the outline."""
    code = questionnaire.code
    node = current.by_id.get(problem.node_id) if problem.node_id else None
    if problem.kind == checks.TEXT or (node is None and problem.kind != checks.STRUCTURE):
        return url_for(".texts", code=code, missing=1)
    if node is None:
        return url_for(".design", code=code)
    if problem.kind == checks.BANK_TEXT:
        return url_for("bank.question", code=node.code)
    if problem.kind == checks.CONDITION:
        return url_for(".condition_builder", code=code, node_id=node.id)
    if problem.kind == checks.LOOP:
        return url_for(".section_loop", code=code, node_id=node.id)
    if problem.kind == checks.DEFINITION:
        if node.is_bank_item:
            return url_for("bank.question", code=node.code)
        return url_for(".design_item", code=code, node_id=node.id)
    return url_for(".design", code=code, _anchor=f"node-{node.id}")


@bp.route("/<code>/translations")
def translations(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    current = tree.load(questionnaire)
    return render_template(
        "questionnaires/translations.html",
        questionnaire=questionnaire,
        reports=[texts_service.completeness(current, lang) for lang in languages()],
        working=questionnaire.instrument.working_languages,
    )


@bp.route("/<code>/publish", methods=["POST"])
def publish(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    try:
        services.publish(questionnaire, actor=current_user)
    except services.PublishRefused as refused:
        db.session.rollback()
        flash(
            _(
                "%(code)s cannot be published yet: %(n)d problems are listed below.",
                code=questionnaire.code,
                n=len(refused.problems),
            ),
            "danger",
        )
        return redirect(url_for(".publish_checks", code=questionnaire.code))
    except services.QuestionnaireError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for(".show", code=questionnaire.code))
    db.session.commit()
    flash(_("%(code)s is published.", code=questionnaire.code), "success")
    for told in services.after_publish:
        for message, category in told(questionnaire):
            flash(message, category)
    db.session.commit()  # the outbox's mails (app/notify/mail.py)
    return redirect(url_for(".show", code=questionnaire.code))


@bp.route("/<code>/status", methods=["POST"])
def change_status(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    target = request.form.get("status")
    try:
        if target == Status.CLOSED:
            services.close(questionnaire, actor=current_user)
        elif target == Status.ARCHIVED:
            services.archive(questionnaire, actor=current_user)
        else:
            abort(400)
    except services.QuestionnaireError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        label = questionnaire.status_enum.label
        flash(_("The status is now “%(status)s”.", status=label), "success")
    return redirect(url_for(".show", code=questionnaire.code))
