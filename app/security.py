"""Security headers on every response, the trusted proxies' headers, the one check of a
redirect target a request names, and the refusal of text no database can store."""

import re
import unicodedata
from urllib.parse import unquote

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.middleware.proxy_fix import ProxyFix

from config import proxy_count

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",  # the report pages' service worker (app/reporting/offline.py)
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def register(app: Flask) -> None:
    behind_proxies(app)
    app.before_request(refuse_unstorable_text)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def behind_proxies(app: Flask) -> None:
    """With TRUSTED_PROXIES=n, the client's address and scheme are read from what the n proxies
    in front appended to X-Forwarded-For and X-Forwarded-Proto (the rate limits count per
    person, not per proxy); without it those headers are ignored, as anyone can send them.
    The Host header is never taken from X-Forwarded-Host: the proxy passes Host through."""
    count = proxy_count(app.config.get("TRUSTED_PROXIES", 0))
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


MAX_NEXT = 2048  # longer than any page address of the site


def safe_next(target: object, default: str) -> str:
    """`target` when it is a path of this site, else `default`: the only way a `next` (or any
    address a request names) becomes a redirect.

    Browsers drop tabs and newlines inside an address, read a backslash as a slash and take
    `//host` for another site; some proxies decode `%2F` before routing. So a target is refused
    when it is longer than MAX_NEXT, holds whitespace, a control or format character or a
    backslash, or does not start with exactly one slash, as written or once its path is decoded
    or normalised (NFKC turns a fullwidth solidus into a slash)."""
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT:
        return default
    if "\\" in target or _has_control(target) or any(ch.isspace() for ch in target):
        return default
    forms = [target, unicodedata.normalize("NFKC", target)]
    path = target.split("?", 1)[0].split("#", 1)[0]
    for _round in range(3):  # decoded twice by two proxies, still one slash
        path = unquote(path)
        forms += [path, unicodedata.normalize("NFKC", path)]
    for form in dict.fromkeys(forms):
        if len(form) > MAX_NEXT or form[:1] != "/" or form[1:2] in ("/", "\\") or "\\" in form:
            return default
        if _has_control(form):
            return default
    return target


_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _has_control(text: str) -> bool:
    """A control, format (bidirectional override, zero-width), surrogate, private or unassigned
    character."""
    if text.isascii():
        return _ASCII_CONTROL.search(text) is not None
    return any(unicodedata.category(ch).startswith("C") for ch in text)


# NUL is refused by PostgreSQL in any text; a lone surrogate (which only a JSON escape such as
# "\ud800" can carry, forms are decoded with replacement) cannot be encoded in UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MAX_JSON_DEPTH = 32  # deeper than anything the pages send


def unstorable(value: object, depth: int = 0) -> bool:
    """Whether `value` (a text, or JSON made of texts, lists and objects) holds a character no
    database can store, or nests deeper than any page sends."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if depth > MAX_JSON_DEPTH:
        return True
    if isinstance(value, dict):
        return any(unstorable(k) or unstorable(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(unstorable(v, depth + 1) for v in value)
    return False


def refuse_unstorable_text():
    """Refuse, before any view reads it, a request whose fields or JSON hold a NUL or a lone
    surrogate: saved as they are they make the database fail (a 500), and removing them would
    change what the person sent without telling them."""
    texts = [*request.args.items(multi=True)]
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        texts += request.form.items(multi=True)
        texts += [(name, f.filename or "") for name, f in request.files.items(multi=True)]
    found = any(unstorable(name) or unstorable(value) for name, value in texts)
    if not found and request.is_json:
        found = unstorable(request.get_json(silent=True))
    if not found:
        return None
    message = _(
        "What you sent holds an invisible control character (such as a null) that cannot be "
        "stored. Remove it, for example by typing the text again, and send it again. Nothing "
        "was saved from this request."
    )
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(status="error", message=message), 400
    page = render_template("errors/error.html", code=400, title=_("Bad request"), message=message)
    return page, 400
