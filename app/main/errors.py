"""Error pages in the site's layout and the reader's language."""

import logging

from flask import Flask, jsonify, render_template, request, session
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from app import i18n
from app.extensions import db
from app.main import requestlog

log = logging.getLogger(__name__)
# what a client is told to wait before trying again when the database does not answer (a
# restart takes a few seconds; the autosave script waits at least five)
RETRY_AFTER_SECONDS = 5
UNAVAILABLE = _l(
    "The site cannot reach its database just now. Nothing you had saved is lost, and what you "
    "type in a report is kept in this browser and sent again; try again in a moment."
)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account does not give you access to this page.")),
    404: (_l("Page not found"), _l("There is no page at this address, or it is not yours to see.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    413: (_l("File too large"), _l("What you sent is larger than the site accepts.")),
    429: (
        _l("Too many attempts"),
        _l("You tried too often in a short time. Wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("The site met an error. Nothing you had saved is lost; try again in a moment."),
    ),
}


def render_error(code: int):
    title, message = MESSAGES.get(code, MESSAGES[500])
    # an unexpected error: the reference that finds its lines in the log
    reference = requestlog.request_id() if code >= 500 else ""
    return render_template(
        "errors/error.html", code=code, title=title, message=message, reference=reference
    ), code


def register(app: Flask) -> None:
    def handle_http(error: HTTPException):
        if error.code == 401 or error.code is None or error.code not in MESSAGES:
            return error
        return render_error(error.code)

    def handle_500(error: Exception):
        db.session.rollback()
        return render_error(500)

    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(500, handle_500)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)


def database_unavailable(error: Exception):
    """The database stopped answering (restarted, failed over, or out of connections): 503
    with a message, as JSON to the autosave script (which keeps the change and resends it) and
    as a page to a person, never the generic 500. The page reads nothing from the database: no
    layout, whose menu asks the policy, and the language from what is already in memory."""
    log.error("the database does not answer: %s", error)
    locale = _language()
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - a connection already gone; the session is removed anyway
        log.debug("rollback after a database error failed", exc_info=True)
    with force_locale(locale):
        message = str(UNAVAILABLE)
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            response = jsonify(status="unavailable", message=message)
        else:
            response = render_template(
                "errors/unavailable.html",
                lang=locale,
                message=message,
                reference=requestlog.request_id(),
            )
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return response, 503, headers


def _language() -> str:
    """The reader's language without a query: the signed-in user's, if already loaded, else
    the session's, else the browser's."""
    from flask import g

    available = i18n.languages()
    user = g.get("_login_user")
    loaded = getattr(user, "__dict__", {}).get("locale")  # never a lazy load
    for candidate in (loaded, session.get("lang")):
        if candidate in available:
            return candidate
    return request.accept_languages.best_match(available) or i18n.DEFAULT_LANGUAGE
