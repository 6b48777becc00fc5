"""Instruments, parties and memberships. Callers commit; changes are audited."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from datetime import date

import pycountry
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.audit import services as audit
from app.directory.models import (
    Instrument,
    InstrumentKind,
    Membership,
    MembershipStatus,
    Party,
    PartyKind,
    Region,
)
from app.directory.regions import region_of
from app.extensions import db
from app.i18n import collated, languages, normalise, search_text


class DirectoryError(ValueError):
    """A refused change; `str()` is a translated message."""


# --- parties ---------------------------------------------------------------------------------

EUROPEAN_UNION = {
    "code": "EUU",
    "name": {"en": "European Union", "fr": "Union européenne", "es": "Unión Europea"},
    "region": Region.EUROPE,
}


def country_names(country) -> dict[str, str]:
    """A pycountry country's name in every configured language (English where none exists)."""
    names = {"en": getattr(country, "common_name", None) or country.name}
    for code in languages():
        if code == "en":
            continue
        catalog = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True
        )
        names[code] = catalog.gettext(country.name)
    return names


def sync_countries() -> int:
    """Upsert every ISO 3166-1 country and the European Union; returns how many were added.

    Names come from pycountry in each configured language; a name an admin edited is kept.
    """
    existing = {p.code: p for p in db.session.scalars(sa.select(Party))}
    added = 0
    for country in pycountry.countries:
        party = existing.get(country.alpha_3)
        if party is None:
            region = region_of(country.alpha_2)
            party = Party(
                code=country.alpha_3,
                alpha_2=country.alpha_2,
                kind=PartyKind.COUNTRY,
                name=country_names(country),
                region=region.value if region else None,
            )
            db.session.add(party)
            added += 1
        else:
            names = country_names(country)
            party.name = {**names, **(party.name or {})}
        party.search_text = search_text(party.name, party.code)
    if EUROPEAN_UNION["code"] not in existing:
        eu = Party(
            code=EUROPEAN_UNION["code"],
            alpha_2="EU",
            kind=PartyKind.REIO,
            name=dict(EUROPEAN_UNION["name"]),
            region=EUROPEAN_UNION["region"].value,
        )
        eu.search_text = search_text(eu.name, eu.code)
        db.session.add(eu)
        added += 1
    db.session.flush()
    return added


def party_by_code(code: str) -> Party | None:
    return db.session.scalar(sa.select(Party).where(Party.code == code.upper()))


def search_parties(
    query: str = "",
    region: str | None = None,
    with_memberships: bool = False,
    lang: str | None = None,
) -> list[Party]:
    """Parties matching `query` (any language, accents ignored) and `region`, ordered by their
    name in the alphabet of a reader of `lang` (default: the request's language)."""
    stmt = sa.select(Party)
    if with_memberships:
        stmt = stmt.options(selectinload(Party.memberships).joinedload(Membership.instrument))
    if query:
        stmt = stmt.where(Party.search_text.contains(normalise(query), autoescape=True))
    if region:
        stmt = stmt.where(Party.region == region)
    return collated(db.session.scalars(stmt), key=lambda p: p.name, lang=lang)


def update_party(party: Party, *, name: dict[str, str], region: str | None, actor=None) -> Party:
    if not (name.get("en") or "").strip():
        raise DirectoryError(_l("The English name is required."))
    if region and region not in {r.value for r in Region}:
        raise DirectoryError(_l("Choose a region from the list."))
    party.name = {k: v.strip() for k, v in name.items() if v and v.strip()}
    party.region = region or None
    party.search_text = search_text(party.name, party.code)
    db.session.flush()
    audit.record(actor, "party.update", party, party.code)
    return party


def create_party(
    *, code: str, name: dict[str, str], region: str | None, kind: str, actor=None
) -> Party:
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise DirectoryError(_l("The code must be three letters (ISO 3166-1 alpha-3)."))
    if party_by_code(code) is not None:
        raise DirectoryError(_l("A party with this code already exists."))
    party = Party(code=code, kind=kind, name={}, region=None)
    db.session.add(party)
    update_party(party, name=name, region=region, actor=actor)
    audit.record(actor, "party.create", party, code)
    return party


# --- instruments -------------------------------------------------------------------------------


def instruments() -> list[Instrument]:
    return list(
        db.session.scalars(sa.select(Instrument).order_by(Instrument.position, Instrument.code))
    )


def instrument_by_code(code: str) -> Instrument | None:
    return db.session.scalar(sa.select(Instrument).where(Instrument.code == code.upper()))


def _check_instrument(name: dict[str, str], working_languages: list[str], kind: str) -> None:
    if kind not in {k.value for k in InstrumentKind}:
        raise DirectoryError(_l("Choose a kind of instrument from the list."))
    if not working_languages:
        raise DirectoryError(_l("An instrument needs at least one working language."))
    unknown = [code for code in working_languages if code not in languages()]
    if unknown:
        raise DirectoryError(
            _l("These languages are not configured: %(codes)s.", codes=", ".join(unknown))
        )
    missing = [code for code in working_languages if not (name.get(code) or "").strip()]
    if missing:
        raise DirectoryError(
            _l(
                "The name is missing in a working language: %(codes)s.",
                codes=", ".join(code.upper() for code in missing),
            )
        )


def create_instrument(
    *,
    code: str,
    kind: str,
    name: dict[str, str],
    short_name: dict[str, str] | None = None,
    working_languages: list[str],
    website: str | None = None,
    position: int = 0,
    actor=None,
) -> Instrument:
    code = code.strip().upper()
    if not code or len(code) > 20 or not all(c.isalnum() or c in "-_" for c in code):
        raise DirectoryError(_l("The code must be letters, digits, - or _ (at most 20)."))
    if instrument_by_code(code) is not None:
        raise DirectoryError(_l("An instrument with this code already exists."))
    _check_instrument(name, working_languages, kind)
    instrument = Instrument(
        code=code,
        kind=kind,
        name=_clean(name),
        short_name=_clean(short_name or {}),
        working_languages=list(working_languages),
        website=website or None,
        position=position,
    )
    db.session.add(instrument)
    db.session.flush()
    audit.record(actor, "instrument.create", instrument, code)
    return instrument


def update_instrument(
    instrument: Instrument,
    *,
    kind: str,
    name: dict[str, str],
    short_name: dict[str, str] | None,
    working_languages: list[str],
    website: str | None,
    actor=None,
) -> Instrument:
    _check_instrument(name, working_languages, kind)
    if kind != instrument.kind:
        allowed = _allowed_statuses(InstrumentKind(kind))
        if any(m.status_enum not in allowed for m in instrument.memberships):
            raise DirectoryError(
                _l("Some memberships have a status that this kind of instrument does not use.")
            )
    instrument.kind = kind
    instrument.name = _clean(name)
    instrument.short_name = _clean(short_name or {})
    instrument.working_languages = list(working_languages)
    instrument.website = website or None
    db.session.flush()
    audit.record(actor, "instrument.update", instrument, instrument.code)
    return instrument


def _clean(texts: dict[str, str]) -> dict[str, str]:
    return {k: v.strip() for k, v in texts.items() if v and v.strip()}


# --- memberships -------------------------------------------------------------------------------


def _allowed_statuses(kind: InstrumentKind) -> set[MembershipStatus]:
    if kind == InstrumentKind.MOU:
        return {MembershipStatus.SIGNATORY, MembershipStatus.RANGE_STATE}
    return {MembershipStatus.PARTY, MembershipStatus.RANGE_STATE}


def allowed_statuses(instrument: Instrument) -> list[MembershipStatus]:
    return [s for s in MembershipStatus if s in _allowed_statuses(instrument.kind_enum)]


# Called with a membership that makes its party owe reports, once it is saved. Reporting sits
# above the directory and may not be imported here: it adds itself to this list (see
# app/reporting/__init__.py) to open the new member's reports of published questionnaires.
on_member: list[Callable[[Membership], object]] = []


def set_membership(
    party: Party,
    instrument: Instrument,
    status: str,
    since: date | None = None,
    actor=None,
) -> Membership:
    """Add or change a party's membership of an instrument.

    `since` None keeps the date an existing membership has: a form left empty never erases
    what was recorded (a date is rarely unknown once known; removing the membership and adding
    it again clears it)."""
    try:
        status_enum = MembershipStatus(status)
    except ValueError:
        raise DirectoryError(_l("Choose a status from the list.")) from None
    if status_enum not in _allowed_statuses(instrument.kind_enum):
        raise DirectoryError(
            _l("A Memorandum of Understanding has Signatories, not Parties.")
            if instrument.kind_enum == InstrumentKind.MOU
            else _l("A convention or agreement has Parties, not Signatories.")
        )
    membership = db.session.scalar(
        sa.select(Membership).where(
            Membership.party_id == party.id, Membership.instrument_id == instrument.id
        )
    )
    action = "membership.update"
    if membership is None:
        membership = Membership(party=party, instrument=instrument)
        db.session.add(membership)
        action = "membership.create"
    membership.status = status_enum.value
    if since is not None:
        membership.since = since
    db.session.flush()
    audit.record(actor, action, membership, f"{party.code} {instrument.code} {status_enum.value}")
    if status_enum != MembershipStatus.RANGE_STATE:
        for opened in on_member:
            opened(membership)
    return membership


# Each says, in sentences for the admin, what removing a membership leaves behind in a package
# above the directory (reporting: the party's reports of the instrument, see
# app/reporting/__init__.py). Called before the removal, to be shown on its confirmation page.
removal_effects: list[Callable[[Membership], list[str]]] = []


def removal_consequences(membership: Membership) -> list[str]:
    """What removing `membership` leaves behind, one sentence per thing, for its confirmation."""
    return [line for effect in removal_effects for line in effect(membership)]


def remove_membership(membership: Membership, actor=None) -> None:
    """Remove a membership. The reports its party was given are not touched (see
    `removal_consequences`): they stay with their answers and submissions."""
    summary = f"{membership.party.code} {membership.instrument.code}"
    db.session.delete(membership)
    db.session.flush()
    audit.record(actor, "membership.delete", membership, summary)


def memberships_of(
    instrument: Instrument, *, reporting_only: bool = False, lang: str | None = None
) -> list[Membership]:
    """`instrument`'s memberships, by party name in the alphabet of a reader of `lang`."""
    stmt = (
        sa.select(Membership)
        .where(Membership.instrument_id == instrument.id)
        .options(selectinload(Membership.party))
    )
    if reporting_only:
        stmt = stmt.where(Membership.status == instrument.reporting_status.value)
    return collated(db.session.scalars(stmt), key=lambda m: m.party.name, lang=lang)


def reporting_parties(instrument: Instrument) -> list[Party]:
    """The parties that owe a report to `instrument` (its Parties; an MoU's Signatories)."""
    return [m.party for m in memberships_of(instrument, reporting_only=True)]
