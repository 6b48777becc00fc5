"""Designer page: insert a bank question into a draft, pinned to a version."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.bank import queries
from app.bank import services as bank
from app.extensions import db
from app.questionnaires import bank_uses, bp, builder, services, tree
from app.questionnaires.models import Node
from app.questionnaires.pages import draft_or_back, load_questionnaire

RESULTS = 30


def _versions(question):
    """Each version with what changed since the one before."""
    rows, previous = [], None
    for version in question.versions:
        changes = bank.diff(previous, version) if previous is not None else []
        compatible = bank.compatible(previous, version) if previous is not None else True
        rows.append({"version": version, "changes": changes, "compatible": compatible})
        previous = version
    return rows


@bp.route("/<code>/bank-insert", methods=["GET", "POST"])
def bank_insert(code: str):
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    back = draft_or_back(questionnaire)
    if back is not None:
        return back
    query = request.values.get("q", "").strip()
    errors: dict[str, str] = {}
    if request.method == "POST":
        question = bank.question_by_code(request.form.get("question", "")) or abort(404)
        version = question.version(request.form.get("version", type=int) or 0) or abort(400)
        section = db.session.get(Node, request.form.get("section", type=int) or 0)
        position = request.form.get("position", type=int)
        try:
            if section is None or section.questionnaire_id != questionnaire.id:
                raise services.QuestionnaireError(_("Choose a section of this questionnaire."))
            item = builder.insert_from_bank(
                questionnaire,
                section,
                version,
                position=position - 1 if position else None,
                actor=current_user,
            )
        except services.QuestionnaireError as error:
            db.session.rollback()
            errors[question.code] = str(error)
        else:
            db.session.commit()
            flash(
                _(
                    "%(code)s (version %(version)d) is now item %(number)s.",
                    code=item.code,
                    version=version.number,
                    number=item.number,
                ),
                "success",
            )
            return redirect(url_for(".show", code=questionnaire.code, _anchor=f"node-{item.id}"))
    current = tree.load(questionnaire)
    questions = queries.search(query)[:RESULTS] if query else []
    if errors and question not in questions:
        questions.insert(0, question)  # the refused question stays in view with its message
    return render_template(
        "questionnaires/bank_insert.html",
        questionnaire=questionnaire,
        query=query,
        questions=questions,
        versions={q.id: _versions(q) for q in questions},
        usage=bank_uses.usage([q.id for q in questions]),
        present=current.by_code(),
        sections=current.sections(),
        errors=errors,
        form=request.form,
    )
