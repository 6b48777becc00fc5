"""The public pages, one address per language (/public/<lang>/…), for anyone: the published
questionnaires, a questionnaire's accepted reports (each as a PDF without its confidential items)
and its results per question with their charts and data files.

Every page and file asks the policy ("public.questionnaire") on each request, so a withdrawal
takes effect at once, and answers a conditional request from its ETag and Last-Modified before
computing anything. They are the same for every reader (no name, no form, no cookie), hence
cacheable by anyone for a few minutes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from flask import Response, abort, redirect, render_template, request, url_for
from werkzeug.http import is_resource_modified

from app import bounds
from app.analysis import charts, tables
from app.i18n import current_language, languages
from app.policy import require
from app.public import bp, services
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire
from app.reporting import printing

MAX_AGE = 300  # seconds a cache may keep a page before asking again
ITEM_KEY = re.compile(r"item-(\d{1,10})(?:-|$)")
TABLE_KEY = re.compile(r"[a-z0-9-]{1,80}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.before_request
def known_language():
    """An address in a language the site does not speak does not exist."""
    lang = (request.view_args or {}).get("lang")
    if lang is not None and lang not in languages():
        abort(404)


@bp.errorhandler(404)
def not_found(error):
    """A public address that does not exist, in the public layout: it sets no cookie either."""
    return render_template("public/error.html", lang=current_language()), 404


def _questionnaire(code: str) -> Questionnaire:
    """The questionnaire `code` if it is public now; 404 for any other (also to its staff)."""
    found = questionnaires.questionnaire_by_code(code[:40])
    if found is None:
        abort(404)
    require("public.questionnaire", found)
    return found


def _cached(tag: str, modified: datetime | None, build: Callable[[], Response]) -> Response:
    """304 when the reader's copy is current (checked before `build` runs), else `build()`;
    either way with the validators and a short public lifetime. Weak ETags: the compression
    layer leaves them as they are, so a compressed page is revalidated too."""
    if not is_resource_modified(request.environ, etag=tag, last_modified=modified):
        response = Response(status=304)
    else:
        response = build()
    response.set_etag(tag, weak=True)
    if modified is not None:
        response.last_modified = modified
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response


@bp.route("/")
def home():
    """The index in the reader's language."""
    response = redirect(url_for(".index", lang=current_language()))
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


@bp.route("/<lang>/")
def index(lang: str):
    found = services.published_questionnaires()
    tag, modified = services.index_etag(found, lang)

    def build() -> Response:
        rows = []
        for questionnaire in found:
            owed, received, accepted = services.counts(questionnaire)
            rows.append((questionnaire, owed, received, accepted))
        return Response(render_template("public/index.html", rows=rows, lang=lang))

    return _cached(tag, modified, build)


@bp.route("/<lang>/<code>/")
def questionnaire_page(lang: str, code: str):
    questionnaire = _questionnaire(code)
    tag = services.etag(questionnaire, lang, "page")

    def build() -> Response:
        found = services.public_results(questionnaire, lang)
        owed, received, accepted = services.counts(questionnaire)
        return Response(
            render_template(
                "public/questionnaire.html",
                questionnaire=questionnaire,
                lang=lang,
                owed=owed,
                received=received,
                accepted=accepted,
                reports=services.accepted_reports(questionnaire, lang),
                per_item=[(item, tables.item_tables(item)) for item in found.items],
            )
        )

    return _cached(tag, services.last_modified(questionnaire), build)


def _table(questionnaire: Questionnaire, lang: str, key: str) -> tables.Table:
    """The table `key` of the public page (one item computed, not the whole questionnaire)."""
    match = ITEM_KEY.match(key) if TABLE_KEY.fullmatch(key) else None
    node_id = bounds.integer_or(match.group(1)) if match else None
    if node_id is None:
        abort(404)
    found = services.public_results(questionnaire, lang, node_ids=(node_id,))
    for item in found.items:
        for table in tables.item_tables(item):
            if table.key == key:
                return table
    abort(404)


@bp.route("/<lang>/<code>/charts/<key>.svg")
def chart(lang: str, code: str, key: str):
    questionnaire = _questionnaire(code)
    tag = services.etag(questionnaire, lang, "chart", key[:80])

    def build() -> Response:
        table = _table(questionnaire, lang, key)
        if not table.has_chart:
            abort(404)
        response = Response(charts.svg(tables.chart_of(table, lang)), mimetype="image/svg+xml")
        # an SVG shown as an image carries matplotlib's style attributes, and nothing else
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
        return response

    return _cached(tag, services.last_modified(questionnaire), build)


@bp.route("/<lang>/<code>/data/<key>.<fmt>")
def data(lang: str, code: str, key: str, fmt: str):
    questionnaire = _questionnaire(code)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    tag = services.etag(questionnaire, lang, "data", key[:80], fmt)

    def build() -> Response:
        table = _table(questionnaire, lang, key)
        if fmt == "csv":
            response = Response(tables.csv_bytes(table), mimetype="text/csv")
        else:
            response = Response(tables.xlsx_bytes(table), mimetype=XLSX)
        filename = f"{questionnaire.code}-{table.key}-{lang}.{fmt}"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    return _cached(tag, services.last_modified(questionnaire), build)


@bp.route("/<lang>/<code>/reports/<party>.pdf")
def report_pdf(lang: str, code: str, party: str):
    questionnaire = _questionnaire(code)
    found = services.accepted_report(questionnaire, party)
    if found is None:
        abort(404)
    report, submission = found
    tag = services.etag(questionnaire, lang, "pdf", report.party.code, str(submission.number))

    def build() -> Response:
        snap = services.public_snapshot(
            submission.snapshot, services.confidential_node_ids(questionnaire)
        )
        body = printing.pdf_of(report, snap, lang, submission, confidential=False)
        response = Response(body, mimetype="application/pdf")
        filename = f"{questionnaire.code}-{report.party.code}-{lang}.pdf"
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    return _cached(tag, services.last_modified(questionnaire), build)
