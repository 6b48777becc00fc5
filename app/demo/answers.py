"""Plausible, varied and valid answers for any report: the demo's national reports and the
reports `flask demo generate` submits for load tests.

Answers are decided in questionnaire order, the way the server renders a report: a condition
only looks back, so each item's visibility follows from the answers decided before it, and no
hidden item gets one. A report's answers are saved together through `saving.save_answers`, by
the rules of any save, as the form sends them (numbers in the party's locale), so each leaves
its revision. Everything follows from a seed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from babel.core import get_global

from app import answers
from app.answers import reading
from app.answers.types import AnswerType, choice_keys
from app.demo import phrases
from app.directory.models import Party
from app.questionnaires.conditions import evaluate
from app.questionnaires.models import Loop, Node
from app.questionnaires.render import NO_LOOP
from app.reporting import completeness, saving, services, site_store
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, Report

# Choices that exclude the others in a multiple choice ("none of these").
EXCLUSIVE_KEYS = {"none", "no", "not-applicable", "unknown"}
# A species list spans a whole flyway or the globe: most of it is absent from any one country.
KEY_WEIGHTS = {"absent": 12.0, "species-absent": 2.0, "vagrant": 0.6}
# "No information" is plausible for data (counts, tables, species), not for an institution's name.
NO_INFO_TYPES = {
    AnswerType.NUMBER,
    AnswerType.TABLE,
    AnswerType.SPECIES,
    AnswerType.SITE,
    AnswerType.DATE,
    AnswerType.MULTIPLE_CHOICE,
    AnswerType.SINGLE_CHOICE,
    AnswerType.FILE,
}


class GenerationError(RuntimeError):
    """The answers generated for a report do not validate: a bug of the generator."""


@dataclass(frozen=True)
class Style:
    """How much of a report to fill.

    `portion` 1 fills every visible required item and about `optional` of the optional ones,
    so the report validates. Below 1, about that share of the visible items is answered,
    required or not, the items whose codes are in `prefer` first: the report stays in progress.
    """

    portion: float = 1.0
    prefer: frozenset[str] = frozenset()
    optional: float = 0.7
    no_info: float = 0.05
    comment: float = 0.08
    other: float = 0.08

    @property
    def complete(self) -> bool:
        return self.portion >= 1


COMPLETE = Style()


@dataclass
class Generated:
    report: Report
    filled: services.Filled
    saved: int
    locale: str


def language_of(party: Party) -> str:
    """The language a party's focal point most likely writes in: Spanish or French where it is
    an official language (French only where English is not), else English."""
    spoken = get_global("territory_languages").get(party.alpha_2 or "", {})
    official = {
        lang
        for lang, info in spoken.items()
        if info.get("official_status") in ("official", "de_facto_official")
    }
    if "es" in official:
        return "es"
    if "fr" in official and "en" not in official:
        return "fr"
    return "en"


def rng_for(seed: int, report: Report) -> random.Random:
    return random.Random(f"{seed}:{report.party.code}:{report.questionnaire.code}")


def fill_report(
    report: Report,
    user,
    *,
    seed: int,
    style: Style = COMPLETE,
    locale: str | None = None,
) -> Generated:
    """Answer `report` as `user` would, deterministically from `seed` and the party. Answers
    already given are kept (an unreadable or blank one on a visible item is replaced). With a
    complete style the report then validates, or GenerationError says what is left."""
    locale = locale or language_of(report.party)
    rng = rng_for(seed, report)
    if site_store.has_site_loop(report.questionnaire) and not site_store.sites_of(report.party_id):
        add_sites(report.party, rng, locale)
    filled = services.fill(report, locale, viewer=None)
    plan = Planner(filled, rng, style, locale).plan()
    outcomes = saving.save_answers(filled, plan, user=user, locale=locale)
    for edit, outcome in zip(plan, outcomes, strict=True):
        problem = outcome.message if isinstance(outcome, ReportingError) else outcome.problem
        if problem:
            raise GenerationError(f"{report!r} {edit.node.code}: {problem}")
    filled.evaluate()
    if style.complete:
        left = completeness.issues(filled, locale)
        if left:
            codes = ", ".join(f"{i.item.node.code}[{i.item.loop_key}]" for i in left[:5])
            raise GenerationError(f"{report!r} does not validate: {codes}")
    return Generated(report, filled, len(plan), locale)


def add_sites(party: Party, rng: random.Random, locale: str) -> list:
    """One to three sites for `party`, named in its language, placed roughly in its region."""
    names = _site_names(rng, locale, rng.randint(1, 3))
    added = []
    for name in names:
        latitude, longitude = _coordinates(party, rng)
        added.append(site_store.add_site(party.id, name, latitude, longitude))
    return added


def _site_names(rng: random.Random, locale: str, n: int) -> list[str]:
    patterns = phrases.SITE_NAMES.get(locale) or phrases.SITE_NAMES["en"]
    places = rng.sample(phrases.PLACE_NAMES, n)
    return [rng.choice(patterns).format(name=place) for place in places]


def _coordinates(party: Party, rng: random.Random) -> tuple[float, float]:
    box = phrases.COUNTRY_BOXES.get(party.code) or phrases.REGION_BOXES.get(
        party.region or "", ((-60.0, 70.0), (-180.0, 180.0))
    )
    (lat_low, lat_high), (lon_low, lon_high) = box
    return round(rng.uniform(lat_low, lat_high), 4), round(rng.uniform(lon_low, lon_high), 4)


class Planner:
    """Decides, in questionnaire order, which visible items get which answers."""

    def __init__(self, filled: services.Filled, rng: random.Random, style: Style, locale: str):
        self.filled = filled
        self.rng = rng
        self.style = style
        self.locale = locale
        self.lang = locale if locale in phrases.COMMENTS else "en"  # the language of the phrases
        self.tree = filled.tree
        self.by_code = self.tree.by_code()
        self.context = answers.Context(locale, filled.species_keys)
        self.country = _country_name(filled.report.party, locale)
        # how thorough this party is: more answers, more "yes", richer texts
        self.diligence = rng.uniform(0.35, 0.95)
        self.loop_keys = {
            Loop.SPECIES.value: [e.species.taxon_id for e in filled.species_entries],
            Loop.SITE.value: [site.key for site in filled.sites],
        }
        # (code, loop key) → the value conditions read, as Filled.evaluate gives them
        self.current: dict[tuple[str, str], Any] = {
            (self.tree.by_id[node_id].code, key): None if a.no_info else a.value
            for (node_id, key), a in filled.answers.items()
            if node_id in self.tree.by_id
        }
        self.hidden: set[tuple[str, str]] = set()
        self.plan_: list[saving.Edit] = []

    def plan(self) -> list[saving.Edit]:
        for root in self.tree.roots:
            self._visit(root, NO_LOOP, None, True)
        return self.plan_

    # --- visibility, as render.render decides it -----------------------------------------------

    def _lookup(self, loop_key: str, loop_node: Node | None):
        def lookup(code: str) -> Any:
            target = self.by_code.get(code)
            if target is None:
                return None
            same_loop = loop_node is not None and self.tree.loop_section(target) is loop_node
            key = (code, loop_key if same_loop else NO_LOOP)
            return None if key in self.hidden else self.current.get(key)

        return lookup

    def _visit(self, node: Node, loop_key: str, loop_node: Node | None, parent_visible: bool):
        visible = parent_visible and evaluate(node.condition, self._lookup(loop_key, loop_node))
        if not node.is_section:
            if visible:
                self._decide(node, loop_key)
            else:
                self.hidden.add((node.code, loop_key))
            return
        children = self.tree.children.get(node.id, [])
        if node.loop:
            for key in self.loop_keys.get(node.loop, []):
                for child in children:
                    self._visit(child, key, node, visible)
        else:
            for child in children:
                self._visit(child, loop_key, loop_node, visible)

    # --- what to answer ------------------------------------------------------------------------

    def _decide(self, node: Node, loop_key: str) -> None:
        existing: Answer | None = self.filled.answers.get((node.id, loop_key))
        if existing is not None and completeness.is_given(existing) and not existing.is_invalid:
            return
        if not self._wanted(node):
            return
        rng, style = self.rng, self.style
        kind = node.effective_type
        comment = rng.choice(phrases.COMMENTS[self.lang]) if rng.random() < style.comment else None
        raw, other = (None, None)
        if kind not in NO_INFO_TYPES or (kind != AnswerType.FILE and rng.random() >= style.no_info):
            raw, other = self._raw(kind, node.effective_config or {}, node)
        if raw is None:  # no information: a file (the demo attaches none), or no data
            change = saving.Change(
                raw=[] if kind in (AnswerType.MULTIPLE_CHOICE, AnswerType.FILE) else "",
                raw_given=True,
                no_info=True,
                comment=rng.choice(phrases.NO_INFORMATION[self.lang]),
            )
            value = None
        else:
            change = saving.Change(raw=raw, raw_given=True, other=other, comment=comment)
            value = answers.parse(kind, node.effective_config or {}, raw, self.context)
        expected = existing.version if existing is not None else 0
        self.plan_.append(saving.Edit(node, loop_key, change, expected))
        self.current[(node.code, loop_key)] = value

    def _wanted(self, node: Node) -> bool:
        style, chance = self.style, self.rng.random()
        if style.complete:
            return node.required or chance < style.optional * (0.6 + 0.4 * self.diligence)
        if node.code in style.prefer:
            return chance < min(1.0, style.portion + 0.1)
        return chance < style.portion * 0.3

    def _raw(self, kind: str, config: dict, node: Node | None) -> tuple[Any, str | None]:
        """What the form would send for an answer of `kind`, and the "other" text."""
        rng = self.rng
        if kind == AnswerType.YES_NO:
            return ("yes" if rng.random() < 0.3 + 0.55 * self.diligence else "no"), None
        if kind == AnswerType.SINGLE_CHOICE:
            return self._single(config)
        if kind == AnswerType.MULTIPLE_CHOICE:
            return self._multiple(config)
        if kind == AnswerType.NUMBER:
            return reading.format_number(self._number(config), self.locale), None
        if kind == AnswerType.DATE:
            return self._date().isoformat(), None
        if kind in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT):
            english = (node.effective_text if node else config.get("label") or {}).get("en", "")
            return self._text(kind, english), None
        if kind == AnswerType.TABLE:
            return self._table(config), None
        if kind == AnswerType.SPECIES:
            keys = sorted(self.filled.species_keys)
            return (rng.choice(keys) if keys else None), None
        if kind == AnswerType.SITE:
            return self._site(), None
        return None, None

    def _single(self, config: dict) -> tuple[str | None, str | None]:
        keys = choice_keys(config)
        if not keys:
            return None, None
        if config.get("allow_other") and self.rng.random() < self.style.other:
            return "other", self._other()
        # a thorough party leans towards the first choices (often "fully", "every year")
        weights = [
            (len(keys) - i) ** self.diligence * KEY_WEIGHTS.get(key, 1.0)
            for i, key in enumerate(keys)
        ]
        return self.rng.choices(keys, weights=weights)[0], None

    def _multiple(self, config: dict) -> tuple[list[str] | None, str | None]:
        rng = self.rng
        keys = choice_keys(config)
        if not keys:
            return None, None
        exclusive = [k for k in keys if k in EXCLUSIVE_KEYS]
        ordinary = [k for k in keys if k not in EXCLUSIVE_KEYS]
        if exclusive and (not ordinary or rng.random() < 0.12):
            return [rng.choice(exclusive)], None
        chosen = rng.sample(ordinary, min(len(ordinary), rng.choice((1, 1, 2, 2, 3, 4))))
        other = None
        if config.get("allow_other") and rng.random() < self.style.other:
            chosen.append("other")
            other = self._other()
        return [k for k in [*keys, "other"] if k in chosen], other

    def _other(self) -> str:
        return self.rng.choice(phrases.OTHER[self.lang])

    def _number(self, config: dict) -> int | float:
        rng = self.rng
        low, high = config.get("min"), config.get("max")
        integer = bool(config.get("integer"))
        base = low if low is not None else 0
        if high is not None and high - base <= 1000:
            number = rng.uniform(base, high)
            return round(number) if integer else round(number, 1)
        # counts and amounts spread over orders of magnitude, rounded like estimates
        number = base + 10 ** rng.uniform(0.3, 4.7)
        if number >= 1000:
            step = 10 ** (int(math.log10(number)) - 1)
            number = round(number / step) * step
        number = int(round(number))
        if high is not None:
            number = min(number, int(high))
        return number

    def _date(self) -> date:
        questionnaire = self.filled.report.questionnaire
        end = questionnaire.deadline or date.today()
        start = end - timedelta(days=3 * 365)
        return start + timedelta(days=self.rng.randrange((end - start).days - 30))

    def _text(self, kind: str, english: str) -> str:
        rng, lang = self.rng, self.lang
        topic = phrases.topic_of(english)
        if kind == AnswerType.SHORT_TEXT:
            own = phrases.INSTITUTIONS.get(self.filled.report.party.code)
            if topic == "institution" and own and rng.random() < 0.8:
                return own
            bank = phrases.SHORT.get(topic) or phrases.SHORT["general"]
            return rng.choice(bank[lang]).format(country=self.country)
        bank = phrases.LONG.get(topic) or phrases.LONG["general"]
        sentences = bank[lang]
        count = min(len(sentences), 1 + int(rng.random() * (1 + 2 * self.diligence)))
        return " ".join(s.format(country=self.country) for s in rng.sample(sentences, count))

    def _table(self, config: dict) -> dict | None:
        rng = self.rng
        rows = [r["key"] for r in config.get("rows") or []]
        columns = config.get("columns") or []
        if not rows or not columns:
            return None
        count = max(1, round(len(rows) * rng.uniform(0.2, 0.4 + 0.5 * self.diligence)))
        table: dict[str, dict[str, Any]] = {}
        for row in [r for r in rows if r in set(rng.sample(rows, count))]:
            cells = {}
            for column in columns:
                if rng.random() < 0.9:
                    raw, _other = self._raw(column.get("type"), column, None)
                    if raw is not None:
                        cells[column["key"]] = raw
            if cells:
                table[row] = cells
        return table or None

    def _site(self) -> dict[str, str]:
        party = self.filled.report.party
        sites = self.filled.sites
        if sites:
            site = self.rng.choice(sites)
            name, latitude, longitude = site.name, site.latitude, site.longitude
        else:
            name = _site_names(self.rng, self.lang, 1)[0]
            latitude, longitude = _coordinates(party, self.rng)
        raw = {"name": name, "lat": "", "lon": ""}
        if latitude is not None and longitude is not None:
            raw["lat"] = reading.format_number(latitude, self.locale)
            raw["lon"] = reading.format_number(longitude, self.locale)
        return raw


def _country_name(party: Party, locale: str) -> str:
    names = party.name or {}
    return names.get(locale) or names.get("en") or party.code
