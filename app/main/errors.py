"""Error pages in the site's layout and the reader's language."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.main import requestlog

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
