"""Outgoing mail, rendered in the recipient's language, kept in an outbox and sent through the
job queue; the administrators' page of what could not be sent."""

from flask import Blueprint

bp = Blueprint("mail_admin", __name__, url_prefix="/admin/mail")


def register(app) -> None:
    """Attach the outbox page to `app` (pages imported here, as the audit package does)."""
    from app.notify import views  # noqa: F401 - its routes register on bp

    app.register_blueprint(bp)
