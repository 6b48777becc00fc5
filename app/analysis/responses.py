"""What every analysis page answers besides itself: the questionnaire it is about (404 to a
reader who does not analyse it), a table's data as CSV or XLSX (`?table=KEY&format=csv|xlsx`),
its chart as SVG (`?chart=KEY`), and a refusal of its arguments (a translated 400)."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from app.analysis import charts, tables
from app.i18n import current_language
from app.policy import require
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire, Status


def questionnaire(code: str) -> Questionnaire:
    """The questionnaire `code`, if the reader analyses its instrument (404 otherwise)."""
    require("analysis.use")
    found = questionnaires.questionnaire_by_code(code[:40])
    if found is None or found.status == Status.DRAFT.value:
        abort(404)
    require("analysis.questionnaire", found)
    return found


def refuse(problems: list[str]):
    """Stop with the page listing `problems` (translated sentences), status 400."""
    abort(Response(render_template("analysis/refused.html", problems=problems), 400))


def download(table_list: list[tables.Table], name: str):
    """The response for `?table=KEY&format=csv|xlsx`, or None when the page is asked for."""
    key = request.args.get("table", "")
    if not key:
        return None
    fmt = request.args.get("format", "csv")
    table = next((t for t in table_list if t.key == key), None)
    if table is None or fmt not in ("csv", "xlsx"):
        abort(404)
    filename = f"{name}-{table.key}-{current_language()}.{fmt}"
    if fmt == "csv":
        body, mimetype = tables.csv_bytes(table), "text/csv"  # Werkzeug adds "; charset=utf-8"
    else:
        body = tables.xlsx_bytes(table)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def chart(table_list: list[tables.Table]):
    """The SVG chart of `?chart=KEY`, or None."""
    key = request.args.get("chart", "")
    if not key:
        return None
    table = next((t for t in table_list if t.key == key and t.has_chart), None)
    if table is None:
        abort(404)
    response = Response(
        charts.svg(tables.chart_of(table, current_language())), mimetype="image/svg+xml"
    )
    # an SVG shown as an image carries matplotlib's style attributes, and nothing else
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def asked(table_list: list[tables.Table], name: str):
    """The download or the chart the arguments ask for, or None when they ask for the page."""
    return download(table_list, name) or chart(table_list)
