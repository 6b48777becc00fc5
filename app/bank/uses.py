"""What the bank asks of the questionnaires that use it.

The questionnaires sit above the bank, so the bank may not import them. Yet the bank's pages
show where each question is used and which questionnaires use a species list, and a species list
is frozen once a questionnaire other than a draft uses it. The questionnaires own these answers:
their package installs them here when it is imported (app/questionnaires/__init__.py; app.models
imports it before any database work). What the bank gets back are questionnaires, which it only
reads (code, cycle, cycle_order, status) and hands to templates.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.bank.models import SpeciesList
from app.directory.models import Instrument


class Answers(Protocol):
    def usage(self, question_ids: list[int]) -> dict[int, list[Any]]:
        """Question id → where it is used: questionnaire, item number and pinned version."""

    def question_ids_used_in(self, instrument: Instrument) -> set[int]:
        """The bank questions used by a questionnaire of `instrument`."""

    def questionnaires_using(self, species_list: SpeciesList) -> list[Any]:
        """The questionnaires whose species loops repeat over `species_list`."""

    def frozen_by(self, species_list: SpeciesList) -> Any | None:
        """The questionnaire that freezes `species_list` (None: the list may change)."""

    def questionnaires_of(self, instrument: Instrument) -> list[Any]:
        """The questionnaires of `instrument`, latest cycle first."""


class _NoneYet:
    """Before the questionnaires are imported nothing uses the bank."""

    def usage(self, question_ids):
        return {}

    def question_ids_used_in(self, instrument):
        return set()

    def questionnaires_using(self, species_list):
        return []

    def frozen_by(self, species_list):
        return None

    def questionnaires_of(self, instrument):
        return []


questionnaires: Answers = _NoneYet()


def install(answers: Answers) -> None:
    """Let `answers` (the questionnaires' module app/questionnaires/bank_uses.py) answer."""
    global questionnaires
    questionnaires = answers
