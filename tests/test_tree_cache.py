"""A published questionnaire's tree is kept per process under its stamp: loaded once, read by
every request after, and replaced by any change to its nodes or to the bank versions they pin
(a translation fix, a bank question's text), so nobody reads a stale question."""

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.bank.models import BankVersion
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services, tree
from app.questionnaires import texts_service as ts
from app.questionnaires.models import Node
from app.reporting.models import Report
from tests.test_designer_texts import make_cms_draft
from tests.test_policy import FP_FRA


def statements(call) -> tuple[object, int]:
    count = 0

    def counter(*_args, **_kwargs):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        result = call()
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return result, count


def publishable(code, order):
    """make_cms_draft with its missing Spanish texts added."""
    questionnaire = make_cms_draft(code, order)
    item = tree.load(questionnaire).items()[0]
    ts.set_text(questionnaire, "title", "es", "Prueba de textos")
    ts.set_text(item, "text", "es", "¿Hay viento?")
    ts.set_text(item, "config:choice:b", "es", "No")
    return questionnaire


def published(code="CMS-CACHE", order=98):
    questionnaire = publishable(code, order)
    services.publish(questionnaire)
    db.session.flush()
    return questionnaire


def test_a_published_tree_is_loaded_once_and_holds_no_session(ctx):
    questionnaire = published()
    first, loading = statements(lambda: tree.cached(questionnaire))
    again, reading = statements(lambda: tree.cached(questionnaire))
    assert loading == 1 and reading == 0
    assert [n.id for n in again.nodes] == [n.id for n in first.nodes]
    assert again.questionnaire is questionnaire
    node = again.items()[0]
    assert sa.inspect(node).detached  # shared between requests: in no request's session
    assert node.effective_text["fr"] == "Y a-t-il du vent ?"
    with pytest.raises(AttributeError, match="cached question tree"):
        node.confidential = True  # a change would reach every request, and never the database
    assert not node.confidential


def test_a_translation_fix_replaces_the_tree(ctx):
    questionnaire = published()
    stamp = questionnaire.tree_stamp
    item = tree.cached(questionnaire).items()[0]
    node = db.session.get(Node, item.id)
    assert ts.set_text(node, "text", "es", "¿Sopla el viento?")
    assert questionnaire.tree_stamp != stamp
    fresh = tree.cached(questionnaire).items()[0]
    assert fresh.effective_text["es"] == "¿Sopla el viento?"


def test_a_draft_is_read_as_it_is_now(ctx):
    draft = make_cms_draft("CMS-CACHED-DRAFT", 97)
    first = tree.cached(draft)
    node = first.items()[0]
    assert not sa.inspect(node).detached  # the designer's own session objects
    node.text = {**node.text, "es": "¿Hay viento?"}
    assert tree.cached(draft).items()[0].effective_text["es"] == "¿Hay viento?"


def test_a_changed_bank_version_replaces_the_trees_pinning_it(ctx):
    questionnaire = services.questionnaire_by_code("CMS-COP15")
    stamp = questionnaire.tree_stamp
    pinned = next(n for n in tree.cached(questionnaire).items() if n.bank_version_id)
    version = db.session.get(BankVersion, pinned.bank_version_id)
    version.text = {**version.text, "es": "Texto corregido"}
    db.session.flush()
    assert questionnaire.tree_stamp != stamp
    again = tree.cached(questionnaire).by_id[pinned.id]
    assert again.effective_text["es"] == "Texto corregido"


def test_a_focal_point_reads_the_fixed_translation_on_the_next_page(client, auth, app):
    """Through the pages: a French focal point's section shows the question; the secretariat
    fixes its French translation; the very next page shows the fix."""
    with app.app_context():
        questionnaire = publishable("CMS-CACHE-WEB", 96)
        services.publish(questionnaire)
        db.session.commit()
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id,
                Report.party_id == directory.party_by_code("FRA").id,
            )
        )
        report_id = report.id
        section_id = tree.cached(questionnaire).sections()[0].id
        node_id = tree.cached(questionnaire).items()[0].id
    auth.login(FP_FRA)
    page = client.get(f"/reports/{report_id}/sections/{section_id}")
    assert "Y a-t-il du vent" in page.get_data(as_text=True)
    auth.logout()
    with app.app_context():
        node = db.session.get(Node, node_id)
        ts.set_text(node, "text", "fr", "Le vent souffle-t-il ?")
        db.session.commit()
    auth.login(FP_FRA)
    page = client.get(f"/reports/{report_id}/sections/{section_id}").get_data(as_text=True)
    assert "Le vent souffle-t-il" in page and "Y a-t-il du vent" not in page
