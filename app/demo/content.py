"""Load the demo bank, species lists and questionnaires through the services the app uses.

The bank questions and questionnaires are data files in ``data/`` (see ``data/README.md``),
passed to the services as they are: a language added to their texts needs no change here.

Upserts by natural keys: an existing bank question, species list or questionnaire is left as
users may have changed it.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.bank import services as bank
from app.bank.models import BankVersion, Species, SpeciesList, SpeciesListEntry
from app.demo import species_data
from app.directory import services as directory
from app.extensions import db
from app.i18n import search_text
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Status
from app.reporting import services as reporting
from app.utils import read_data

# Questions are created, and so numbered, in the order of these files and of their entries.
BANK_FILES = (
    "bank-1-species-threats.json",
    "bank-2-habitats-implementation.json",
    "bank-3-species-loops.json",
)
BANK: list[dict] = [q for name in BANK_FILES for q in read_data("app.demo", name)]
QUESTIONNAIRES: list[dict] = read_data("app.demo", "questionnaires.json")


def load_species(report) -> None:
    existing = {s.taxon_id: s for s in db.session.scalars(sa.select(Species))}
    for data in species_data.SPECIES:
        if data["taxon"] in existing:
            continue
        species = Species(
            taxon_id=data["taxon"],
            scientific_name=data["scientific"],
            common_name=dict(data["name"]),
            group=data["group"],
            search_text=search_text(data["name"], data["scientific"]),
        )
        db.session.add(species)
        existing[species.taxon_id] = species
        report.count("species")
    db.session.flush()
    for (code, cycle), entries in species_data.SPECIES_LISTS.items():
        instrument = directory.instrument_by_code(code)
        found = db.session.scalar(
            sa.select(SpeciesList).where(
                SpeciesList.instrument_id == instrument.id, SpeciesList.cycle == cycle
            )
        )
        if found is not None:
            continue
        species_list = SpeciesList(instrument=instrument, cycle=cycle)
        for position, (taxon, listing) in enumerate(entries):
            species_list.entries.append(
                SpeciesListEntry(
                    species=existing[taxon],
                    listing=species_data.listing_labels(listing),
                    position=position,
                )
            )
        db.session.add(species_list)
        report.count("species lists")
    db.session.flush()


def load_bank(report) -> None:
    for data in BANK:
        if bank.question_by_code(data["code"]) is not None:
            continue
        question = bank.create_question(
            code=data["code"],
            owner=directory.instrument_by_code(data["owner"]),
            answer_type=data["type"],
            text=data["text"],
            guidance=data.get("guidance"),
            config=data.get("config"),
            tags=data.get("tags"),
        )
        report.count("bank questions")
        for later in data.get("versions", []):
            # A later version exists because the earlier one was published and then changed.
            bank.freeze([question.latest])
            bank.change_question(
                question,
                answer_type=later["type"],
                text=later["text"],
                guidance=later.get("guidance"),
                config=later.get("config"),
            )
    db.session.flush()


def _version(code: str, number: int | None) -> BankVersion:
    question = bank.question_by_code(code)
    if question is None:
        raise LookupError(f"demo questionnaire uses unknown bank question {code}")
    return question.version(number) if number else question.latest


def _species_list(instrument, cycle: str | None):
    if cycle is None:
        return None
    return db.session.scalar(
        sa.select(SpeciesList).where(
            SpeciesList.instrument_id == instrument.id, SpeciesList.cycle == cycle
        )
    )


def _add_section(questionnaire, spec: dict, parent=None) -> None:
    section = questionnaires.add_section(
        questionnaire, title=spec["title"], parent=parent, loop=spec.get("loop")
    )
    for item in spec.get("items", []):
        if "bank" in item:
            questionnaires.add_bank_item(
                questionnaire,
                section,
                _version(item["bank"], item.get("version")),
                required=item.get("required", False),
                confidential=item.get("confidential", False),
                guidance=item.get("guidance"),
            )
        else:
            questionnaires.add_local_item(
                questionnaire,
                section,
                code=item["local"],
                answer_type=item["type"],
                text=item["text"],
                guidance=item.get("guidance"),
                config=item.get("config"),
                required=item.get("required", False),
                confidential=item.get("confidential", False),
            )
    for child in spec.get("sections", []):
        _add_section(questionnaire, child, parent=section)
    # Conditions last: they may only look back, and everything they point to now exists.
    if spec.get("condition"):
        questionnaires.set_condition(section, spec["condition"])


def _apply_item_conditions(questionnaire, spec: dict) -> None:
    from app.questionnaires.models import Node

    for item in spec.get("items", []):
        if item.get("condition"):
            code = item.get("bank") or item.get("local")
            node = db.session.scalar(
                sa.select(Node).where(
                    Node.questionnaire_id == questionnaire.id, Node.code == code.upper()
                )
            )
            questionnaires.set_condition(node, item["condition"])
    for child in spec.get("sections", []):
        _apply_item_conditions(questionnaire, child)


def load_questionnaires(report) -> None:
    for spec in QUESTIONNAIRES:
        if questionnaires.questionnaire_by_code(spec["code"]) is not None:
            continue
        instrument = directory.instrument_by_code(spec["instrument"])
        questionnaire = questionnaires.create_questionnaire(
            instrument=instrument,
            code=spec["code"],
            cycle=spec["cycle"],
            cycle_order=spec["order"],
            title=spec["title"],
            introduction=spec.get("introduction"),
            deadline=date.fromisoformat(spec["deadline"]) if spec.get("deadline") else None,
            species_list=_species_list(instrument, spec.get("species_list")),
        )
        for section in spec["sections"]:
            _add_section(questionnaire, section)
        for section in spec["sections"]:
            _apply_item_conditions(questionnaire, section)
        status = spec.get("status", Status.DRAFT)
        if status != Status.DRAFT:
            questionnaires.publish(questionnaire)
        if status in (Status.CLOSED, Status.ARCHIVED):
            questionnaires.close(questionnaire)
        if status == Status.ARCHIVED:
            questionnaires.archive(questionnaire)
        report.count("questionnaires")
    db.session.flush()
    # Reports exist from publication; a database loaded before reporting existed gets them now.
    for questionnaire in questionnaires.questionnaires_of(
        None, reporting.OPEN_QUESTIONNAIRE_STATUSES
    ):
        if reporting.open_reports(questionnaire):
            report.count("reports opened")
