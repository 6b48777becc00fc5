"""Instruments, parties and memberships: services and the admin and public pages."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.directory import services
from app.directory.models import Membership, Party, Region
from app.directory.regions import region_of
from app.extensions import db


def test_every_iso_country_and_the_eu_are_parties(ctx):
    import pycountry

    assert db.session.scalar(sa.select(sa.func.count(Party.id))) == len(pycountry.countries) + 1
    eu = services.party_by_code("EUU")
    assert eu.kind == "reio"
    assert eu.name["fr"] == "Union européenne"


@pytest.mark.parametrize(
    ("code", "en", "fr", "es", "region"),
    [
        ("FRA", "France", "France", "Francia", Region.EUROPE),
        ("KEN", "Kenya", "Kenya", "Kenia", Region.AFRICA),
        ("DEU", "Germany", "Allemagne", "Alemania", Region.EUROPE),
        ("BRA", "Brazil", "Brésil", "Brasil", Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN),
        ("USA", "United States", "États-Unis", "Estados Unidos", Region.NORTH_AMERICA),
        ("AUS", "Australia", "Australie", "Australia", Region.OCEANIA),
        ("IND", "India", "Inde", "India", Region.ASIA),
    ],
)
def test_country_names_and_regions(ctx, code, en, fr, es, region):
    party = services.party_by_code(code)
    assert party.name["en"] == en
    assert party.name["fr"] == fr
    assert party.name["es"] == es
    assert party.region == region


@pytest.mark.parametrize(
    ("alpha_2", "region"),
    [("MG", Region.AFRICA), ("CY", Region.EUROPE), ("MV", Region.ASIA),
     ("GL", Region.NORTH_AMERICA), ("CV", Region.AFRICA), ("FJ", Region.OCEANIA),
     ("MX", Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN), ("AQ", None),
     # zones on several continents: the mainland wins, not the first zone listed
     ("ES", Region.EUROPE), ("CL", Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN),
     ("EC", Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN), ("RU", Region.EUROPE),
     ("US", Region.NORTH_AMERICA), ("ID", Region.ASIA), ("NZ", Region.OCEANIA)],
)  # fmt: skip
def test_region_of(alpha_2, region):
    assert region_of(alpha_2) == region


def test_search_parties_ignores_accents_and_case(ctx):
    assert "USA" in [p.code for p in services.search_parties("ETATS-UNIS")]
    assert "SEN" in [p.code for p in services.search_parties("sénégal")]
    assert "DEU" in [p.code for p in services.search_parties("alemania")]


def test_who_owes_a_report(ctx):
    cms = services.instrument_by_code("CMS")
    raptors = services.instrument_by_code("RAPTORS")
    cms_reporting = {p.code for p in services.reporting_parties(cms)}
    assert {"FRA", "ESP", "KEN", "SEN", "EUU"} <= cms_reporting
    assert "USA" not in cms_reporting  # a Range State, not bound to report
    usa = next(m for m in services.memberships_of(cms) if m.party.code == "USA")
    assert usa.status == "range_state" and not usa.owes_report
    raptors_reporting = {p.code for p in services.reporting_parties(raptors)}
    assert {"ESP", "KEN"} <= raptors_reporting


def test_membership_status_must_fit_the_instrument(ctx):
    raptors = services.instrument_by_code("RAPTORS")
    cms = services.instrument_by_code("CMS")
    fra = services.party_by_code("FRA")
    with pytest.raises(services.DirectoryError, match="Signatories, not Parties"):
        services.set_membership(fra, raptors, "party")
    with pytest.raises(services.DirectoryError, match="Parties, not Signatories"):
        services.set_membership(fra, cms, "signatory")
    membership = services.set_membership(fra, raptors, "signatory", date(2024, 5, 1))
    assert membership.owes_report


def test_instrument_needs_names_in_its_working_languages(ctx):
    with pytest.raises(services.DirectoryError, match="missing in a working language: FR"):
        services.create_instrument(
            code="TEST-MOU", kind="mou", name={"en": "Test"}, working_languages=["en", "fr"]
        )
    with pytest.raises(services.DirectoryError, match="already exists"):
        services.create_instrument(
            code="cms", kind="convention", name={"en": "x"}, working_languages=["en"]
        )
    with pytest.raises(services.DirectoryError, match="not configured: de"):
        services.create_instrument(
            code="X", kind="mou", name={"en": "x"}, working_languages=["en", "de"]
        )


def test_admin_creates_an_instrument_and_adds_a_signatory(client, auth, app):
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/instruments/new",
        data={
            "code": "saiga",
            "kind": "mou",
            "name_en": "Memorandum of Understanding concerning the Saiga Antelope",
            "name_fr": "Mémorandum d’entente sur l’antilope saïga",
            "short_en": "Saiga MoU",
            "working_languages": ["en", "fr"],
        },
        follow_redirects=True,
    )
    assert "The instrument SAIGA is created." in response.text
    response = client.post(
        "/admin/instruments/SAIGA/memberships",
        data={"m-party": "KAZ", "m-status": "signatory", "m-since": "2006-09-24"},
        follow_redirects=True,
    )
    assert "membership of SAIGA saved" in response.text
    with app.app_context():
        saiga = services.instrument_by_code("SAIGA")
        assert [p.code for p in services.reporting_parties(saiga)] == ["KAZ"]
        actions = db.session.scalars(sa.select(AuditEvent.action)).all()
        assert "instrument.create" in actions and "membership.create" in actions
    # The public page lists the new Signatory
    response = client.get("/instruments/SAIGA/")
    assert "Kazakhstan" in response.text and "Signatory" in response.text


def test_admin_refusal_keeps_what_was_typed(client, auth):
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/instruments/new",
        data={
            "code": "NEWMOU",
            "kind": "mou",
            "name_fr": "Nom français",
            "working_languages": ["en"],
        },
    )
    assert response.status_code == 200
    assert "The name is missing in a working language: EN." in response.text
    assert 'value="Nom français"' in response.text


def test_admin_changes_and_removes_a_membership(client, auth, app):
    auth.login("admin@demo.test")
    client.post("/admin/instruments/CMS/memberships", data={"m-party": "USA", "m-status": "party"})
    with app.app_context():
        cms = services.instrument_by_code("CMS")
        usa = db.session.scalar(
            sa.select(Membership)
            .join(Party)
            .where(Party.code == "USA", Membership.instrument_id == cms.id)
        )
        assert usa.status == "party"
        membership_id = usa.id
    client.post(f"/admin/memberships/{membership_id}/delete")
    with app.app_context():
        assert db.session.get(Membership, membership_id) is None


def test_admin_edits_a_party_name(client, auth, app):
    auth.login("admin@demo.test")
    data = {"code": "CIV", "kind": "country", "name_en": "Côte d'Ivoire",
            "name_fr": "Côte d’Ivoire", "name_es": "Côte d'Ivoire", "region": "africa"}  # fmt: skip
    client.post("/admin/parties/CIV", data=data)
    with app.app_context():
        assert services.party_by_code("CIV").name["fr"] == "Côte d’Ivoire"
        assert "cote d" in services.party_by_code("CIV").search_text


def test_public_instrument_page_counts_parties_by_region(client):
    response = client.get("/instruments/AEWA/", headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text
    assert client.get("/instruments/NOPE/").status_code == 404
