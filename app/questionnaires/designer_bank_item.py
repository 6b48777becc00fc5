"""Designer page of a bank item: what this questionnaire sets on a question it takes from the bank
(required, confidential, local guidance in each working language). The bank question itself is
shown read-only: it changes in the bank. The rules live in app/questionnaires/editing.py."""

from __future__ import annotations

from flask import abort, flash, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField

from app.extensions import db
from app.questionnaires import bp, editing
from app.questionnaires.pages import (
    add_text_fields,
    back_to_design,
    load_draft,
    load_node,
    posted_texts,
    working_languages,
)
from app.questionnaires.services import QuestionnaireError


class _BankItemForm(FlaskForm):
    required = BooleanField(_l("Required"))
    confidential = BooleanField(_l("Confidential"))


def _bank_item_form(questionnaire, **kwargs):
    langs = working_languages(questionnaire)

    class BankItemForm(_BankItemForm):
        pass

    add_text_fields(BankItemForm, "guidance", _l("Local guidance"), langs, area=True)
    return BankItemForm(**kwargs), langs


@bp.route("/<code>/design/<int:node_id>/bank-item", methods=["GET", "POST"])
def design_bank_item(code: str, node_id: int):
    """Required, confidential and local guidance of a bank item of a draft."""
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    item = load_node(questionnaire, node_id)
    if not item.is_bank_item:
        abort(404)
    data = {"required": item.required, "confidential": item.confidential}
    data |= {f"guidance_{k}": v for k, v in (item.guidance or {}).items()}
    form, langs = _bank_item_form(questionnaire, data=data)
    if form.validate_on_submit():
        try:
            editing.update_bank_item(
                item,
                required=form.required.data,
                confidential=form.confidential.data,
                guidance=posted_texts(form, "guidance", langs),
                actor=current_user,
            )
        except QuestionnaireError as error:
            db.session.rollback()
            flash(str(error), "danger")
            item = load_node(questionnaire, node_id)
        else:
            db.session.commit()
            flash(_("Question %(number)s saved.", number=item.number), "success")
            return back_to_design(questionnaire, item.id)
    return render_template(
        "questionnaires/designer_bank_item.html",
        questionnaire=questionnaire,
        item=item,
        version=item.bank_version,
        form=form,
        langs=langs,
    )
