from __future__ import annotations

from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.enums import LabelledEnum
from app.extensions import db


class InstrumentKind(LabelledEnum):
    CONVENTION = "convention", _l("Convention")
    AGREEMENT = "agreement", _l("Agreement")
    MOU = "mou", _l("Memorandum of Understanding")


class Region(LabelledEnum):
    """The CMS regions used in national report syntheses."""

    AFRICA = "africa", _l("Africa")
    ASIA = "asia", _l("Asia")
    EUROPE = "europe", _l("Europe")
    OCEANIA = "oceania", _l("Oceania")
    SOUTH_CENTRAL_AMERICA_CARIBBEAN = "scac", _l("South and Central America and the Caribbean")
    NORTH_AMERICA = "north_america", _l("North America")


class PartyKind(StrEnum):
    COUNTRY = "country"
    REIO = "reio"  # regional economic integration organisation (the European Union)


class MembershipStatus(LabelledEnum):
    PARTY = "party", _l("Party")
    SIGNATORY = "signatory", _l("Signatory")
    RANGE_STATE = "range_state", _l("Range State (not a Party)")


# Who owes a report (DESIGN.md): a convention's or agreement's Parties, an MoU's Signatories.
REPORTING_STATUS = {
    InstrumentKind.CONVENTION: MembershipStatus.PARTY,
    InstrumentKind.AGREEMENT: MembershipStatus.PARTY,
    InstrumentKind.MOU: MembershipStatus.SIGNATORY,
}


def _enum_values(enum: type[StrEnum]) -> str:
    return ", ".join(f"'{m.value}'" for m in enum)


class Instrument(db.Model):
    __tablename__ = "instruments"
    __table_args__ = (sa.CheckConstraint(f"kind IN ({_enum_values(InstrumentKind)})", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    short_name: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    working_languages: Mapped[list] = mapped_column(sa.JSON, default=list)
    website: Mapped[str | None] = mapped_column(sa.String(255))
    position: Mapped[int] = mapped_column(default=0, server_default="0")

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="instrument", cascade="all, delete-orphan"
    )

    @property
    def kind_enum(self) -> InstrumentKind:
        return InstrumentKind(self.kind)

    @property
    def reporting_status(self) -> MembershipStatus:
        return REPORTING_STATUS[self.kind_enum]

    def __repr__(self) -> str:
        return f"<Instrument {self.code}>"


class Party(db.Model):
    __tablename__ = "parties"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN ({_enum_values(PartyKind)})", name="kind"),
        sa.CheckConstraint(f"region IS NULL OR region IN ({_enum_values(Region)})", name="region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(3), unique=True)  # ISO 3166-1 alpha-3
    alpha_2: Mapped[str | None] = mapped_column(sa.String(2))
    kind: Mapped[str] = mapped_column(sa.String(10), default=PartyKind.COUNTRY)
    name: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    region: Mapped[str | None] = mapped_column(sa.String(20))  # None: Antarctica
    search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="party", cascade="all, delete-orphan"
    )

    @property
    def region_enum(self) -> Region | None:
        return Region(self.region) if self.region else None

    def __repr__(self) -> str:
        return f"<Party {self.code}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        sa.UniqueConstraint("party_id", "instrument_id", name="uq_memberships_party_instrument"),
        sa.CheckConstraint(f"status IN ({_enum_values(MembershipStatus)})", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(sa.ForeignKey("parties.id", ondelete="CASCADE"))
    instrument_id: Mapped[int] = mapped_column(
        sa.ForeignKey("instruments.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20))
    since: Mapped[date | None] = mapped_column(sa.Date)

    party: Mapped[Party] = relationship(back_populates="memberships")
    instrument: Mapped[Instrument] = relationship(back_populates="memberships")

    @property
    def status_enum(self) -> MembershipStatus:
        return MembershipStatus(self.status)

    @property
    def owes_report(self) -> bool:
        return self.status == self.instrument.reporting_status

    def __repr__(self) -> str:
        return f"<Membership {self.party_id}×{self.instrument_id} {self.status}>"
