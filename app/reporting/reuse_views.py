"""Pages and one-click actions of reuse and pre-fill: reuse one answer offered to an item,
update a copy from its changed source, confirm a pre-filled answer ("still true"), the previews
of "reuse all available answers" and of the pre-fill from the previous cycle, and the list of
pre-filled answers left to confirm. Every action is a small POST form (no JavaScript needed)
that comes back to the item's anchor in its section.

What the report pages show comes from `reuse_panel`, `reuse_summary` and `reuse_counts`, given
to the reporting templates by a context processor and computed once per request.

The routes live on the reporting blueprint (see register() in app/reporting/__init__.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import bounds, policy
from app.i18n import current_language
from app.questionnaires.render import RenderedItem
from app.reporting import bp, delegation, prefill, reuse_copying, reuse_offers, services
from app.reporting.errors import ReportingError
from app.reporting.models import Report
from app.reporting.pages import committed, load_report


def _cell(filled: services.Filled, node_id: int):
    """The answer cell the request names, in a section the current user fills; 404 for a cell
    outside what they read."""
    node = filled.tree.by_id.get(node_id)
    if node is None or node.is_section or not filled.holds(node.id):
        abort(404)
    policy.require("section.fill", (filled.report, delegation.top_section_id(node, filled.tree)))
    loop_key = request.args.get("loop", "")
    if not filled.valid_loop_key(node, loop_key):
        abort(404)
    return node, loop_key


def _field_name(node, loop_key: str) -> str:
    return RenderedItem(node, loop_key, True, None).field_name


def _back(filled: services.Filled, node, loop_key: str) -> str:
    """The item in its section page (or the to-confirm list it was confirmed from)."""
    if request.form.get("back") == "to-confirm":
        return url_for(".to_confirm", report_id=filled.report.id)
    ancestors = filled.tree.ancestors(node)
    if not ancestors:
        return url_for(".show", report_id=filled.report.id)
    anchor = f"a-{_field_name(node, loop_key)}"
    report_id, section_id = filled.report.id, ancestors[-1].id
    return url_for(".section", report_id=report_id, section_id=section_id, _anchor=anchor)


def _write(
    report: Report,
    action: Callable[[services.Filled, str], object],
    filled: services.Filled | None = None,
):
    """Run `action` on the report and commit; on a stale SQLite snapshot the report is loaded
    again and the action tried again. `filled`, when the view has the report loaded already,
    serves the first attempt. On a refusal nothing is kept and the ReportingError goes up with
    its message."""
    lang = current_language()
    current = [filled or services.fill(report, lang, viewer=current_user)]

    def reload() -> None:
        current[0] = services.fill(report, lang, viewer=current_user)

    return committed(lambda: action(current[0], lang), retry=reload)


def _version() -> int | None:
    return request.args.get("v", type=bounds.integer)


# --- one cell -------------------------------------------------------------------------------------


def _on_cell(report_id: int, node_id: int, action, done: str):
    """One answer cell's action (reuse, update from source, confirm): run it, say how it went,
    and go back to the item."""
    report = load_report(report_id, "report.fill_part")
    filled = services.fill(report, current_language(), viewer=current_user)
    node, loop_key = _cell(filled, node_id)
    try:
        _write(report, lambda f, lang: action(f, node, loop_key, lang), filled)
        flash(done, "success")
    except ReportingError as error:
        flash(error.message, "danger")
    return redirect(_back(filled, node, loop_key))


@bp.route("/<int:report_id>/reuse/<int:node_id>", methods=["POST"])
def reuse_answer(report_id: int, node_id: int):
    source_id = request.form.get("source", type=bounds.integer)
    return _on_cell(
        report_id,
        node_id,
        lambda f, node, loop_key, lang: reuse_copying.reuse(
            f, node, loop_key, source_id, current_user, lang, _version()
        ),
        _("The answer is reused; you can still change it."),
    )


@bp.route("/<int:report_id>/reuse/<int:node_id>/update", methods=["POST"])
def reuse_update(report_id: int, node_id: int):
    return _on_cell(
        report_id,
        node_id,
        lambda f, node, loop_key, lang: reuse_copying.update_from_source(
            f, node, loop_key, current_user, lang, _version()
        ),
        _("The answer is updated from its source."),
    )


@bp.route("/<int:report_id>/confirm/<int:node_id>", methods=["POST"])
def confirm_answer(report_id: int, node_id: int):
    return _on_cell(
        report_id,
        node_id,
        lambda f, node, loop_key, lang: prefill.confirm(
            f, node, loop_key, current_user, _version()
        ),
        _("Confirmed as still true."),
    )


@bp.route("/<int:report_id>/sections/<int:section_id>/confirm", methods=["POST"])
def confirm_section(report_id: int, section_id: int):
    report = load_report(report_id, "report.fill_part")
    policy.require("section.fill", (report, section_id))
    try:
        count = _write(
            report,
            lambda f, lang: prefill.confirm_all_in_section(f, section_id, current_user),
        )
        flash(
            ngettext(
                "%(num)d answer confirmed as still true.",
                "%(num)d answers confirmed as still true.",
                count,
            ),
            "success",
        )
    except ReportingError as error:
        flash(error.message, "danger")
    return redirect(url_for(".section", report_id=report.id, section_id=section_id))


# --- many cells -----------------------------------------------------------------------------------


@bp.route("/<int:report_id>/reuse", methods=["GET", "POST"])
def reuse_all(report_id: int):
    """The preview of "reuse all available answers" (in the sections the user fills);
    confirming it fills exactly that."""
    report = load_report(report_id, "report.fill_part")
    if request.method == "POST":
        expected = request.form.get("expected", "")
        try:
            count = _write(
                report, lambda f, lang: reuse_copying.reuse_all(f, current_user, lang, expected)
            )
        except ReportingError as error:
            flash(error.message, "danger")
            return redirect(url_for(".reuse_all", report_id=report.id))
        flash(
            ngettext(
                "%(num)d answer reused: each one shows where it came from.",
                "%(num)d answers reused: each one shows where they came from.",
                count,
            ),
            "success",
        )
        return redirect(url_for(".show", report_id=report.id))
    return _copy_preview(report, "reuse", reuse_copying.preview_all)


@bp.route("/<int:report_id>/prefill", methods=["GET", "POST"])
def prefill_report(report_id: int):
    """The preview of the pre-fill from the previous cycle (in the sections the user fills);
    confirming it fills exactly that."""
    report = load_report(report_id, "report.fill_part")
    previous = prefill.previous_report(report)
    if previous is None or not policy.can("report.view", previous):
        abort(404)
    if request.method == "POST":
        expected = request.form.get("expected", "")
        try:
            result = _write(
                report, lambda f, lang: prefill.prefill(f, current_user, lang, expected)
            )
        except ReportingError as error:
            flash(error.message, "danger")
            return redirect(url_for(".prefill_report", report_id=report.id))
        flash(
            ngettext(
                "%(num)d answer pre-filled: confirm it or change it before submitting.",
                "%(num)d answers pre-filled: confirm each one or change it before submitting.",
                result.filled,
            ),
            "success",
        )
        if result.kept:
            flash(
                ngettext(
                    "%(num)d answer you had already given was left as it was.",
                    "%(num)d answers you had already given were left as they were.",
                    result.kept,
                ),
                "info",
            )
        return redirect(url_for(".to_confirm", report_id=report.id))
    return _copy_preview(report, "prefill", prefill.preview, previous=previous)


def _copy_preview(report, kind: str, plan, previous=None):
    """What "reuse all" or the pre-fill would write, with the token that confirming it must
    send back (a stale preview is refused)."""
    filled = services.fill(report, current_language(), viewer=current_user)
    planned = plan(filled, current_user)
    return render_template(
        "reporting/copy_preview.html",
        report=report,
        filled=filled,
        planned=planned,
        token=reuse_copying.fingerprint(planned),
        kind=kind,
        previous=previous,
    )


@bp.route("/<int:report_id>/to-confirm")
def to_confirm(report_id: int):
    """The pre-filled answers still to confirm, each with a way to confirm it or open it."""
    report = load_report(report_id, "report.view")
    lang = current_language()
    filled = services.fill(report, lang, viewer=current_user)
    rows = [
        {
            "section": top,
            "item": item,
            "label": label,
            "answer": answer,
            "text": filled.words(item.node, answer),
            "field": item.field_name,
        }
        for top, item, label, answer in prefill.unconfirmed(filled)
    ]
    return render_template(
        "reporting/to_confirm.html",
        report=report,
        rows=rows,
        can_fill=policy.can("report.fill_part", report),
    )


# --- what the report pages show -------------------------------------------------------------------


@dataclass
class Panel:
    """Per field name: the offer an item has, and the provenance of a copied answer."""

    can_fill: bool
    offers: dict[str, reuse_offers.Offer] = field(default_factory=dict)
    copies: dict[str, reuse_offers.Copy] = field(default_factory=dict)

    def to_confirm_in(self, section) -> int:
        """Visible pre-filled answers of `section` (a rendered section) still to confirm."""
        return sum(
            1
            for item in section.items()
            if item.visible
            and (copy := self.copies.get(item.field_name)) is not None
            and copy.needs_confirmation
        )


def _panel(filled: services.Filled) -> Panel:
    cache = g.setdefault("reuse_panels", {})
    if filled.report.id not in cache:
        can_fill = policy.can("report.fill_part", filled.report)
        copied = reuse_offers.copies(filled, current_user)
        offers = reuse_offers.offers(filled, current_user, copied) if can_fill else {}
        by_name = {(i.node.id, i.loop_key): i.field_name for i in filled.rendered.items()}
        cache[filled.report.id] = Panel(
            can_fill,
            {by_name[k]: o for k, o in offers.items() if k in by_name},
            {by_name[k]: c for k, c in copied.items() if k in by_name},
        )
    return cache[filled.report.id]


def _summary(filled: services.Filled) -> dict:
    """The report page's counts: answers to reuse, to pre-fill, and left to confirm."""
    report = filled.report
    can_fill = policy.can("report.fill_part", report)
    previous = prefill.previous_report(report) if can_fill else None
    if previous is not None and not policy.can("report.view", previous):
        previous = None
    return {
        "can_fill": can_fill,
        "reusable": len(reuse_copying.preview_all(filled, current_user)) if can_fill else 0,
        "previous": previous,
        "prefillable": len(prefill.preview(filled, current_user)) if previous else 0,
        "to_confirm": prefill.unconfirmed_count(filled),
    }


def _counts(reports: list[Report]) -> dict[int, int]:
    """For the cycle view: answers that can be reused, per report the person may fill."""
    if "reuse_counts" not in g:
        fillable = [r for r in reports if policy.can("report.fill", r)]
        g.reuse_counts = reuse_offers.reusable_counts(fillable, current_user)
    return g.reuse_counts


@bp.app_context_processor  # the dashboard shows the reports owed too (reporting/_owed.html)
def reuse_helpers() -> dict:
    return {"reuse_panel": _panel, "reuse_summary": _summary, "reuse_counts": _counts}
