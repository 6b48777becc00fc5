"""Filling national reports: the focal point's cycle view, a report's table of contents, one
section at a time (saved by autosave, or by its Save button without JavaScript), the JSON
autosave endpoint, the validation report and an answer's history."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import MultiDict

from app import policy
from app.extensions import db
from app.i18n import current_language
from app.policy import require
from app.questionnaires import render as render_module
from app.questionnaires import wording
from app.reporting import fields, services, values

bp = Blueprint("reporting", __name__, url_prefix="/reports")

SAVE_ATTEMPTS = 3  # SQLite refuses a write that began on an outdated snapshot: try again


def _report(report_id: int, action: str = "report.view"):
    report = services.report_by_id(report_id) or abort(404)
    require(action, report)
    return report


@bp.route("/")
@login_required
def index():
    require("reports.own")
    lang = current_language()
    rows = []
    for report in services.reports_of_focal_point(policy.focal_point_scopes(current_user)):
        filled = services.fill(report, lang)
        found = services.issues(filled, lang)
        deadline = report.questionnaire.deadline
        rows.append(
            {
                "report": report,
                "progress": services.progress(filled, found),
                "days_left": (deadline - date.today()).days if deadline else None,
            }
        )
    return render_template("reporting/index.html", rows=rows)


@bp.route("/<int:report_id>/")
def show(report_id: int):
    report = _report(report_id)
    lang = current_language()
    filled = services.fill(report, lang)
    found = services.issues(filled, lang)
    return render_template(
        "reporting/report.html",
        report=report,
        filled=filled,
        progress=services.progress(filled, found),
        issues=found,
        can_fill=policy.can("report.fill", report),
    )


def _section(filled: services.Filled, section_id: int) -> render_module.RenderedSection:
    for section in filled.rendered.sections:
        if section.node.id == section_id:
            return section
    abort(404)


@bp.route("/<int:report_id>/sections/<int:section_id>", methods=["GET", "POST"])
def section(report_id: int, section_id: int):
    report = _report(report_id, "report.fill" if request.method == "POST" else "report.view")
    lang = current_language()
    filled = services.fill(report, lang)
    current = _section(filled, section_id)
    conflicts: dict[str, services.Answer] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        conflicts, errors = _save_section(filled, current, request.form, lang)
        if not conflicts and not errors:
            flash(_("Your answers are saved."), "success")
            return redirect(url_for(".section", report_id=report.id, section_id=section_id))
        flash(_("Some answers could not be saved: see the messages below."), "danger")
        filled = services.fill(report, lang)
        current = _section(filled, section_id)
        shown = MultiDict(request.form)
        for name, answer in conflicts.items():  # a second Save keeps the text typed here
            shown.setlist(f"v-{name}", [str(answer.version)])
    else:
        shown = services.display_values(filled, current.items(), lang)
    return _render_section(filled, current, shown, conflicts, errors, lang)


def _save_section(filled, current, form, lang):
    conflicts, errors = {}, {}
    items = {i.field_name: i for i in current.items()}
    for name in fields.field_names(form):
        item = items.get(name)
        if item is None:
            continue
        try:
            _save(filled, item, form, lang)
        except services.Conflict as conflict:
            conflicts[name] = conflict.answer
        except services.ReportingError as error:
            errors[name] = error.message
    return conflicts, errors


def _save(filled, item, form, lang) -> services.Saved:
    """Save one item from `form` and commit, trying again when SQLite's snapshot is stale."""
    change = fields.change(form, item.field_name, item.node.effective_type)
    expected = fields.version(form, item.field_name)
    for attempt in range(SAVE_ATTEMPTS):
        try:
            saved = services.save_answer(
                filled,
                item.node,
                item.loop_key,
                change,
                expected_version=expected,
                user=current_user,
                locale=lang,
            )
            db.session.commit()
            return saved
        except OperationalError:
            db.session.rollback()
            filled.answers = services.answers_of(filled.report)
            if attempt == SAVE_ATTEMPTS - 1:
                raise
        except services.ReportingError:
            db.session.rollback()
            raise
    raise AssertionError("unreachable")


def _render_section(filled, current, shown, conflicts, errors, lang):
    report = filled.report
    problems = {
        issue.item.field_name: issue.message
        for issue in services.issues(filled, lang)
        if issue.kind == services.IssueKind.INVALID
    }
    hidden = services.hidden_answers(filled)
    return render_template(
        "reporting/section.html",
        report=report,
        filled=filled,
        section=current,
        form=shown,
        conflicts={n: _theirs(filled, a, lang) for n, a in conflicts.items()},
        errors=errors,
        problems=problems,
        hidden=hidden,
        conditions={n.id: wording.describe(n.condition, filled.tree) for n in filled.tree.nodes},
        can_fill=policy.can("report.fill", report),
        species_options=_species_options(filled, lang),
        condition_values={
            f"{i.node.code}|{i.loop_key}": i.value
            for i in filled.rendered.items()
            if i.value is not None
        },
        debounce=current_app.config["AUTOSAVE_DEBOUNCE_MS"],
    )


def _species_options(filled, lang):
    from app.i18n import translate

    return [
        (e.species.taxon_id, f"{translate(e.species.common_name, lang=lang)} — "
         f"{e.species.scientific_name}")
        for e in filled.species_entries
    ]  # fmt: skip


def _theirs(filled, answer, lang) -> dict:
    """Someone else's saved answer, as the conflict panel and the autosave script show it."""
    node = filled.tree.by_id[answer.node_id]
    shown = MultiDict()
    raw = (
        answer.typed
        if answer.is_invalid
        else values.display(node.effective_type, node.effective_config, answer.value, lang)
    )
    name = render_module.RenderedItem(node, answer.loop_key, True, None).field_name
    fields.put(shown, name, node.effective_type, raw, answer)
    return {
        "version": answer.version,
        "by": answer.updated_by.name if answer.updated_by else "",
        "at": format_datetime(answer.updated_at, "short"),
        "text": _summary(shown, name),
        "fields": list(shown.items(multi=True)),
    }


def _summary(shown: MultiDict, name: str) -> str:
    parts = []
    for key, value in shown.items(multi=True):
        if key.startswith(("v-", "p-")) or value == "":
            continue
        if key == name:
            parts.append(value)
        elif key.startswith(f"t-{name}.") or key.startswith(f"s-{name}."):
            parts.append(f"{key.split('.', 1)[1]}: {value}")
        elif key == f"o-{name}":
            parts.append(value)
        elif key == f"c-{name}":
            parts.append(_("Comment: %(text)s", text=value))
        elif key == f"n-{name}":
            parts.append(_("No information available"))
    return " · ".join(parts)


@bp.route("/<int:report_id>/answers", methods=["POST"])
def autosave(report_id: int):
    """Save one item (the autosave script posts the item's inputs plus `field`)."""
    report = _report(report_id, "report.fill")
    lang = current_language()
    filled = services.fill(report, lang)
    name = request.form.get("field", "")
    item = next((i for i in filled.rendered.items() if i.field_name == name), None)
    if item is None:
        return jsonify(status="error", message=_("This question is not part of the report.")), 404
    try:
        saved = _save(filled, item, request.form, lang)
    except services.Conflict as conflict:
        return jsonify(status="conflict", theirs=_theirs(filled, conflict.answer, lang)), 409
    except services.ReportingError as error:
        return jsonify(status="error", message=error.message), 422
    filled.evaluate()  # the saved answer may show or hide other items
    return jsonify(
        status="saved",
        version=saved.answer.version,
        problem=saved.problem,
        hidden=sorted(i.field_name for i in filled.rendered.items() if not i.visible),
    )


@bp.route("/<int:report_id>/validation")
def validation(report_id: int):
    report = _report(report_id)
    lang = current_language()
    filled = services.fill(report, lang)
    return render_template(
        "reporting/validation.html",
        report=report,
        issues=services.issues(filled, lang),
        hidden_count=len(services.hidden_answers(filled)),
    )


@bp.route("/<int:report_id>/history/<int:node_id>")
def history(report_id: int, node_id: int):
    report = _report(report_id)
    loop_key = request.args.get("loop", "")
    answer = services.answers_of(report).get((node_id, loop_key)) or abort(404)
    return render_template(
        "reporting/history.html",
        report=report,
        answer=answer,
        node=answer.node,
        revisions=services.history(answer),
    )
