"""The secretariat's publish and withdraw actions (the panel on the questionnaire page and on the
analysis status page posts here)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.extensions import db
from app.policy import require
from app.public import manage_bp, services
from app.questionnaires import services as questionnaires
from app.security import safe_next


def _managed(code: str):
    found = questionnaires.questionnaire_by_code(code[:40])
    if found is None:
        abort(404)
    require("publication.manage", found)
    return found


def _back(questionnaire):
    default = url_for("questionnaires.show", code=questionnaire.code)
    return redirect(safe_next(request.form.get("next"), default))


@manage_bp.route("/<code>/publish", methods=["POST"])
@login_required
def publish(code: str):
    questionnaire = _managed(code)
    try:
        services.publish(questionnaire, current_user)
    except services.PublicationError as refused:
        db.session.rollback()
        flash(str(refused), "danger")
        return _back(questionnaire)
    _owed, _received, accepted = services.counts(questionnaire)
    db.session.commit()
    flash(
        ngettext(
            "Questionnaire %(code)s is now public with its %(num)d accepted report; "
            "reports accepted later will appear there too.",
            "Questionnaire %(code)s is now public with its %(num)d accepted reports; "
            "reports accepted later will appear there too.",
            accepted,
            code=questionnaire.code,
        ),
        "success",
    )
    return _back(questionnaire)


@manage_bp.route("/<code>/withdraw", methods=["POST"])
@login_required
def withdraw(code: str):
    questionnaire = _managed(code)
    try:
        services.withdraw(questionnaire, current_user)
    except services.PublicationError as refused:
        db.session.rollback()
        flash(str(refused), "danger")
        return _back(questionnaire)
    db.session.commit()
    flash(
        _(
            "The public pages of questionnaire %(code)s are withdrawn: visitors no longer "
            "reach its reports nor its results.",
            code=questionnaire.code,
        ),
        "success",
    )
    return _back(questionnaire)
