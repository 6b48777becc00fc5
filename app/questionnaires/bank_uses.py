"""Where the bank is used by questionnaires: the answers that app/bank/uses.py asks for, given
here because only the questionnaires may read questionnaires (the bank sits below them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from app.bank.models import BankVersion, SpeciesList
from app.directory.models import Instrument
from app.extensions import db
from app.questionnaires.models import Node, Questionnaire, Status


@dataclass(frozen=True)
class Usage:
    questionnaire: Questionnaire
    number: str
    version: int

    @property
    def instrument(self) -> Instrument:
        return self.questionnaire.instrument


def usage(question_ids: list[int]) -> dict[int, list[Usage]]:
    """Where each bank question is used: questionnaire, item number and pinned version."""
    if not question_ids:
        return {}
    rows = db.session.execute(
        sa.select(BankVersion.question_id, BankVersion.number, Node.number, Questionnaire)
        .join(Node, Node.bank_version_id == BankVersion.id)
        .join(Questionnaire, Questionnaire.id == Node.questionnaire_id)
        .where(BankVersion.question_id.in_(question_ids))
        .order_by(Questionnaire.instrument_id, Questionnaire.cycle_order, Node.number)
    ).all()
    found: dict[int, list[Usage]] = defaultdict(list)
    for question_id, version_number, node_number, questionnaire in rows:
        found[question_id].append(Usage(questionnaire, node_number, version_number))
    return found


def question_ids_used_in(instrument: Instrument) -> set[int]:
    """The bank questions used by a questionnaire of `instrument`."""
    return set(
        db.session.scalars(
            sa.select(BankVersion.question_id)
            .join(Node, Node.bank_version_id == BankVersion.id)
            .join(Questionnaire, Questionnaire.id == Node.questionnaire_id)
            .where(Questionnaire.instrument_id == instrument.id)
        )
    )


def questionnaires_using(species_list: SpeciesList) -> list[Questionnaire]:
    """The questionnaires whose species loops repeat over `species_list`: those it is attached
    to, and those of its instrument and cycle that have no list attached (see
    app/questionnaires/builder.py `species_list_for`)."""
    return list(
        db.session.scalars(
            sa.select(Questionnaire)
            .where(
                sa.or_(
                    Questionnaire.species_list_id == species_list.id,
                    sa.and_(
                        Questionnaire.species_list_id.is_(None),
                        Questionnaire.instrument_id == species_list.instrument_id,
                        Questionnaire.cycle == species_list.cycle,
                    ),
                )
            )
            .order_by(Questionnaire.cycle_order, Questionnaire.code)
        )
    )


def frozen_by(species_list: SpeciesList) -> Questionnaire | None:
    """The first questionnaire other than a draft that uses the list (None: it may change)."""
    return next((q for q in questionnaires_using(species_list) if q.status != Status.DRAFT), None)


def questionnaires_of(instrument: Instrument) -> list[Questionnaire]:
    """The questionnaires of `instrument`, latest cycle first."""
    return list(
        db.session.scalars(
            sa.select(Questionnaire)
            .where(Questionnaire.instrument_id == instrument.id)
            .order_by(Questionnaire.cycle_order.desc())
        )
    )
