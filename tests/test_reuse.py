"""Answer once, report many: answers offered across instruments (compatible bank versions only,
the same taxon or site in loops, only from reports the person may read), copied with their
provenance, "source changed" and its update, "reuse all" filling exactly its preview; the
pre-fill from the previous cycle (bank code or local code) and its confirmation — through the
services, then through the HTTP client. The SQL of the matching does not grow with the items.

Answers of the party elsewhere are made here through saving.save_answer (`put`), whatever the
demo holds: a closed questionnaire's report is opened for the time of the save."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.auth import services as auth_services
from app.auth.models import Role
from app.bank import services as bank
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import prefill, reuse_copying, reuse_offers, saving, services, site_store
from app.reporting.models import Answer, AnswerRevision, Report

FP_FRA, FP_ESP, FP_SEN = "fp.fra@demo.test", "fp.esp@demo.test", "fp.sen@demo.test"
CMS_SEC = "cms.secretariat@demo.test"


def user(email):
    return auth_services.user_by_email(email)


def report_of(code: str, party: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def put(report: Report, code: str, raw, who, loop_key: str = "", **parts) -> Answer:
    """Give `report` an answer through the services (opening a closed or submitted report for
    the time of the save)."""
    questionnaire = report.questionnaire
    saved_states = (report.status, questionnaire.status)
    if not report.is_editable:
        report.status, questionnaire.status = "in_progress", "published"
    try:
        filled = services.fill(report, "en")
        node = filled.tree.by_code()[code]
        current = filled.answers.get((node.id, loop_key))
        saved = saving.save_answer(
            filled,
            node,
            loop_key,
            saving.Change(raw=raw, raw_given=True, **parts),
            expected_version=current.version if current else 0,
            user=who,
            locale="en",
        )
    finally:
        if saved_states[1] != "published":
            report.status, questionnaire.status = saved_states
        db.session.flush()
    return saved.answer


def cell(filled, code: str, loop_key: str = ""):
    return next(
        i for i in filled.rendered.items() if i.node.code == code and i.loop_key == loop_key
    )


def key(filled, code: str, loop_key: str = "") -> tuple[int, str]:
    item = cell(filled, code, loop_key)
    return (item.node.id, item.loop_key)


def cms15(party: str = "FRA", lang: str = "fr"):
    return services.fill(report_of("CMS-COP15", party), lang)


def repin(questionnaire_code: str, old_code: str, bank_code: str, number: int) -> None:
    """Point an item of a questionnaire at another bank version (its code follows)."""
    questionnaire = questionnaires.questionnaire_by_code(questionnaire_code)
    node = questionnaires_node(questionnaire, old_code)
    node.bank_version = bank.question_by_code(bank_code).version(number)
    node.code = bank_code
    db.session.flush()


def questionnaires_node(questionnaire, code):
    from app.questionnaires.models import Node

    return db.session.scalar(
        sa.select(Node).where(Node.questionnaire_id == questionnaire.id, Node.code == code)
    )


def shared_taxa() -> list[str]:
    aewa = services.fill(report_of("AEWA-MOP9", "FRA"), "en").species_keys
    return sorted(aewa & cms15().species_keys)


# --- compatibility ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [("SPEC-LISTING-04", True), ("RES-MONITOR-03", True), ("SPEC-PROT-01", False),
     ("IMPL-PLAN-01", False)],
)  # fmt: skip
def test_versions_are_compatible_either_way_round_when_the_older_fits_the_newer(
    ctx, code, expected
):
    question = bank.question_by_code(code)
    first, second = question.version(1), question.version(2)
    assert reuse_offers.versions_compatible(first, second) is expected
    assert reuse_offers.versions_compatible(second, first) is expected
    assert reuse_offers.versions_compatible(second, second)


# --- offers and reuse ---------------------------------------------------------------------------


def test_an_aewa_answer_is_offered_in_cms_with_where_it_came_from(ctx):
    fra = user(FP_FRA)
    source = put(report_of("AEWA-MOP9", "FRA"), "THR-POISON-01", "yes", fra)
    filled = cms15()
    offer = reuse_offers.offers(filled, fra)[key(filled, "THR-POISON-01")]
    assert offer.kind == reuse_offers.REUSE and offer.source.answer.id == source.id
    assert (offer.source.instrument_code, offer.source.questionnaire_code) == ("AEWA", "AEWA-MOP9")
    assert offer.source.by == "Françoise Lefèvre"
    assert offer.source.text == "Oui"
    assert not offer.others


def test_reuse_copies_the_answer_with_its_provenance(ctx):
    fra = user(FP_FRA)
    source = put(
        report_of("AEWA-MOP9", "FRA"), "COOP-MEA-01", ["ramsar", "cbd"], fra,
        comment="Voir le rapport Ramsar 2025.",
    )  # fmt: skip
    filled = cms15()
    item = cell(filled, "COOP-MEA-01")
    saved = reuse_copying.reuse(filled, item.node, "", source.id, fra, "fr")
    answer = saved.answer
    assert sorted(answer.value) == ["cbd", "ramsar"]
    assert answer.comment == "Voir le rapport Ramsar 2025."
    assert (answer.source_answer_id, answer.source_version) == (source.id, source.version)
    assert answer.source_kind == "reuse" and answer.copied_at is not None
    assert not answer.needs_confirmation
    filled = cms15()
    assert key(filled, "COOP-MEA-01") not in reuse_offers.offers(filled, fra)
    copy = reuse_offers.copies(filled, fra)[key(filled, "COOP-MEA-01")]
    assert copy.source.questionnaire_code == "AEWA-MOP9" and not copy.changed
    # one's own edit makes it one's own answer: the provenance goes
    mine = saving.save_answer(
        filled, item.node, "", saving.Change(raw=["cbd"], raw_given=True),
        expected_version=answer.version, user=fra, locale="fr",
    ).answer  # fmt: skip
    assert mine.source_answer_id is None and mine.source_kind is None


def test_a_source_changed_later_is_flagged_and_updated_in_one_click(ctx):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    source = put(aewa, "HAB-PA-01", "yes", fra)
    filled = cms15()
    item = cell(filled, "HAB-PA-01")
    reuse_copying.reuse(filled, item.node, "", source.id, fra, "fr")
    put(aewa, "HAB-PA-01", "yes", fra, comment="Même réponse, un commentaire de plus.")
    filled = cms15()
    assert key(filled, "HAB-PA-01") not in reuse_offers.offers(filled, fra)  # same value: no change

    put(aewa, "HAB-PA-01", "no", fra)
    filled = cms15()
    offer = reuse_offers.offers(filled, fra)[key(filled, "HAB-PA-01")]
    assert offer.kind == reuse_offers.CHANGED and offer.source.text == "Non"
    assert reuse_offers.copies(filled, fra)[key(filled, "HAB-PA-01")].changed
    updated = reuse_copying.update_from_source(filled, item.node, "", fra, "fr").answer
    assert updated.value == "no" and updated.source_version == source.version
    assert updated.source_answer_id == source.id and updated.source_kind == "reuse"
    filled = cms15()
    assert key(filled, "HAB-PA-01") not in reuse_offers.offers(filled, fra)
    with pytest.raises(reuse_copying.ReuseError):
        reuse_copying.update_from_source(filled, item.node, "", fra, "fr")


def test_only_compatible_versions_are_offered(ctx):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    # a newer version with one more choice (compatible): AEWA asks v1, CMS asks v2
    repin("AEWA-MOP9", "RES-MONITOR-03", "RES-MONITOR-03", 1)
    repin("CMS-COP15", "HAB-RESTORE-01", "RES-MONITOR-03", 2)
    put(aewa, "RES-MONITOR-03", "yes-some-years", fra)
    # the answer type changed (yes/no → single choice): AEWA asks v1, CMS v2
    repin("AEWA-MOP9", "SPEC-PROT-01", "SPEC-PROT-01", 1)
    put(aewa, "SPEC-PROT-01", "yes", fra)
    # a choice removed ("under-revision" → "not-yet-updated"): even a kept key is not offered
    repin("AEWA-MOP9", "IMPL-PLAN-05", "IMPL-PLAN-01", 1)
    put(aewa, "IMPL-PLAN-01", "partly", fra)
    filled = cms15()
    found = reuse_offers.offers(filled, fra)
    assert found[key(filled, "RES-MONITOR-03")].source.answer.value == "yes-some-years"
    assert key(filled, "SPEC-PROT-01") not in found
    assert key(filled, "IMPL-PLAN-01") not in found


def test_a_newer_version_answer_is_offered_to_the_older_only_when_it_reads_the_same(ctx):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    repin("CMS-COP15", "HAB-RESTORE-01", "RES-MONITOR-03", 1)  # CMS v1, AEWA keeps v2
    put(aewa, "RES-MONITOR-03", "planned", fra)  # a choice v1 does not have
    filled = cms15()
    assert key(filled, "RES-MONITOR-03") not in reuse_offers.offers(filled, fra)
    put(aewa, "RES-MONITOR-03", "no", fra)
    filled = cms15()
    assert (
        reuse_offers.offers(filled, fra)[key(filled, "RES-MONITOR-03")].source.answer.value == "no"
    )


def test_in_a_species_loop_only_the_same_taxon_is_offered(ctx):
    fra = user(FP_FRA)
    taxon, other = shared_taxa()[:2]
    aewa = report_of("AEWA-MOP9", "FRA")
    put(aewa, "SPEC-OCCUR-01", "breeding", fra, loop_key=taxon)
    for answer in services.answers_of(aewa).values():  # whatever the demo answered for `other`
        if answer.loop_key == other:
            db.session.delete(answer)
    db.session.flush()
    filled = cms15()
    found = reuse_offers.offers(filled, fra)
    occur = cell(filled, "SPEC-OCCUR-01", taxon).node.id
    assert found[(occur, taxon)].source.answer.value == "breeding"
    assert (occur, other) not in found
    assert all(o.source.answer.loop_key == k[1] for k, o in found.items())
    saved = reuse_copying.reuse(filled, cell(filled, "SPEC-OCCUR-01", taxon).node, taxon,
                        found[(occur, taxon)].source.answer.id, fra, "fr")  # fmt: skip
    assert saved.answer.loop_key == taxon and saved.answer.value == "breeding"


def test_in_a_site_loop_only_the_same_site_is_offered(ctx):
    fra = user(FP_FRA)
    france = directory.party_by_code("FRA")
    camargue = site_store.add_site(france.id, "Camargue")
    site_store.add_site(france.id, "Baie de Somme")
    for instrument, code, order in (("AEWA", "AEWA-MOP10", 10), ("CMS", "CMS-COP16", 16)):
        questionnaire = questionnaires.create_questionnaire(
            instrument=directory.instrument_by_code(instrument), code=code, cycle=code[-5:],
            cycle_order=order, title={"en": code, "fr": code, "es": code},
        )  # fmt: skip
        section = questionnaires.add_section(
            questionnaire, title={"en": "Sites", "fr": "Sites", "es": "Sitios"}, loop="site"
        )
        questionnaires.add_bank_item(
            questionnaire, section, bank.question_by_code("HAB-NETWORK-04").latest
        )
        questionnaires.publish(questionnaire)
    put(report_of("AEWA-MOP10", "FRA"), "HAB-NETWORK-04", "yes", fra, loop_key=camargue.key)
    filled = services.fill(report_of("CMS-COP16", "FRA"), "fr")
    assert list(reuse_offers.offers(filled, fra)) == [key(filled, "HAB-NETWORK-04", camargue.key)]


def test_the_most_recent_source_is_offered_and_the_others_listed(ctx):
    esp = user(FP_ESP)
    older = put(report_of("AEWA-MOP9", "ESP"), "THR-POWER-01", "yes", esp)
    newer = put(report_of("RAPTORS-MOS4", "ESP"), "THR-POWER-01", "no", esp)
    older.updated_at = newer.updated_at - timedelta(days=30)
    db.session.flush()
    filled = cms15("ESP", "es")
    offer = reuse_offers.offers(filled, esp)[key(filled, "THR-POWER-01")]
    assert offer.source.answer.id == newer.id
    assert [s.answer.id for s in offer.others] == [older.id]
    assert offer.source.text == "No"  # in Spanish too


def test_a_focal_point_is_never_offered_answers_of_reports_they_may_not_read(ctx):
    fra = user(FP_FRA)
    put(report_of("AEWA-MOP9", "FRA"), "THR-POISON-01", "yes", fra)
    cms_only = auth_services.create_user("fp.cms.fra@example.org", "Camille Martin", locale="fr")
    auth_services.grant_role(
        cms_only,
        auth_services.GrantScope(
            Role.FOCAL_POINT,
            directory.instrument_by_code("CMS"),
            directory.party_by_code("FRA"),
        ),
    )
    filled = cms15()
    assert key(filled, "THR-POISON-01") in reuse_offers.offers(filled, fra)
    assert reuse_offers.offers(filled, cms_only) == {}
    assert reuse_offers.reusable_counts([filled.report], cms_only) == {filled.report.id: 0}
    with pytest.raises(reuse_copying.ReuseError):
        source_id = reuse_offers.offers(filled, fra)[key(filled, "THR-POISON-01")].source.answer.id
        reuse_copying.reuse(
            filled, cell(filled, "THR-POISON-01").node, "", source_id, cms_only, "fr"
        )


def test_only_given_and_readable_answers_are_offered_and_only_to_empty_cells(ctx):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    put(aewa, "HAB-PA-02", "beaucoup", fra)  # a number that could not be read: kept as typed
    put(aewa, "IMPL-FUND-01", None, fra, no_info=True)  # "no information available" is given
    put(aewa, "IMPL-CAPACITY-01", "yes", fra)
    filled = cms15()
    put(filled.report, "IMPL-CAPACITY-01", "no", fra)  # the cell has its own answer
    filled = cms15()
    found = reuse_offers.offers(filled, fra)
    assert key(filled, "HAB-PA-02") not in found
    assert key(filled, "IMPL-CAPACITY-01") not in found
    offer = found[key(filled, "IMPL-FUND-01")]
    saved = reuse_copying.reuse(
        filled, offer.item.node, "", offer.source.answer.id, fra, "fr"
    ).answer
    assert saved.no_info and saved.value is None and saved.source_kind == "reuse"


def test_preview_then_reuse_all_fills_exactly_the_preview(ctx):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    put(aewa, "HAB-PA-01", "yes", fra)
    put(aewa, "HAB-PA-02", "12", fra)  # shown in CMS once HAB-PA-01 is reused as "yes"
    put(aewa, "THR-POISON-01", "no", fra)
    put(aewa, "SPEC-PROT-01", "not-prohibited", fra)
    put(aewa, "SPEC-PROT-02", "Loi de 1976", fra)  # hidden in CMS by the reused SPEC-PROT-01
    filled = cms15()
    offered = {
        k for k, o in reuse_offers.offers(filled, fra).items() if o.kind == reuse_offers.REUSE
    }
    assert key(filled, "SPEC-PROT-02") in offered
    planned = reuse_copying.preview_all(filled, fra)
    keys = {p.key for p in planned}
    assert {key(filled, c) for c in ("HAB-PA-01", "HAB-PA-02", "THR-POISON-01")} <= keys
    assert key(filled, "SPEC-PROT-02") not in keys
    assert keys <= offered
    count = reuse_copying.reuse_all(filled, fra, "fr", reuse_copying.fingerprint(planned))
    assert count == len(planned)
    report = filled.report
    copied = db.session.scalars(
        sa.select(Answer).where(Answer.report_id == report.id, Answer.source_kind == "reuse")
    ).all()
    assert {(a.node_id, a.loop_key) for a in copied} == keys
    assert reuse_copying.preview_all(cms15(), fra) == []


def test_a_stale_preview_is_refused_and_nothing_is_filled(ctx):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    put(aewa, "HAB-PA-01", "yes", fra)
    filled = cms15()
    token = reuse_copying.fingerprint(reuse_copying.preview_all(filled, fra))
    put(aewa, "HAB-NETWORK-04", "yes", fra)  # one more answer available since the preview

    def stored():
        return db.session.scalar(
            sa.select(sa.func.count()).where(Answer.report_id == filled.report.id)
        )

    before = stored()
    with pytest.raises(reuse_copying.ReuseError, match="changed"):
        reuse_copying.reuse_all(cms15(), fra, "fr", token)
    assert stored() == before


def test_the_cycle_view_counts_what_each_report_can_reuse(ctx):
    from app import policy

    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    for code, raw in (("HAB-PA-01", "yes"), ("THR-POISON-01", "no"), ("AWARE-EDU-01", "yes")):
        put(aewa, code, raw, fra)
    put(aewa, "SPEC-OCCUR-01", "wintering", fra, loop_key=shared_taxa()[0])
    reports = services.reports_of_focal_point(policy.focal_point_scopes(fra))
    counts = reuse_offers.reusable_counts(reports, fra)
    filled = cms15()
    offered = [o for o in reuse_offers.offers(filled, fra).values() if o.kind == reuse_offers.REUSE]
    assert counts[filled.report.id] == len(offered) >= 4


# --- the previous cycle -------------------------------------------------------------------------


@pytest.fixture
def cop14(ctx):
    """France's CMS-COP14 report with answers matching CMS-COP15 by bank code (THR-POISON-01,
    a species of both lists), by local code (a COP14 item renamed as COP15's), and answers
    that must not match (incompatible versions, another local code)."""
    fra = user(FP_FRA)
    report = report_of("CMS-COP14", "FRA")
    questionnaire = report.questionnaire
    questionnaires_node(questionnaire, "CMS14-GEN-01").code = "CMS15-GEN-01"
    db.session.flush()
    taxon = sorted(
        services.fill(report, "en").species_keys & services.fill(report_of("CMS-COP15", "FRA"),
                                                                 "en").species_keys
    )[0]  # fmt: skip
    put(report, "CMS15-GEN-01", "Ministère de la Transition écologique", fra)
    put(report, "CMS14-GEN-02", "Office français de la biodiversité", fra)
    put(report, "THR-POISON-01", "yes", fra)
    put(report, "SPEC-PROT-01", "yes", fra)  # v1 yes/no; COP15 asks v2, a single choice
    put(report, "IMPL-PLAN-01", "partly", fra)  # v1; COP15's v2 replaced a choice
    put(report, "SPEC-OCCUR-01", "passage", fra, loop_key=taxon)
    return report, taxon


def test_the_previous_report_is_the_same_partys_report_of_the_previous_cycle(ctx):
    current = report_of("CMS-COP15", "FRA")
    assert prefill.previous_report(current) == report_of("CMS-COP14", "FRA")
    assert prefill.previous_report(report_of("CMS-COP14", "FRA")) is None
    assert prefill.previous_report(report_of("AEWA-MOP9", "FRA")) is None


def test_prefill_matches_by_bank_code_and_local_code(cop14):
    previous, taxon = cop14
    fra = user(FP_FRA)
    filled = cms15()
    planned = prefill.preview(filled, fra)
    keys = {p.key for p in planned}
    matched = {key(filled, c) for c in ("CMS15-GEN-01", "THR-POISON-01")}
    assert matched | {key(filled, "SPEC-OCCUR-01", taxon)} <= keys
    not_matched = {key(filled, c) for c in ("SPEC-PROT-01", "IMPL-PLAN-01", "CMS15-GEN-02")}
    assert not keys & not_matched
    assert all(p.source.questionnaire_code == "CMS-COP14" for p in planned)
    result = prefill.prefill(filled, fra, "fr", reuse_copying.fingerprint(planned))
    assert (result.filled, result.kept) == (len(planned), 0)
    filled = cms15()
    for k in keys:
        answer = filled.answers[k]
        assert answer.needs_confirmation and answer.source_kind == "prefill"
        assert answer.source.report_id == previous.id
    assert filled.answers[key(filled, "CMS15-GEN-01")].value == (
        "Ministère de la Transition écologique"
    )
    assert prefill.unconfirmed_count(filled) == len(planned)
    # a second pre-fill finds nothing left to fill
    assert prefill.preview(filled, fra) == []


def test_a_stale_prefill_preview_is_refused(cop14):
    fra = user(FP_FRA)
    filled = cms15()
    token = reuse_copying.fingerprint(prefill.preview(filled, fra))
    put(filled.report, "THR-POISON-01", "no", fra)  # answered meanwhile
    with pytest.raises(reuse_copying.ReuseError):
        prefill.prefill(cms15(), fra, "fr", token)


def test_confirming_and_editing_clear_what_is_left_to_confirm(cop14):
    _previous, taxon = cop14
    fra = user(FP_FRA)
    filled = cms15()
    prefill.prefill(filled, fra, "fr", reuse_copying.fingerprint(prefill.preview(filled, fra)))
    filled = cms15()
    waiting = prefill.unconfirmed_count(filled)
    poison = cell(filled, "THR-POISON-01")
    before = filled.answer(poison).version
    confirmed = prefill.confirm(filled, poison.node, "", fra)
    assert not confirmed.needs_confirmation and confirmed.version == before + 1
    assert confirmed.source_kind == "prefill" and confirmed.source_answer_id is not None
    latest = saving.history(confirmed)[0]
    assert latest.user_id == fra.id and latest.version == confirmed.version
    from app.audit.models import AuditEvent

    event_ = db.session.scalar(
        sa.select(AuditEvent).where(
            AuditEvent.action == "answer.confirm", AuditEvent.target_id == confirmed.id
        )
    )
    assert event_ is not None and event_.actor_id == fra.id
    assert prefill.unconfirmed_count(cms15()) == waiting - 1
    with pytest.raises(reuse_copying.ReuseError):
        prefill.confirm(cms15(), poison.node, "", fra)

    filled = cms15()
    general = cell(filled, "CMS15-GEN-01")
    stored = filled.answer(general)
    # the section's Save button posts every item: the same text again is no edit
    same = saving.save_answer(
        filled, general.node, "", saving.Change(raw=stored.value, raw_given=True),
        expected_version=stored.version, user=fra, locale="fr",
    ).answer  # fmt: skip
    assert same.needs_confirmation and same.version == stored.version
    edited = saving.save_answer(
        filled, general.node, "", saving.Change(raw="Ministère chargé de l’écologie",
                                                  raw_given=True),
        expected_version=stored.version, user=fra, locale="fr",
    ).answer  # fmt: skip
    assert not edited.needs_confirmation and edited.source_kind is None
    filled = cms15()
    assert prefill.unconfirmed_count(filled) == waiting - 2
    species_section = cell(filled, "SPEC-OCCUR-01", taxon)
    top = next(t for t, i, _l in reuse_copying.cells(filled.rendered) if i is species_section)
    in_section = sum(1 for t, *_rest in prefill.unconfirmed(filled) if t is top)
    assert prefill.confirm_all_in_section(filled, top.node.id, fra) == in_section >= 1
    assert prefill.unconfirmed_count(cms15()) == waiting - 2 - in_section


# --- the statements the matching costs ----------------------------------------------------------


class Statements:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, *args, **kwargs) -> None:
        self.n += 1


def counted(connection, call) -> int:
    counter = Statements()
    event.listen(connection, "before_cursor_execute", counter)
    try:
        call()
    finally:
        event.remove(connection, "before_cursor_execute", counter)
    return counter.n


def test_the_sql_of_offers_does_not_grow_with_the_items(ctx, database):
    fra = user(FP_FRA)
    aewa = report_of("AEWA-MOP9", "FRA")
    put(aewa, "HAB-PA-01", "yes", fra)
    for taxon in shared_taxa()[:5]:
        put(aewa, "SPEC-OCCUR-01", "breeding", fra, loop_key=taxon)
    small = services.fill(report_of("RAPTORS-MOS4", "ESP"), "es")  # a smaller report
    large = cms15()
    assert len(large.rendered.items()) > len(small.rendered.items())
    esp = user(FP_ESP)
    assert reuse_offers.offers(large, fra)  # something is offered
    small_count = counted(database, lambda: reuse_offers.offers(small, esp))
    large_count = counted(database, lambda: reuse_offers.offers(large, fra))
    assert small_count == large_count <= 2
    # with copies in the report: one more statement, still whatever the size
    planned = reuse_copying.preview_all(large, fra)
    reuse_copying.reuse_all(large, fra, "fr", reuse_copying.fingerprint(planned))
    large = cms15()
    assert counted(database, lambda: reuse_offers.offers(large, fra)) <= 3
    # the cycle view: the same statements for one report or for all of them
    reports = [report_of(code, "FRA") for code in ("CMS-COP15", "AEWA-MOP9", "CMS-COP14")]
    one = counted(database, lambda: reuse_offers.reusable_counts(reports[:1], fra))
    three = counted(database, lambda: reuse_offers.reusable_counts(reports, fra))
    assert one == three <= 6


# --- through HTTP -------------------------------------------------------------------------------


def _section_of(filled, code: str) -> int:
    top = next(t for t, i, _l in reuse_copying.cells(filled.rendered) if i.node.code == code)
    return top.node.id


def test_fp_fra_reuses_an_aewa_answer_in_french_and_sees_where_it_came_from(client, auth, app):
    with app.app_context():
        fra = user(FP_FRA)
        source = put(report_of("AEWA-MOP9", "FRA"), "THR-POISON-01", "yes", fra)
        filled = cms15()
        item = cell(filled, "THR-POISON-01")
        report_id, node_id, source_id = filled.report.id, item.node.id, source.id
        section_id = _section_of(filled, "THR-POISON-01")
        db.session.commit()
    auth.login(FP_FRA)
    url = f"/reports/{report_id}/sections/{section_id}"
    page = client.get(url).get_data(as_text=True)
    assert '<html lang="fr"' in page
    offer = page.split(f'id="a-f-{node_id}"', 1)[1].split('class="answer', 1)[0]
    assert "reuse-offer" in offer and "AEWA-MOP9" in offer and "Françoise Lefèvre" in offer
    assert f'value="{source_id}"' in offer and 'form="reuse-actions"' in offer
    assert 'id="reuse-actions"' in page

    response = client.post(f"/reports/{report_id}/reuse/{node_id}?v=0", data={"source": source_id})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{url}#a-f-{node_id}")
    page = client.get(url).get_data(as_text=True)
    note = page.split(f'id="a-f-{node_id}"', 1)[1].split('class="answer', 1)[0]
    assert "copy-note" in note and "AEWA-MOP9" in note and "reuse-offer" not in note
    with app.app_context():
        answer = services.answers_of(db.session.get(Report, report_id))[(node_id, "")]
        assert answer.value == "yes" and answer.source_answer_id == source_id
    # the same click again (a stale page): a message, nothing changed
    again = client.post(
        f"/reports/{report_id}/reuse/{node_id}?v=0", data={"source": source_id},
        follow_redirects=True,
    )  # fmt: skip
    assert again.status_code == 200 and "alert-danger" in again.get_data(as_text=True)


def test_a_changed_source_is_shown_and_updated_through_http(client, auth, app):
    with app.app_context():
        fra = user(FP_FRA)
        aewa = report_of("AEWA-MOP9", "FRA")
        source = put(aewa, "HAB-PA-01", "yes", fra)
        filled = cms15()
        item = cell(filled, "HAB-PA-01")
        reuse_copying.reuse(filled, item.node, "", source.id, fra, "fr")
        put(aewa, "HAB-PA-01", "no", fra)
        report_id, node_id, source_id = filled.report.id, item.node.id, source.id
        section_id = _section_of(filled, "HAB-PA-01")
        db.session.commit()
    auth.login(FP_FRA)
    url = f"/reports/{report_id}/sections/{section_id}"
    page = client.get(url).get_data(as_text=True)
    note = page.split(f'id="a-f-{node_id}"', 1)[1].split('class="answer', 1)[0]
    assert "Source modifiée" in note and "Non" in note
    assert f"/reports/{report_id}/reuse/{node_id}/update" in note
    response = client.post(f"/reports/{report_id}/reuse/{node_id}/update")
    assert response.headers["Location"].endswith(f"#a-f-{node_id}")
    page = client.get(url).get_data(as_text=True)
    note = page.split(f'id="a-f-{node_id}"', 1)[1].split('class="answer', 1)[0]
    assert "Source changed" not in note and "copy-note" in note
    with app.app_context():
        answer = services.answers_of(db.session.get(Report, report_id))[(node_id, "")]
        assert answer.value == "no" and answer.source_answer_id == source_id


def test_reuse_all_through_its_preview(client, auth, app):
    with app.app_context():
        fra = user(FP_FRA)
        aewa = report_of("AEWA-MOP9", "FRA")
        put(aewa, "HAB-PA-01", "yes", fra)
        put(aewa, "AWARE-EDU-01", "no", fra)
        filled = cms15()
        report_id, expected = filled.report.id, len(reuse_copying.preview_all(filled, fra))
        db.session.commit()
    assert expected >= 2
    auth.login(FP_FRA)
    contents = client.get(f"/reports/{report_id}/").get_data(as_text=True)
    assert 'id="reuse-all-link"' in contents and f"({expected})" in contents
    assert "reuse-count" in client.get("/reports/").get_data(as_text=True)
    preview = client.get(f"/reports/{report_id}/reuse").get_data(as_text=True)
    assert preview.count("AEWA · AEWA-MOP9") == expected
    token = preview.split('name="expected" value="', 1)[1].split('"', 1)[0]
    stale = client.post(f"/reports/{report_id}/reuse", data={"expected": "0" * 32})
    assert stale.headers["Location"].endswith(f"/reports/{report_id}/reuse")
    done = client.post(f"/reports/{report_id}/reuse", data={"expected": token})
    assert done.headers["Location"].endswith(f"/reports/{report_id}/")
    with app.app_context():
        copied = db.session.scalar(
            sa.select(sa.func.count()).where(
                Answer.report_id == report_id, Answer.source_kind == "reuse"
            )
        )
    assert copied == expected


def test_prefill_and_confirm_through_http(client, auth, app, cop14):
    report_id = report_of("CMS-COP15", "FRA").id
    filled = cms15()
    poison = cell(filled, "THR-POISON-01")
    section_id = _section_of(filled, "THR-POISON-01")
    expected = len(prefill.preview(filled, user(FP_FRA)))
    db.session.commit()
    auth.login(FP_FRA)
    contents = client.get(f"/reports/{report_id}/").get_data(as_text=True)
    assert 'id="prefill-link"' in contents and "CMS-COP14" in contents
    preview = client.get(f"/reports/{report_id}/prefill").get_data(as_text=True)
    token = preview.split('name="expected" value="', 1)[1].split('"', 1)[0]
    done = client.post(f"/reports/{report_id}/prefill", data={"expected": token})
    assert done.headers["Location"].endswith(f"/reports/{report_id}/to-confirm")
    listing = client.get(f"/reports/{report_id}/to-confirm").get_data(as_text=True)
    assert listing.count('form="confirm-actions"') == expected >= 3
    contents = client.get(f"/reports/{report_id}/").get_data(as_text=True)
    assert 'id="to-confirm-link"' in contents
    page = client.get(f"/reports/{report_id}/sections/{section_id}").get_data(as_text=True)
    note = page.split(f'id="a-f-{poison.node.id}"', 1)[1].split('class="answer', 1)[0]
    assert "prefill-note" in note and "CMS-COP14" in note
    version = services.answers_of(db.session.get(Report, report_id))[(poison.node.id, "")].version
    confirmed = client.post(f"/reports/{report_id}/confirm/{poison.node.id}?v={version}")
    assert confirmed.headers["Location"].endswith(f"#a-f-{poison.node.id}")
    db.session.expire_all()
    answer = services.answers_of(db.session.get(Report, report_id))[(poison.node.id, "")]
    assert not answer.needs_confirmation
    assert db.session.scalar(
        sa.select(sa.func.count()).where(AnswerRevision.answer_id == answer.id)
    ) == 2  # fmt: skip


@pytest.mark.parametrize(
    ("who", "status"),
    [(FP_FRA, 302), (FP_SEN, 404), (CMS_SEC, 403), ("analyst@demo.test", 404),
     ("contributor.fra@demo.test", 404)],
)  # fmt: skip
def test_who_may_reuse_in_frances_cms_report(client, auth, app, who, status):
    with app.app_context():
        fra = user(FP_FRA)
        source = put(report_of("AEWA-MOP9", "FRA"), "THR-POISON-01", "yes", fra)
        filled = cms15()
        report_id, node_id = filled.report.id, cell(filled, "THR-POISON-01").node.id
        source_id = source.id
        db.session.commit()
    auth.login(who)
    response = client.post(f"/reports/{report_id}/reuse/{node_id}", data={"source": source_id})
    assert response.status_code == status
    preview = client.get(f"/reports/{report_id}/reuse")
    assert preview.status_code == (200 if status == 302 else status)
