from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from uuid import uuid4

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.bank.models import ANSWER_TYPES_SQL, BankVersion, SpeciesList
from app.directory.models import Instrument
from app.enums import LabelledEnum
from app.extensions import db
from app.utils import utcnow


def new_stamp() -> str:
    """A fresh `Questionnaire.tree_stamp`."""
    return uuid4().hex


class Status(LabelledEnum):
    DRAFT = "draft", _l("Draft")
    PUBLISHED = "published", _l("Published")
    CLOSED = "closed", _l("Closed")
    ARCHIVED = "archived", _l("Archived")


class Loop(LabelledEnum):
    SPECIES = "species", _l("For each species of the instrument’s list")
    SITE = "site", _l("For each site of the party")


class Questionnaire(db.Model):
    __tablename__ = "questionnaires"
    __table_args__ = (
        sa.CheckConstraint("status IN ('draft', 'published', 'closed', 'archived')", name="status"),
        sa.UniqueConstraint("instrument_id", "cycle", name="uq_questionnaires_instrument_cycle"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(sa.ForeignKey("instruments.id"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    cycle: Mapped[str] = mapped_column(sa.String(20))
    cycle_order: Mapped[int]  # orders an instrument's cycles: defines "the previous cycle"
    title: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    introduction: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    status: Mapped[str] = mapped_column(sa.String(10), default=Status.DRAFT)
    deadline: Mapped[date | None] = mapped_column(sa.Date)
    species_list_id: Mapped[int | None] = mapped_column(sa.ForeignKey("species_lists.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    archived_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Changes with every change to what the question tree holds (its nodes, the bank versions
    # and questions they pin): a process keeps a published tree in memory under this stamp
    # (tree.cached). Random, so that two databases never share one.
    tree_stamp: Mapped[str] = mapped_column(sa.String(32), default=new_stamp)

    instrument: Mapped[Instrument] = relationship(lazy="joined")
    species_list: Mapped[SpeciesList | None] = relationship()
    nodes: Mapped[list[Node]] = relationship(
        back_populates="questionnaire", cascade="all, delete-orphan", order_by="Node.position"
    )

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    def __repr__(self) -> str:
        return f"<Questionnaire {self.code}>"


class NodeKind(StrEnum):
    SECTION = "section"
    ITEM = "item"


class Node(db.Model):
    """A section or an item of a questionnaire (one table, ordered by `position` per parent).

    An item either pins a bank version (`bank_version_id`; `code` copies the bank code) or is a
    local question with its own `code`, `answer_type`, `text` and `config`. `guidance` is the
    local guidance: for a bank item it is shown under the bank's own.
    """

    __tablename__ = "questionnaire_nodes"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('section', 'item')", name="kind"),
        sa.CheckConstraint("loop IS NULL OR loop IN ('species', 'site')", name="loop"),
        sa.CheckConstraint("kind = 'section' OR loop IS NULL", name="loop_on_sections"),
        sa.CheckConstraint(
            "kind = 'section' OR (code IS NOT NULL AND "
            "(bank_version_id IS NOT NULL OR answer_type IS NOT NULL))",
            name="item_has_question",
        ),
        sa.CheckConstraint(
            f"answer_type IS NULL OR answer_type IN ({ANSWER_TYPES_SQL})", name="answer_type"
        ),
        sa.UniqueConstraint("questionnaire_id", "code", name="uq_questionnaire_nodes_code"),
        sa.Index("ix_questionnaire_nodes_parent", "questionnaire_id", "parent_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE")
    )
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("questionnaire_nodes.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(sa.String(10))
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    code: Mapped[str | None] = mapped_column(sa.String(40))
    title: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    loop: Mapped[str | None] = mapped_column(sa.String(10))
    condition: Mapped[dict | None] = mapped_column(sa.JSON)
    required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    confidential: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    bank_version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bank_versions.id"))
    answer_type: Mapped[str | None] = mapped_column(sa.String(20))
    text: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    guidance: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    config: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="nodes")
    bank_version: Mapped[BankVersion | None] = relationship()

    @property
    def is_section(self) -> bool:
        return self.kind == NodeKind.SECTION

    @property
    def is_bank_item(self) -> bool:
        return self.bank_version_id is not None

    # What an item asks: the pinned bank version's meaning, or the local definition.
    @property
    def effective_type(self) -> str | None:
        return self.bank_version.answer_type if self.bank_version else self.answer_type

    @property
    def effective_text(self) -> dict:
        return self.bank_version.text if self.bank_version else self.text

    @property
    def effective_config(self) -> dict:
        return self.bank_version.config if self.bank_version else self.config

    def __repr__(self) -> str:
        return f"<Node {self.kind} {self.code or self.id} #{self.number}>"
