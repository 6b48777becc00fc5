"""Questionnaires: an instrument's form for one reporting cycle, built from bank questions and
local questions, with sections, loops and skip logic."""

from flask import Blueprint

from app.bank import uses
from app.questionnaires import bank_uses

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")

# The bank's pages and rules ask where it is used; only the questionnaires can say.
uses.install(bank_uses)


def register(app) -> None:
    """Attach the questionnaire pages and the designer to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.questionnaires import (  # noqa: F401 - their routes register on bp
        bank_insert,
        conditions_ui,
        confirmations,
        designer,
        designer_bank_item,
        loop_species,
        texts,
        views,
    )

    app.register_blueprint(bp)
