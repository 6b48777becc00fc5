"""Designer: a species loop needs the instrument's species list for the questionnaire's cycle.
Where there is none yet, the loop page creates it, as a copy of the previous cycle's list, in one
action that returns to the loop page with the choice kept."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.bank import species_lists
from app.bank.services import BankError
from app.extensions import db
from app.policy import require
from app.questionnaires import bp
from app.questionnaires.models import Loop
from app.questionnaires.pages import load_draft, load_node


@bp.route("/<code>/nodes/<int:node_id>/loop/species-list", methods=["POST"])
def loop_species_list(code: str, node_id: int):
    questionnaire, back = load_draft(code)
    if back is not None:
        return back
    section = load_node(questionnaire, node_id)
    instrument = questionnaire.instrument
    require("species_list.manage", instrument)
    chosen = request.form.get("loop", "")
    kept = {"loop": chosen} if chosen in {member.value for member in Loop} else {}
    source = species_lists.previous_list(instrument, questionnaire.cycle)
    if source is None:
        flash(
            _("%(instrument)s has no species list of an earlier cycle to copy.",
              instrument=instrument.code),
            "danger",
        )  # fmt: skip
    else:
        try:
            created = species_lists.create_list(
                instrument, questionnaire.cycle, copy_from=source, actor=current_user
            )
        except BankError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(
                _(
                    "The list for %(cycle)s is created from %(source)s: %(count)d species.",
                    cycle=created.cycle,
                    source=source.cycle,
                    count=len(created.entries),
                ),
                "success",
            )
    return redirect(url_for(".section_loop", code=questionnaire.code, node_id=section.id, **kept))
