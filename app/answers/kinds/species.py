"""Species: stored as the taxon id of a species on the instrument's list, said by its common
name in the reader's language and its scientific name (given by the caller)."""

from __future__ import annotations

from typing import Any

from app.answers.base import Context, Saying, XlsformField, one
from app.answers.kinds.choice import ChoosesOne, allowed_key
from app.answers.types import AnswerType


class Species(ChoosesOne):
    type = AnswerType.SPECIES
    widget = "answers/widgets/species.html"

    def read(self, raw: Any, config: dict, context: Context) -> str:
        return allowed_key(one(raw), context.species)

    def xlsform(self, config: dict, species=()) -> XlsformField:
        return XlsformField("select_one {list}", choices=tuple(species), shared="species")

    def workbook_options(self, config: dict, say: Saying) -> list[tuple[str, str]]:
        """The instrument's species, each by its name and scientific name."""
        return [(key, self.words(key, config, say)) for key in say.species]

    def words(self, value: Any, config: dict, say: Saying) -> str:
        named = say.species.get(value)
        if named is None:
            return str(value)
        name = say.name(named)
        return f"{name} ({named.detail})" if named.detail and name else name or named.detail
