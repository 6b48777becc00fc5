"""Designer pages: the visibility condition builder of an item or section, and a section's loop.

Plain forms that work without JavaScript (a button updates the comparisons offered for the chosen
question); app/static/js/condition_builder.js adapts them at once when scripts run.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import bounds, utils
from app.bank import species_lists
from app.extensions import db
from app.i18n import translate
from app.questionnaires import bp, builder, services, tree, wording
from app.questionnaires.models import Loop, Node
from app.questionnaires.pages import load_draft, load_node


def _value_kind(item: Node | None, op: str) -> str:
    if item is None or op in builder.PRESENCE:
        return "none"
    if builder.value_choices(item) is not None:
        return "choice"
    return {"number": "number", "date": "date"}.get(item.effective_type or "", "text")


def _item_label(item: Node, questionnaire) -> str:
    text = str(translate(item.effective_text, instrument=questionnaire.instrument))
    return f"{item.number} — {text[:90]}{'…' if len(text) > 90 else ''}"


def _meta(items: list[Node]) -> dict:
    """What the script needs to adapt a row to the chosen question (already translated)."""
    return {
        item.code: {
            "ops": [
                [op, str(builder.OPERATOR_LABELS[op])]
                for op in builder.operators_for(item.effective_type)
            ],
            "choices": builder.value_choices(item),
            "kind": _value_kind(item, "equals"),
        }
        for item in items
    }


def _rows_from_form(form) -> tuple[str, list[builder.Rule]]:
    count = min(form.get("rows", type=bounds.integer) or 0, 20)
    rules = [
        builder.Rule(
            form.get(f"rule-{i}-item", ""),
            form.get(f"rule-{i}-op", ""),
            form.getlist(f"rule-{i}-value"),
        )
        for i in range(count)
    ]
    return ("any" if form.get("mode") == "any" else "all"), rules


@bp.route("/<code>/nodes/<int:node_id>/condition", methods=["GET", "POST"])
def condition_builder(code: str, node_id: int):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    node = load_node(questionnaire, node_id)
    current = tree.load(questionnaire)
    current_node = current.by_id[node.id]
    offered = builder.targets(current, current_node)
    refused = ""
    words = wording.describe(node.condition, current)
    if request.method == "GET":
        mode, rules = builder.rules_of(node.condition)
        if not rules:
            rules = [builder.Rule()]
    else:
        mode, rules = _rows_from_form(request.form)
        action = request.form.get("action", "preview")
        if action == "add":
            rules.append(builder.Rule())
        elif action.startswith("drop-"):
            index = bounds.integer_or(action[5:], -1)
            if 0 <= index < len(rules):
                del rules[index]
        if action in ("save", "preview"):
            condition = builder.build_condition(current, mode, rules)
            if condition is None and not any(r.error for r in rules):
                refused = _("Add at least one rule, or remove the condition.")
            elif condition is not None:
                words = wording.describe(condition, current)
                if action == "save":
                    try:
                        builder.save_condition(node, condition, actor=current_user)
                    except services.QuestionnaireError as error:
                        db.session.rollback()
                        refused = str(error)
                    else:
                        db.session.commit()
                        flash(_("The condition is saved. %(words)s", words=words), "success")
                        return redirect(
                            url_for(".show", code=questionnaire.code, _anchor=f"node-{node.id}")
                        )
        if not rules:
            rules = [builder.Rule()]
    items = current.by_code()
    offered_codes = {i.code for i in offered}
    # A question typed in a refused attempt stays selected even if it may not be offered.
    kept = [items[r.item] for r in rules if r.item in items and r.item not in offered_codes]
    choosable = offered + list(dict.fromkeys(kept))
    rows = [
        {
            "rule": rule,
            "item": items.get(rule.item),
            "ops": builder.operators_for(items[rule.item].effective_type)
            if rule.item in items
            else [],
            "kind": _value_kind(items.get(rule.item), rule.op or "equals"),
            "choices": builder.value_choices(items[rule.item]) if rule.item in items else None,
        }
        for rule in rules
    ]
    return render_template(
        "questionnaires/condition_builder.html",
        questionnaire=questionnaire,
        node=current_node,
        mode=mode,
        rows=rows,
        items=[(i, _item_label(i, questionnaire)) for i in choosable],
        meta=utils.json_dumps(_meta(choosable), ensure_ascii=False),
        labels=builder.OPERATOR_LABELS,
        words=words,
        refused=refused,
        saved=node.condition,
        saved_words=wording.describe(node.condition, current),
        flattened=not builder.is_flat(node.condition),
    ), (422 if refused or any(r.error for r in rules) else 200)


@bp.route("/<code>/nodes/<int:node_id>/condition/remove", methods=["POST"])
def remove_condition(code: str, node_id: int):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    node = load_node(questionnaire, node_id)
    try:
        builder.save_condition(node, None, actor=current_user)
    except services.QuestionnaireError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(
            _("The condition is removed: %(number)s is always shown.", number=node.number),
            "success",
        )
    return redirect(url_for(".show", code=questionnaire.code, _anchor=f"node-{node.id}"))


@bp.route("/<code>/nodes/<int:node_id>/loop", methods=["GET", "POST"])
def section_loop(code: str, node_id: int):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    section = load_node(questionnaire, node_id)
    if not section.is_section:
        abort(404)
    refused = ""
    chosen = section.loop or ""
    if request.args.get("loop") in {member.value for member in Loop}:
        chosen = request.args["loop"]  # back from creating the species list: the choice kept
    if request.method == "POST":
        chosen = request.form.get("loop", "")
        try:
            builder.set_loop(section, chosen or None, actor=current_user)
        except services.QuestionnaireError as error:
            db.session.rollback()
            refused = str(error)
        else:
            db.session.commit()
            label = Loop(section.loop).label if section.loop else _("No loop")
            flash(_("Section %(number)s: %(loop)s.", number=section.number, loop=label), "success")
            return redirect(url_for(".show", code=questionnaire.code, _anchor=f"node-{section.id}"))
    species_list = builder.species_list_for(questionnaire)
    return render_template(
        "questionnaires/section_loop.html",
        questionnaire=questionnaire,
        section=section,
        chosen=chosen,
        loops=list(Loop),
        refused=refused,
        species_list=species_list,
        entries=species_list.entries if species_list is not None else [],
        previous_list=(
            species_lists.previous_list(questionnaire.instrument, questionnaire.cycle)
            if species_list is None
            else None
        ),
    ), (422 if refused else 200)
