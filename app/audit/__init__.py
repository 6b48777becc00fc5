"""The audit log: who changed what, readable by admins."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


def register(app) -> None:
    """Attach the audit pages to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.audit import views  # noqa: F401 - its routes register on bp

    app.register_blueprint(bp)
