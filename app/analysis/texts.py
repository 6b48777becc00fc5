"""The free texts of one question, as written (in the language their country wrote them),
grouped by country and searchable whatever the accents and the case: the same normalisation
(`i18n.normalise`) on both databases, applied to one question's texts at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.analysis import query
from app.analysis.results import TEXT_TYPES, loop_labels
from app.analysis.tables import Column, Table
from app.extensions import db
from app.i18n import Translated, normalise, sort_key, translate
from app.questionnaires.models import Node, NodeKind, Questionnaire
from app.reporting.models import SubmittedAnswer


@dataclass
class Entry:
    loop_label: str  # the species or site ("" outside loops)
    text: str
    report_id: int
    loop_key: str


@dataclass
class CountryTexts:
    party_code: str
    party_name: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class FreeTexts:
    node_id: int
    number: str
    text: Translated
    countries: list[CountryTexts]
    total: int  # texts before the search
    shown: int  # texts the search kept


def free_texts(
    questionnaire: Questionnaire,
    node_id: int,
    scope: query.Scope,
    filters: query.Filters,
    search: str,
    lang: str,
) -> FreeTexts | None:
    """The texts answered to the text item `node_id` of `questionnaire` under `filters`, by
    country name in `lang`, kept when they contain `search` (accents and case ignored); None
    when the item is no text question of the questionnaire or `scope` may not read it."""
    node = db.session.get(Node, node_id)
    if (
        node is None
        or node.questionnaire_id != questionnaire.id
        or node.kind != NodeKind.ITEM.value
        or node.effective_type not in TEXT_TYPES
        or (node.confidential and not scope.reads_confidential(questionnaire.instrument_id))
    ):
        return None
    stmt = query.cells(scope, filters, questionnaire=questionnaire, node_ids=(node_id,)).where(
        SubmittedAnswer.value_text != "", ~SubmittedAnswer.hidden
    )
    wanted = normalise(search)
    labels = loop_labels(questionnaire, lang)
    by_party: dict[str, CountryTexts] = {}
    total = shown = 0
    for row, party, *_rest in db.session.execute(stmt):
        total += 1
        if wanted and wanted not in normalise(row.value_text):
            continue
        shown += 1
        entry = by_party.setdefault(
            party.code, CountryTexts(party.code, str(translate(party.name, lang=lang)))
        )
        entry.entries.append(
            Entry(
                labels.get(row.loop_key, row.loop_key), row.value_text, row.report_id, row.loop_key
            )
        )
    countries = sorted(by_party.values(), key=lambda c: sort_key(c.party_name, lang))
    text = translate(node.effective_text, lang=lang, instrument=questionnaire.instrument)
    return FreeTexts(node.id, node.number, text, countries, total, shown)


def texts_table(found: FreeTexts) -> Table:
    table = Table(
        f"texts-{found.node_id}",
        _("%(number)s — texts as written", number=found.number),
        [
            Column(_("ISO code")),
            Column(_("Country or organisation")),
            Column(_("Species or site")),
            Column(_("Text")),
        ],
    )
    for country in found.countries:
        for entry in country.entries:
            table.rows.append(
                [country.party_code, country.party_name, entry.loop_label, entry.text]
            )
    return table
