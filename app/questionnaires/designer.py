"""Designer pages: a draft's outline with buttons to move, edit and remove its sections and items
(app/static/js/designer.js adds drag and drop on top), forms to add and edit sections and local
questions, undo of the last change, a new questionnaire and the duplicate of a previous cycle.
The rules live in app/questionnaires/editing.py and services.py."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app import answers, bounds
from app.answers import settings, types
from app.bank import table_form
from app.extensions import db
from app.forms_common import WholeNumberField
from app.i18n import current_language, language_label
from app.questionnaires import bp, editing, services, tree, wording
from app.questionnaires.models import Node
from app.questionnaires.pages import (
    add_text_fields,
    back_to_design,
    load_draft,
    load_node,
    own_instruments,
    posted_texts,
    working_languages,
)
from app.questionnaires.services import QuestionnaireError

MAX_CHOICES = 40
MAX_CYCLE_ORDER = 9999  # cycles are numbered (COP14, MOP9) or dated (2026)


# --- the outline ---------------------------------------------------------------------------------


@bp.route("/<code>/design")
def design(code: str):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    current = tree.load(questionnaire)
    last = editing.last_change(questionnaire)
    return render_template(
        "questionnaires/designer.html",
        questionnaire=questionnaire,
        tree=current,
        conditions={n.id: wording.describe(n.condition, current) for n in current.nodes},
        moves=_moves(current),
        last_change=last,
        type_labels={t.value: t.label for t in types.AnswerType},
        words=_outline_words(),
    )


def _outline_words() -> dict[str, str]:
    """The outline's labels, looked up once per page instead of once per node (a 300-item draft
    made thousands of catalog lookups); the patterns are filled per node with `|format`."""
    return {
        "up": _("Move up"),
        "down": _("Move down"),
        "into": _("Move into the previous section"),
        "out": _("Move out of its section"),
        "section": _("Section"),
        "local": _("Local question"),
        "required": _("Required"),
        "confidential": _("Confidential"),
        "edit": _("Edit"),
        "add": _("Add a question"),
        "condition": _("Condition"),
        "repetition": _("Repetition"),
        "remove": _("Remove"),
        "numbered": _("%(action)s (%(number)s)"),
        "bank_version": _("Bank, version %(number)s"),
        "add_to_section": _("Add a local question to section %(number)s"),
        "condition_of": _("Visibility condition of %(number)s"),
        "repetition_of": _("Repetition of section %(number)s"),
    }


def _moves(current: tree.Tree) -> dict[int, dict[str, bool]]:
    """Which move buttons make sense for each node."""
    found = {}
    for node in current.nodes:
        target = _target(current, node, "up"), _target(current, node, "down")
        found[node.id] = {
            "up": target[0] is not None,
            "down": target[1] is not None,
            "into": _target(current, node, "into") is not None,
            "out": _target(current, node, "out") is not None,
        }
    return found


def _target(current: tree.Tree, node: Node, direction: str):
    """(parent, position) for a move button, or None when the move makes no sense."""
    parent = current.by_id.get(node.parent_id) if node.parent_id else None
    siblings = current.children.get(node.parent_id, [])
    index = siblings.index(node)
    if direction == "up":
        if index > 0:
            return parent, index - 1
        if not node.is_section and parent is not None:  # to the end of the previous section
            uncles = current.children.get(parent.parent_id, [])
            before = [s for s in uncles[: uncles.index(parent)] if s.is_section]
            if before:
                return before[-1], len(current.children.get(before[-1].id, []))
        return None
    if direction == "down":
        if index < len(siblings) - 1:
            return parent, index + 1
        if not node.is_section and parent is not None:  # to the start of the next section
            uncles = current.children.get(parent.parent_id, [])
            after = [s for s in uncles[uncles.index(parent) + 1 :] if s.is_section]
            if after:
                return after[0], 0
        return None
    if direction == "into":
        if index > 0 and siblings[index - 1].is_section:
            previous = siblings[index - 1]
            return previous, len(current.children.get(previous.id, []))
        return None
    if direction == "out":
        if parent is not None and (node.is_section or parent.parent_id is not None):
            grandparent = current.by_id.get(parent.parent_id) if parent.parent_id else None
            uncles = current.children.get(parent.parent_id, [])
            return grandparent, uncles.index(parent) + 1
        return None
    abort(400)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.route("/<code>/design/move", methods=["POST"])
def design_move(code: str):
    """A move button (`direction`) or a drop (`parent` — empty for the top — and `position`)."""
    questionnaire, back = load_draft(code)
    if back is not None:
        if _wants_json():
            return jsonify(error=_("Only a draft questionnaire can change its structure.")), 409
        return back
    node = load_node(questionnaire, request.form.get("node", type=bounds.integer))
    direction = request.form.get("direction")
    try:
        if direction:
            target = _target(tree.load(questionnaire), node, direction)
            if target is None:
                raise QuestionnaireError(_("This move is not possible."))
            parent, position = target
        else:
            parent_id = request.form.get("parent", "")  # empty: the top
            parent = load_node(questionnaire, bounds.integer_or(parent_id)) if parent_id else None
            position = request.form.get("position", type=bounds.integer)
            if position is None:
                abort(400)
            if parent is None and not node.is_section:
                raise QuestionnaireError(_("Questions go into sections."))
        editing.move(node, parent, position, actor=current_user)
    except QuestionnaireError as error:
        db.session.rollback()
        if _wants_json():
            return jsonify(error=str(error)), 400
        flash(str(error), "danger")
        return back_to_design(questionnaire, node.id)
    db.session.commit()
    if _wants_json():
        return jsonify(number=node.number)
    flash(_("%(number)s moved.", number=node.number), "success")
    return back_to_design(questionnaire, node.id)


@bp.route("/<code>/design/<int:node_id>/remove", methods=["GET", "POST"])
def design_remove(code: str, node_id: int):
    """A confirmation page, then the removal."""
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    node = load_node(questionnaire, node_id)
    current = tree.load(questionnaire)
    if request.method == "POST":
        number = node.number
        try:
            editing.remove(node, actor=current_user)
        except QuestionnaireError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return back_to_design(questionnaire, node_id)
        db.session.commit()
        flash(
            _("%(number)s removed. “Undo the last change” brings it back.", number=number),
            "success",
        )
        return back_to_design(questionnaire)
    inside = sum(1 for _n in current.walk(node.id))
    return render_template(
        "questionnaires/designer_remove.html", questionnaire=questionnaire, node=node, inside=inside
    )


@bp.route("/<code>/design/undo", methods=["POST"])
def design_undo(code: str):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    try:
        editing.undo(questionnaire, actor=current_user)
    except QuestionnaireError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(_("The last change is undone."), "success")
    return back_to_design(questionnaire)


# --- sections ------------------------------------------------------------------------------------


class _SectionForm(FlaskForm):
    pass


def _section_form(questionnaire, **kwargs):
    langs = working_languages(questionnaire)

    class SectionForm(_SectionForm):
        pass

    add_text_fields(SectionForm, "title", _l("Title"), langs, required=True)
    return SectionForm(**kwargs), langs


def _require_first(form, prefix: str, langs: list[str]) -> bool:
    field = form[f"{prefix}_{langs[0]}"]
    if not (field.data or "").strip():
        field.errors = list(field.errors) + [
            _("Write it in %(language)s at least.", language=language_label(langs[0]))
        ]
        return False
    return True


@bp.route("/<code>/design/section", methods=["GET", "POST"])
@bp.route("/<code>/design/<int:node_id>/section", methods=["GET", "POST"])
def design_section(code: str, node_id: int | None = None):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    section = load_node(questionnaire, node_id) if node_id else None
    if section is not None and not section.is_section:
        abort(404)
    data = {f"title_{k}": v for k, v in (section.title if section else {}).items()}
    form, langs = _section_form(questionnaire, data=data)
    if form.validate_on_submit() and _require_first(form, "title", langs):
        try:
            if section is None:
                section = editing.add_section(
                    questionnaire, title=posted_texts(form, "title", langs), actor=current_user
                )
                flash(_("Section %(number)s added.", number=section.number), "success")
            else:
                editing.update_section(
                    section, title=posted_texts(form, "title", langs), actor=current_user
                )
                flash(_("Section %(number)s saved.", number=section.number), "success")
        except QuestionnaireError as error:
            db.session.rollback()
            form[f"title_{langs[0]}"].errors = [str(error)]
        else:
            db.session.commit()
            return back_to_design(questionnaire, section.id)
    return render_template(
        "questionnaires/designer_section.html",
        questionnaire=questionnaire,
        section=section,
        form=form,
        langs=langs,
    )


# --- local questions -----------------------------------------------------------------------------


class _ItemForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=_l("Give the question a code.")), Length(max=40)],
    )
    answer_type = SelectField(_l("Answer type"), choices=[])
    minimum = StringField(_l("Minimum"), validators=[Optional()])
    maximum = StringField(_l("Maximum"), validators=[Optional()])
    integer = BooleanField(_l("Whole numbers only"))
    allow_other = BooleanField(_l("Offer “Other (please specify)”"))
    required = BooleanField(_l("Required"))
    confidential = BooleanField(_l("Confidential"))


LOCAL_TYPES = list(types.AnswerType)


def _item_form(questionnaire, **kwargs):
    langs = working_languages(questionnaire)

    class ItemForm(_ItemForm):
        pass

    add_text_fields(ItemForm, "text", _l("Question"), langs, area=True, required=True)
    add_text_fields(ItemForm, "guidance", _l("Guidance"), langs, area=True)
    add_text_fields(ItemForm, "unit", _l("Unit"), langs)
    form = ItemForm(**kwargs)
    form.answer_type.choices = types.AnswerType.choices(LOCAL_TYPES)
    return form, langs


def _choice_rows(source, langs: list[str], count: int) -> list[dict]:
    rows = []
    for index in range(count):
        rows.append(
            {
                "key": (source.get(f"choice-{index}-key") or "").strip(),
                "label": {
                    lang: (source.get(f"choice-{index}-{lang}") or "").strip() for lang in langs
                },
            }
        )
    return rows


def _item_data(item: Node) -> tuple[dict, list[dict]]:
    data = {"code": item.code, "answer_type": item.answer_type, "required": item.required,
            "confidential": item.confidential}  # fmt: skip
    for prefix, texts in (("text", item.text), ("guidance", item.guidance),
                          ("unit", (item.config or {}).get("unit") or {})):  # fmt: skip
        data |= {f"{prefix}_{k}": v for k, v in texts.items()}
    config = item.config or {}
    data["integer"] = bool(config.get("integer"))
    data["allow_other"] = bool(config.get("allow_other"))
    data |= settings.bound_fields(config, current_language())
    rows = [
        {"key": c.get("key", ""), "label": dict(c.get("label") or {})}
        for c in config.get("choices") or []
    ]
    return data, rows


@bp.route("/<code>/design/item", methods=["GET", "POST"])
@bp.route("/<code>/design/<int:node_id>/item", methods=["GET", "POST"])
def design_item(code: str, node_id: int | None = None):
    """Add a local question to a section (`section`), or edit one (`node_id`)."""
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    current = tree.load(questionnaire)
    item = load_node(questionnaire, node_id) if node_id else None
    if item is not None and (item.is_section or item.is_bank_item):
        abort(404)
    sections = current.sections()
    if item is None and not sections:
        flash(_("Add a section first: questions go into sections."), "warning")
        return back_to_design(questionnaire)
    data, rows = _item_data(item) if item is not None else ({}, [])
    if request.method == "POST":
        form, langs = _item_form(questionnaire)
        table = table_form.read_table(request.form, langs)
        count = max(0, min(request.form.get("rows", type=bounds.integer) or 0, MAX_CHOICES))
        rows = _choice_rows(request.form, langs, count)
        if request.form.get("remove-row") is not None:
            index = request.form.get("remove-row", type=bounds.integer)
            rows = [r for i, r in enumerate(rows) if i != index]
        if request.form.get("add-row") is not None:
            rows.append({"key": "", "label": {}})
    else:
        form, langs = _item_form(questionnaire, data=data)
        is_table = item is not None and item.answer_type == types.AnswerType.TABLE
        table = table_form.table_values(item.config if is_table else None, langs)
    if item is not None:
        form.code.data = item.code
    if len(rows) < 2 and request.method == "GET":  # two empty choices to start from
        rows += [{"key": "", "label": {}} for _i in range(2 - len(rows))]
    section_id = request.values.get("section", type=bounds.integer) or (
        item.parent_id if item else sections[0].id
    )
    choice_error, table_errors = None, {}
    editing_rows = (
        request.form.get("add-row") is not None
        or request.form.get("remove-row") is not None
        or table_form.edited(request.form)
    )
    if request.method == "POST" and not editing_rows and form.validate_on_submit():
        ok = _require_first(form, "text", langs)
        answer_type = form.answer_type.data
        given = answers.Given(
            choices=rows,
            allow_other=bool(form.allow_other.data),
            minimum=form.minimum.data or "",
            maximum=form.maximum.data or "",
            integer=bool(form.integer.data),
            unit=posted_texts(form, "unit", langs),
        )
        if answer_type == types.AnswerType.TABLE:
            given.table, given.table_errors = table_form.parse_table(request.form, langs)
        config, problems = settings.build(answer_type, given, current_language())
        if answer_type == types.AnswerType.TABLE:  # shown by the table editor
            table_errors, problems = problems, {}
        choice_error = problems.get("choices")
        for name, field in (("min", form.minimum), ("max", form.maximum)):
            if name in problems:
                field.errors = list(field.errors) + [problems[name]]
        ok = ok and not problems and not table_errors
        if ok:
            values = {
                "text": posted_texts(form, "text", langs),
                "guidance": posted_texts(form, "guidance", langs),
                "config": config,
                "required": form.required.data,
                "confidential": form.confidential.data,
                "answer_type": answer_type,
            }
            try:
                if item is None:
                    section = load_node(questionnaire, section_id)
                    item = editing.add_local_item(
                        questionnaire, section, code=form.code.data, actor=current_user, **values
                    )
                    message = _("Question %(number)s added.", number=item.number)
                else:
                    editing.update_local_item(item, actor=current_user, **values)
                    message = _("Question %(number)s saved.", number=item.number)
            except QuestionnaireError as error:
                db.session.rollback()
                field = form.code if error.field == "code" else form.answer_type
                field.errors = list(field.errors) + [str(error)]
                item = db.session.get(Node, node_id) if node_id else None
            else:
                db.session.commit()
                flash(message, "success")
                return back_to_design(questionnaire, item.id)
    return render_template(
        "questionnaires/designer_item.html",
        questionnaire=questionnaire,
        item=item,
        form=form,
        langs=langs,
        rows=rows,
        choice_error=choice_error,
        sections=sections,
        section_id=section_id,
        choice_types=[t.value for t in types.CHOICE_TYPES],
        table=table,
        table_errors=table_errors,
        table_focus=table_form.focus(request.form, table),
        column_types=table_form.column_types(),
    )


# --- new questionnaires --------------------------------------------------------------------------


class NewQuestionnaireForm(FlaskForm):
    instrument = SelectField(_l("Instrument"), coerce=bounds.integer, choices=[])
    source = SelectField(_l("Copy the structure of"), coerce=bounds.integer, choices=[])
    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=_l("Give the questionnaire a code.")), Length(max=40)],
    )
    cycle = StringField(
        _l("Cycle"),
        validators=[DataRequired(message=_l("Name the cycle, for example COP16.")), Length(max=20)],
    )
    cycle_order = WholeNumberField(
        _l("Order of the cycle"),
        validators=[Optional()],
        low=1,
        high=MAX_CYCLE_ORDER,
        description=_l("Leave empty to place it after the instrument's latest cycle."),
    )
    deadline = DateField(
        _l("Deadline"), validators=[Optional()], format="%Y-%m-%d",
    )  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/duplicate", methods=["GET", "POST"], endpoint="duplicate")
@login_required
def new():
    """A new draft for one of the secretariat's instruments: empty, or a previous cycle's copy."""
    copying = request.endpoint == "questionnaires.duplicate"
    instruments = own_instruments()
    langs = sorted({lang for i in instruments for lang in (i.working_languages or ["en"])},
                   key=["en", "fr", "es"].index)  # fmt: skip

    class Form(NewQuestionnaireForm):
        pass

    add_text_fields(Form, "title", _l("Title"), langs, required=not copying)
    form = Form()
    sources = [q for q in services.questionnaires_of({i.id for i in instruments})]
    if copying:
        del form.instrument
        form.source.choices = [(q.id, f"{q.code} — {q.cycle}") for q in reversed(sources)]
    else:
        del form.source
        form.instrument.choices = [(i.id, i.code) for i in instruments]
    if copying and not sources:
        flash(_("There is no previous questionnaire to copy."), "warning")
        return redirect(url_for(".new"))
    if request.method == "GET" and copying:
        form.source.data = form.source.choices[0][0]
    report = None
    if form.validate_on_submit() and (copying or _require_first(form, "title", langs)):
        title = {k: v for k, v in posted_texts(form, "title", langs).items() if v}
        try:
            if copying:
                source = next((q for q in sources if q.id == form.source.data), None) or abort(400)
                questionnaire, report = editing.duplicate(
                    source, form.code.data, form.cycle.data, title=title or None,
                    cycle_order=form.cycle_order.data,
                    deadline=form.deadline.data, actor=current_user,
                )  # fmt: skip
            else:
                instrument = next((i for i in instruments if i.id == form.instrument.data), None)
                if instrument is None:
                    abort(400)
                questionnaire = services.create_questionnaire(
                    instrument=instrument, code=form.code.data, cycle=form.cycle.data,
                    cycle_order=form.cycle_order.data or editing.next_cycle_order(instrument.id),
                    title=title,
                    deadline=form.deadline.data, actor=current_user,
                )  # fmt: skip
        except QuestionnaireError as error:
            db.session.rollback()
            form.code.errors = list(form.code.errors) + [str(error)]
        except Exception as error:  # the database refuses a second questionnaire of the cycle
            from sqlalchemy.exc import IntegrityError

            if not isinstance(error, IntegrityError):
                raise
            db.session.rollback()
            form.cycle.errors = list(form.cycle.errors) + [
                _("This instrument has a questionnaire for this cycle already.")
            ]
        else:
            db.session.commit()
            if report is not None:
                return render_template(
                    "questionnaires/designer_copied.html",
                    questionnaire=questionnaire,
                    report=report,
                )
            flash(_("The draft %(code)s is ready.", code=questionnaire.code), "success")
            return redirect(url_for(".design", code=questionnaire.code))
    return render_template(
        "questionnaires/designer_new.html", form=form, langs=langs, copying=copying
    )
