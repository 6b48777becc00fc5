"""What the reports say about one target (of the Strategic Plan for Migratory Species, the
Kunming-Montreal Global Biodiversity Framework or the Sustainable Development Goals): every
question whose bank question carries the target's tag, across the instruments the reader
analyses, with its aggregated results (`results.results`, per questionnaire).

Rules:

* A target is a tag of the bank's vocabularies (`spms:3.1`, `gbf:3`, `sdg:15.1`) or a goal
  of the SPMS or the SDGs (`spms:3`, `sdg:15`), which stands for every target under it.
* By default each instrument is read in its latest cycle that has submissions (its latest
  cycle when none has any yet, so that every instrument is listed); `all_cycles` reads every
  questionnaire that is not a draft.
* Only the instruments the reader analyses; confidential items only where the reader reads
  them (`results.results` leaves them out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from app.analysis import compare, cycles, query, results
from app.bank.models import BankQuestion
from app.bank.vocabularies import VOCABULARIES, is_known, term_label
from app.extensions import db
from app.i18n import translate
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Questionnaire

FRAMEWORKS = ("spms", "gbf", "sdg")  # the vocabularies of targets (themes are not targets)
GOALS = ("spms", "sdg")  # whose targets are numbered goal.target
MAX_TAG = 40


@dataclass(frozen=True)
class Target:
    tag: str  # a term ("spms:3.1") or a goal ("spms:3")
    vocabulary: str
    goal: bool = False

    def matches(self, tags) -> bool:
        if self.goal:
            return any(str(t).startswith(self.tag + ".") for t in tags or [])
        return self.tag in (tags or [])

    def label(self, lang: str) -> str:
        if self.goal:
            return _("Goal %(goal)s (all its targets)", goal=self.tag.partition(":")[2])
        return str(translate(term_label(self.tag), lang=lang))

    def framework(self, lang: str) -> str:
        return str(translate(VOCABULARIES[self.vocabulary]["label"], lang=lang))


def target_of(text: str) -> Target | None:
    """The target a `tag` argument names, None when it names none."""
    tag = (text or "").strip()[:MAX_TAG].lower()
    vocabulary, colon, term = tag.partition(":")
    if not colon or vocabulary not in FRAMEWORKS or not term:
        return None
    if is_known(tag):
        return Target(tag, vocabulary)
    if vocabulary in GOALS and any(t.startswith(tag + ".") for t in _terms(vocabulary)):
        return Target(tag, vocabulary, goal=True)
    return None


def _terms(vocabulary: str) -> list[str]:
    return list(VOCABULARIES[vocabulary]["terms"])


def tag_choices(scope: query.Scope, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(framework in `lang`, [(tag, label)]) for each framework: the targets carried by the
    bank questions of the questionnaires `scope` analyses, in the vocabulary's order, each goal
    before its targets."""
    codes = sorted(compare.used_codes(scope))
    in_use: set[str] = set()
    if codes:
        for tags in db.session.scalars(
            sa.select(BankQuestion.tags).where(BankQuestion.code.in_(codes))
        ):
            in_use.update(tags or [])
    found = []
    for vocabulary in FRAMEWORKS:
        options: list[tuple[str, str]] = []
        goals_seen: set[str] = set()
        for tag in _terms(vocabulary):
            if tag not in in_use:
                continue
            goal = tag.partition(".")[0]
            if vocabulary in GOALS and goal != tag and goal not in goals_seen:
                goals_seen.add(goal)
                options.append((goal, Target(goal, vocabulary, goal=True).label(lang)))
            options.append((tag, Target(tag, vocabulary).label(lang)))
        if options:
            found.append((str(translate(VOCABULARIES[vocabulary]["label"], lang=lang)), options))
    return found


@dataclass
class Asked:
    """The results of the items of one questionnaire that carry the target."""

    questionnaire: Questionnaire
    results: results.Results
    codes: dict[int, str] = field(default_factory=dict)  # item → bank code


@dataclass
class TargetResults:
    target: Target
    asked: list[Asked]
    silent: list[Questionnaire]  # read, but asking no question with the target


def target_results(
    target: Target, scope: query.Scope, lang: str, all_cycles: bool = False
) -> TargetResults:
    """Every item carrying `target` in the questionnaires `scope` analyses (the latest cycle
    of each instrument, or every cycle), with its aggregated results in `lang`."""
    questionnaires = cycles.analysed(scope)
    if not all_cycles:
        questionnaires = cycles.latest_per_instrument(questionnaires)
    asked, silent = [], []
    for questionnaire in questionnaires:
        tree = tree_module.cached(questionnaire)
        codes = {
            node.id: node.bank_version.question.code
            for node in tree.items()
            if node.bank_version is not None and target.matches(node.bank_version.question.tags)
        }
        found = None
        if codes:
            found = results.results(
                questionnaire, scope, query.NO_FILTERS, lang, node_ids=tuple(codes)
            )
        if found is None or not found.items:
            silent.append(questionnaire)
            continue
        asked.append(Asked(questionnaire, found, codes))
    return TargetResults(target, asked, silent)
