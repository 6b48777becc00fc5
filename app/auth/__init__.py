"""Accounts, sign-in, password reset and role grants."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/account")
users_bp = Blueprint("users", __name__, url_prefix="/admin/users")


def register(app) -> None:
    """Attach the account pages (bp) and the admins' user pages (users_bp) to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.auth import admin, views  # noqa: F401 - their routes register on the blueprints

    app.register_blueprint(bp)
    app.register_blueprint(users_bp)
