"""The harmonised question bank: versioned questions shared by every instrument, and species."""

from flask import Blueprint

bp = Blueprint("bank", __name__, url_prefix="/bank")


def register(app) -> None:
    """Attach the bank pages to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.bank import authoring, species_views, views  # noqa: F401 - routes register on bp

    app.register_blueprint(bp)
