"""Landing page, dashboard, language switch, health check and error pages."""

from flask import Blueprint

bp = Blueprint("main", __name__)


def register(app) -> None:
    """Attach the landing page, dashboard and health check to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.main import views  # noqa: F401 - its routes register on bp

    app.register_blueprint(bp)
