"""Admin pages say what is true and lose nothing: a membership's date is never overwritten with
nothing, a date that cannot be read is refused next to its field, every destructive action has
a confirmation page that says what it does, and lists of countries follow the reader's alphabet.
"""

import functools
import re
from datetime import date
from html import unescape

import pytest
import sqlalchemy as sa

from app.auth import services as auth_services
from app.auth.models import RoleGrant, User
from app.directory import services
from app.directory.models import Membership, Party
from app.extensions import db


def _membership(party: str, instrument: str) -> Membership | None:
    return db.session.scalar(
        sa.select(Membership)
        .join(Party)
        .where(
            Party.code == party,
            Membership.instrument_id == services.instrument_by_code(instrument).id,
        )
    )


def _set_locale(app, email: str, locale: str | None) -> None:
    with app.app_context():
        auth_services.user_by_email(email).locale = locale
        db.session.commit()


def _text(html: str) -> str:
    """The page's text, tags removed and spaces collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


# --- a membership's date ------------------------------------------------------------------------


def test_an_empty_date_keeps_the_stored_start_date(client, auth, app):
    with app.app_context():
        _membership("FRA", "CMS").since = date(1990, 7, 1)
        db.session.commit()
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/instruments/CMS/memberships",
        data={"m-party": "FRA", "m-status": "party", "m-since": ""},
        follow_redirects=True,
    )
    assert response.status_code == 200
    with app.app_context():
        assert _membership("FRA", "CMS").since == date(1990, 7, 1)
    assert "the date already recorded (Jul 1, 1990) is kept" in response.text


@pytest.mark.parametrize(
    ("locale", "typed", "message"),
    [
        ("en", "31/02/2024", "Enter a date, for example 3/31/26."),
        ("en", "next spring", "Enter a date, for example 3/31/26."),
        ("fr", "2024-13-01", "Saisissez une date, par exemple 31/03/2026."),
    ],
)
def test_an_unreadable_date_is_refused_next_to_its_field(client, auth, app, locale, typed, message):
    _set_locale(app, "admin@demo.test", locale)
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/instruments/CMS/memberships",
        data={"m-party": "FRA", "m-status": "range_state", "m-since": typed},
    )
    assert response.status_code == 422
    error = re.search(r'class="invalid-feedback" id="m-since-error">([^<]*)<', response.text)
    assert error and unescape(error.group(1)) == message
    assert f'value="{typed}"' in response.text  # what was typed is kept
    with app.app_context():
        assert _membership("FRA", "CMS").status == "party"  # nothing saved


def test_a_date_is_read_in_the_readers_language(client, auth, app):
    _set_locale(app, "admin@demo.test", "fr")
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/instruments/CMS/memberships",
        data={"m-party": "TUR", "m-status": "party", "m-since": "24/09/2006"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert _membership("TUR", "CMS").since == date(2006, 9, 24)


# --- confirmations ------------------------------------------------------------------------------


def test_removing_a_membership_asks_first_and_says_what_happens_to_the_reports(client, auth, app):
    auth.login("admin@demo.test")
    with app.app_context():
        membership_id = _membership("FRA", "AEWA").id
    url = f"/admin/memberships/{membership_id}/delete"
    page = client.get("/admin/instruments/AEWA")
    # The list offers a link to the confirmation page, not a button that removes at once
    assert f'action="{url}"' not in page.text
    assert f'href="{url}"' in page.text

    confirm = client.get(url)
    assert confirm.status_code == 200
    text = _text(confirm.text)
    assert "France" in text and "AEWA" in text
    assert "AEWA-MOP9 (In progress): 42 answers." in text
    assert "None of these reports is deleted" in text
    assert f'<form method="post" action="{url}"' in confirm.text
    with app.app_context():
        assert db.session.get(Membership, membership_id) is not None  # a GET changes nothing

    done = client.post(url, follow_redirects=True)
    assert "The membership is removed." in done.text
    with app.app_context():
        assert db.session.get(Membership, membership_id) is None


def _grant_of(email: str, role: str) -> RoleGrant:
    user = auth_services.user_by_email(email)
    return next(g for g in user.grants if g.role == role)


def test_revoking_a_role_asks_first_and_says_what_it_takes_away(client, auth, app):
    with app.app_context():
        grant = _grant_of("fp.sen@demo.test", "focal_point")
        user_id, grant_id = grant.user_id, grant.id
        instrument = grant.instrument.code
    auth.login("admin@demo.test")
    url = f"/admin/users/{user_id}/grants/{grant_id}/revoke"
    page = client.get(f"/admin/users/{user_id}")
    assert f'action="{url}"' not in page.text and f'href="{url}"' in page.text

    confirm = client.get(url)
    assert confirm.status_code == 200
    text = _text(confirm.text)
    assert f"will no longer fill, delegate or submit the reports of Senegal to {instrument}" in text
    assert f"Senegal will have no active focal point for {instrument}." in text
    with app.app_context():
        assert db.session.get(RoleGrant, grant_id) is not None

    client.post(url)
    with app.app_context():
        assert db.session.get(RoleGrant, grant_id) is None


def test_deactivating_an_account_asks_first(client, auth, app):
    with app.app_context():
        user_id = auth_services.user_by_email("fp.ken@demo.test").id
    auth.login("admin@demo.test")
    url = f"/admin/users/{user_id}/active"
    page = client.get(f"/admin/users/{user_id}")
    assert f'href="{url}"' in page.text
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "can no longer sign in" in _text(confirm.text)
    with app.app_context():
        assert db.session.get(User, user_id).active
    client.post(url, data={"active": "0"})
    with app.app_context():
        assert not db.session.get(User, user_id).active


# --- countries in the reader's alphabet ---------------------------------------------------------


def _order(html: str, names: list[str]) -> list[str]:
    """`names` in the order the page shows them (first occurrence of each)."""
    text = _text(html)
    return sorted(names, key=text.index)


FRENCH = ["Bénin", "Burundi", "Égypte", "Estonie", "Îles Cook", "Irlande", "Zimbabwe"]
SPANISH = ["Bélgica", "Benín", "Burundi", "Egipto", "Islas Cook", "Zimbabue"]


@pytest.mark.parametrize(("locale", "names"), [("fr", FRENCH), ("es", SPANISH)])
def test_admin_country_pickers_and_lists_follow_the_readers_alphabet(
    client, auth, app, locale, names
):
    _set_locale(app, "admin@demo.test", locale)
    auth.login("admin@demo.test")
    picker = client.get("/admin/instruments/CMS").text
    options = picker[picker.index('id="m-party"') :]
    assert _order(options[: options.index("</select>")], names) == names
    assert _order(client.get("/admin/parties/").text, names) == names
    with app.app_context():
        user_id = auth_services.user_by_email("fp.ken@demo.test").id
    grant_page = client.get(f"/admin/users/{user_id}").text
    options = grant_page[grant_page.index('id="g-party"') :]
    assert _order(options[: options.index("</select>")], names) == names


def test_the_memberships_table_follows_the_readers_alphabet(client, auth, app):
    _set_locale(app, "admin@demo.test", "fr")
    auth.login("admin@demo.test")
    page = client.get("/admin/instruments/CMS").text
    table = page[page.index("<tbody>") :]
    members = [unescape(m) for m in re.findall(r"<td>([^<(]+?) \([A-Z]{3}\)</td>", table)]
    assert len(members) > 100
    assert members == sorted(members, key=lambda n: _collation_key(n))
    assert members.index("Égypte") < members.index("Zimbabwe")


@functools.cache
def _collator():
    from pyuca import Collator

    return Collator()  # built once: reading its table takes a second


def _collation_key(name: str):
    return _collator().sort_key(name)


def test_the_review_list_follows_the_readers_alphabet(client, auth):
    auth.login("cms.secretariat@demo.test")  # prefers French
    page = client.get("/reports/instruments/CMS/?questionnaire=CMS-COP14").text
    rows = re.findall(r'<tr data-party="([A-Z]{3})">\s*<td><a [^>]+>([^<]+)</a>', page)
    names = [unescape(name) for _, name in rows]
    assert len(names) > 50
    assert names == sorted(names, key=_collation_key)
    assert names.index("Égypte") < names.index("Zimbabwe")
