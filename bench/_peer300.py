"""The questionnaire of the peer comparison (../shared/peers/django-survey, its spec.py), built
in Family ORS through the app's own services: 300 questions in 10 sections of 30 (per section 4
long texts, 6 short texts, 8 + 5 single choices, 3 multiple choices, 4 numbers; 4 to 6 choices),
all required, the same texts and choices from the same seed, published for CMS.

`build(code, sections, per_section)` builds a smaller one from the same description when asked
(the first `per_section` questions of each section)."""

from __future__ import annotations

import random
import re
import unicodedata

from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services

CODE = "CMS-PERF300"
SECTIONS, PER_SECTION = 10, 30

CATEGORY_NAMES = [
    "Governance and coordination", "Legal and policy framework", "Financing and budget",
    "Human resources and capacity", "Service delivery", "Data, monitoring and evaluation",
    "Partnerships and civil society", "Gender and inclusion", "Emergency preparedness",
    "Results and outlook",
]  # fmt: skip
TYPE_MIX = (["text"] * 4 + ["short-text"] * 6 + ["radio"] * 8 + ["select"] * 5
            + ["select-multiple"] * 3 + ["integer"] * 4)  # fmt: skip
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
OUR_TYPE = {"text": "long_text", "short-text": "short_text", "radio": "single_choice",
            "select": "single_choice", "select-multiple": "multiple_choice",
            "integer": "number"}  # fmt: skip


def question_specs() -> list[dict]:
    """The peer's 300 questions, as its spec.py draws them (same seed, same order)."""
    rng = random.Random(20240601)
    specs = []
    for c in range(SECTIONS):
        types = TYPE_MIX[:]
        rng.shuffle(types)
        for i, qtype in enumerate(types):
            topic = rng.choice(TOPICS)
            number = f"{c + 1}.{i + 1}"
            if qtype == "text":
                text = (f"{number} Describe the main achievements and obstacles regarding "
                        f"{topic} during the reporting period.")  # fmt: skip
            elif qtype == "short-text":
                text = f"{number} Name of the lead institution or focal point for {topic}."
            elif qtype == "integer":
                text = (f"{number} How many staff / sites / beneficiaries were covered by "
                        f"{topic} in the reporting year?")  # fmt: skip
            elif qtype == "select-multiple":
                text = (f"{number} Which levels of government are involved in {topic}? "
                        "(select all that apply)")  # fmt: skip
            else:
                text = f"{number} To what extent is {topic} in place in your country?"
            choices = None
            if qtype in ("radio", "select", "select-multiple"):
                choices = CHOICE_SETS[rng.randrange(len(CHOICE_SETS))]
            specs.append({"n": c * PER_SECTION + i + 1, "category": c, "position": i,
                          "type": qtype, "text": text, "choices": choices})  # fmt: skip
    return specs


def _slug(label: str) -> str:
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _tri(text: str) -> dict[str, str]:
    return {"en": text, "fr": f"[fr] {text}", "es": f"[es] {text}"}


def build(code: str = CODE, sections: int = SECTIONS, per_section: int = PER_SECTION) -> str:
    """Build and publish the questionnaire `code` (if it does not exist yet) and commit;
    returns `code`."""
    if services.questionnaire_by_code(code) is not None:
        return code
    cms = directory.instrument_by_code("CMS")
    questionnaire = services.create_questionnaire(
        instrument=cms, code=code, cycle=code[-8:], cycle_order=1300 + sections * per_section,
        title=_tri(f"National report ({sections * per_section}-question benchmark)"),
    )  # fmt: skip
    section = None
    for spec in question_specs():
        if spec["category"] >= sections or spec["position"] >= per_section:
            continue
        if spec["position"] == 0:
            section = services.add_section(
                questionnaire, title=_tri(CATEGORY_NAMES[spec["category"]])
            )
        kind = OUR_TYPE[spec["type"]]
        config: dict = {}
        if spec["choices"]:
            config = {"choices": [{"key": _slug(c), "label": _tri(c)} for c in spec["choices"]]}
        elif kind == "number":
            config = {"integer": True, "min": 0}
        services.add_local_item(
            questionnaire, section, code=f"{code}-Q{spec['n']}", answer_type=kind,
            text=_tri(spec["text"]), config=config, required=True,
        )  # fmt: skip
    services.publish(questionnaire)
    db.session.commit()
    return code
