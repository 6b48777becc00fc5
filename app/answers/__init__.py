"""Answer types: one home for each type's rules (reading typed input in a locale, checking a
question's settings, saying a value in words, export cells, the widget). This package sits
below the bank: what it needs of species, sites and files it receives as arguments."""

from app.answers.base import (
    NOT_IN_WORKBOOK,
    Cell,
    Context,
    Given,
    Named,
    Saying,
    ValueProblem,
    WorkbookPart,
    is_blank,
)
from app.answers.registry import (
    ConfigProblem,
    answer_words,
    cells,
    config_problems,
    form_value,
    from_form,
    from_workbook,
    kind,
    options,
    parse,
    to_form,
    to_workbook,
    widget,
    words,
    workbook_parts,
)
from app.answers.types import AnswerType

__all__ = [
    "NOT_IN_WORKBOOK",
    "WorkbookPart",
    "from_workbook",
    "to_workbook",
    "workbook_parts",
    "AnswerType",
    "Cell",
    "ConfigProblem",
    "Context",
    "Given",
    "Named",
    "Saying",
    "ValueProblem",
    "answer_words",
    "cells",
    "options",
    "config_problems",
    "form_value",
    "from_form",
    "is_blank",
    "kind",
    "parse",
    "to_form",
    "widget",
    "words",
]
