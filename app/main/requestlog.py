"""One log line per request, and a request id that ties a user's error page to its log lines.

Each request gets an id: the `X-Request-Id` a trusted reverse proxy sent (TRUSTED_PROXIES > 0;
letters, digits, `.`, `_`, `-`, at most 64), else 16 random hex digits. The response carries
it back (`X-Request-Id`), the error page shows it as the reference to give the administrators,
and every log record written during the request carries it with the signed-in user's id.

When the request ends, the logger `app.requests` writes its line: method, path (never the query
string, which may hold what someone searched for), status, time in milliseconds until the
response was ready (a streamed download goes on after), size when known, user id, address.

LOG_FORMAT says how the application's logs (the `app` logger and those under it) are written:
`json` (production's default), one JSON object per line for a log collector; `text`, one
readable line; `off` (the default of development and tests, where the development server logs
each request already): left to Python's defaults, and the request lines then go nowhere."""

from __future__ import annotations

import logging
import re
import secrets
import sys
import time

import sqlalchemy as sa
from flask import Flask, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.exc import NoInspectionAvailable

from config import proxy_count

HEADER = "X-Request-Id"
INCOMING = re.compile(r"[A-Za-z0-9._-]{1,64}")
FORMATS = ("json", "text", "off")
log = logging.getLogger("app.requests")


def request_id() -> str:
    """The id of the current request ("" outside one)."""
    return g.get("request_id", "") if has_request_context() else ""


def _user_id() -> int | None:
    """The signed-in user's id, read from what is in memory: Flask-Login keeps the user in g,
    and the id comes from its identity key, which an expired object keeps (reading `.id`
    would query the database again from inside a log call)."""
    user = g.get("_login_user") if has_request_context() else None
    if user is None:
        return None
    try:
        identity = sa.inspect(user).identity
    except NoInspectionAvailable:  # the anonymous user
        return None
    return identity[0] if identity else None


class RequestFacts(logging.Filter):
    """Adds the request id and the user id to every record written during a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        if not hasattr(record, "user_id"):
            record.user_id = _user_id()
        return True


def handler(fmt: str, stream=None) -> logging.Handler:
    """A handler writing `fmt` ("json" or "text") to `stream` (standard error)."""
    out = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        out.setFormatter(
            JsonFormatter(
                "{asctime}{levelname}{name}{message}",
                style="{",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                datefmt="%Y-%m-%dT%H:%M:%S%z",
            )
        )
    else:
        out.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s"
            )
        )
    out.addFilter(RequestFacts())
    out.family_ors = True  # ours: replaced, not doubled, when another app is created
    return out


def configure(fmt: str) -> None:
    """Write the `app` logs as `fmt`; "off" leaves them to Python's defaults."""
    if fmt not in FORMATS:
        raise ValueError(f"LOG_FORMAT={fmt!r}: one of {', '.join(FORMATS)}")
    logger = logging.getLogger("app")
    for old in [h for h in logger.handlers if getattr(h, "family_ors", False)]:
        logger.removeHandler(old)
    # the records the `app` logger writes itself (Flask's "Exception on …") carry the facts
    # whatever the format, for any handler (a test's too); those of the loggers below it get
    # them from our handler, and the request line states them itself
    if not any(isinstance(f, RequestFacts) for f in logger.filters):
        logger.addFilter(RequestFacts())
    if fmt == "off":
        logger.propagate = True
        return
    logger.addHandler(handler(fmt))
    logger.setLevel(logging.INFO)
    logger.propagate = False  # one line each, not again through the root logger


def register(app: Flask) -> None:
    configure(app.config.get("LOG_FORMAT", "off"))
    trusted = proxy_count(app.config.get("TRUSTED_PROXIES", 0)) > 0

    @app.before_request
    def start() -> None:
        incoming = request.headers.get(HEADER, "") if trusted else ""
        g.request_id = incoming if INCOMING.fullmatch(incoming) else secrets.token_hex(8)
        g.request_started = time.perf_counter()

    @app.after_request
    def finish(response):
        if "request_id" not in g:  # a response made before `start` ran
            g.request_id = secrets.token_hex(8)
        response.headers[HEADER] = g.request_id
        started = g.get("request_started")
        elapsed = round((time.perf_counter() - started) * 1000, 1) if started else None
        log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": g.request_id,
                "user_id": _user_id(),
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": elapsed,
                "size": response.content_length,
                "remote_addr": request.remote_addr,
            },
        )
        return response
