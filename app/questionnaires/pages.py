"""What the questionnaire pages share: the questionnaire and node a request may act on, the
guard that sends back from a questionnaire that is no longer a draft, and the per-language text
fields of the designer's forms."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional

from app import policy
from app.bounds import MAX_WORDING
from app.directory.models import Instrument
from app.extensions import db
from app.forms_common import TextLength
from app.policy import require
from app.questionnaires import services
from app.questionnaires.models import Node


def own_instruments() -> list[Instrument]:
    """The instruments whose secretariat the current user is (those they may create a draft
    for, by hand or from a file); the request ends with 403 for anyone else."""
    ids = policy.secretariat_instrument_ids(current_user)
    if not ids:
        abort(403)
    return list(
        db.session.scalars(
            db.select(Instrument).where(Instrument.id.in_(ids)).order_by(Instrument.code)
        )
    )


def load_questionnaire(code: str, action: str = "questionnaire.view"):
    """The questionnaire `code` if the current user may do `action` to it; otherwise the request
    ends here (404 for none or one hidden from them, 403 else)."""
    questionnaire = services.questionnaire_by_code(code)
    if questionnaire is None:
        abort(404)
    require(action, questionnaire)
    return questionnaire


def load_node(questionnaire, node_id: int | None) -> Node:
    """A node of `questionnaire` (404 for another questionnaire's, or none)."""
    node = db.session.get(Node, node_id or 0)
    if node is None or node.questionnaire_id != questionnaire.id:
        abort(404)
    return node


def draft_or_back(questionnaire):
    """None for a draft; else the way back to the outline, with the reason."""
    if questionnaire.is_draft:
        return None
    flash(_("Only a draft questionnaire can change its structure."), "warning")
    return redirect(url_for("questionnaires.show", code=questionnaire.code))


def load_draft(code: str):
    """The questionnaire the secretariat manages, and the way back if it is not a draft."""
    questionnaire = load_questionnaire(code, "questionnaire.manage")
    return questionnaire, draft_or_back(questionnaire)


def back_to_design(questionnaire, node_id: int | None = None):
    """Back to the designer's outline, at `node_id` if given."""
    anchor = f"node-{node_id}" if node_id else None
    return redirect(url_for("questionnaires.design", code=questionnaire.code, _anchor=anchor))


def working_languages(questionnaire) -> list[str]:
    """The languages the designer asks a text in: the instrument's working languages."""
    return list(questionnaire.instrument.working_languages or ["en"])


def posted_texts(form, prefix: str, langs: list[str]) -> dict[str, str]:
    """Language → the stripped text posted in the fields `add_text_fields` made."""
    return {lang: (form[f"{prefix}_{lang}"].data or "").strip() for lang in langs}


def add_text_fields(
    cls, prefix: str, label, langs: list[str], area: bool = False, required: bool = False
) -> None:
    """Give the form class `cls` one field `<prefix>_<lang>` per language in `langs`.

    `required`: the first language must be written (the view checks it); its field says so
    before anything is submitted (the `required` attribute and a mark in its label)."""
    for index, lang in enumerate(langs):
        field = TextAreaField if area else StringField
        render_kw: dict = {"lang": lang}
        if area:
            render_kw |= {"rows": 2, "data-counter": True}
        if required and index == 0:
            render_kw["required"] = True
        setattr(
            cls,
            f"{prefix}_{lang}",
            field(label, validators=[Optional(), TextLength(MAX_WORDING)], render_kw=render_kw),
        )
