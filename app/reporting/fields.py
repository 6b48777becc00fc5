"""Form field names of an answer, and reading an answer's inputs back from a posted form.

One item's inputs all derive from its field name ``f-<node id>[-<loop key>]``:

==================  ===========================================================
``f-…``             the value (repeated for a multiple choice)
``t-f-….row.col``   a table cell
``s-f-….name``      a site's name (``.lat``, ``.lon``: its coordinates)
``o-f-…``           the "other, please specify" text
``c-f-…``           the comment
``n-f-…``           "no information available" (a checkbox: "1" when ticked)
``v-f-…``           the version the person is typing against; it also says the item was on
                    the page (so unticked boxes mean "no")
``p-f-…``           present, said alone (what pages said before ``v-`` did; still read)
``r-f-…``           "1" when the person keeps their text over a conflicting save
==================  ===========================================================

The no-JavaScript Save button posts every item of a section; the autosave posts one item's
inputs. Both are read here, by the same code; the value's own inputs (``f-…``, ``t-…``,
``s-…``) are read and written by its answer type (app/answers/kinds/), beside its widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app import answers, bounds
from app.reporting.saving import Change


def split(name: str) -> tuple[int, str] | None:
    """(node id, loop key) of a field name, or None when it is not one."""
    if not name.startswith("f-"):
        return None
    node_id, _, loop_key = name[2:].partition("-")
    number = bounds.integer_or(node_id, None, low=1)
    return None if number is None else (number, loop_key)


def field_names(form: Mapping[str, Any]) -> list[str]:
    """The items a posted form speaks of (by their version or presence marker), in the order
    they came, each once."""
    named = (key[2:] for key in form if key.startswith(("v-f-", "p-f-")))
    return list(dict.fromkeys(named))


def version(form: Mapping[str, Any], name: str) -> int:
    return bounds.integer_or(str(form.get(f"v-{name}", "0")), 0)


def change(form, name: str, answer_type: str) -> Change:
    """What the posted `form` says of the item named `name`."""
    raw = answers.from_form(answer_type, form, name)
    return Change(
        raw=raw,
        raw_given=True,
        other=form.get(f"o-{name}") if f"o-{name}" in form else None,
        comment=form.get(f"c-{name}") if f"c-{name}" in form else None,
        no_info=form.get(f"n-{name}") == "1",
        over_conflict=form.get(f"r-{name}") == "1",
    )


def put(shown, name: str, answer_type: str, raw: Any, answer) -> None:
    """Write an answer's value, as shown, and its other parts into the MultiDict `shown`."""
    answers.to_form(answer_type, shown, name, raw)
    if answer.other:
        shown.add(f"o-{name}", answer.other)
    if answer.comment:
        shown.add(f"c-{name}", answer.comment)
    if answer.no_info:
        shown.add(f"n-{name}", "1")
    shown.add(f"v-{name}", str(answer.version))
