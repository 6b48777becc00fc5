"""Attaching files in the browser, in Spanish and French: a file chosen is sent at once and
listed; a file too large is refused before it is sent, with a translated message, and nothing
typed on the page is lost; a file whose content is not what its name says is refused by the
server, by name, and so is a request over the server's limit; unticking "keep" removes a file
from the answer."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Answer, Attachment, Report
from tests import sample_files
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

PDF = sample_files.pdf()  # a genuine PDF: uploads are read as their format
ACCOUNTS = {"es": ("fp.esp@demo.test", "ESP"), "fr": ("fp.sen@demo.test", "SEN")}


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


def _threats(live_server, party: str):
    """(report id, section id, the yes/no field, the file field) of CMS-COP15's threats."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code=party)
            )
        )
        filled = services.fill(report, "fr")
        by_code = {i.node.code: i for i in filled.rendered.items() if not i.loop_key}
        source, item = by_code["THR-POISON-01"], by_code["THR-POISON-02"]
        section_id = filled.tree.ancestors(item.node)[0].id
        result = (report.id, section_id, source.field_name, item.field_name)
        db.session.remove()
        return result


def _saved(field: str):
    """A predicate: the autosave of `field` answered 200 (other items may save meanwhile)."""

    def predicate(response) -> bool:
        posted = response.request.post_data or ""
        return (
            response.url.endswith("/answers")
            and response.status == 200
            and f"field={field}&" in posted + "&"
        )

    return predicate


def _answer(live_server, report_id: int, name: str):
    with live_server.app.app_context():
        node_id = int(name.split("-")[1])
        answer = db.session.scalar(
            sa.select(Answer).where(Answer.report_id == report_id, Answer.node_id == node_id)
        )
        result = None if answer is None else (answer.value, answer.comment)
        db.session.remove()
        return result


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["es", "fr"])
def test_attach_refuse_and_remove_files(
    new_page, sign_in, live_server, artifacts, tmp_path, lang, viewport
):
    email, party = ACCOUNTS[lang]
    report_id, section_id, source, name = _threats(live_server, party)
    live_server.app.config["ATTACHMENT_MAX_BYTES"] = 2000
    for table in ("attachments", "answers"):  # each run starts from an untouched report
        live_server.execute(f"DELETE FROM {table} WHERE report_id = :r", r=report_id)  # noqa: S608
    page = open_page(new_page, viewport, lang)
    sign_in(page, email)
    page.goto(f"/reports/{report_id}/sections/{section_id}")

    # "yes" shows the file question; a comment is typed and saved
    with page.expect_response(_saved(source)):
        page.locator(f"#{source}-yes").check()
    expect(page.locator(f"#a-{name}")).to_be_visible()
    page.locator(f"#a-{source} summary").click()
    comment = "Plan adopté en 2024" if lang == "fr" else "Plan adoptado en 2024"
    with page.expect_response(_saved(source)):
        page.locator(f"#c-{source}").fill(comment)

    plan = tmp_path / "plan-national.pdf"
    plan.write_bytes(PDF)
    with page.expect_response(lambda r: r.url.endswith("/attachments") and r.status == 200):
        page.locator(f"#{name}").set_input_files(str(plan))
    files = page.locator(f"#{name}-files")
    expect(files.locator("a")).to_have_text("plan-national.pdf")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")

    # two files chosen at once: the one too large is refused before it is sent, the other goes
    big, small = tmp_path / "annexes.pdf", tmp_path / "carte-des-sites.pdf"
    big.write_bytes(PDF + b"0" * 5000)
    small.write_bytes(PDF)
    with page.expect_response(lambda r: r.url.endswith("/attachments") and r.status == 200):
        page.locator(f"#{name}").set_input_files([str(big), str(small)])
    message = page.locator(f"#a-{name} .js-problem")
    expected = "supera 2" if lang == "es" else "dépasse 2"
    expect(message).to_contain_text(expected)
    expect(message).to_contain_text("annexes.pdf")
    expect(files.locator("a")).to_have_text(["plan-national.pdf", "carte-des-sites.pdf"])
    expect(page.locator(f"#c-{source}")).to_have_value(comment)
    message.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"attachments-{lang}-{viewport}.png", full_page=False)
    assert_accessible(page)
    value, _comment = _answer(live_server, report_id, name)
    assert len(value) == 2
    assert _answer(live_server, report_id, source) == ("yes", comment)

    # a file whose content is not what its name says is refused by the server, by name
    forged = tmp_path / "faux-plan.pdf"
    forged.write_bytes(b"%PDF-1.4\n<html><script>alert(1)</script></html>\n")
    with page.expect_response(lambda r: r.url.endswith("/attachments") and r.status == 422):
        page.locator(f"#{name}").set_input_files(str(forged))
    expect(message).to_contain_text("faux-plan.pdf")
    expect(files.locator("a")).to_have_text(["plan-national.pdf", "carte-des-sites.pdf"])

    # a request over the server's limit (checked with the CSRF token, before the view) gets the
    # same refusal, in the page's language, not an HTML error page
    config = live_server.app.config
    limit, config["MAX_CONTENT_LENGTH"] = config["MAX_CONTENT_LENGTH"], 1000
    heavy = tmp_path / "annexe-lourde.pdf"
    heavy.write_bytes(PDF + b"0" * 1000)  # under the file limit, over the request limit
    try:
        with page.expect_response(lambda r: r.url.endswith("/attachments") and r.status == 413):
            page.locator(f"#{name}").set_input_files(str(heavy))
    finally:
        config["MAX_CONTENT_LENGTH"] = limit
    expect(message).to_contain_text("superan el tamaño" if lang == "es" else "dépassent la taille")
    expect(files.locator("a")).to_have_text(["plan-national.pdf", "carte-des-sites.pdf"])

    # unticking "keep" removes the file from the answer (its record stays in the history)
    with page.expect_response(_saved(name)):
        files.locator("input[type=checkbox]").first.uncheck()
    assert _answer(live_server, report_id, name)[0] == value[1:]
    with live_server.app.app_context():
        assert db.session.get(Attachment, value[0]).filename == "plan-national.pdf"
        db.session.remove()
