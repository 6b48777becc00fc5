"""National reports: a party's answers to a published questionnaire, filled by its focal point
and contributors, reviewed by the secretariat and submitted."""

from flask import Blueprint

bp = Blueprint("reporting", __name__, url_prefix="/reports")


def register(app) -> None:
    """Attach the report pages to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.reporting import (  # noqa: F401 - their routes register on bp
        offline,
        people,
        reuse_views,
        review,
        sites,
        views,
    )

    app.register_blueprint(bp)
