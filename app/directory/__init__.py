"""Instruments, parties and memberships: who belongs to which treaty, and who owes a report."""

from flask import Blueprint

bp = Blueprint("directory", __name__)
admin_bp = Blueprint("directory_admin", __name__, url_prefix="/admin")


def register(app) -> None:
    """Attach the public directory pages (bp) and the admins' pages (admin_bp) to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.directory import admin, views  # noqa: F401 - their routes register on the blueprints

    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
