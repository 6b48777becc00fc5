"""The "Texts" page: every text of a questionnaire in each working language, side by side,
with what is missing; editable by the instrument's secretariat (a published questionnaire takes
translation fixes only, see texts_service)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.extensions import db
from app.questionnaires import bp, texts_service, tree
from app.questionnaires.pages import load_questionnaire

SEPARATOR = "|"


def _field_name(key: str, lang: str) -> str:
    return f"t{SEPARATOR}{key}{SEPARATOR}{lang}"


def _changes(form, found, questionnaire, langs):
    """(row, lang, typed value) for each posted cell that differs from the stored text."""
    for row in found:
        for lang in langs:
            name = _field_name(row.key, lang)
            if name not in form or row.from_bank:
                continue  # other refusals (the meaning of a published one) come from set_text
            typed = form.get(name, "").strip()
            if typed != (row.value.get(lang) or "").strip():
                yield row, lang, typed


@bp.route("/<code>/texts", methods=["GET", "POST"])
def texts(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    current = tree.load(questionnaire)
    langs = texts_service.working_languages(questionnaire)
    found = texts_service.rows(current)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        if not texts_service.can_edit_texts(questionnaire):
            flash(_("The texts of a closed or archived questionnaire no longer change."), "danger")
            return redirect(url_for(".texts", code=questionnaire.code))
        changed = 0
        nodes = {n.id: n for n in current.nodes}
        for row, lang, value in list(_changes(request.form, found, questionnaire, langs)):
            name = _field_name(row.key, lang)
            typed[name] = value
            target = questionnaire if row.node is None else nodes[row.node.id]
            try:
                changed += texts_service.set_text(
                    target, row.target_field, lang, value, actor=current_user
                )
            except texts_service.TextError as error:
                errors[name] = str(error)
        if errors:
            db.session.rollback()
            flash(_("Nothing was saved: correct the texts marked below."), "danger")
            current = tree.load(questionnaire)
            found = texts_service.rows(current)
        else:
            db.session.commit()
            flash(_("%(n)d texts saved.", n=changed), "success")
            args = {"missing": "1"} if request.args.get("missing") else {}
            return redirect(url_for(".texts", code=questionnaire.code, **args))
    missing_only = bool(request.args.get("missing"))
    shown = [r for r in found if r.missing] if missing_only else found
    status = 422 if errors else 200
    return render_template(
        "questionnaires/texts.html",
        questionnaire=questionnaire,
        rows=shown,
        total=len(texts_service.counted(found)),
        langs=langs,
        counts=texts_service.missing_counts(found, langs),
        meaning_lang=texts_service.meaning_language(questionnaire),
        can_edit=texts_service.can_edit_texts(questionnaire)
        and policy.can("questionnaire.manage", questionnaire),
        editable=texts_service.editable,
        field_name=_field_name,
        errors=errors,
        typed=typed,
        missing_only=missing_only,
        history=texts_service.text_history(questionnaire),
    ), status
