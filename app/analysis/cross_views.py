"""The analysis pages across instruments and cycles: one bank question compared across
instruments, what the reports say about one target, and a cycle against the previous one.
Views parse and check the arguments (a translated 400 for anything refused), ask the
services, and render; every table has its downloads and chart as on the other pages."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.analysis import bp, compare, query, responses, tables, targets, trends
from app.i18n import current_language
from app.policy import require

ONLY_DIFFERENT = "different"
ALL_CYCLES = "all"


@bp.route("/compare")
@login_required
def compare_page():
    require("analysis.use")
    lang = current_language()
    scope = query.Scope.of(current_user)
    period, problems = compare.period_from_args(request.args)
    code = request.args.get("code", "")
    question = compare.question_for(code, scope) if code else None
    if code and question is None:
        problems.append(_("No questionnaire you analyse asks this bank question."))
    only = request.args.get("only", "")
    if only not in ("", ONLY_DIFFERENT):
        problems.append(_("This choice of answers to show does not exist."))
    if problems:
        responses.refuse(problems)
    found = None
    table_list: list[tables.Table] = []
    args: dict = {}
    if question is not None:
        found = compare.compare(question, scope, period, lang, only_different=bool(only))
        table_list = [compare.compare_table(found)]
        args = {"code": question.code, "from": period.first, "to": period.last}
        if only:
            args["only"] = only
    name = f"compare-{question.code}" if question else "compare"
    answer = responses.asked(table_list, name)
    if answer is not None:
        return answer
    return render_template(
        "analysis/compare.html",
        found=found,
        period=period,
        only=only,
        choices=compare.question_choices(scope, lang),
        tables=table_list,
        args=args,
        first_year=compare.FIRST_YEAR,
        last_year=compare.LAST_YEAR,
    )


@bp.route("/targets")
@login_required
def targets_page():
    require("analysis.use")
    lang = current_language()
    scope = query.Scope.of(current_user)
    problems = []
    tag = request.args.get("tag", "")
    target = targets.target_of(tag) if tag else None
    if tag and target is None:
        problems.append(_("This target is not one of the list."))
    every_cycle = request.args.get("cycles", "")
    if every_cycle not in ("", ALL_CYCLES):
        problems.append(_("This choice of cycles does not exist."))
    if problems:
        responses.refuse(problems)
    found = None
    per_item: list = []
    args: dict = {}
    if target is not None:
        found = targets.target_results(target, scope, lang, all_cycles=bool(every_cycle))
        per_item = [
            (asked, [(item, tables.item_tables(item)) for item in asked.results.items])
            for asked in found.asked
        ]
        args = {"tag": target.tag}
        if every_cycle:
            args["cycles"] = every_cycle
    table_list = [
        t for _asked, items in per_item for _item, item_tables in items for t in item_tables
    ]
    name = f"target-{target.tag.replace(':', '-')}" if target else "target"
    answer = responses.asked(table_list, name)
    if answer is not None:
        return answer
    return render_template(
        "analysis/targets.html",
        found=found,
        target=target,
        per_item=per_item,
        every_cycle=every_cycle,
        choices=targets.tag_choices(scope, lang),
        args=args,
        lang=lang,
    )


@bp.route("/<code>/trends")
@login_required
def trends_page(code: str):
    questionnaire = responses.questionnaire(code)
    lang = current_language()
    found = trends.trends(questionnaire, query.Scope.of(current_user), lang)
    per_item = []
    table_list: list[tables.Table] = []
    if found is not None:
        per_item = [(trend, trends.item_tables(found, trend)) for trend in found.items]
        table_list = [t for _trend, item_tables in per_item for t in item_tables]
        table_list.append(trends.unmatched_table(found))
    answer = responses.asked(table_list, f"{questionnaire.code}-trends")
    if answer is not None:
        return answer
    return render_template(
        "analysis/trends.html",
        questionnaire=questionnaire,
        found=found,
        per_item=per_item,
        unmatched=table_list[-1] if found is not None else None,
    )
