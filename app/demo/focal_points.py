"""The demo's focal points for the parties that have no demo account: each party's demo
submissions are credited to a person of that country, not to the secretariat.

The accounts are `focal.point.<iso3>@demo.test`, in the party's likely language, and have no
password: nobody can sign in to them (app.auth.services.check_password refuses an account
without a password hash), so the README lists none of them."""

from __future__ import annotations

import zlib

from app.auth import services as accounts
from app.auth.models import Role, User
from app.demo import answers
from app.directory.models import Party, Region

# A name as a focal point of that country could bear, for the parties of the demo's reports.
NAMES = {
    # Africa
    "BFA": "Aminata Ouédraogo", "CIV": "Adjoua Kouassi", "CMR": "Jean-Pierre Mbarga",
    "EGY": "Mona El-Sayed", "ETH": "Tadesse Bekele", "GHA": "Kwame Asante",
    "MAR": "Fatima Zahra Benali", "MLI": "Moussa Traoré", "NGA": "Chiamaka Okonkwo",
    "TUN": "Sami Ben Salah", "ZAF": "Thandiwe Nkosi",
    # Asia
    "IND": "Priya Raghavan", "IRN": "Reza Hosseini", "KAZ": "Aigerim Nurlanova",
    "MNG": "Batbayar Dorj", "PAK": "Ayesha Siddiqui", "PHL": "Marisol Dela Cruz",
    # Europe, and the European Union
    "DEU": "Katrin Hoffmann", "GBR": "James Whitfield", "ITA": "Giulia Ferraro",
    "NLD": "Pieter de Vries", "BEL": "Els Peeters", "CHE": "Lukas Meier",
    "NOR": "Ingrid Solberg", "POL": "Tomasz Kowalczyk", "PRT": "Inês Carvalho",
    "SWE": "Erik Lindqvist", "HRV": "Ivana Horvat", "GEO": "Nino Beridze",
    "UKR": "Oksana Kovalenko", "EUU": "Sophie Vermeulen",
    # South and Central America and the Caribbean
    "ARG": "Martín Gutiérrez", "BOL": "Carla Mamani", "BRA": "Ana Paula Ribeiro",
    "CRI": "Andrés Solano", "PER": "Rosa Quispe", "CHL": "Camila Fuentes",
    # Oceania
    "AUS": "Sarah Mitchell", "NZL": "Aroha Williams", "FJI": "Litia Naivalu",
}  # fmt: skip

# For the parties `flask demo generate` picks beyond those: a name of the party's region.
_BY_REGION = {
    Region.AFRICA: (("Amina", "Kofi", "Nadia", "Ibrahim"), ("Diallo", "Mensah", "Haddad")),
    Region.ASIA: (("Anjali", "Farid", "Mei", "Arman"), ("Rahman", "Chen", "Sato", "Karimov")),
    Region.EUROPE: (("Elena", "Marek", "Sofia", "Jonas"), ("Novak", "Berg", "Rossi", "Popescu")),
    Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN: (
        ("Lucía", "Diego", "Valeria", "Mateo"),
        ("Herrera", "Rojas", "Morales", "Vargas"),
    ),
    Region.NORTH_AMERICA: (("Emily", "Daniel", "Grace"), ("Tremblay", "Walker", "Brooks")),
    Region.OCEANIA: (("Mele", "Joshua", "Leilani"), ("Taufa", "Kaufana", "Harris")),
}
_ELSEWHERE = (("Alex", "Sam", "Robin"), ("Morgan", "Taylor", "Lee"))


def email_of(party: Party) -> str:
    return f"focal.point.{party.code.lower()}@demo.test"


def name_of(party: Party) -> str:
    if party.code in NAMES:
        return NAMES[party.code]
    first, last = _BY_REGION.get(party.region_enum, _ELSEWHERE)
    seed = zlib.crc32(party.code.encode())  # the same name at every load
    return f"{first[seed % len(first)]} {last[(seed // len(first)) % len(last)]}"


def account_for(party: Party, instrument) -> User:
    """The demo focal point of `party` for `instrument`, created (without a password) and
    given the role when missing."""
    user = accounts.user_by_email(email_of(party))
    if user is None:
        user = accounts.create_user(
            email_of(party), name_of(party), password=None, locale=answers.language_of(party)
        )
    scope = accounts.GrantScope(Role.FOCAL_POINT, instrument, party)
    if accounts.find_grant(user, scope) is None:
        accounts.grant_role(user, scope)
    return user
