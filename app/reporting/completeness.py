"""What a report still lacks: section states, and the one list of what stands between the
report and its submission (missing required answers, unreadable values, pre-filled answers
still to confirm) that the validation report, the table of contents and the submit page all
read; and progress. Skip logic is applied on the server (the authority)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l

from app import answers
from app.enums import LabelledEnum
from app.questionnaires import render as render_module
from app.questionnaires.conditions import is_answered
from app.reporting.models import Answer
from app.reporting.services import Filled


class SectionState(LabelledEnum):
    NOT_STARTED = "not_started", _l("Not started")
    IN_PROGRESS = "in_progress", _l("In progress")
    COMPLETE = "complete", _l("Complete")
    HAS_ERRORS = "has_errors", _l("Has errors")
    TO_CONFIRM = "to_confirm", _l("Answers to confirm")


class IssueKind(StrEnum):
    MISSING = "missing"
    INVALID = "invalid"
    UNCONFIRMED = "unconfirmed"  # pre-filled from the previous cycle, neither confirmed nor edited


UNCONFIRMED = _l("This answer was pre-filled from the previous cycle: confirm it or edit it.")


@dataclass
class Issue:
    item: render_module.RenderedItem
    section: render_module.RenderedSection | None
    kind: IssueKind
    message: str
    iteration_label: Any = None


def is_given(answer: Answer | None) -> bool:
    """Answered, or marked "no information available"."""
    if answer is None:
        return False
    return answer.no_info or is_answered(answer.value)


def issues(
    filled: Filled, locale: str, within: render_module.RenderedSection | None = None
) -> list[Issue]:
    """Everything that stands between the report and its submission, in questionnaire order:
    among the visible items, every missing required answer, every unreadable value and every
    pre-filled answer still to confirm. Hidden items are kept but not validated (nor submitted
    as answers: a hidden pre-filled answer holds nothing back). The one list the validation
    report, the table of contents, the submit page and the submission itself read.

    `within`, a top-level section as rendered: its issues only. A Filled that holds a part of
    the report (a section's page, see `services.fill`) says only those of its section."""
    if filled.part is not None and within is None:
        raise ValueError("a Filled holding a part of the report cannot say what the whole lacks")
    found: list[Issue] = []
    context = answers.Context(locale, filled.species_keys)
    walked = visible_items(filled.rendered) if within is None else visible_in(within)
    for section, item, label in walked:
        answer = filled.answer(item)
        if answer is not None and answer.is_invalid and not answer.no_info:
            node = item.node
            try:
                answers.parse(node.effective_type, node.effective_config, answer.typed, context)
                message = str(_l("This value cannot be read."))
            except answers.ValueProblem as error:
                message = error.message
            found.append(Issue(item, section, IssueKind.INVALID, message, label))
        elif item.node.required and not is_given(answer):
            found.append(
                Issue(
                    item,
                    section,
                    IssueKind.MISSING,
                    str(_l("A required answer is missing.")),
                    label,
                )
            )
        elif answer is not None and answer.needs_confirmation:
            found.append(Issue(item, section, IssueKind.UNCONFIRMED, str(UNCONFIRMED), label))
    return found


def unconfirmed_count(found: list[Issue]) -> int:
    """How many of `found` are pre-filled answers still to confirm."""
    return sum(1 for issue in found if issue.kind == IssueKind.UNCONFIRMED)


def visible_items(rendered: render_module.Rendered):
    """(top-level section, item, iteration label) for every visible item."""
    for item in rendered.loose_items:
        if item.visible:
            yield None, item, None
    for section in rendered.sections:
        yield from visible_in(section)


def visible_in(section: render_module.RenderedSection):
    """(`section`, item, iteration label) for every visible item of a top-level section."""
    yield from _visible_under(section, section, None)


def _visible_under(current, top, label):
    if not current.visible:
        return
    for block in current.blocks:
        block_label = block.iteration.label if block.iteration else label
        for child in block.children:
            if isinstance(child, render_module.RenderedSection):
                yield from _visible_under(child, top, block_label)
            elif child.visible:
                yield top, child, block_label


@dataclass
class Progress:
    answered: int = 0
    required: int = 0
    states: dict[int, SectionState] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.required) if self.required else 100


def progress(filled: Filled, found_issues: list[Issue]) -> Progress:
    """Answered required / required among visible items, and each top-level section's state:
    a section is complete only when nothing in it stands in the way of the submission."""
    result = Progress()
    with_errors = {
        i.section.node.id for i in found_issues if i.kind == IssueKind.INVALID and i.section
    }
    to_confirm = {
        i.section.node.id for i in found_issues if i.kind == IssueKind.UNCONFIRMED and i.section
    }
    started: set[int] = set()
    missing: set[int] = set()
    for section, item, _label in visible_items(filled.rendered):
        answer = filled.answer(item)
        section_id = section.node.id if section else 0
        if answer is not None:
            started.add(section_id)
        if item.node.required:
            result.required += 1
            if is_given(answer):
                result.answered += 1
            else:
                missing.add(section_id)
    for section in filled.rendered.sections:
        node_id = section.node.id
        if node_id in with_errors:
            state = SectionState.HAS_ERRORS
        elif node_id not in started:
            state = SectionState.NOT_STARTED
        elif node_id in missing:
            state = SectionState.IN_PROGRESS
        elif node_id in to_confirm:
            state = SectionState.TO_CONFIRM
        else:
            state = SectionState.COMPLETE
        result.states[node_id] = state
    return result


def hidden_answers(filled: Filled) -> set[tuple[int, str]]:
    """Answers kept on record for items that the other answers now hide."""
    visible = {(i.node.id, i.loop_key) for _s, i, _l in visible_items(filled.rendered)}
    return {key for key in filled.answers if key not in visible}
