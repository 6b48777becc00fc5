"""Security headers on every response, the trusted proxies' headers, and the one check of a
redirect target a request names."""

import re
import unicodedata
from urllib.parse import unquote

from flask import Flask, Response
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
    for _ in range(3):  # decoded twice by two proxies, still one slash
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
