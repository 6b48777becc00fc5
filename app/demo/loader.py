"""Load the demo: instruments, every country, memberships, one account per role, and national
reports filled, submitted and reviewed (see reports.py).

Upserts by natural keys (codes, e-mail addresses) and never changes what users entered: an
existing account keeps its password, name and language; an existing membership keeps its status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.auth import services as auth
from app.auth.models import Role
from app.demo import content, reports
from app.demo.directory_data import INSTRUMENTS, MEMBERSHIPS
from app.directory import services as directory
from app.directory.models import Membership
from app.extensions import db

DEMO_PASSWORD = "ors-demo-2026"  # noqa: S105 - published in the README for the demo accounts


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    locale: str | None
    grants: tuple[tuple[str, str | None, str | None], ...]  # (role, instrument, party)
    description: str = ""


ACCOUNTS = (
    DemoAccount("admin@demo.test", "Ada Admin", "en", (("admin", None, None),), "Administrator"),
    DemoAccount(
        "cms.secretariat@demo.test", "Clara Moreau", "fr",
        (("secretariat", "CMS", None),), "CMS Secretariat",
    ),
    DemoAccount(
        "aewa.secretariat@demo.test", "Anton Weber", "en",
        (("secretariat", "AEWA", None),), "AEWA Secretariat",
    ),
    DemoAccount(
        "raptors.secretariat@demo.test", "Rania Haddad", "en",
        (("secretariat", "RAPTORS", None),), "Raptors MoU Coordinating Unit",
    ),
    DemoAccount(
        "analyst@demo.test", "Amina Okafor", "en", (("analyst", None, None),),
        "Analyst, all instruments",
    ),
    DemoAccount(
        "fp.fra@demo.test", "Françoise Lefèvre", "fr",
        (("focal_point", "CMS", "FRA"), ("focal_point", "AEWA", "FRA")),
        "Focal point of France for CMS and AEWA",
    ),
    DemoAccount(
        "fp.esp@demo.test", "Javier Martínez", "es",
        (
            ("focal_point", "CMS", "ESP"),
            ("focal_point", "AEWA", "ESP"),
            ("focal_point", "RAPTORS", "ESP"),
        ),
        "Focal point of Spain for CMS, AEWA and the Raptors MoU",
    ),
    DemoAccount(
        "fp.ken@demo.test", "Wanjiru Kamau", "en",
        (
            ("focal_point", "CMS", "KEN"),
            ("focal_point", "AEWA", "KEN"),
            ("focal_point", "RAPTORS", "KEN"),
        ),
        "Focal point of Kenya for CMS, AEWA and the Raptors MoU",
    ),
    DemoAccount(
        "fp.sen@demo.test", "Mamadou Diop", "fr",
        (("focal_point", "CMS", "SEN"), ("focal_point", "AEWA", "SEN")),
        "Focal point of Senegal for CMS and AEWA",
    ),
    DemoAccount(
        "contributor.fra@demo.test", "Julien Bernard", "fr",
        (("contributor", None, "FRA"),),
        "French expert; rights come from delegated sections only",
    ),
)  # fmt: skip


@dataclass
class LoadReport:
    added: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1) -> None:
        if n:
            self.added[what] = self.added.get(what, 0) + n


def load() -> LoadReport:
    """Upsert the whole demo; the caller commits."""
    report = LoadReport()
    report.count("parties", directory.sync_countries())
    _load_instruments(report)
    _load_memberships(report)
    _load_accounts(report)
    content.load_species(report)
    content.load_bank(report)
    content.load_questionnaires(report)
    reports.load(report)
    db.session.flush()
    return report


def _load_instruments(report: LoadReport) -> None:
    for position, data in enumerate(INSTRUMENTS):
        if directory.instrument_by_code(data["code"]) is None:
            directory.create_instrument(
                code=data["code"],
                kind=data["kind"],
                name=data["name"],
                short_name=data.get("short_name"),
                working_languages=data["working_languages"],
                website=data.get("website"),
                position=position,
            )
            report.count("instruments")


def _load_memberships(report: LoadReport) -> None:
    existing = {
        (m.party.code, m.instrument.code) for m in db.session.scalars(db.select(Membership))
    }
    parties = {p.code: p for p in directory.search_parties()}
    for code, rows in MEMBERSHIPS.items():
        instrument = directory.instrument_by_code(code)
        for alpha3, status, year in rows:
            if (alpha3, code) in existing:
                continue
            directory.set_membership(
                parties[alpha3], instrument, status, date(year, 1, 1) if year else None
            )
            report.count("memberships")


def _load_accounts(report: LoadReport) -> None:
    for account in ACCOUNTS:
        user = auth.user_by_email(account.email)
        if user is None:
            user = auth.create_user(
                account.email, account.name, password=DEMO_PASSWORD, locale=account.locale
            )
            report.count("accounts")
        for role, instrument_code, party_code in account.grants:
            scope = auth.GrantScope(
                Role(role),
                directory.instrument_by_code(instrument_code) if instrument_code else None,
                directory.party_by_code(party_code) if party_code else None,
            )
            if auth.find_grant(user, scope) is None:
                auth.grant_role(user, scope)
                report.count("role grants")
