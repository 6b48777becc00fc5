"""What a contributor reaches of a report: every page of it, read for what it says (section
titles, question texts and answers of the sections not delegated to them never appear, JSON
included), and what they may do within their sections — everything a focal point does there
except submit: write, reuse, confirm pre-filled answers, manage the sites their section loops
over. The demo's contributor.fra has no assignment at first; fp.fra delegates through the
delegation service, as in tests/test_delegation.py."""

from __future__ import annotations

import ast
import html
import json
from datetime import date
from pathlib import Path

import pytest

from app import policy
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import delegation, prefill, reuse_copying, reuse_offers, services, site_store
from app.reporting.models import Report, Site
from tests.test_attachments import PDF, upload
from tests.test_delegation import CONTRIB, FP_FRA, section, user
from tests.test_reporting import report_of, save

SECRET = "Réponse réservée à la correspondante nationale, section 1"
OWN_TEXT = "Le contributeur décrit les éoliennes en mer"


def _top(filled, node) -> int | None:
    return delegation.top_section_id(node, filled.tree)


def _forbidden(filled, own: int) -> set[str]:
    """What of the other sections must never reach the contributor: titles, question texts
    and answers in words (long enough not to match by chance)."""
    found = set()
    for node in filled.tree.nodes:
        if _top(filled, node) == own:
            continue
        if node.is_section and node.parent_id is None:
            found.add(node.title["fr"])
        elif not node.is_section and len(node.effective_text.get("fr", "")) > 30:
            found.add(node.effective_text["fr"])
    for (node_id, _key), answer in filled.answers.items():
        node = filled.tree.by_id[node_id]
        if _top(filled, node) != own and isinstance(answer.value, str) and len(answer.value) > 25:
            found.add(answer.value)
    return found


def _said(response) -> str:
    """What a response says, as a reader (or a script) would read it."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    if response.mimetype in ("text/html", "text/plain"):
        return html.unescape(response.get_data(as_text=True))
    return response.get_data().decode("latin-1")


def _leaks(response, forbidden: set[str]) -> list[str]:
    said = _said(response)
    return sorted(text for text in forbidden if text in said)


@pytest.fixture
def world(app, database, mailbox):
    """France's CMS-COP15 report pre-filled from COP14 by its focal point, who also answers a
    question of section 1 in her own words; section 3 (threats) delegated to contributor.fra.
    Returns ids for the URLs and what the contributor must never read."""
    with app.app_context():
        fp = user(FP_FRA)
        report = report_of("CMS-COP15", "FRA")
        filled = services.fill(report, "fr")
        planned = prefill.preview(filled, fp)
        prefill.prefill(filled, fp, "fr", reuse_copying.fingerprint(planned))
        general = next(
            i
            for i in filled.rendered.items()
            if i.node.effective_type == "long_text"
            and _top(filled, i.node) == section(report, "1").id
        )
        save(filled, general, SECRET, 0, fp)
        threats = section(report, "3")
        done = delegation.assign(report, threats, CONTRIB, fp)
        db.session.commit()
        filled = services.fill(report, "fr")
        unconfirmed = prefill.unconfirmed(filled)
        own = [(i, a) for top, i, _l, a in unconfirmed if top.node.id == threats.id]
        other = [(i, a) for top, i, _l, a in unconfirmed if top.node.id != threats.id]
        assert own and len(other) > 20
        forbidden = _forbidden(filled, threats.id)
        assert SECRET in forbidden and len(forbidden) > 20
        return {
            "report": report.id,
            "assignment": done.assignment.id,
            "s3": threats.id,
            "s1": section(report, "1").id,
            "s4": section(report, "4").id,
            "own_node": own[0][0].node.id,
            "own_loop": own[0][0].loop_key,
            "own_version": own[0][1].version,
            "own_field": own[0][0].field_name,
            "other_node": other[0][0].node.id,
            "other_loop": other[0][0].loop_key,
            "other_version": other[0][1].version,
            "general_node": general.node.id,
            "general_field": general.field_name,
            "forbidden": forbidden,
        }


# --- the service: a Filled built for a contributor holds their sections only ----------------------


def test_fill_for_a_contributor_holds_only_their_sections_and_answers(ctx, world):
    report = ctx.get(Report, world["report"])
    contributor, fp = user(CONTRIB), user(FP_FRA)
    mine = services.fill(report, "fr", viewer=contributor)
    assert [s.node.id for s in mine.rendered.sections] == [world["s3"]]
    assert mine.rendered.loose_items == []
    assert mine.answers and {_top(mine, mine.tree.by_id[n]) for n, _k in mine.answers} == {
        world["s3"]
    }
    assert all(
        _top(mine, mine.tree.by_id[a.node_id]) == world["s3"] for a in mine.attachments.values()
    )
    # the whole report: the focal point, and the services that need it (viewer=None)
    for whole in (services.fill(report, "fr", viewer=fp), services.fill(report, "fr", viewer=None)):
        assert len(whole.rendered.sections) == 6
        assert (world["general_node"], "") in whole.answers
    # a report the viewer may not read yields nothing of it
    nobody = services.fill(report_of("AEWA-MOP9", "FRA"), "fr", viewer=contributor)
    assert nobody.rendered.sections == [] and nobody.answers == {}


def test_skip_logic_in_a_contributors_sections_is_what_the_focal_point_sees(ctx, world):
    report = ctx.get(Report, world["report"])
    mine = services.fill(report, "fr", viewer=user(CONTRIB))
    whole = services.fill(report, "fr", viewer=None)
    visible = {(i.node.id, i.loop_key): i.visible for i in whole.rendered.items()}
    assert {(i.node.id, i.loop_key): i.visible for i in mine.rendered.items()}.items() <= (
        visible.items()
    )


def test_every_view_passes_the_viewer():
    """Views and page helpers build a report for the person asking (viewer=current_user or a
    user they are given); only services call fill for the whole report (viewer=None)."""
    root = Path(__file__).resolve().parents[1] / "app"
    found = []
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        is_page = "@bp.route" in source or path.name == "pages.py"
        for call in ast.walk(ast.parse(source)):
            if not (isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "fill"):
                continue
            viewer = next((k.value for k in call.keywords if k.arg == "viewer"), None)
            where = f"{path.relative_to(root)}:{call.lineno}"
            if viewer is None:
                found.append(f"{where} gives no viewer")
            elif is_page and isinstance(viewer, ast.Constant):
                found.append(f"{where}: a page reads the whole report")
    assert found == []


# --- every page, read for what it says ---------------------------------------------------------

PAGES = [
    ("contents", "/reports/{report}/", 200),
    ("own section", "/reports/{report}/sections/{s3}", 200),
    ("other section", "/reports/{report}/sections/{s1}", 404),
    ("loop section of another", "/reports/{report}/sections/{s4}", 404),
    ("validation", "/reports/{report}/validation", 200),
    ("to confirm", "/reports/{report}/to-confirm", 200),
    ("reuse-all preview", "/reports/{report}/reuse", 200),
    ("pre-fill preview", "/reports/{report}/prefill", 404),  # COP14 is not theirs to read
    ("print", "/reports/{report}/print", 403),
    ("pdf", "/reports/{report}/print.pdf", 403),
    ("submissions", "/reports/{report}/submissions", 403),
    ("audit", "/reports/{report}/audit", 403),
    ("people", "/reports/{report}/people", 403),
    ("submit", "/reports/{report}/submit", 403),
    ("sites", "/reports/{report}/sites", 200),
    ("history, own", "/reports/{report}/history/{own_node}?loop={own_loop}", 200),
    ("history, other", "/reports/{report}/history/{other_node}?loop={other_loop}", 404),
    ("history, section 1", "/reports/{report}/history/{general_node}", 404),
    ("my reports", "/reports/", 200),
    ("dashboard", "/dashboard", 200),
]


@pytest.mark.parametrize(("what", "url", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_no_page_shows_a_contributor_another_section(client, auth, world, what, url, status):
    auth.login(CONTRIB)
    response = client.get(url.format(**world))
    assert response.status_code == status
    assert _leaks(response, world["forbidden"]) == []


def test_to_confirm_lists_the_contributors_sections_only(client, auth, world):
    auth.login(CONTRIB)
    page = client.get(f"/reports/{world['report']}/to-confirm")
    said = _said(page)
    assert f'id="q-{world["own_field"]}"' in said
    assert f"a-{world['other_node']}" not in said and f"/confirm/{world['other_node']}" not in said
    assert f"/confirm/{world['own_node']}" in said  # they may confirm what is theirs


def test_json_answers_speak_of_the_contributors_sections_only(client, auth, world):
    auth.login(CONTRIB)
    url = f"/reports/{world['report']}/answers"
    name = world["general_field"]
    other = client.post(url, data={"field": name, f"p-{name}": "1", f"v-{name}": "1", name: "x"})
    assert other.status_code == 404 and other.is_json
    assert _leaks(other, world["forbidden"]) == []
    with client.application.app_context():
        report = db.session.get(Report, world["report"])
        answer = services.answers_of(report)[(world["general_node"], "")]
        assert answer.value == SECRET


def test_an_attachment_is_downloaded_only_by_whoever_reads_its_section(
    client, auth, app, world, mailbox
):
    with app.app_context():
        report = db.session.get(Report, world["report"])
        filled = services.fill(report, "fr", viewer=None)
        item = next(i for i in filled.rendered.items() if i.node.effective_type == "file")
        assert _top(filled, item.node) == world["s3"]
        from app.reporting import attachments

        saved = attachments.attach(
            filled, item.node, item.loop_key, [upload("Plan éolien.pdf", PDF)],
            user=user(FP_FRA), locale="fr",
        )  # fmt: skip
        db.session.commit()
        attachment_id = saved.answer.value[0]
    auth.login(CONTRIB)
    url = f"/reports/{world['report']}/attachments/{attachment_id}"
    own = client.get(url)
    assert own.status_code == 200 and own.get_data() == PDF
    own.close()
    # the same file, once the contributor holds another section instead
    with app.app_context():
        report = db.session.get(Report, world["report"])
        delegation.withdraw(delegation.assignment_by_id(report, world["assignment"]), user(FP_FRA))
        delegation.assign(report, section(report, "1"), CONTRIB, user(FP_FRA))
        db.session.commit()
    refused = client.get(url)
    assert refused.status_code == 404 and PDF not in refused.get_data()


# --- what a contributor does within their sections ---------------------------------------------


def _answer(app, report_id, node_id, loop_key=""):
    with app.app_context():
        report = db.session.get(Report, report_id)
        return services.answers_of(report).get((node_id, loop_key))


def test_a_contributor_confirms_pre_filled_answers_of_their_section_only(client, auth, app, world):
    auth.login(CONTRIB)
    report_id = world["report"]
    own = f"/reports/{report_id}/confirm/{world['own_node']}?loop={world['own_loop']}"
    done = client.post(f"{own}&v={world['own_version']}")
    assert done.status_code == 302
    assert not _answer(app, report_id, world["own_node"], world["own_loop"]).needs_confirmation
    other = f"/reports/{report_id}/confirm/{world['other_node']}?loop={world['other_loop']}"
    refused = client.post(f"{other}&v={world['other_version']}")
    assert refused.status_code == 404
    assert _answer(app, report_id, world["other_node"], world["other_loop"]).needs_confirmation

    whole_other = client.post(f"/reports/{report_id}/sections/{world['s4']}/confirm")
    assert whole_other.status_code == 404
    assert _answer(app, report_id, world["other_node"], world["other_loop"]).needs_confirmation
    whole_own = client.post(f"/reports/{report_id}/sections/{world['s3']}/confirm")
    assert whole_own.status_code == 302
    with app.app_context():
        filled = services.fill(db.session.get(Report, report_id), "fr", viewer=None)
        left = {top.node.id for top, *_rest in prefill.unconfirmed(filled)}
    assert world["s3"] not in left and world["s4"] in left


@pytest.fixture
def aewa_threats(app, world):
    """The contributor holds AEWA-MOP9's threats section of France too: the AEWA answers to
    the same bank questions are theirs to reuse in CMS section 3."""
    with app.app_context():
        aewa = report_of("AEWA-MOP9", "FRA")
        menaces = next(
            n for n in delegation.top_sections(aewa.questionnaire) if n.title["en"] == "Threats"
        )
        delegation.assign(aewa, menaces, CONTRIB, user(FP_FRA))
        db.session.commit()
        return {"aewa": aewa.id, "menaces": menaces.id}


def test_a_contributor_reuses_an_answer_in_their_section(client, auth, app, world, aewa_threats):
    with app.app_context():
        report = db.session.get(Report, world["report"])
        offers = reuse_offers.offers(
            services.fill(report, "fr", viewer=user(CONTRIB)), user(CONTRIB)
        )
        assert offers
        key, offer = next(iter(offers.items()))
        source_id = offer.source.answer.id
    auth.login(CONTRIB)
    page = client.get(f"/reports/{world['report']}/sections/{world['s3']}")
    assert "reuse-offer" in page.text and f'value="{source_id}"' in page.text
    response = client.post(
        f"/reports/{world['report']}/reuse/{key[0]}?v=0", data={"source": source_id}
    )
    assert response.status_code == 302
    copied = _answer(app, world["report"], key[0], key[1])
    assert copied is not None and copied.source_answer_id == source_id


def test_reuse_all_is_limited_to_the_contributors_sections(client, auth, app, world, aewa_threats):
    report_id = world["report"]
    with app.app_context():
        before = {
            k: a.version for k, a in services.answers_of(db.session.get(Report, report_id)).items()
        }
    auth.login(CONTRIB)
    preview = client.get(f"/reports/{report_id}/reuse")
    assert preview.status_code == 200 and _leaks(preview, world["forbidden"]) == []
    token = preview.text.split('name="expected" value="', 1)[1].split('"', 1)[0]
    done = client.post(f"/reports/{report_id}/reuse", data={"expected": token})
    assert done.status_code == 302
    with app.app_context():
        report = db.session.get(Report, report_id)
        whole = services.fill(report, "fr", viewer=None)
        after = services.answers_of(report)
        changed = {k for k, a in after.items() if before.get(k) != a.version}
    assert changed and {_top(whole, whole.tree.by_id[n]) for n, _k in changed} == {world["s3"]}


def test_reuse_offers_only_what_the_contributor_reads_in_the_source(ctx, world):
    """Holding section 1 of AEWA's report does not open its threats section as a source."""
    aewa = report_of("AEWA-MOP9", "FRA")
    delegation.assign(aewa, delegation.top_sections(aewa.questionnaire)[0], CONTRIB, user(FP_FRA))
    report = ctx.get(Report, world["report"])
    contributor = user(CONTRIB)
    assert reuse_offers.offers(services.fill(report, "fr", viewer=contributor), contributor) == {}


# --- sites ---------------------------------------------------------------------------------------


def _publish_sites_questionnaire():
    """AEWA's MOP10 report with a habitats section repeated per site, and a research section."""
    secretariat = user("aewa.secretariat@demo.test")
    questionnaire = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("AEWA"),
        code="AEWA-MOP10", cycle="MOP10", cycle_order=10,
        title={"en": "AEWA national report for MOP10", "fr": "Rapport national AEWA pour la MOP10"},
        deadline=date(2030, 1, 31), actor=secretariat,
    )  # fmt: skip
    habitats = questionnaires.add_section(
        questionnaire, title={"en": "Habitat conservation", "fr": "Conservation des habitats"}
    )
    per_site = questionnaires.add_section(
        questionnaire, parent=habitats, loop="site",
        title={"en": "Sites of international importance",
               "fr": "Sites d’importance internationale"},
    )  # fmt: skip
    questionnaires.add_local_item(
        questionnaire, per_site, code="AEWA10-SITE-01", answer_type="yes_no",
        text={"en": "Is the site protected?", "fr": "Le site est-il protégé ?"},
    )  # fmt: skip
    research = questionnaires.add_section(
        questionnaire, title={"en": "Research", "fr": "Recherche"}
    )
    questionnaires.add_local_item(
        questionnaire, research, code="AEWA10-RES-01", answer_type="yes_no",
        text={"en": "Is there a monitoring scheme?", "fr": "Existe-t-il un suivi ?"},
    )  # fmt: skip
    questionnaires.publish(questionnaire, actor=secretariat)
    return questionnaire, habitats, research


@pytest.fixture
def site_world(app, database, mailbox):
    with app.app_context():
        _questionnaire, habitats, research = _publish_sites_questionnaire()
        report = report_of("AEWA-MOP10", "FRA")
        camargue = site_store.save_site(
            report.party_id, None, name="Camargue", latitude="", longitude="", locale="fr"
        )
        db.session.commit()
        return {
            "report": report.id,
            "habitats": habitats.id,
            "research": research.id,
            "camargue": camargue.id,
            "party": report.party_id,
        }


def _delegate(app, report_id, section_id):
    with app.app_context():
        report = db.session.get(Report, report_id)
        delegation.assign(report, section_id, CONTRIB, user(FP_FRA))
        db.session.commit()


def _site_names(app, party_id) -> list[str]:
    with app.app_context():
        return [s.name for s in site_store.sites_of(party_id)]


def test_a_contributor_manages_the_sites_their_section_loops_over(client, auth, app, site_world):
    _delegate(app, site_world["report"], site_world["habitats"])
    auth.login(CONTRIB)
    base = f"/reports/{site_world['report']}/sites"
    page = client.get(base)
    assert page.status_code == 200 and 'id="add-site"' in page.text
    assert client.post(base, data={"name": "Étang de Thau"}).status_code == 302
    camargue = f"{base}/{site_world['camargue']}"
    renamed = client.post(
        camargue, data={"name": "Camargue (delta)", "latitude": "", "longitude": ""}
    )
    assert renamed.status_code == 302
    assert _site_names(app, site_world["party"]) == ["Camargue (delta)", "Étang de Thau"]
    assert client.post(f"{camargue}/remove").status_code == 302
    assert _site_names(app, site_world["party"]) == ["Étang de Thau"]


def test_a_contributor_of_another_section_does_not_change_the_sites(client, auth, app, site_world):
    _delegate(app, site_world["report"], site_world["research"])
    auth.login(CONTRIB)
    base = f"/reports/{site_world['report']}/sites"
    page = client.get(base)
    assert page.status_code == 200 and 'id="add-site"' not in page.text
    assert client.post(base, data={"name": "Étang de Thau"}).status_code == 403
    camargue = f"{base}/{site_world['camargue']}"
    assert (
        client.post(camargue, data={"name": "X", "latitude": "", "longitude": ""}).status_code
        == 403
    )
    assert client.post(f"{camargue}/remove").status_code == 403
    assert _site_names(app, site_world["party"]) == ["Camargue"]
    with app.app_context():
        assert not db.session.get(Site, site_world["camargue"]).removed


def test_policy_sites_follow_the_section_rule(ctx, site_world):
    report = ctx.get(Report, site_world["report"])
    contributor = user(CONTRIB)
    assert policy.decide(contributor, "report.sites", report).hidden  # nothing delegated yet
    delegation.assign(report, site_world["research"], CONTRIB, user(FP_FRA))
    assert not policy.decide(contributor, "report.sites", report)
    delegation.assign(report, site_world["habitats"], CONTRIB, user(FP_FRA))
    assert policy.decide(contributor, "report.sites", report)
    report.status = "submitted"
    assert not policy.decide(contributor, "report.sites", report)
    cms = report_of("CMS-COP15", "FRA")
    delegation.assign(cms, section(cms, "3"), CONTRIB, user(FP_FRA))
    assert not policy.decide(contributor, "report.sites", cms)  # no site loop there
