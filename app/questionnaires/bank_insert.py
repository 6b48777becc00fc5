"""Designer page: insert a bank question into a draft, pinned to a version."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import bounds
from app.bank import queries, vocabularies
from app.bank import services as bank
from app.directory import services as directory
from app.extensions import db
from app.forms_common import checked_search
from app.questionnaires import bank_uses, bp, builder, services, tree
from app.questionnaires.models import Node
from app.questionnaires.pages import load_draft

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


def _search_args(source) -> dict[str, str]:
    """The search as the page's links and forms carry it: words, tag, instrument, page."""
    args = {"q": (source.get("q") or "").strip()}
    if vocabularies.is_known(source.get("tag") or ""):
        args["tag"] = source["tag"]
    instrument = directory.instrument_by_code((source.get("instrument") or "").strip())
    if instrument is not None:
        args["instrument"] = instrument.code
    if (source.get("page", type=bounds.integer) or 1) > 1:
        args["page"] = str(source.get("page", type=bounds.integer))
    return args


def _chosen_versions(form) -> tuple[list, dict[str, str]]:
    """The checked questions (or the one whose own button was pressed), each at the version
    chosen beside it, in the order of the page."""
    codes = [form["only"]] if form.get("only") else form.getlist("question")
    versions, errors = [], {}
    for code in dict.fromkeys(codes):
        question = bank.question_by_code(code) or abort(404)
        number = form.get(f"version-{code}", type=bounds.integer) or form.get(
            "version", type=bounds.integer
        )
        version = question.version(number) if number else question.latest
        if version is None:
            errors[code] = _("%(code)s has no such version.", code=code)
        else:
            versions.append(version)
    return versions, errors


def _insert(questionnaire) -> tuple[list | None, dict[str, str], str]:
    """Insert what the form checked; (items, errors per code, general error)."""
    versions, errors = _chosen_versions(request.form)
    if errors:
        return None, errors, ""
    section = db.session.get(Node, request.form.get("section", type=bounds.integer) or 0)
    position = request.form.get("position", type=bounds.integer)
    try:
        if section is None or section.questionnaire_id != questionnaire.id:
            raise services.QuestionnaireError(_("Choose a section of this questionnaire."))
        items = builder.insert_several(
            questionnaire,
            section,
            versions,
            position=position - 1 if position else None,
            actor=current_user,
        )
    except builder.InsertRefused as refused:
        db.session.rollback()
        return None, refused.errors, ""
    except services.QuestionnaireError as error:
        db.session.rollback()
        return None, {}, str(error)
    db.session.commit()
    return items, {}, ""


@bp.route("/<code>/bank-insert", methods=["GET", "POST"])
def bank_insert(code: str):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    args = _search_args(request.values)
    errors: dict[str, str] = {}
    problem = ""
    if request.method == "POST":
        items, errors, problem = _insert(questionnaire)
        if items is not None:
            flash(
                ngettext(
                    "%(num)d question inserted: %(items)s.",
                    "%(num)d questions inserted: %(items)s.",
                    len(items),
                    items=", ".join(f"{i.number} {i.code}" for i in items),
                ),
                "success",
            )
            section = items[0].parent_id if items else None
            return redirect(
                url_for(".bank_insert", code=questionnaire.code, section=section, **args)
            )
    instrument = directory.instrument_by_code(args.get("instrument", ""))
    searching = bool(args.get("q") or args.get("tag") or instrument)
    too_long = checked_search(args["q"])[1]
    if too_long:
        flash(too_long, "warning")
    found = (
        queries.search(args["q"], tag=args.get("tag") or None, instrument=instrument)
        if searching and not too_long
        else []
    )
    page = queries.page_of(found, request.values.get("page", type=bounds.integer), RESULTS)
    questions = list(page.items)
    for refused in errors:  # a refused question stays in view with its message
        question = bank.question_by_code(refused)
        if question is not None and question not in questions:
            questions.insert(0, question)
    current = tree.load(questionnaire)
    section_id = request.values.get("section", type=bounds.integer)
    return render_template(
        "questionnaires/bank_insert.html",
        questionnaire=questionnaire,
        args=args,
        query=args["q"],
        tag=args.get("tag", ""),
        instrument=instrument,
        instruments=directory.instruments(),
        vocabularies=vocabularies.VOCABULARIES,
        searching=searching,
        page=page,
        page_url=lambda n: url_for(
            ".bank_insert", code=questionnaire.code, section=section_id, **{**args, "page": n}
        ),
        questions=questions,
        versions={q.id: _versions(q) for q in questions},
        usage=bank_uses.usage([q.id for q in questions]),
        present=current.by_code(),
        sections=current.sections(),
        section_id=section_id,
        checked=set(request.form.getlist("question")) if errors or problem else set(),
        errors=errors,
        problem=problem,
        form=request.form,
    ), (422 if errors or problem else 200)
