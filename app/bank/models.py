from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.directory.models import Instrument
from app.extensions import db
from app.utils import utcnow

ANSWER_TYPES_SQL = (
    "'short_text', 'long_text', 'number', 'date', 'yes_no', 'single_choice', "
    "'multiple_choice', 'table', 'file', 'species', 'site'"
)


class BankQuestion(db.Model):
    """A harmonised question: a stable code whose meaning lives in its versions."""

    __tablename__ = "bank_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("instruments.id"), index=True)
    tags: Mapped[list] = mapped_column(sa.JSON, default=list)
    search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    owner: Mapped[Instrument] = relationship(lazy="joined")
    versions: Mapped[list[BankVersion]] = relationship(
        back_populates="question",
        order_by="BankVersion.number",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def latest(self) -> BankVersion:
        return self.versions[-1]

    def version(self, number: int) -> BankVersion | None:
        return next((v for v in self.versions if v.number == number), None)

    def __repr__(self) -> str:
        return f"<BankQuestion {self.code}>"


class BankVersion(db.Model):
    """One meaning of a bank question. Frozen once a published questionnaire uses it: then only
    translations other than English may still be added or corrected in place."""

    __tablename__ = "bank_versions"
    __table_args__ = (
        sa.UniqueConstraint("question_id", "number", name="uq_bank_versions_question_number"),
        sa.CheckConstraint(f"answer_type IN ({ANSWER_TYPES_SQL})", name="answer_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("bank_questions.id", ondelete="CASCADE"))
    number: Mapped[int]
    answer_type: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    guidance: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    config: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    frozen_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    question: Mapped[BankQuestion] = relationship(back_populates="versions")

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    def __repr__(self) -> str:
        return f"<BankVersion {self.question_id} v{self.number}>"


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class BankProposal(db.Model):
    """A change to a bank question proposed by another instrument's secretariat."""

    __tablename__ = "bank_proposals"
    __table_args__ = (
        sa.CheckConstraint("status IN ('open', 'accepted', 'declined')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bank_questions.id", ondelete="CASCADE"), index=True
    )
    base_version_id: Mapped[int] = mapped_column(sa.ForeignKey("bank_versions.id"))
    instrument_id: Mapped[int] = mapped_column(sa.ForeignKey("instruments.id"))
    proposed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    answer_type: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    guidance: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    config: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    message: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[str] = mapped_column(sa.String(10), default=ProposalStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    decision_note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    result_version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bank_versions.id"))

    question: Mapped[BankQuestion] = relationship()
    base_version: Mapped[BankVersion] = relationship(foreign_keys=[base_version_id])
    instrument: Mapped[Instrument] = relationship()
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])


class Species(db.Model):
    """One taxon with a stable id, so an answer about it means the same for every instrument."""

    __tablename__ = "species"

    id: Mapped[int] = mapped_column(primary_key=True)
    taxon_id: Mapped[str] = mapped_column(sa.String(80), unique=True)
    scientific_name: Mapped[str] = mapped_column(sa.String(120))
    common_name: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    group: Mapped[str] = mapped_column(sa.String(20), default="birds")
    search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")


class SpeciesList(db.Model):
    """An instrument's list of species for one reporting cycle (appendices change)."""

    __tablename__ = "species_lists"
    __table_args__ = (
        sa.UniqueConstraint("instrument_id", "cycle", name="uq_species_lists_instrument_cycle"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(sa.ForeignKey("instruments.id", ondelete="CASCADE"))
    cycle: Mapped[str] = mapped_column(sa.String(20))

    instrument: Mapped[Instrument] = relationship()
    entries: Mapped[list[SpeciesListEntry]] = relationship(
        back_populates="species_list",
        order_by="SpeciesListEntry.position",
        cascade="all, delete-orphan",
    )


class SpeciesListEntry(db.Model):
    __tablename__ = "species_list_entries"
    __table_args__ = (
        sa.UniqueConstraint("list_id", "species_id", name="uq_species_list_entries_list_species"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(sa.ForeignKey("species_lists.id", ondelete="CASCADE"))
    species_id: Mapped[int] = mapped_column(sa.ForeignKey("species.id", ondelete="CASCADE"))
    # The species' place in the instrument's legal text ("Appendix I", "Table 1 Column A 1(a)"),
    # in each language; empty when the list does not say.
    listing: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0, server_default="0")

    species_list: Mapped[SpeciesList] = relationship(back_populates="entries")
    species: Mapped[Species] = relationship(lazy="joined")
