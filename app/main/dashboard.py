"""What a user's dashboard shows: their roles, the instruments and countries they cover, and
what waits for them (a secretariat: the bank proposals on its instruments' questions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.auth.models import Role, RoleGrant, User
from app.bank import services as bank
from app.bank.models import BankProposal
from app.directory import services as directory
from app.directory.models import Instrument, Party


@dataclass
class RoleCard:
    role: Role
    grants: list[RoleGrant] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    all_instruments: bool = False
    proposals: list[BankProposal] = field(default_factory=list)


@dataclass
class Dashboard:
    user: User
    cards: list[RoleCard]

    @property
    def roles(self) -> list[Role]:
        return [card.role for card in self.cards]


def dashboard_for(user: User) -> Dashboard:
    cards: dict[Role, RoleCard] = {}
    for grant in sorted(user.grants, key=lambda g: list(Role).index(g.role_enum)):
        card = cards.setdefault(grant.role_enum, RoleCard(grant.role_enum))
        card.grants.append(grant)
        if grant.instrument is not None and grant.instrument not in card.instruments:
            card.instruments.append(grant.instrument)
        if grant.party is not None and grant.party not in card.parties:
            card.parties.append(grant.party)
        if grant.role_enum in (Role.ANALYST, Role.ADMIN) and grant.instrument is None:
            card.all_instruments = True
    for card in cards.values():
        if card.all_instruments:
            card.instruments = directory.instruments()
        if card.role == Role.SECRETARIAT:
            card.proposals = bank.proposals_awaiting({i.id for i in card.instruments})
    return Dashboard(user=user, cards=list(cards.values()))
