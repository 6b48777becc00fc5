"""The questionnaire both sides of the peer comparison fill, and every answer in it.

300 questions in 10 sections of 30, the same for django-survey-and-report (its seed.py) and for
Family ORS (bench/peer_ours.py builds it through our services); 130 respondents. Each section
mixes the peer's question types as below; a choice question has one of six sets of 4 to 6
choices. Everything follows from fixed seeds: the same questions and answers on every run, and
the same as the figures of ../shared/peers/django-survey were measured with.

No Django here: the bench itself (our virtual environment) reads this file too. `slug` is
Django's `slugify(…, allow_unicode=True)`, which the peer applies to choice labels to make the
values its forms post; our choice keys are the same slugs, so one answer posts the same values
to both.
"""

from __future__ import annotations

import random
import re
import unicodedata

SECTIONS = 10
PER_SECTION = 30
RESPONDENTS = 130
SURVEY_NAME = "National reporting questionnaire (benchmark)"
RESPONDENT = "respondent{:03d}"  # the peer's user names; ours sign in as the bench focal point

SECTION_NAMES = [
    "Governance and coordination",
    "Legal and policy framework",
    "Financing and budget",
    "Human resources and capacity",
    "Service delivery",
    "Data, monitoring and evaluation",
    "Partnerships and civil society",
    "Gender and inclusion",
    "Emergency preparedness",
    "Results and outlook",
]

# The peer's question types in one section (30).
TYPE_MIX = (
    ["text"] * 4
    + ["short-text"] * 6
    + ["radio"] * 8
    + ["select"] * 5
    + ["select-multiple"] * 3
    + ["integer"] * 4
)
CHOICE_TYPES = ("radio", "select", "select-multiple")

CHOICE_SETS = [
    ["Yes", "No", "Partially", "Not applicable"],
    ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"],
    ["National level", "Regional level", "District level", "Municipal level",
     "Community level", "Other"],
    ["Fully implemented", "Mostly implemented", "Partly implemented", "Planned", "Not planned"],
    ["Ministry of Health", "Ministry of Finance", "Ministry of Education",
     "National statistics office", "Other ministry"],
    ["Annually", "Every two years", "Ad hoc", "Never"],
]  # fmt: skip

TOPICS = [
    "the national coordination mechanism", "the annual work plan", "the monitoring framework",
    "sub-national authorities", "the national budget line", "civil society participation",
    "data collection systems", "the reporting cycle", "capacity building programmes",
    "legislative review", "cross-sector cooperation", "service coverage", "quality assurance",
    "the national strategy", "external funding", "risk management", "targeted populations",
]  # fmt: skip

PARAGRAPH = (
    "The responsible ministry reviewed the situation together with regional partners and "
    "concluded that progress was uneven across districts; additional resources were allocated "
    "in the second half of the reporting period and a follow-up assessment is scheduled. "
)
LOREM = PARAGRAPH.split()

WORDING = {
    "text": "{n} Describe the main achievements and obstacles regarding {topic} during the "
    "reporting period.",
    "short-text": "{n} Name of the lead institution or focal point for {topic}.",
    "integer": "{n} How many staff / sites / beneficiaries were covered by {topic} in the "
    "reporting year?",
    "select-multiple": "{n} Which levels of government are involved in {topic}? (select all "
    "that apply)",
}
CHOICE_WORDING = "{n} To what extent is {topic} in place in your country?"


def slug(label: str) -> str:
    """Django's slugify(label, allow_unicode=True)."""
    value = re.sub(r"[^\w\s-]", "", unicodedata.normalize("NFKC", label).lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def questions() -> list[dict]:
    """The 300 questions in order: number (1…300), section (0…9), type (the peer's), text,
    choice labels (None but for choice types), required (all but long texts, as the peer's
    figures were taken)."""
    rng = random.Random(20240601)
    found = []
    for section in range(SECTIONS):
        types = TYPE_MIX[:]
        rng.shuffle(types)
        for position, kind in enumerate(types):
            topic = rng.choice(TOPICS)
            label = f"{section + 1}.{position + 1}"
            text = WORDING.get(kind, CHOICE_WORDING).format(n=label, topic=topic)
            choices = CHOICE_SETS[rng.randrange(len(CHOICE_SETS))] if kind in CHOICE_TYPES else None
            found.append({
                "n": section * PER_SECTION + position + 1,
                "section": section,
                "type": kind,
                "text": text,
                "choices": choices,
                "required": kind != "text",
            })  # fmt: skip
    return found


def answer(question: dict, respondent: int, variant: int = 0) -> tuple[str, list[str]]:
    """Respondent `respondent`'s answer to `question` (`variant` > 0: a later change of it), as
    (the body the peer stores, the values a browser posts). Choices answer with slugs; the peer
    stores a multiple choice as the Python repr of the list of slugs."""
    rng = random.Random(question["n"] * 1000003 + respondent * 7919 + variant * 104729)
    kind = question["type"]
    if kind == "text":
        text = " ".join(rng.choice(LOREM) for _ in range(rng.randint(15, 60))).replace(",", "")
        return text, [text]
    if kind == "short-text":
        number = rng.randint(1, 40)  # drawn before the directorate, as the peer's figures were
        where = rng.choice(["planning", "health", "statistics", "finance"])
        text = f"Directorate {number} of {where}"
        return text, [text]
    if kind == "integer":
        number = str(rng.randint(0, 250000))
        return number, [number]
    slugs = [slug(label) for label in question["choices"]]
    if kind in ("radio", "select"):
        chosen = rng.choice(slugs)
        return chosen, [chosen]
    picked = sorted(rng.sample(slugs, rng.randint(1, min(3, len(slugs)))), key=slugs.index)
    return str(picked), picked
