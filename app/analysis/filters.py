"""The filters of the analysis pages and files, read from a query string: every value is checked
against what it may be (a region, a membership status, a report status, an item of the
questionnaire with one of its choice keys) before use; anything else is a translated problem,
never a 500."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from app import bounds
from app.analysis.query import Filters, Scope
from app.answers.types import AnswerType
from app.directory.models import MembershipStatus, Region
from app.questionnaires.models import Node, NodeKind, Questionnaire
from app.reporting.models import ReportStatus

ANSWERED_TYPES = frozenset(
    {AnswerType.YES_NO, AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE}
)
MAX_VALUES = 20  # values of one filter in one request


def filters_from_args(
    args, questionnaire: Questionnaire, scope: Scope | None = None
) -> tuple[Filters, list[str]]:
    """(Filters, problems) from a query string: `region`, `membership`, `status` (repeated),
    `answered` ("node_id:key", repeated). A problem names the value refused. An answer filter
    names only an item whose answers `scope` reads (None: the signed-in reader's scope): a
    filter on a confidential item would tell who gave which confidential answer."""
    problems: list[str] = []

    def values(name: str, allowed: set[str], message: str) -> tuple[str, ...]:
        given = [v for v in args.getlist(name) if v][: MAX_VALUES + 1]
        if len(given) > MAX_VALUES:
            problems.append(_("Too many values for one filter."))
            return ()
        found = []
        for value in given:
            if value in allowed:
                found.append(value)
            else:
                problems.append(message)
        return tuple(dict.fromkeys(found))

    regions = values("region", {r.value for r in Region}, _("This region does not exist."))
    memberships = values(
        "membership",
        {m.value for m in MembershipStatus},
        _("This membership status does not exist."),
    )
    statuses = values(
        "status", {s.value for s in ReportStatus}, _("This report status does not exist.")
    )
    answered = []
    items = answerable_items(questionnaire, scope)
    for raw in [v for v in args.getlist("answered") if v][:MAX_VALUES]:
        node_text, _colon, key = raw.partition(":")
        node_id = bounds.integer_or(node_text)
        node = items.get(node_id) if node_id is not None else None
        if node is None or key not in choice_keys(node):
            problems.append(_("This answer filter does not match a choice of this questionnaire."))
            continue
        answered.append((node.id, key))
    filters = Filters(regions, memberships, statuses, tuple(dict.fromkeys(answered)))
    return filters, problems


def answerable_items(questionnaire: Questionnaire, scope: Scope | None = None) -> dict[int, Node]:
    """The items an answer filter may name: the choice questions outside loops whose answers
    `scope` reads (None: the signed-in reader's scope)."""
    from app.questionnaires import tree as tree_module

    scope = scope if scope is not None else Scope.of(current_user)
    confidential = scope.reads_confidential(questionnaire.instrument_id)
    tree = tree_module.cached(questionnaire)
    return {
        node.id: node
        for node in tree.walk()
        if node.kind == NodeKind.ITEM.value
        and node.effective_type in ANSWERED_TYPES
        and tree.loop_section(node) is None
        and (confidential or not node.confidential)
    }


def choice_keys(node: Node) -> list[str]:
    from app.answers import Saying, options

    return [
        key for key, _label in options(node.effective_type, node.effective_config, Saying("en"))
    ]


def as_args(filters: Filters) -> dict[str, list[str]]:
    """The query string that gives `filters` back (for links that keep them)."""
    return {
        "region": list(filters.regions),
        "membership": list(filters.memberships),
        "status": list(filters.statuses),
        "answered": [f"{node_id}:{key}" for node_id, key in filters.answered],
    }
