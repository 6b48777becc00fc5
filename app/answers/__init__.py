"""Answer types: one home for each type's rules (reading typed input in a locale, checking a
question's settings, saying a value in words, export cells, the widget). This package sits
below the bank: what it needs of species, sites and files it receives as arguments."""

from app.answers.base import Cell, Context, Given, Named, Saying, ValueProblem, is_blank
from app.answers.registry import (
    ConfigProblem,
    answer_words,
    cells,
    config_problems,
    form_value,
    from_form,
    kind,
    options,
    parse,
    to_form,
    widget,
    words,
)
from app.answers.types import AnswerType

__all__ = [
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
