"""The party's sites, managed from its reports: reading coordinates in the reader's locale, the
rules of a site's name, adding, changing and removing (answers stay on record, the site leaves
every loop), the page in French and English, and who may change the list.

The demo questionnaires repeat only per species, so `publish_site_questionnaire` builds AEWA's
next report with a section per site through the services the designer uses, and publishes it.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.auth import services as auth_services
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire
from app.reporting import completeness, saving, services, site_store, submission
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, Report, Site
from tests.reporting_helpers import make_ready

FP_SEN, FP_FRA = "fp.sen@demo.test", "fp.fra@demo.test"
AEWA_SEC, CMS_SEC, ANALYST = (
    "aewa.secretariat@demo.test",
    "cms.secretariat@demo.test",
    "analyst@demo.test",
)
DJOUDJ = {"name": "Parc national des oiseaux du Djoudj", "latitude": "16,4133",
          "longitude": "-16,2750"}  # fmt: skip
SALOUM = "Delta du Saloum"
CAMARGUE = "Camargue"


def user(email: str):
    return auth_services.user_by_email(email)


def publish_site_questionnaire() -> Questionnaire:
    """AEWA's MOP10 report: a habitats section whose sites of international importance are
    asked about one by one (a section repeated per site of the party), then published."""
    secretariat = user(AEWA_SEC)
    questionnaire = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("AEWA"),
        code="AEWA-MOP10",
        cycle="MOP10",
        cycle_order=10,
        title={"en": "AEWA national report for MOP10", "fr": "Rapport national AEWA pour la MOP10"},
        deadline=date(2030, 1, 31),
        actor=secretariat,
    )
    habitats = questionnaires.add_section(
        questionnaire, title={"en": "Habitat conservation", "fr": "Conservation des habitats"}
    )
    questionnaires.add_local_item(
        questionnaire, habitats, code="AEWA10-HAB-01", answer_type="yes_no",
        text={"en": "Has your country designated new sites of international importance for "
                    "waterbirds since MOP9?",
              "fr": "Votre pays a-t-il désigné de nouveaux sites d’importance internationale "
                    "pour les oiseaux d’eau depuis la MOP9 ?"},
    )  # fmt: skip
    per_site = questionnaires.add_section(
        questionnaire, parent=habitats, loop="site",
        title={"en": "Sites of international importance",
               "fr": "Sites d’importance internationale"},
    )  # fmt: skip
    questionnaires.add_local_item(
        questionnaire, per_site, code="AEWA10-SITE-01", answer_type="yes_no",
        text={"en": "Is the site protected under national legislation?",
              "fr": "Le site est-il protégé par la législation nationale ?"},
    )  # fmt: skip
    questionnaires.add_local_item(
        questionnaire, per_site, code="AEWA10-SITE-02", answer_type="number",
        config={"min": 0, "integer": True},
        text={"en": "Peak count of waterbirds at the site during the reporting period",
              "fr": "Effectif maximal d’oiseaux d’eau compté sur le site pendant la période"},
    )  # fmt: skip
    questionnaires.publish(questionnaire, actor=secretariat)
    return questionnaire


def report_of(code: str, party: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def loop_labels(filled: services.Filled) -> list[str]:
    """The iterations of the site loops, as the section page shows them."""
    labels = []

    def walk(section):
        for block in section.blocks:
            if block.iteration is not None and section.node.loop == "site":
                labels.append(str(block.iteration.label))
            for child in block.children:
                if hasattr(child, "blocks"):
                    walk(child)

    for section in filled.rendered.sections:
        walk(section)
    return labels


def site_item(filled: services.Filled, code: str, site: Site):
    return next(
        i for i in filled.rendered.items() if i.node.code == code and i.loop_key == site.key
    )


# --- services: coordinates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "latitude", "longitude", "expected"),
    [
        ("fr", "16,4133", "-16,275", (16.4133, -16.275)),
        ("fr", " 16,4133 ", "\u221216,275", (16.4133, -16.275)),  # spaces, a typographic minus
        ("fr", "16.4133", "-16.275", (16.4133, -16.275)),  # the canonical form works everywhere
        ("es", "36,9", "-6,35", (36.9, -6.35)),  # Doñana
        ("es", "36.912", "-6.358", (36.912, -6.358)),  # not 36 912: out of bounds, so canonical
        ("en", "-1.2921", "36.8219", (-1.2921, 36.8219)),
        ("en", "90", "-180", (90.0, -180.0)),
        ("en", "", "  ", (None, None)),
    ],
)
def test_coordinates_are_read_in_the_locale_format(ctx, locale, latitude, longitude, expected):
    assert site_store.parse_coordinates(latitude, longitude, locale) == expected


@pytest.mark.parametrize(
    ("locale", "latitude", "longitude", "errors"),
    [
        ("en", "16,4133", "-16.275",
         {"latitude": "Enter the latitude in decimal degrees, for example 14.6937."}),
        ("en", "16.4", "west",
         {"longitude": "Enter the longitude in decimal degrees, for example -17.4441."}),
        ("en", "91", "181", {"latitude": "A latitude lies between -90 and 90.",
                             "longitude": "A longitude lies between -180 and 180."}),
        ("en", "NaN", "Infinity",
         {"latitude": "Enter the latitude in decimal degrees, for example 14.6937.",
          "longitude": "Enter the longitude in decimal degrees, for example -17.4441."}),
        ("en", "16.4", "",
         {"longitude": "Give the longitude too, or leave both coordinates empty."}),
        ("en", "", "-16.2",
         {"latitude": "Give the latitude too, or leave both coordinates empty."}),
        ("fr", "-95,5", "12", {"latitude": "La latitude doit être comprise entre -90 et 90."}),
        ("es", "10", "-200,5",
         {"longitude": "La longitud debe estar comprendida entre -180 y 180."}),
    ],
)  # fmt: skip
def test_unreadable_or_impossible_coordinates_say_which_and_why(
    ctx, locale, latitude, longitude, errors
):
    with force_locale(locale), pytest.raises(site_store.SiteInvalid) as invalid:
        site_store.parse_coordinates(latitude, longitude, locale)
    assert invalid.value.errors == errors


def test_the_example_in_a_message_is_written_the_french_way(ctx):
    with pytest.raises(site_store.SiteInvalid) as invalid:
        site_store.parse_coordinates("seize", "-16,2", "fr")
    assert "14,6937" in invalid.value.errors["latitude"]


# --- services: names, adding, changing, removing -------------------------------------------------


def test_a_site_is_added_to_the_party_and_appears_in_the_site_loop(ctx):
    publish_site_questionnaire()
    report = report_of("AEWA-MOP10", "SEN")
    assert loop_labels(services.fill(report, "fr")) == []
    site = site_store.save_site(report.party_id, None, locale="fr", **DJOUDJ)
    assert (site.name, site.latitude, site.longitude) == (DJOUDJ["name"], 16.4133, -16.275)
    assert loop_labels(services.fill(report, "fr")) == [DJOUDJ["name"]]
    other_party = report_of("AEWA-MOP10", "FRA")
    assert loop_labels(services.fill(other_party, "fr")) == []


def test_a_site_is_renamed_and_its_coordinates_changed_or_cleared(ctx):
    senegal = directory.party_by_code("SEN")
    site = site_store.save_site(
        senegal.id, None, name=SALOUM, latitude="", longitude="", locale="fr"
    )
    assert (site.latitude, site.longitude) == (None, None)
    site_store.save_site(
        senegal.id, site, name="  Delta   du Saloum (réserve de biosphère) ",
        latitude="13,8", longitude="-16,6", locale="fr",
    )  # fmt: skip
    assert site.name == "Delta du Saloum (réserve de biosphère)"
    assert (site.latitude, site.longitude) == (13.8, -16.6)
    site_store.save_site(senegal.id, site, name=site.name, latitude="", longitude="", locale="fr")
    assert (site.latitude, site.longitude) == (None, None)


@pytest.mark.parametrize(
    ("name", "latitude", "longitude", "fields"),
    [
        ("", "", "", {"name"}),
        ("   ", "16,4", "-16,2", {"name"}),
        ("x" * 201, "", "", {"name"}),
        ("parc national des oiseaux du djoudj", "", "", {"name"}),  # taken, whatever the case
        ("", "16,4", "", {"name", "longitude"}),
        ("Lac Rose", "1 000", "abc", {"latitude", "longitude"}),
    ],
)
def test_bad_input_changes_nothing_and_names_each_field(ctx, name, latitude, longitude, fields):
    senegal = directory.party_by_code("SEN")
    site_store.save_site(senegal.id, None, locale="fr", **DJOUDJ)
    before = [(s.id, s.name, s.latitude) for s in site_store.sites_of(senegal.id)]
    with force_locale("fr"), pytest.raises(site_store.SiteInvalid) as invalid:
        site_store.save_site(
            senegal.id, None, name=name, latitude=latitude, longitude=longitude, locale="fr"
        )
    assert set(invalid.value.errors) == fields
    assert [(s.id, s.name, s.latitude) for s in site_store.sites_of(senegal.id)] == before


def test_name_messages_in_french(ctx):
    senegal = directory.party_by_code("SEN")
    with force_locale("fr"):
        for name, message in (
            ("", "Indiquez le nom du site."),
            ("x" * 201, "Le nom d’un site ne peut pas dépasser 200 caractères."),
        ):
            with pytest.raises(site_store.SiteInvalid) as invalid:
                site_store.save_site(
                    senegal.id, None, name=name, latitude="", longitude="", locale="fr"
                )
            assert invalid.value.errors == {"name": message}
    # exactly 200 characters is allowed; the same name in another party is too
    site_store.save_site(senegal.id, None, name="y" * 200, latitude="", longitude="", locale="fr")
    france = directory.party_by_code("FRA")
    site_store.save_site(france.id, None, name="y" * 200, latitude="", longitude="", locale="fr")


def test_a_site_keeps_its_own_name_when_edited(ctx):
    senegal = directory.party_by_code("SEN")
    site = site_store.save_site(senegal.id, None, locale="fr", **DJOUDJ)
    site_store.save_site(senegal.id, site, locale="fr", **{**DJOUDJ, "latitude": "16,41"})
    assert site.latitude == 16.41


def test_a_removed_site_leaves_the_loop_and_its_answers_stay(ctx):
    publish_site_questionnaire()
    report = report_of("AEWA-MOP10", "SEN")
    djoudj = site_store.save_site(report.party_id, None, locale="fr", **DJOUDJ)
    site_store.save_site(
        report.party_id, None, name=SALOUM, latitude="13,8", longitude="-16,6", locale="fr"
    )
    filled = services.fill(report, "fr")
    assert loop_labels(filled) == [SALOUM, DJOUDJ["name"]]  # by name
    count = site_item(filled, "AEWA10-SITE-02", djoudj)
    saved = saving.save_answer(
        filled, count.node, count.loop_key, saving.Change(raw="12 500", raw_given=True),
        expected_version=0, user=user(FP_SEN), locale="fr",
    )  # fmt: skip
    assert saved.answer.value == 12500
    assert site_store.site_answer_counts(report) == {djoudj.key: 1}

    site_store.remove_site(djoudj)
    filled = services.fill(report, "fr")
    assert loop_labels(filled) == [SALOUM]
    assert site_store.site_of(report.party_id, djoudj.id) is None
    kept = ctx.scalar(sa.select(Answer).where(Answer.id == saved.answer.id))
    assert kept.value == 12500 and kept.loop_key == djoudj.key
    assert site_store.site_answer_counts(report) == {djoudj.key: 1}
    assert (count.node.id, djoudj.key) in completeness.hidden_answers(filled)  # kept, not shown
    with pytest.raises(ReportingError):
        saving.save_answer(
            filled, count.node, djoudj.key, saving.Change(raw="1", raw_given=True),
            expected_version=1, user=user(FP_SEN), locale="fr",
        )  # fmt: skip
    assert not any(i.item.loop_key == djoudj.key for i in completeness.issues(filled, "fr"))


def test_site_changes_are_recorded_with_who_made_them(ctx):
    from app.audit.models import AuditEvent

    senegal, focal_point = directory.party_by_code("SEN"), user(FP_SEN)
    site = site_store.save_site(senegal.id, None, locale="fr", actor=focal_point, **DJOUDJ)
    site_store.save_site(
        senegal.id, site, name="Djoudj", latitude="", longitude="", locale="fr", actor=focal_point
    )
    site_store.withdraw_site(site, actor=focal_point)
    events = ctx.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.target_type == "site", AuditEvent.target_id == site.id)
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.summary, e.actor_id) for e in events] == [
        ("site.add", DJOUDJ["name"], focal_point.id),
        ("site.change", "Djoudj", focal_point.id),
        ("site.remove", "Djoudj", focal_point.id),
    ]
    assert events[0].details["coordinates"] == [16.4133, -16.275]
    assert site.removed


def test_another_partys_site_is_not_found_from_this_party(ctx):
    france = directory.party_by_code("FRA")
    camargue = site_store.save_site(france.id, None, name=CAMARGUE, latitude="43,5",
                                  longitude="4,6", locale="fr")  # fmt: skip
    assert site_store.site_of(directory.party_by_code("SEN").id, camargue.id) is None
    assert site_store.site_of(france.id, camargue.id) is camargue


def test_has_site_loop(ctx):
    assert not site_store.has_site_loop(questionnaires.questionnaire_by_code("CMS-COP15"))
    assert site_store.has_site_loop(publish_site_questionnaire())


# --- HTTP ---------------------------------------------------------------------------------------


@pytest.fixture
def aewa10(app, database) -> dict:
    """The published AEWA-MOP10 (section per site): its reports and its site section, by party."""
    with app.app_context():
        questionnaire = publish_site_questionnaire()
        db.session.commit()
        habitats = next(n for n in questionnaire.nodes if n.parent_id is None)
        found = {"section": habitats.id}
        for party in ("SEN", "FRA"):
            found[party] = report_of("AEWA-MOP10", party).id
        return found


def csrf(page) -> dict:
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]*)"', page.text)
    return {"csrf_token": token.group(1)} if token else {}


def add(client, report_id: int, **data):
    page = client.get(f"/reports/{report_id}/sites")
    return client.post(f"/reports/{report_id}/sites", data={**csrf(page), **data})


def party_site(app, party: str, name: str) -> Site:
    with app.app_context():
        party_id = directory.party_by_code(party).id
        return next(s for s in site_store.sites_of(party_id) if s.name == name)


def test_focal_point_adds_a_site_in_french_and_finds_it_in_the_section(client, auth, aewa10):
    report_id, section_id = aewa10["SEN"], aewa10["section"]
    auth.login(FP_SEN)
    contents = client.get(f"/reports/{report_id}/")
    assert f'href="/reports/{report_id}/sites"' in contents.text
    section = client.get(f"/reports/{report_id}/sections/{section_id}")
    assert "Aucun site n’est encore enregistré pour votre pays." in section.text
    link = f'href="/reports/{report_id}/sites?section={section_id}"'
    assert link in section.text

    page = client.get(f"/reports/{report_id}/sites?section={section_id}")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert 'id="sites"' not in page.text  # no site yet
    assert "14,6937" in page.text  # the example, written the French way
    added = client.post(
        f"/reports/{report_id}/sites?section={section_id}", data={**csrf(page), **DJOUDJ}
    )
    assert added.status_code == 302
    assert added.location.endswith(f"/reports/{report_id}/sites?section={section_id}")
    listed = client.get(added.location)
    row = re.search(r'<tr id="site-\d+">(.*?)</tr>', listed.text, re.S).group(1)
    assert DJOUDJ["name"] in row and "16,4133" in row and "-16,275" in row
    assert f'href="/reports/{report_id}/sections/{section_id}"' in listed.text  # back

    section = client.get(f"/reports/{report_id}/sections/{section_id}")
    blocks = re.findall(r'<legend class="fs-6 fw-semibold[^>]*>([^<]*)', section.text)
    assert blocks == [DJOUDJ["name"]]  # one block of the site loop, for the new site
    assert "Aucun site n’est encore enregistré" not in section.text and link in section.text


def test_bad_input_is_explained_next_to_the_field_and_kept_in_french(client, auth, aewa10):
    report_id = aewa10["SEN"]
    auth.login(FP_SEN)
    response = add(client, report_id, name="", latitude="95,5", longitude="-16,2")
    assert response.status_code == 200
    text = response.text
    assert re.search(r'id="name"[^>]*aria-invalid="true"', text) or re.search(
        r'aria-invalid="true"[^>]*id="name"', text
    )
    assert '<div class="invalid-feedback" id="name-error">Indiquez le nom du site.</div>' in text
    assert (
        '<div class="invalid-feedback" id="latitude-error">'
        "La latitude doit être comprise entre -90 et 90.</div>" in text
    )
    assert 'value="95,5"' in text and 'value="-16,2"' in text
    assert 'role="alert"' in text
    with client.application.app_context():
        assert site_store.sites_of(directory.party_by_code("SEN").id) == []


def test_the_page_in_english_for_the_french_focal_point(client, auth, aewa10, app):
    report_id = aewa10["FRA"]
    auth.login(FP_FRA)
    client.post("/language", data={"lang": "en", "next": "/dashboard"})
    response = add(client, report_id, name=CAMARGUE, latitude="43,53", longitude="4.6")
    assert response.status_code == 200 and '<html lang="en">' in response.text
    assert "Enter the latitude in decimal degrees, for example 14.6937." in response.text
    assert 'value="43,53"' in response.text and 'value="Camargue"' in response.text
    response = add(client, report_id, name=CAMARGUE, latitude="43.53", longitude="4.6")
    assert response.status_code == 302
    page = client.get(f"/reports/{report_id}/sites")
    assert "Sites of France" in page.text and "43.53" in page.text
    assert "every report of France" in page.text


def test_rename_and_remove_through_the_pages(client, auth, aewa10, app):
    report_id = aewa10["SEN"]
    auth.login(FP_SEN)
    add(client, report_id, **DJOUDJ)
    site = party_site(app, "SEN", DJOUDJ["name"])
    edit_url = f"/reports/{report_id}/sites/{site.id}"
    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'value="16,4133"' in form.text and 'value="-16,275"' in form.text  # shown in French
    bad = client.post(edit_url, data={**csrf(form), "name": "Djoudj", "latitude": "16,4",
                                      "longitude": ""})  # fmt: skip
    assert bad.status_code == 200 and 'id="longitude-error"' in bad.text
    assert 'value="Djoudj"' in bad.text
    renamed = client.post(edit_url, data={**csrf(form), "name": "Djoudj", "latitude": "16,41",
                                          "longitude": "-16,27"})  # fmt: skip
    assert renamed.status_code == 302
    with app.app_context():
        changed = db.session.get(Site, site.id)
        assert (changed.name, changed.latitude, changed.longitude) == ("Djoudj", 16.41, -16.27)

    remove_url = f"/reports/{report_id}/sites/{site.id}/remove"
    confirm = client.get(remove_url)
    assert confirm.status_code == 200
    assert "Djoudj" in confirm.text and 'method="post"' in confirm.text
    with app.app_context():
        assert db.session.get(Site, site.id).removed is False  # asking removes nothing
    removed = client.post(remove_url, data=csrf(confirm))
    assert removed.status_code == 302
    with app.app_context():
        assert db.session.get(Site, site.id).removed is True
    assert client.get(edit_url).status_code == 404  # a removed site is no longer edited
    page = client.get(f"/reports/{report_id}/sites")
    assert page.status_code == 200 and f'id="site-{site.id}"' not in page.text


def test_sites_are_shared_by_the_partys_reports(client, auth, aewa10, app):
    auth.login(FP_SEN)
    add(client, aewa10["SEN"], **DJOUDJ)
    with app.app_context():
        cms_report_id = report_of("CMS-COP15", "SEN").id
    contents = client.get(f"/reports/{cms_report_id}/")
    assert f"/reports/{cms_report_id}/sites" not in contents.text  # no site loop in CMS-COP15
    page = client.get(f"/reports/{cms_report_id}/sites")
    assert page.status_code == 200 and DJOUDJ["name"] in page.text
    assert "Answers in this report" not in page.text


def test_the_page_counts_the_answers_this_report_holds_per_site(client, auth, aewa10, app):
    auth.login(FP_SEN)
    add(client, aewa10["SEN"], **DJOUDJ)
    with app.app_context():
        report = db.session.get(Report, aewa10["SEN"])
        site = next(iter(site_store.sites_of(report.party_id)))
        filled = services.fill(report, "fr")
        for code, raw in (("AEWA10-SITE-01", "yes"), ("AEWA10-SITE-02", "40 000")):
            item = site_item(filled, code, site)
            saving.save_answer(
                filled, item.node, item.loop_key, saving.Change(raw=raw, raw_given=True),
                expected_version=0, user=user(FP_SEN), locale="fr",
            )  # fmt: skip
        db.session.commit()
        site_id = site.id
    page = client.get(f"/reports/{aewa10['SEN']}/sites")
    row = re.search(rf'<tr id="site-{site_id}">(.*?)</tr>', page.text, re.S).group(1)
    assert re.search(r'<td class="[^"]*text-end">2</td>', row)
    confirm = client.get(f"/reports/{aewa10['SEN']}/sites/{site_id}/remove")
    assert re.search(r"\b2\b", re.search(r'<p class="mb-0">(.*?)</p>', confirm.text, re.S)[1])


def test_a_site_name_is_shown_as_text_everywhere(client, auth, aewa10, app):
    name = '<img src=x onerror="alert(1)"> Lac Rose'
    auth.login(FP_SEN)
    assert add(client, aewa10["SEN"], name=name, latitude="", longitude="").status_code == 302
    site = party_site(app, "SEN", name)
    pages = [
        client.get(f"/reports/{aewa10['SEN']}/sites"),
        client.get(f"/reports/{aewa10['SEN']}/sites/{site.id}"),
        client.get(f"/reports/{aewa10['SEN']}/sites/{site.id}/remove"),
        client.get(f"/reports/{aewa10['SEN']}/sections/{aewa10['section']}"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "<img src=x" not in page.text and "&lt;img src=x" in page.text


# --- who may change the party's sites -------------------------------------------------------------

LIST = [
    (FP_SEN, "SEN", 200),
    (FP_FRA, "SEN", 404),  # another party's report
    (AEWA_SEC, "SEN", 200),  # the instrument's secretariat reads, read-only
    (CMS_SEC, "SEN", 404),  # another instrument's report
    (ANALYST, "SEN", 404),  # not submitted yet
]
ADD = [
    (FP_SEN, "SEN", 302),
    (FP_FRA, "SEN", 404),
    (AEWA_SEC, "SEN", 403),
    (CMS_SEC, "SEN", 404),
    (ANALYST, "SEN", 404),
]


@pytest.mark.parametrize(("who", "party", "status"), LIST)
def test_who_sees_the_list(client, auth, aewa10, who, party, status):
    auth.login(who)
    page = client.get(f"/reports/{aewa10[party]}/sites")
    assert page.status_code == status
    if status == 200:
        can_add = who == FP_SEN
        assert ('id="add-site"' in page.text) is can_add
        assert ("You can read this list but not change it." in page.text) is not can_add


@pytest.mark.parametrize(("who", "party", "status"), ADD)
def test_who_adds_a_site(client, auth, aewa10, app, who, party, status):
    auth.login(who)
    response = client.post(f"/reports/{aewa10[party]}/sites", data={"name": "Lac Rose"})
    assert response.status_code == status
    with app.app_context():
        names = [s.name for s in site_store.sites_of(directory.party_by_code(party).id)]
    assert names == (["Lac Rose"] if status == 302 else [])


@pytest.mark.parametrize(
    ("who", "status"), [(FP_SEN, 302), (FP_FRA, 404), (AEWA_SEC, 403), (ANALYST, 404)]
)
@pytest.mark.parametrize("action", ["rename", "remove"])
def test_who_renames_or_removes_a_site(client, auth, aewa10, app, who, status, action):
    with app.app_context():
        site = site_store.save_site(directory.party_by_code("SEN").id, None, locale="fr", **DJOUDJ)
        db.session.commit()
        site_id = site.id
    auth.login(who)
    base = f"/reports/{aewa10['SEN']}/sites/{site_id}"
    if action == "rename":
        response = client.post(base, data={"name": "Djoudj", "latitude": "", "longitude": ""})
    else:
        response = client.post(f"{base}/remove", data={})
    assert response.status_code == status
    with app.app_context():
        site = db.session.get(Site, site_id)
        changed = site.name == "Djoudj" if action == "rename" else site.removed
    assert changed is (status == 302)
    if status != 302:  # the form pages are refused the same way
        path = base if action == "rename" else f"{base}/remove"
        assert client.get(path).status_code == status


def test_an_analyst_reads_a_submitted_report_s_sites_but_cannot_write(client, auth, aewa10, app):
    with app.app_context():
        report = db.session.get(Report, aewa10["SEN"])
        report.status = "submitted"
        site_store.save_site(report.party_id, None, locale="fr", **DJOUDJ)
        db.session.commit()
    auth.login(ANALYST)
    page = client.get(f"/reports/{aewa10['SEN']}/sites")
    assert page.status_code == 200 and DJOUDJ["name"] in page.text
    assert 'id="add-site"' not in page.text and "/remove" not in page.text
    assert client.post(f"/reports/{aewa10['SEN']}/sites", data={"name": "x"}).status_code == 403


def test_a_closed_report_shows_the_sites_but_does_not_change_them(client, auth, app):
    with app.app_context():
        report = report_of("AEWA-MOP9", "FRA")  # in progress when its questionnaire closes
        questionnaires.close(report.questionnaire, actor=user(AEWA_SEC))
        site_store.save_site(report.party_id, None, name=CAMARGUE, latitude="43,5",
                           longitude="4,6", locale="fr")  # fmt: skip
        db.session.commit()
        report_id = report.id
    auth.login(FP_FRA)
    page = client.get(f"/reports/{report_id}/sites")
    assert page.status_code == 200 and CAMARGUE in page.text and "43,5" in page.text
    assert 'id="add-site"' not in page.text
    assert (
        client.post(f"/reports/{report_id}/sites", data={"name": "Étang de Thau"}).status_code
        == 403
    )


def _submit_and_accept(app, report_id: int) -> None:
    with app.app_context():
        report = db.session.get(Report, report_id)
        make_ready(report, user(FP_SEN))
        submission.submit(report, user(FP_SEN), "fr", notify=False)
        submission.accept(report, user(AEWA_SEC), notify=False)
        db.session.commit()


def test_an_accepted_report_shows_the_sites_it_was_submitted_with(client, auth, aewa10, app):
    """Senegal's sites change through another of its reports after AEWA-MOP10 was accepted:
    the analyst reading the accepted report reads the sites submitted (its sites page and its
    site questions), the open report the party's current ones."""
    auth.login(FP_SEN)
    add(client, aewa10["SEN"], **DJOUDJ)
    add(client, aewa10["SEN"], name=SALOUM, latitude="13,8", longitude="-16,6")
    saloum = party_site(app, "SEN", SALOUM)
    djoudj = party_site(app, "SEN", DJOUDJ["name"])
    _submit_and_accept(app, aewa10["SEN"])
    with app.app_context():
        other = report_of("AEWA-MOP9", "SEN").id
    assert add(client, other, name="Lac de Guiers", latitude="", longitude="").status_code == 302
    renamed = {"name": "Delta du Saloum et îles", "latitude": "14", "longitude": "-16,7"}
    assert client.post(f"/reports/{other}/sites/{saloum.id}", data=renamed).status_code == 302
    assert client.post(f"/reports/{other}/sites/{djoudj.id}/remove").status_code == 302
    client.get(f"/reports/{other}/sites")  # the messages of these changes, read here

    auth.logout()
    auth.login(ANALYST)
    page = client.get(f"/reports/{aewa10['SEN']}/sites")
    assert page.status_code == 200
    assert "Lac de Guiers" not in page.text and "îles" not in page.text
    assert f'id="site-{djoudj.id}"' in page.text and SALOUM in page.text
    assert "13.8" in page.text  # Saloum's coordinates as submitted (in English)
    assert 'id="as-submitted"' in page.text  # and the page says so
    section = client.get(f"/reports/{aewa10['SEN']}/sections/{aewa10['section']}")
    iteration = r'<legend class="fs-6 fw-semibold float-none[^"]*">([^<]*)<'
    legends = re.findall(iteration, section.text)
    assert sorted(legends) == sorted([DJOUDJ["name"], SALOUM])

    auth.logout()
    auth.login(FP_SEN)
    current = client.get(f"/reports/{other}/sites")
    assert "Lac de Guiers" in current.text and "îles" in current.text
    assert f'id="site-{djoudj.id}"' not in current.text and 'id="as-submitted"' not in current.text


def test_a_snapshot_without_its_sites_recorded_lists_its_loop_keys(ctx):
    """Submissions made before the snapshot recorded the sites hold their keys only: the
    sites are those, as they are now; a recorded list wins."""
    party = directory.party_by_code("SEN")
    djoudj = site_store.save_site(party.id, None, locale="fr", **DJOUDJ)
    saloum = site_store.save_site(
        party.id, None, name=SALOUM, latitude="", longitude="", locale="fr"
    )
    site_store.save_site(party.id, None, name="Lac de Guiers", latitude="", longitude="",
                         locale="fr")  # fmt: skip
    site_store.withdraw_site(saloum)
    old = {"loops": {"species": [], "site": [saloum.key, djoudj.key]}}
    assert [(s.key, s.name) for s in site_store.sites_as_submitted(old)] == [
        (saloum.key, SALOUM),
        (djoudj.key, DJOUDJ["name"]),
    ]
    assert site_store.sites_as_submitted(old)[1].latitude == 16.4133
    recorded = {**old, "sites": [{"id": saloum.id, "name": "Saloum"}]}
    assert [(s.key, s.name) for s in site_store.sites_as_submitted(recorded)] == [
        (saloum.key, "Saloum")
    ]
    assert site_store.sites_as_submitted({"loops": {"species": []}}) == []


def test_a_site_of_another_party_is_not_found_through_this_report(client, auth, aewa10, app):
    with app.app_context():
        camargue = site_store.save_site(
            directory.party_by_code("FRA").id, None, name=CAMARGUE, latitude="", longitude="",
            locale="fr",
        )  # fmt: skip
        db.session.commit()
        camargue_id = camargue.id
    auth.login(FP_SEN)
    assert client.get(f"/reports/{aewa10['SEN']}/sites/{camargue_id}").status_code == 404
    assert client.post(f"/reports/{aewa10['SEN']}/sites/{camargue_id}/remove").status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, aewa10):
    response = client.get(f"/reports/{aewa10['SEN']}/sites")
    assert response.status_code == 302 and "/account/login" in response.location


def test_policy_rule_reports_sites(ctx):
    from app import policy

    publish_site_questionnaire()
    report = report_of("AEWA-MOP10", "SEN")
    assert policy.decide(user(FP_SEN), "report.sites", report).allowed
    assert policy.decide(user(FP_FRA), "report.sites", report).hidden
    secretariat = policy.decide(user(AEWA_SEC), "report.sites", report)
    assert not secretariat.allowed and not secretariat.hidden
    report.status = "submitted"
    closed = policy.decide(user(FP_SEN), "report.sites", report)
    assert not closed.allowed and "submitted" in closed.reason
