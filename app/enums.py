"""The base of the enumerations whose members people see: each member is stored as its value
and shown by its translated label, both given on one line, so that no member can lack a label:

    class Loop(LabelledEnum):
        SPECIES = "species", _l("For each species of the instrument’s list")
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from flask_babel import LazyString


class LabelledEnum(StrEnum):
    """A StrEnum whose members are declared as (value, lazy label)."""

    _label: LazyString

    def __new__(cls, value: str, label: LazyString):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The label in the language of the current request."""
        return str(self._label)

    @classmethod
    def choices(cls, members: Iterable[LabelledEnum] | None = None) -> list[tuple[str, str]]:
        """(value, label) pairs for a form's select: of `members`, else of every member."""
        return [(m.value, m.label) for m in (cls if members is None else members)]
