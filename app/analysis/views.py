"""The analysis pages: the questionnaires one may analyse, where their reports stand, their
results item by item (with a breakdown by region, per species or site, "other" texts), the
free texts of a question, and each table's data as CSV or XLSX and its chart as SVG. Views
parse, ask the policy and the services, and render."""

from __future__ import annotations

import re

from flask import abort, render_template, request
from flask_login import current_user, login_required

from app import bounds, policy
from app.analysis import (
    bp,
    compare,
    cycles,
    query,
    responses,
    results,
    status,
    synthesis,
    tables,
    targets,
    texts,
)
from app.analysis.filters import answerable_items, as_args, filters_from_args
from app.answers import Saying, options
from app.directory.models import MembershipStatus, Region
from app.forms_common import checked_search
from app.i18n import current_language, translate
from app.policy import require
from app.questionnaires.models import Questionnaire
from app.reporting.models import ReportStatus

ITEM_KEY = re.compile(r"item-(\d{1,10})(?:-|$)")


def _filters(questionnaire: Questionnaire):
    found, problems = filters_from_args(request.args, questionnaire)
    if problems:
        responses.refuse(problems)
    return found


def _filtered(questionnaire: Questionnaire, filters, lang: str) -> dict:
    """What a filtered page's template needs of its filters: the filters, the query string
    that keeps them in its links, and what the filter form offers."""
    return {
        "filters": filters,
        "filter_args": as_args(filters),
        "choices": _filter_choices(questionnaire, lang),
    }


def analysed_questionnaires(user) -> list[Questionnaire]:
    """The published, closed and archived questionnaires of the instruments `user` analyses,
    by instrument then latest cycle first."""
    return cycles.analysed(query.Scope.of(user))


def _asked_item() -> tuple[int, ...]:
    """The item whose table or chart alone is asked for (`?table=item-12…`, `?chart=item-12…`),
    so that a download or a chart computes one item, not the whole questionnaire."""
    key = request.args.get("table") or request.args.get("chart") or ""
    match = ITEM_KEY.match(key)
    node_id = bounds.integer_or(match.group(1)) if match else None
    return (node_id,) if node_id is not None else ()


def _filter_choices(questionnaire: Questionnaire, lang: str) -> dict:
    """What the filter form offers: regions, statuses and the choices of the choice items."""
    say = Saying(lang, questionnaire.instrument)
    answered = []
    for node in answerable_items(questionnaire).values():
        text = translate(node.effective_text, lang=lang, instrument=questionnaire.instrument)
        for key, label in options(node.effective_type, node.effective_config, say):
            answered.append((f"{node.id}:{key}", node.number, str(text), label))
    return {
        "regions": Region.choices(),
        "memberships": MembershipStatus.choices(),
        "statuses": ReportStatus.choices(),
        "answered": answered,
    }


@bp.route("/")
@login_required
def index():
    require("analysis.use")
    lang = current_language()
    found = analysed_questionnaires(current_user)
    rows = []
    for questionnaire in found:
        owed, submitted = query.denominators(questionnaire)
        rows.append((questionnaire, owed, submitted))
    scope = query.Scope.of(current_user)
    return render_template(
        "analysis/index.html",
        rows=rows,
        lang=lang,
        compare_choices=compare.question_choices(scope, lang),
        tag_choices=targets.tag_choices(scope, lang),
    )


@bp.route("/<code>/status")
@login_required
def status_page(code: str):
    questionnaire = responses.questionnaire(code)
    filters = _filters(questionnaire)
    lang = current_language()
    rows = status.status_rows(questionnaire, filters, lang)
    table_list = [tables.status_table(rows), tables.region_table(status.by_region(rows))]
    answer = responses.asked(table_list, f"{questionnaire.code}-status")
    if answer is not None:
        return answer
    return render_template(
        "analysis/status.html",
        questionnaire=questionnaire,
        rows=rows,
        tables=table_list,
        **_filtered(questionnaire, filters, lang),
    )


@bp.route("/<code>/results")
@login_required
def results_page(code: str):
    questionnaire = responses.questionnaire(code)
    filters = _filters(questionnaire)
    lang = current_language()
    asked = _asked_item()
    found = results.results(
        questionnaire, query.Scope.of(current_user), filters, lang, node_ids=asked
    )
    if asked and not found.items:
        abort(404)
    per_item = [(item, tables.item_tables(item)) for item in found.items]
    table_list = [t for _item, item_tables in per_item for t in item_tables]
    answer = responses.asked(table_list, f"{questionnaire.code}-results")
    if answer is not None:
        return answer
    return render_template(
        "analysis/results.html",
        questionnaire=questionnaire,
        found=found,
        per_item=per_item,
        **_filtered(questionnaire, filters, lang),
    )


@bp.route("/<code>/results/<int:node_id>")
@login_required
def item_page(code: str, node_id: int):
    questionnaire = responses.questionnaire(code)
    filters = _filters(questionnaire)
    lang = current_language()
    found = results.results(
        questionnaire, query.Scope.of(current_user), filters, lang, node_ids=(node_id,)
    )
    if not found.items:
        abort(404)
    item = found.items[0]
    table_list = tables.item_tables(item, detail=True)
    answer = responses.asked(table_list, f"{questionnaire.code}-{item.number}")
    if answer is not None:
        return answer
    return render_template(
        "analysis/item.html",
        questionnaire=questionnaire,
        found=found,
        item=item,
        note=tables.denominators_note(item.tally, item.owed),
        tables=table_list,
        **_filtered(questionnaire, filters, lang),
    )


@bp.route("/<code>/texts/<int:node_id>")
@login_required
def texts_page(code: str, node_id: int):
    questionnaire = responses.questionnaire(code)
    filters = _filters(questionnaire)
    lang = current_language()
    search, refused = checked_search(request.args.get("q", ""))
    if refused:
        responses.refuse([refused])
    found = texts.free_texts(
        questionnaire, node_id, query.Scope.of(current_user), filters, search, lang
    )
    if found is None:
        abort(404)
    table_list = [texts.texts_table(found)]
    answer = responses.asked(table_list, f"{questionnaire.code}-{found.number}-texts")
    if answer is not None:
        return answer
    return render_template(
        "analysis/texts.html",
        questionnaire=questionnaire,
        found=found,
        search=search,
        tables=table_list,
        may_star=policy.can("synthesis.plan", questionnaire),
        stars=synthesis.starred(questionnaire),
        **_filtered(questionnaire, filters, lang),
    )
