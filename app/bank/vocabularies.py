"""Tag vocabularies of the harmonised question bank.

Every question in the bank is tagged with codes taken from the controlled vocabularies listed
here, never with free text, so that questions can be filtered and compared across the
instruments of the CMS Family and mapped to the global frameworks national reports contribute
to:

- ``theme``: the thematic areas of the CMS Family national report formats;
- ``spms``: the targets of the Strategic Plan for Migratory Species 2024–2032, following its
  five goals (1 drivers of decline and mainstreaming, 2 direct threats, 3 habitats and
  connectivity, 4 status and knowledge, 5 implementation);
- ``gbf``: the 23 targets of the Kunming-Montreal Global Biodiversity Framework;
- ``sdg``: the Sustainable Development Goal targets most relevant to migratory species.

A tag is written ``"<vocabulary>:<term>"`` (for example ``"gbf:3"`` or ``"theme:bycatch"``) and
the full tag is the key in ``VOCABULARIES[vocabulary]["terms"]``. Labels are short titles in
English, French and Spanish; the GBF and SDG titles paraphrase the official wording.

The vocabularies themselves are data, in ``data/vocabularies.json``, the labels of each term side
by side: a term or a language is added there without touching this module.
"""

from __future__ import annotations

from app.utils import read_data

VOCABULARIES: dict[str, dict] = read_data("app.bank", "vocabularies.json")

ALL_TAGS: frozenset[str] = frozenset(
    tag for vocabulary in VOCABULARIES.values() for tag in vocabulary["terms"]
)


def vocabulary_of(tag: str) -> str:
    """Return the vocabulary a tag belongs to, e.g. ``"gbf:3"`` -> ``"gbf"``.

    Only the prefix is checked, not the term: ``"gbf:99"`` gives ``"gbf"``. Raises ``KeyError``
    if the tag has no ``"<vocabulary>:"`` prefix or the prefix is not a known vocabulary.
    """
    prefix, sep, _ = tag.partition(":")
    if not sep or prefix not in VOCABULARIES:
        raise KeyError(tag)
    return prefix


def is_known(tag: str) -> bool:
    """Return whether ``tag`` is a term of one of the vocabularies."""
    return tag in ALL_TAGS


def term_label(tag: str) -> dict[str, str]:
    """Return the labels of a tag by language (``{"en": ..., "fr": ..., "es": ...}``).

    Raises ``KeyError`` if the tag is not a term of one of the vocabularies. The returned dict
    is a copy and may be modified by the caller.
    """
    return dict(VOCABULARIES[vocabulary_of(tag)]["terms"][tag])
