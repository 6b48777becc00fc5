"""Report pages that open without a connection: the service worker (app/static/js/sw.js, served
from /reports/ so that its scope covers the report pages), the page it shows for a report page
never opened on this device, and what the layout needs to register the worker or, once the user
is signed out, to delete what it kept (see app/static/js/offline.js)."""

from __future__ import annotations

import hashlib
import hmac

from flask import (
    current_app,
    has_request_context,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_login import current_user

from app.i18n import current_language
from app.reporting import bp

CACHE_PREFIX = "ors-offline-"  # every cache the worker makes starts with this (sw.js, offline.js)


def cache_key(user_id: int) -> str:
    """A name for one account's cache of pages that does not show the account's id."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"offline-pages:{user_id}".encode(), hashlib.sha256).hexdigest()[:16]


@bp.route("/sw.js")
def worker():
    """The service worker. A new account or language gives it a new address (see
    `offline_script`), so the browser installs it again: a new cache, the offline page again."""
    response = send_from_directory(
        current_app.static_folder, "js/sw.js", mimetype="application/javascript", max_age=0
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/offline")
def offline():
    """Shown by the worker, without a connection, for a report page not opened before."""
    return render_template("reporting/offline.html")


@bp.app_context_processor
def offline_script() -> dict:
    """Attributes of the layout's offline.js: register the worker on the report pages of a
    signed-in user; delete its caches on any page seen signed out (where logging out lands)."""
    if not has_request_context():  # e-mails rendered by a command
        return {"offline_script": None}
    if not current_user.is_authenticated:
        return {"offline_script": {"data-forget": CACHE_PREFIX, "data-scope": bp.url_prefix + "/"}}
    if not request.path.startswith(bp.url_prefix + "/"):
        return {"offline_script": None}
    url = url_for("reporting.worker", k=cache_key(current_user.id), l=current_language())
    return {"offline_script": {"data-worker": url}}
