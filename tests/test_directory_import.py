"""People, roles and memberships imported by an administrator (app/interchange/directory_import.py
and directory_views.py): the preview writes nothing; applying creates the accounts, the grants,
the memberships and one invitation mail per new account in its language, whose link sets the
password and signs in once; an existing account gains its missing roles and no mail; refused
rows each say their row and reason and change nothing; CSV and XLSX both work; only
administrators may import."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
import sqlalchemy as sa

from app.auth import services as accounts
from app.auth.models import AccountInvitation, RoleGrant, User
from app.directory import services as directory
from app.extensions import db
from app.interchange import directory_import
from tests.test_policy import ADMIN, ANALYST, CMS_SEC, FP_FRA

PAGE = "/interchange/directory/import"
HEADER = ["email", "name", "locale", "role", "instrument", "party", "membership_status"]
ROWS = [
    HEADER,
    ["marie.dupont@example.org", "Marie Dupont", "fr", "focal_point", "CMS", "FRA", ""],
    ["ana.garcia@example.org", "Ana García", "es", "focal_point", "CMS", "ESP", ""],
    ["ana.garcia@example.org", "Ana García", "es", "analyst", "", "", ""],
    # a country that is not yet a member: the row makes it one, then grants the role
    ["sam.jones@example.org", "Sam Jones", "", "focal_point", "CMS", "NPL", "party"],
    [FP_FRA, "", "", "focal_point", "CMS", "FRA", ""],  # held already: unchanged
    [FP_FRA, "", "", "analyst", "AEWA", "", ""],  # a new role of an existing account
]
NEW = ["marie.dupont@example.org", "ana.garcia@example.org", "sam.jones@example.org"]


def as_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def as_xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, filename: str):
    form = {"file": (io.BytesIO(data), filename)}
    return client.post(PAGE, data=form, content_type="multipart/form-data")


def token_of(page: str) -> str:
    return re.search(r'action="/interchange/directory/import/([\w-]+)"', page).group(1)


def user(email: str) -> User | None:
    return accounts.user_by_email(email)


def roles_of(email: str) -> set[tuple]:
    found = user(email)
    return {
        (g.role, getattr(g.instrument, "code", None), getattr(g.party, "code", None))
        for g in (found.grants if found else [])
    }


def in_cms(code: str = "NPL") -> str | None:
    party = directory.party_by_code(code)
    return next((m.status for m in party.memberships if m.instrument.code == "CMS"), None)


def counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, RoleGrant, AccountInvitation)
    )


def test_the_service_previews_then_applies(ctx):
    assert in_cms() is None
    before = counts()
    preview = directory_import.read(as_csv(ROWS), "people.csv", apply=False)
    assert preview.ok, preview.refused
    assert [p.email for p in preview.new_users] == NEW
    assert [(g.row, g.role.value) for g in preview.new_roles] == [
        (2, "focal_point"), (3, "focal_point"), (4, "analyst"), (5, "focal_point"), (7, "analyst")
    ]  # fmt: skip
    assert [(g.row, g.email) for g in preview.unchanged] == [(6, FP_FRA)]
    assert [(m.party, m.instrument, m.before, m.after) for m in preview.memberships] == [
        ("NPL", "CMS", None, "party")
    ]
    assert counts() == before and in_cms() is None and not preview.invitations

    done = directory_import.read(as_csv(ROWS), "people.csv", apply=True)
    assert done.ok
    assert [(u.email, locale) for u, _token, locale in done.invitations] == [
        (NEW[0], "fr"), (NEW[1], "es"), (NEW[2], None)
    ]  # fmt: skip
    assert roles_of(NEW[1]) == {("focal_point", "CMS", "ESP"), ("analyst", None, None)}
    assert user(NEW[0]).locale == "fr" and user(NEW[0]).password_hash is None
    assert ("analyst", "AEWA", None) in roles_of(FP_FRA)
    assert in_cms() == "party"
    assert counts() == (before[0] + 3, before[1] + 5, before[2] + 3)


@pytest.mark.parametrize(("filename", "encode"), [("people.csv", as_csv), ("people.xlsx", as_xlsx)])
def test_an_admin_imports_and_each_new_person_is_invited_in_their_language(
    app, client, auth, mailbox, filename, encode
):
    auth.login(ADMIN)
    users_page = client.get("/admin/users/").get_data(as_text=True)
    assert f'href="{PAGE}"' in users_page
    form = client.get(PAGE).get_data(as_text=True)
    assert "email, name, locale, role, instrument, party, membership_status" in form
    mailbox.clear()

    preview = upload(client, encode(ROWS), filename)
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200, text
    assert 'id="import-new-users"' in text and 'id="import-unchanged"' in text
    assert 'id="import-memberships"' in text and "Already has this role" in text
    with app.app_context():
        assert user(NEW[0]) is None and in_cms() is None
    assert not mailbox.messages

    done = client.post(f"{PAGE}/{token_of(text)}")
    assert done.status_code == 302 and done.headers["Location"].endswith("/admin/users/")
    with app.app_context():
        assert roles_of(NEW[0]) == {("focal_point", "CMS", "FRA")}
        assert in_cms() == "party"
    assert mailbox.to(FP_FRA) == []  # an existing account gains its role silently
    french, spanish, english = (mailbox.to(email) for email in NEW)
    assert len(french) == len(spanish) == len(english) == 1
    assert french[0]["Subject"] == "Votre compte Family ORS"
    assert "Bonjour Marie Dupont," in french[0].get_content()
    assert spanish[0]["Subject"] == "Su cuenta de Family ORS"
    assert "Buenos días, Ana García:" in spanish[0].get_content()
    assert english[0]["Subject"] == "Your Family ORS account"
    assert client.post(f"{PAGE}/{token_of(text)}").status_code == 302  # taken once
    with app.app_context():
        assert len(user(NEW[1]).grants) == 2

    auth.logout()
    link = re.search(r"https?://\S+/account/welcome/\S+", french[0].get_content()).group(0)
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200 and "marie.dupont@example.org" in page.get_data(as_text=True)
    short = client.post(path, data={"password": "short", "confirm": "short"})
    assert short.status_code == 200  # refused, and the link not spent
    chosen = "a good long password"
    accepted = client.post(path, data={"password": chosen, "confirm": chosen})
    assert accepted.status_code == 302
    assert client.get("/account/").status_code == 200  # signed in
    auth.logout()
    again = client.post(path, data={"password": "another password", "confirm": "another password"})
    assert again.status_code == 410
    assert auth.login(NEW[0], chosen).status_code == 302
    assert client.get("/account/").status_code == 200


def test_refused_rows_each_say_why_and_nothing_changes(app, client, auth, mailbox):
    rows = [
        HEADER,
        ["new.person@example.org", "", "", "focal_point", "CMS", "FRA", ""],  # no name
        ["not an address", "X", "", "analyst", "", "", ""],
        ["b@example.org", "B", "de", "admin", "CMS", "", ""],  # language and role
        ["c@example.org", "C", "", "focal_point", "NOPE", "ZZZ", ""],
        ["d@example.org", "D", "", "secretariat", "CMS", "FRA", ""],  # scope
        ["e@example.org", "E", "", "focal_point", "CMS", "ISL", ""],  # not a member
        ["f@example.org", "F", "", "analyst", "", "", ""],
        ["f@example.org", "F", "", "analyst", "", "", ""],  # twice
        ["g@example.org", "G", "", "focal_point", "RAPTORS", "ESP", "party"],  # an MoU
        ["ok@example.org", "Ok", "", "analyst", "CMS", "", ""],
    ]
    auth.login(ADMIN)
    mailbox.clear()
    refused = upload(client, as_csv(rows), "people.csv")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="import-refused"' in text
    assert "/interchange/directory/import/" not in text
    with app.app_context():
        outcome = directory_import.read(as_csv(rows), "people.csv", apply=True)
        assert [(p.row, p.message) for p in outcome.refused] == [
            (2, "new.person@example.org has no account yet: give a name."),
            (3, "“not an address” is not a valid e-mail address."),
            (4, "The role “admin” is not one of: focal_point, secretariat, analyst."),
            (4, "The language “de” is not one of: en, fr, es."),
            (5, "No instrument has the code NOPE."),
            (5, "No country has the code ZZZ."),
            (6, "This role does not take a country."),
            (7, "This country is not a member of this instrument."),
            (9, "This person and role come twice in the file (first on row 8)."),
            (10, "A Memorandum of Understanding has Signatories, not Parties."),
        ]
        assert user("ok@example.org") is None and user("f@example.org") is None
        assert in_cms() is None and in_cms("ISL") is None and not outcome.invitations
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccountInvitation)) == 0
    assert not mailbox.messages


def test_a_file_without_the_required_columns_is_refused(ctx):
    outcome = directory_import.read(as_csv([["name"], ["X"]]), "p.csv", apply=True)
    assert [(p.row, p.message) for p in outcome.refused] == [(1, "The file has no column “email”.")]
    outcome = directory_import.read(b"", "p.txt", apply=True)
    assert not outcome.ok


@pytest.mark.parametrize("who", [CMS_SEC, FP_FRA, ANALYST, None])
def test_only_administrators_may_import(app, client, auth, who, mailbox):
    if who:
        auth.login(who)
    assert client.get(PAGE).status_code == (403 if who else 302)
    response = upload(client, as_csv(ROWS), "people.csv")
    assert response.status_code == (403 if who else 302)
    assert client.post(f"{PAGE}/sometoken").status_code == (403 if who else 302)
    with app.app_context():
        assert all(user(email) is None for email in NEW)
    assert not mailbox.messages


def test_an_unknown_welcome_link_is_refused(client):
    assert client.get("/account/welcome/nothing-here").status_code == 404
