"""Filling national reports: reports owed from publication, saving with versions (conflicts,
replays, unreadable values kept), skip logic on the server, validation, history, and who may
read or write a report — through the services and through the HTTP client."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app import answers
from app.auth import services as auth_services
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import completeness, saving, services
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, AnswerRevision, Report, ReportStatus

FP_FRA, FP_SEN, FP_ESP, FP_KEN = (
    "fp.fra@demo.test",
    "fp.sen@demo.test",
    "fp.esp@demo.test",
    "fp.ken@demo.test",
)
CMS_SEC, AEWA_SEC, ANALYST, CONTRIB = (
    "cms.secretariat@demo.test",
    "aewa.secretariat@demo.test",
    "analyst@demo.test",
    "contributor.fra@demo.test",
)


def report_of(code: str, party: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def user(email):
    return auth_services.user_by_email(email)


def first_item(filled, answer_type: str, loop: bool = False):
    """The first item of that type, visible ones first (answers of hidden items are kept too)."""
    items = sorted(filled.rendered.items(), key=lambda i: not i.visible)
    for item in items:
        in_loop = filled.tree.loop_section(item.node) is not None
        if item.node.effective_type == answer_type and in_loop == loop:
            return item
    raise LookupError(answer_type)


def save(filled, item, raw, version, who, locale="fr", **parts):
    change = saving.Change(raw=raw, raw_given=raw is not None, **parts)
    return saving.save_answer(
        filled, item.node, item.loop_key, change, expected_version=version, user=who, locale=locale
    )


# --- services -------------------------------------------------------------------------------------


def test_every_party_owing_a_published_questionnaire_has_its_report(ctx):
    questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
    owing = {p.code for p in directory.reporting_parties(questionnaire.instrument)}
    have = set(
        ctx.scalars(sa.select(Report.party_id).where(Report.questionnaire_id == questionnaire.id))
    )
    assert len(have) == len(owing) > 50
    draft = questionnaires.questionnaire_by_code("EUROBATS-MOP11")
    assert ctx.scalar(sa.select(sa.func.count()).where(Report.questionnaire_id == draft.id)) == 0


def test_a_party_joining_later_gets_its_report(ctx):
    raptors = directory.instrument_by_code("RAPTORS")
    already = {p.code for p in directory.reporting_parties(raptors)}
    newcomer = next(
        directory.party_by_code(code)
        for code in ("NOR", "CHE", "GBR", "USA", "JPN")
        if code not in already
    )
    directory.set_membership(newcomer, raptors, "signatory")
    assert report_of("RAPTORS-MOS4", newcomer.code) is not None


def test_focal_point_cycle_view_lists_reports_across_instruments(ctx):
    from app import policy

    reports = services.reports_of_focal_point(policy.focal_point_scopes(user(FP_ESP)))
    codes = {r.questionnaire.code for r in reports}
    assert {"CMS-COP15", "AEWA-MOP9", "RAPTORS-MOS4"} <= codes
    assert {r.party.code for r in reports} == {"ESP"}


def test_french_number_is_stored_canonically_and_shown_back_in_french(ctx):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    item = first_item(filled, "number")
    saved = save(filled, item, "12,5", 0, user(FP_SEN))
    assert saved.problem is None and saved.answer.value == 12.5
    shown = services.display_values(filled, [item], "fr")
    assert shown.get(item.field_name) == "12,5"
    assert report.status == ReportStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("locale", "typed", "value"),
    [("fr", "1 234,5", 1234.5), ("fr", "1\u202f234,5", 1234.5), ("es", "1.234,5", 1234.5),
     ("en", "1,234.5", 1234.5), ("fr", "1234.5", 1234.5), ("es", "7", 7)],
)  # fmt: skip
def test_numbers_are_read_in_the_locale_format(locale, typed, value):

    assert answers.parse("number", {}, typed, answers.Context(locale)) == value


def test_an_unreadable_value_is_kept_as_typed_and_listed(ctx):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    item = first_item(filled, "yes_no")
    saved = save(filled, item, "peut-être", 0, user(FP_SEN))
    assert saved.problem and saved.answer.typed == "peut-être" and saved.answer.value is None
    issues = completeness.issues(services.fill(report, "fr"), "fr")
    assert any(i.item.field_name == item.field_name and i.kind == "invalid" for i in issues)


def test_a_save_against_an_old_version_is_a_conflict_and_a_replay_is_not(ctx):
    report = report_of("CMS-COP15", "FRA")
    filled = services.fill(report, "fr")
    item = first_item(filled, "long_text")
    fra = user(FP_FRA)
    first = save(filled, item, "Texte de la première session", 0, fra)
    assert first.answer.version == 1
    again = save(filled, item, "Texte de la première session", 0, fra)  # the same save, replayed
    assert again.replayed and again.answer.version == 1
    with pytest.raises(saving.Conflict) as conflict:
        save(filled, item, "Texte de la seconde session", 0, fra)
    assert conflict.value.answer.value == "Texte de la première session"
    kept = save(filled, item, "Texte de la seconde session", 1, fra)  # "keep mine"
    assert kept.answer.version == 2 and kept.answer.value == "Texte de la seconde session"


def test_consecutive_saves_by_one_person_make_one_revision_others_make_their_own(ctx, app):
    report = report_of("CMS-COP15", "FRA")
    filled = services.fill(report, "fr")
    item = first_item(filled, "long_text")
    fra = user(FP_FRA)
    a = save(filled, item, "Un", 0, fra).answer
    save(filled, item, "Un deux", 1, fra)
    assert [r.value for r in saving.history(a)] == ["Un deux"]
    app.config["REVISION_MERGE_SECONDS"] = 0
    try:
        save(filled, item, "Un deux trois", 2, fra)
    finally:
        app.config["REVISION_MERGE_SECONDS"] = 300
    assert [r.version for r in saving.history(a)] == [3, 2]


def test_loop_answers_are_keyed_by_taxon_and_conditions_read_the_same_iteration(ctx):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "en")
    item = first_item(filled, "single_choice", loop=True)
    assert item.loop_key in filled.species_keys
    choice = item.node.effective_config["choices"][0]["key"]
    saved = save(filled, item, choice, 0, user(FP_SEN))
    assert saved.answer.loop_key == item.loop_key
    with pytest.raises(ReportingError):
        saving.save_answer(
            filled, item.node, "not_a_species", saving.Change(raw=choice, raw_given=True),
            expected_version=0, user=user(FP_SEN), locale="en",
        )  # fmt: skip


def test_hidden_answers_are_kept_and_not_validated(ctx):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "en")
    conditional = next(
        i for i in filled.rendered.items()
        if i.node.condition and i.node.condition.get("op") == "equals"
        and filled.tree.loop_section(i.node) is None
    )  # fmt: skip
    source_node = filled.tree.by_code()[conditional.node.condition["item"]]
    source = next(i for i in filled.rendered.items() if i.node.id == source_node.id)
    expected = conditional.node.condition["value"]
    save(filled, source, expected, 0, user(FP_SEN))
    filled = services.fill(report, "en")
    shown = next(i for i in filled.rendered.items() if i.node.id == conditional.node.id)
    assert shown.visible
    if shown.node.effective_type in ("long_text", "short_text"):
        save(filled, shown, "Réponse gardée", 0, user(FP_SEN))
    else:
        return
    other = "no" if expected == "yes" else "yes"
    save(services.fill(report, "en"), source, other, 1, user(FP_SEN))
    filled = services.fill(report, "en")
    assert (conditional.node.id, "") in completeness.hidden_answers(filled)
    assert all(i.item.node.id != conditional.node.id for i in completeness.issues(filled, "en"))
    assert ctx.scalar(sa.select(Answer.value).where(Answer.node_id == conditional.node.id)) == (
        "Réponse gardée"
    )


def autosave(client, report_id: int, name: str, text: str, version: int = 0):
    body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: text}
    return client.post(f"/reports/{report_id}/answers", data=body)


# --- HTTP -----------------------------------------------------------------------------------------


def test_cycle_view_in_french(client, auth):
    auth.login(FP_FRA)
    page = client.get("/reports/")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert "CMS-COP15" in page.text and "AEWA-MOP9" in page.text


def test_section_saves_without_javascript_and_keeps_everything(client, auth, app):
    auth.login(FP_SEN)
    with app.app_context():
        report = report_of("CMS-COP15", "SEN")
        filled = services.fill(report, "fr")
        item = first_item(filled, "number")
        section = (
            filled.tree.ancestors(item.node)[0].id if filled.tree.ancestors(item.node) else None
        )
        report_id = report.id
    url = f"/reports/{report_id}/sections/{section}"
    page = client.get(url)
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]*)"', page.text)
    data = {f"p-{item.field_name}": "1", f"v-{item.field_name}": "0", item.field_name: "42,75",
            f"c-{item.field_name}": "Estimation de 2025"}  # fmt: skip
    if token:
        data["csrf_token"] = token.group(1)
    saved = client.post(url, data=data, follow_redirects=True)
    assert saved.status_code == 200 and "Vos réponses ont été enregistrées." in saved.text
    assert 'value="42,75"' in saved.text
    assert "Estimation de 2025" in saved.text
    # a second tab still typing against version 0: refused, its text kept on the page
    data[item.field_name] = "43"
    clash = client.post(url, data=data)
    assert clash.status_code == 200
    assert 'value="43"' in clash.text and "alert-warning conflict" in clash.text


def test_autosave_and_upload_refuse_an_item_the_report_does_not_have(client, auth, app):
    auth.login(FP_FRA)
    with app.app_context():
        report_id = report_of("CMS-COP15", "FRA").id
    for endpoint in ("answers", "attachments"):
        response = client.post(f"/reports/{report_id}/{endpoint}", data={"field": "q-0-nope"})
        assert response.status_code == 404, endpoint
        assert response.json["status"] == "error"
        assert response.json["message"] == "Cette question ne fait pas partie du rapport."


def test_autosave_endpoint_conflict_and_replay(client, auth, app):
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        item = first_item(services.fill(report, "fr"), "long_text")
        report_id, name = report.id, item.field_name
    body = {"field": name, f"p-{name}": "1", f"v-{name}": "0", name: "Première version"}
    first = client.post(f"/reports/{report_id}/answers", data=body)
    assert first.status_code == 200 and first.json["version"] == 1
    replay = client.post(f"/reports/{report_id}/answers", data=body)
    assert replay.status_code == 200 and replay.json["version"] == 1
    body[name] = "Autre version"
    clash = client.post(f"/reports/{report_id}/answers", data=body)
    assert clash.status_code == 409
    assert (
        clash.json["theirs"]["version"] == 1 and "Première version" in clash.json["theirs"]["text"]
    )
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer).where(Answer.report_id == report_id))
        assert answer.value == "Première version"
        assert (
            db.session.scalar(
                sa.select(sa.func.count()).where(AnswerRevision.answer_id == answer.id)
            )
            == 1
        )


def test_validation_report_links_to_each_item(client, auth, app):
    auth.login(FP_KEN)
    with app.app_context():
        report_id = report_of("CMS-COP15", "KEN").id
    page = client.get(f"/reports/{report_id}/validation")
    assert page.status_code == 200
    assert "A required answer is missing." in page.text
    assert re.search(rf'href="/reports/{report_id}/sections/\d+#a-f-\d+', page.text)


def test_history_of_an_answer(client, auth, app):
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        item = first_item(services.fill(report, "fr"), "long_text")
        report_id, name, node_id = report.id, item.field_name, item.node.id
    autosave(client, report_id, name, "Historique")
    page = client.get(f"/reports/{report_id}/history/{node_id}")
    assert (
        page.status_code == 200 and "Historique" in page.text and "Françoise Lefèvre" in page.text
    )


# --- who may read and write -----------------------------------------------------------------------

READS = [
    (FP_FRA, "FRA", 200),
    (FP_FRA, "SEN", 404),  # another party's report
    (FP_SEN, "FRA", 404),
    (CMS_SEC, "FRA", 200),  # the instrument's secretariat reads every report
    (AEWA_SEC, "FRA", 404),  # another instrument's report
    (ANALYST, "FRA", 404),  # not submitted yet
    (CONTRIB, "FRA", 404),  # no section delegated
]


@pytest.mark.parametrize(("who", "party", "status"), READS)
def test_who_reads_a_cms_report(client, auth, app, who, party, status):
    with app.app_context():
        report_id = report_of("CMS-COP15", party).id
    auth.login(who)
    assert client.get(f"/reports/{report_id}/").status_code == status
    assert client.get(f"/reports/{report_id}/validation").status_code == status


WRITES = [(FP_FRA, "FRA", 200), (FP_SEN, "FRA", 404), (CMS_SEC, "FRA", 403), (ANALYST, "FRA", 404)]


@pytest.mark.parametrize(("who", "party", "status"), WRITES)
def test_who_writes_an_answer(client, auth, app, who, party, status):
    with app.app_context():
        report = report_of("CMS-COP15", party)
        item = first_item(services.fill(report, "en"), "long_text")
        report_id, name = report.id, item.field_name
    auth.login(who)
    response = autosave(client, report_id, name, "x")
    assert response.status_code == status


def test_closed_questionnaire_reports_are_read_only(client, auth, app):
    with app.app_context():
        report = report_of("CMS-COP14", "FRA")
        item = first_item(services.fill(report, "en"), "long_text")
        report_id, name = report.id, item.field_name
    auth.login(FP_FRA)
    assert client.get(f"/reports/{report_id}/").status_code == 200
    response = autosave(client, report_id, name, "x")
    assert response.status_code == 403


def test_the_conflict_box_says_a_choice_by_its_label_in_the_readers_language(client, auth, app):
    """The other version of a choice answer used to show its key («partly»)."""
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        filled = services.fill(report, "fr")
        item = first_item(filled, "single_choice")
        choice = item.node.effective_config["choices"][0]
        report_id, name, key = report.id, item.field_name, choice["key"]
        label = choice["label"]["fr"]
        version = filled.answers[(item.node.id, item.loop_key)].version if (
            (item.node.id, item.loop_key) in filled.answers
        ) else 0  # fmt: skip
    body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: key}
    assert client.post(f"/reports/{report_id}/answers", data=body).status_code == 200
    clash = client.post(f"/reports/{report_id}/answers", data={**body, name: "other"})
    assert clash.status_code == 409
    theirs = clash.json["theirs"]["text"]
    assert label in theirs and theirs != key
