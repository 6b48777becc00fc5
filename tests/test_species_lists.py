"""Species lists per instrument and cycle: the rules (copy, duplicates, freezing, order, search),
the pages in French, the links from the designer, and who may read and change them."""

import re

import pytest
import sqlalchemy as sa

from app import policy
from app.audit.models import AuditEvent
from app.auth import services as auth_services
from app.bank import species_lists
from app.bank.models import Species, SpeciesList
from app.bank.services import BankError
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import bank_uses, editing, services
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, CMS_SEC, FP_FRA

TITLE = {"en": "COP16 national report", "fr": "Rapport national COP16"}


def _species(taxon: str) -> Species:
    return db.session.scalar(sa.select(Species).where(Species.taxon_id == taxon))


def _cms():
    return directory.instrument_by_code("CMS")


def _new_draft(cycle: str = "COP16"):
    cms = _cms()
    return services.create_questionnaire(
        instrument=cms, code=f"CMS-{cycle}", cycle=cycle,
        cycle_order=editing.next_cycle_order(cms.id), title=TITLE,
    )  # fmt: skip


def _rows(species_list: SpeciesList) -> list[tuple[str, dict, int]]:
    return [(e.species.taxon_id, e.listing, e.position) for e in species_list.entries]


def _events(action: str, species_list: SpeciesList) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.action == action,
                AuditEvent.target_type == "specieslist",
                AuditEvent.target_id == species_list.id,
            )
        )
    )


@pytest.fixture
def cop16(ctx):
    """A CMS draft for COP16 and its list, copied from COP15."""
    _new_draft()
    cms = _cms()
    return species_lists.create_list(
        cms, "COP16", copy_from=species_lists.previous_list(cms, "COP16")
    )


# --- services ------------------------------------------------------------------------------------


def test_copy_from_the_previous_cycle_keeps_order_and_listings(ctx):
    _new_draft()
    cms = _cms()
    cop15 = species_lists.list_for(cms, "COP15")
    assert species_lists.previous_list(cms, "COP16") is cop15
    copy = species_lists.create_list(cms, "COP16", copy_from=cop15)
    db.session.expire_all()
    assert [(t, listing) for t, listing, _ in _rows(copy)] == [
        (t, listing) for t, listing, _ in _rows(cop15)
    ]
    assert [p for *_, p in _rows(copy)] == list(range(len(cop15.entries)))
    assert ("numenius_arquata", {"en": "Appendix I", "fr": "Annexe I", "es": "Apéndice I"}) in [
        (t, listing) for t, listing, _ in _rows(copy)
    ]
    copied_ids = {e.id for e in copy.entries}
    assert copy.id != cop15.id and not copied_ids & {e.id for e in cop15.entries}
    # Also for a cycle that has no questionnaire yet, the latest list is the source.
    assert species_lists.previous_list(cms, "COP40") is copy
    [event] = _events("species_list.create", copy)
    assert event.details["source"] == "COP15" and event.details["entries"] == 38


def test_an_empty_list_and_refused_cycles(ctx):
    cms = _cms()
    empty = species_lists.create_list(cms, " COP20 ")
    assert empty.cycle == "COP20" and empty.entries == []
    with pytest.raises(BankError, match="already has a species list for COP20"):
        species_lists.create_list(cms, "COP20")
    for bad in ("", "   ", "x" * 21, "COP/16"):
        with pytest.raises(BankError, match="short name"):
            species_lists.create_list(cms, bad)
    with pytest.raises(BankError, match="same instrument"):
        aewa = directory.instrument_by_code("AEWA")
        species_lists.create_list(cms, "COP21", copy_from=species_lists.list_for(aewa, "MOP9"))


def test_add_species_with_its_listing_and_refuse_a_duplicate(cop16):
    crane = _species("leucogeranus_leucogeranus")
    entry = species_lists.add_species(
        cop16, crane, {"en": " Appendix  I ", "fr": "Annexe I", "es": "", "de": "Anhang I"}
    )
    assert entry.listing == {"en": "Appendix I", "fr": "Annexe I"}
    assert entry.position == len(cop16.entries) - 1 == 38
    with pytest.raises(BankError, match="Leucogeranus leucogeranus is on the list already"):
        species_lists.add_species(cop16, crane, {"en": "Appendix II"})
    with pytest.raises(BankError, match="is on the list already"):
        species_lists.add_species(cop16, _species("aquila_nipalensis"))
    with pytest.raises(BankError, match="at most 200 characters"):
        species_lists.add_species(cop16, _species("falco_concolor"), {"en": "x" * 201})
    assert [e.details["taxon"] for e in _events("species_list.add", cop16)] == [
        "leucogeranus_leucogeranus"
    ]


def test_change_a_listing_is_recorded(cop16):
    entry = cop16.entries[0]
    species_lists.set_listing(entry, {"en": "Appendix II", "fr": "Annexe II"})
    assert entry.listing == {"en": "Appendix II", "fr": "Annexe II"}
    species_lists.set_listing(entry, {"en": "Appendix II", "fr": "Annexe II"})  # no change
    [event] = _events("species_list.listing", cop16)
    assert event.details["before"]["en"] == "Appendix I"
    assert event.details["after"] == {"en": "Appendix II", "fr": "Annexe II"}


def test_positions_after_move_and_remove(cop16):
    first, second, third = (e.species.taxon_id for e in cop16.entries[:3])
    assert species_lists.move_entry(cop16.entries[1], "up") is True
    db.session.expire_all()
    assert [e.species.taxon_id for e in cop16.entries[:3]] == [second, first, third]
    assert species_lists.move_entry(cop16.entries[0], "up") is False
    assert species_lists.move_entry(cop16.entries[-1], "down") is False
    species_lists.move_entry(cop16.entries[0], "down")
    db.session.expire_all()
    assert [e.species.taxon_id for e in cop16.entries[:3]] == [first, second, third]
    with pytest.raises(BankError, match="up or down"):
        species_lists.move_entry(cop16.entries[0], "sideways")
    species_lists.remove_entry(cop16.entries[1])
    db.session.expire_all()
    assert [e.species.taxon_id for e in cop16.entries[:2]] == [first, third]
    assert [e.position for e in cop16.entries] == list(range(37))
    assert len(_events("species_list.move", cop16)) == 2
    [removed] = _events("species_list.remove", cop16)
    assert removed.details["taxon"] == second


def test_a_list_used_by_a_published_questionnaire_is_frozen(ctx):
    cms = _cms()
    cop15 = species_lists.list_for(cms, "COP15")  # attached to CMS-COP15, published
    assert bank_uses.frozen_by(cop15).code == "CMS-COP15"
    entry = cop15.entries[0]
    refusals = [
        lambda: species_lists.add_species(cop15, _species("leucogeranus_leucogeranus")),
        lambda: species_lists.set_listing(entry, {"en": "Appendix II"}),
        lambda: species_lists.remove_entry(entry),
        lambda: species_lists.move_entry(cop15.entries[1], "up"),
    ]
    for refused in refusals:
        with pytest.raises(BankError, match="frozen: CMS-COP15 uses it"):
            refused()
    db.session.expire_all()
    assert len(cop15.entries) == 38 and cop15.entries[0].listing["en"] == "Appendix I"


def test_a_list_found_by_cycle_freezes_when_its_questionnaire_is_published(cop16):
    draft = services.questionnaire_by_code("CMS-COP16")
    assert draft.species_list_id is None
    assert bank_uses.questionnaires_using(cop16) == [draft]
    assert bank_uses.frozen_by(cop16) is None
    draft.status = "published"
    db.session.flush()
    with pytest.raises(BankError, match="frozen: CMS-COP16"):
        species_lists.remove_entry(cop16.entries[0])


@pytest.mark.parametrize(
    ("query", "taxon"),
    [
        ("grue siberie", "leucogeranus_leucogeranus"),
        ("GRULLA SIBERIANA", "leucogeranus_leucogeranus"),
        ("Grue Royale", "balearica_regulorum"),
        ("avutarda comun", "otis_tarda"),
        ("vautour percnoptère", "neophron_percnopterus"),
        ("ánsar chico", "anser_erythropus"),
        ("Aquila nipal", "aquila_nipalensis"),
        ("steppe eagle", "aquila_nipalensis"),
    ],
)
def test_search_by_any_name_ignores_case_and_accents(ctx, query, taxon):
    assert taxon in [s.taxon_id for s in species_lists.search_species(query)]


def test_search_needs_every_word(ctx):
    assert species_lists.search_species("   ") == []
    cranes = {s.taxon_id for s in species_lists.search_species("grue")}
    assert {"leucogeranus_leucogeranus", "balearica_regulorum"} <= cranes
    assert species_lists.search_species("grue requin") == []
    assert species_lists.search_species("100%_") == []


# --- pages, in French ---------------------------------------------------------------------------


@pytest.fixture
def draft16(app, database):
    with app.app_context():
        q = _new_draft()
        section = services.add_section(q, title={"en": "Species", "fr": "Espèces"})
        db.session.commit()
        return section.id


def _entry_ids(client, url) -> list[str]:
    return re.findall(r'id="entry-(\d+)"', client.get(url).get_data(as_text=True))


def test_secretariat_creates_fills_and_orders_a_list_in_french(client, auth, draft16):
    auth.login(CMS_SEC)
    page = client.get("/bank/species-lists/CMS").get_data(as_text=True)
    assert '<html lang="fr">' in page and "CMS-COP16" in page and "COP15" in page
    url = "/bank/species-lists/CMS/COP16"
    page = client.get(url).get_data(as_text=True)
    assert "Créer la liste du cycle COP16 à partir de celle du cycle COP15" in page

    response = client.post("/bank/species-lists/CMS/new", data={"cycle": "COP16", "source": ""})
    assert response.status_code == 302
    assert client.get(url).status_code == 200
    assert _entry_ids(client, url) == []
    # A second creation is refused with a message; the cycle typed stays in the form.
    response = client.post("/bank/species-lists/CMS/new", data={"cycle": "COP16", "source": ""})
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "La liste d’espèces (CMS) pour le cycle COP16 existe déjà." in text
    assert 'value="COP16"' in text and 'aria-invalid="true"' in text
    response = client.post(
        "/bank/species-lists/CMS/new", data={"cycle": "COP16", "source": "", "from": "list"}
    )
    assert response.status_code == 422 and 'id="species-error"' in response.get_data(as_text=True)
    response = client.post("/bank/species-lists/CMS/new", data={"cycle": "COP/16", "source": ""})
    assert response.status_code == 422 and "sans «\u00a0/\u00a0»" in response.get_data(as_text=True)

    page = client.get(url, query_string={"q": "grue siberie"}).get_data(as_text=True)
    assert "Grue de Sibérie" in page and "<em" in page
    crane = re.search(r'name="species" value="(\d+)"', page)[1]
    assert f'id="listing-{crane}-fr"' in page and f'id="listing-{crane}-es"' in page
    response = client.post(
        f"{url}/add",
        data={"species": crane, "q": "grue siberie", f"listing-{crane}-en": "Appendix I",
              f"listing-{crane}-fr": "Annexe I"},
    )  # fmt: skip
    assert response.status_code == 302 and "q=grue+siberie" in response.location
    assert "#entry-" in response.location

    # The same species again: refused, the listing typed is still there.
    response = client.post(
        f"{url}/add",
        data={"species": crane, "q": "grue siberie", f"listing-{crane}-fr": "Annexe II"},
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "figure déjà sur la liste" in text
    assert 'role="alert"' in text

    page = client.get(url, query_string={"q": "grue royale"}).get_data(as_text=True)
    royal = re.search(r'name="species" value="(\d+)"', page)[1]
    client.post(f"{url}/add", data={"species": royal, f"listing-{royal}-en": "Appendix II"})
    first, second = _entry_ids(client, url)

    page = client.get(url).get_data(as_text=True)
    # Each button's accessible name includes the species it acts on.
    assert '<span class="visually-hidden"> Balearica regulorum</span>' in page
    assert client.post(f"{url}/{second}/move", data={"direction": "up"}).status_code == 302
    assert _entry_ids(client, url) == [second, first]

    response = client.post(
        f"{url}/{first}/listing", data={"listing-en": "x" * 201, "listing-fr": "Annexe II"}
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "200 caractères au plus" in text
    assert 'value="Annexe II"' in text and '<details class="mt-1" open' in text
    client.post(
        f"{url}/{first}/listing", data={"listing-en": "Appendix II", "listing-fr": "Annexe II"}
    )
    assert "Annexe II" in client.get(url).get_data(as_text=True)

    assert client.post(f"{url}/{second}/remove").status_code == 302
    assert _entry_ids(client, url) == [first]
    assert client.post(f"{url}/999999/remove").status_code == 404
    response = client.post(f"{url}/add", data={"species": "999999", "q": "grue"})
    assert response.status_code == 422 and "Choisissez l’espèce à ajouter." in response.get_data(
        as_text=True
    )
    response = client.post(f"{url}/{first}/move", data={"direction": "sideways"})
    assert response.status_code == 422 and "monter ou descendre" in response.get_data(as_text=True)


def test_a_copy_from_the_page_and_the_frozen_state(client, auth, draft16):
    auth.login(CMS_SEC)
    client.post("/bank/species-lists/CMS/new", data={"cycle": "COP16", "source": _cop15_id(client)})
    assert len(_entry_ids(client, "/bank/species-lists/CMS/COP16")) == 38
    page = client.get("/bank/species-lists/CMS/COP15").get_data(as_text=True)
    assert "CMS-COP15" in page and 'id="species-frozen"' in page
    assert "/move" not in page and "/remove" not in page and 'role="search"' not in page
    assert "<em" in page and "Aigle des steppes" in page
    entry = re.search(r'id="entry-(\d+)"', page)[1]
    response = client.post(f"/bank/species-lists/CMS/COP15/{entry}/remove")
    assert response.status_code == 422 and "frozen" in response.get_data(as_text=True)


def _cop15_id(client) -> str:
    with client.application.app_context():
        return str(species_lists.list_for(_cms(), "COP15").id)


def test_unknown_instrument_or_cycle_is_404(client, auth):
    auth.login(CMS_SEC)
    assert client.get("/bank/species-lists/NOPE").status_code == 404
    assert client.get("/bank/species-lists/CMS/COP99").status_code == 404
    assert client.post("/bank/species-lists/CMS/COP99/add", data={"species": 1}).status_code == 404


def test_loop_page_and_designer_link_to_the_list(client, auth, draft16):
    auth.login(CMS_SEC)
    loop = f"/questionnaires/CMS-COP16/nodes/{draft16}/loop"
    page = client.get(loop).get_data(as_text=True)
    assert 'href="/bank/species-lists/CMS/COP16"' in page
    assert "Créer la liste d’espèces pour COP16" in page
    assert 'href="/bank/species-lists/CMS/COP16"' in client.get(
        "/questionnaires/CMS-COP16/design"
    ).get_data(as_text=True)
    client.post("/bank/species-lists/CMS/new", data={"cycle": "COP16", "source": ""})
    page = client.get(loop).get_data(as_text=True)
    assert "Gérer la liste d’espèces" in page and "lecture seule" not in page


# --- who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "action", "instrument", "allowed"),
    [
        (CMS_SEC, "species_list.manage", "CMS", True),
        (AEWA_SEC, "species_list.manage", "CMS", False),
        (AEWA_SEC, "species_list.manage", "AEWA", True),
        (CMS_SEC, "species_list.manage", "AEWA", False),
        (FP_FRA, "species_list.manage", "CMS", False),
        (ANALYST, "species_list.manage", "CMS", False),
        (ADMIN, "species_list.manage", "CMS", False),
        (None, "species_list.manage", "CMS", False),
    ],
)
def test_policy_species_list_manage(ctx, user, action, instrument, allowed):
    account = auth_services.user_by_email(user) if user else None
    decision = policy.decide(account, action, directory.instrument_by_code(instrument))
    assert decision.allowed is allowed


READ = "/bank/species-lists/CMS/COP15"
CHANGE = "/bank/species-lists/CMS/new"


@pytest.mark.parametrize(
    ("user", "read", "change"),
    [
        (CMS_SEC, 200, 302),
        (AEWA_SEC, 200, 403),
        (ANALYST, 200, 403),
        (ADMIN, 200, 403),
        (FP_FRA, 403, 403),
        (None, 302, 302),
    ],
)
def test_who_reads_and_who_changes_cms_lists(client, auth, user, read, change):
    if user:
        auth.login(user)
    assert client.get(READ).status_code == read
    assert client.get("/bank/species-lists/CMS").status_code == read
    response = client.post(CHANGE, data={"cycle": "COP30", "source": ""})
    assert response.status_code == change
    if change == 302 and user is None:
        assert "/account/login" in response.location
    page = client.get(READ).get_data(as_text=True) if read == 200 else ""
    if user not in (CMS_SEC, None) and read == 200:
        assert 'action="/bank/species-lists/CMS/new"' not in page
    with client.application.app_context():
        created = species_lists.list_for(_cms(), "COP30")
        assert (created is not None) is (user == CMS_SEC)


@pytest.mark.parametrize("user", [AEWA_SEC, ANALYST, FP_FRA])
def test_others_cannot_change_an_open_list(client, auth, draft16, user):
    auth.login(CMS_SEC)
    client.post(CHANGE, data={"cycle": "COP16", "source": ""})
    auth.logout()
    auth.login(user)
    url = "/bank/species-lists/CMS/COP16"
    with client.application.app_context():
        crane = _species("leucogeranus_leucogeranus").id
    assert client.post(f"{url}/add", data={"species": crane}).status_code == 403
    with client.application.app_context():
        assert species_lists.list_for(_cms(), "COP16").entries == []
