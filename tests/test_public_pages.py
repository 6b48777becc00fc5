"""The public pages of accepted reports, asserted on what they hold: the CMS Secretariat
publishes and withdraws CMS-COP14 (nobody else may); an anonymous visitor who follows every link
from the public index in English, French and Spanish reaches only published material and never a
confidential item's answer (pages, data files, charts, PDFs); every public address of an
unpublished or withdrawn questionnaire is 404; the pages answer conditional requests with 304 and
set no cookie."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from app.audit.models import AuditEvent
from app.extensions import db
from app.public import services as public
from app.public.models import Publication
from app.questionnaires import services as questionnaires
from app.reporting.models import Report, Submission
from app.utils import utcnow

CMS_SEC, AEWA_SEC = "cms.secretariat@demo.test", "aewa.secretariat@demo.test"
ANALYST, FP_FRA, ADMIN = "analyst@demo.test", "fp.fra@demo.test", "admin@demo.test"
COP14, COP15, MOP9 = "CMS-COP14", "CMS-COP15", "AEWA-MOP9"
LANGS = ("en", "fr", "es")
# Kenya's answer to CMS-COP14's 1.1, and the question 2.1, both made confidential below
SECRET_ANSWER = "Kenya Wildlife Service"
SECRET_QUESTION = "Is the taking of all Appendix I species prohibited"
# CMS-COP14's 1.2 is not confidential: the results show it
OPEN_ITEM = 'data-item="1.2"'


@pytest.fixture
def confidential(app, database) -> dict[str, int]:
    """CMS-COP14's 2.1 (yes/no) and 1.1 (a text) made confidential after the reports were
    submitted: the snapshots do not say so, the public copies must."""
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(COP14)
        nodes = {n.code: n for n in questionnaire.nodes if n.code}
        nodes["SPEC-PROT-01"].confidential = True
        nodes["CMS14-GEN-01"].confidential = True
        db.session.commit()
        return {"choice": nodes["SPEC-PROT-01"].id, "text": nodes["CMS14-GEN-01"].id}


def publish(app, code: str, who: str = CMS_SEC) -> None:
    """Publish `code` through the service, as `who`."""
    from app.auth.models import User

    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == who))
        public.publish(questionnaires.questionnaire_by_code(code), user)
        db.session.commit()


def publication(app, code: str) -> Publication | None:
    with app.app_context():
        found = public.publication_of(questionnaires.questionnaire_by_code(code))
        if found is not None:
            db.session.expunge(found)
        return found


def public_urls(app, code: str, lang: str = "en") -> list[str]:
    """Every public address of questionnaire `code`, built from the URL map: its page, the
    charts and data files of a choice item, the PDF of its first accepted report."""
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(code)
        party = db.session.scalar(
            sa.select(Report)
            .where(Report.questionnaire_id == questionnaire.id, Report.status == "accepted")
            .limit(1)
        )
        node = next(
            n for n in questionnaire.nodes if n.effective_type == "yes_no" and not n.confidential
        )
    values = {
        "lang": lang,
        "code": code,
        "key": f"item-{node.id}",
        "fmt": "csv",
        "party": party.party.code if party else "KEN",
    }
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("public.") and "code" in rule.arguments:
            with app.test_request_context():
                from flask import url_for

                urls.append(url_for(rule.endpoint, **{a: values[a] for a in rule.arguments}))
    assert len(urls) >= 4, urls
    return urls


# --- who publishes -------------------------------------------------------------------------------


def panel_state(page) -> str:
    found = re.search(r'data-publication="([a-z]+)"', page.text)
    return found.group(1) if found else ""


def test_the_secretariat_publishes_and_withdraws(app, client, auth):
    auth.login(CMS_SEC)
    page = client.get(f"/questionnaires/{COP14}/")
    assert panel_state(page) == "none"
    assert "Publier les rapports acceptés et les résultats" in page.text  # it reads French
    done = client.post(f"/publication/{COP14}/publish", follow_redirects=True)
    assert done.status_code == 200
    assert "est désormais public avec 40 rapports acceptés" in done.text
    assert panel_state(done) == "published"
    assert f"/public/fr/{COP14}/" in done.text  # the secretariat reads French: its public page
    found = publication(app, COP14)
    assert found.published and found.published_by_id is not None
    again = client.post(f"/publication/{COP14}/publish", follow_redirects=True)
    assert "Les rapports de ce questionnaire sont déjà publics." in again.text
    assert client.get(f"/public/en/{COP14}/").status_code == 200

    # the panel is on the analysis status page too, and brings the secretariat back there
    status_page = client.get(f"/analysis/{COP14}/status")
    assert panel_state(status_page) == "published"
    back = client.post(f"/publication/{COP14}/withdraw", data={"next": f"/analysis/{COP14}/status"})
    assert back.status_code == 302 and back.location.endswith(f"/analysis/{COP14}/status")
    found = publication(app, COP14)
    assert not found.published and found.withdrawn_at is not None
    assert found.published_at is not None  # the row keeps who published and when
    assert panel_state(client.get(f"/questionnaires/{COP14}/")) == "withdrawn"
    with app.app_context():
        actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"publication.publish", "publication.withdraw"} <= actions


def test_a_draft_is_not_published(app, client, auth):
    auth.login(ADMIN)
    refused = client.post("/publication/EUROBATS-MOP11/publish", follow_redirects=True)
    assert "A draft questionnaire has no reports to publish." in refused.text
    assert publication(app, "EUROBATS-MOP11") is None


@pytest.mark.parametrize(
    ("who", "status"),
    [(AEWA_SEC, 403), (ANALYST, 403), (FP_FRA, 403)],
)
def test_nobody_else_publishes(app, client, auth, who, status):
    auth.login(who)
    page = client.get(f"/questionnaires/{COP14}/")
    assert panel_state(page) == ""  # no panel
    assert client.post(f"/publication/{COP14}/publish").status_code == status
    assert publication(app, COP14) is None
    publish(app, COP14)
    assert client.post(f"/publication/{COP14}/withdraw").status_code == status
    assert publication(app, COP14).published


def test_signed_out_visitors_are_sent_to_sign_in_to_publish(app, client):
    response = client.post(f"/publication/{COP14}/publish")
    assert response.status_code == 302 and "/account/login" in response.location
    assert publication(app, COP14) is None


# --- what an anonymous visitor reaches ----------------------------------------------------------


def crawl(client, starts: list[str], pdfs: int = 2) -> dict[str, object]:
    """Every same-site address under /public/ reachable from `starts` (links, images, and up
    to `pdfs` PDFs per page besides Kenya's, PDFs being slow to render): address → response."""
    seen: dict[str, object] = {}
    todo = list(starts)
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        seen[url] = response
        if response.mimetype != "text/html":
            continue
        links = re.findall(r'(?:href|src)="([^"]+)"', response.text)
        taken = 0
        for link in links:
            target = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc not in ("", "localhost") or not parts.path.startswith("/public/"):
                continue
            if parts.path.endswith(".pdf"):
                taken += 1
                if taken > pdfs and "/KEN.pdf" not in parts.path:
                    continue
            todo.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def text_of(response) -> str:
    if response.mimetype == "application/pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    if response.mimetype.endswith("spreadsheetml.sheet"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.data), read_only=True)
        return "\n".join(
            str(value) for sheet in book for row in sheet.iter_rows(values_only=True)
            for value in row if value is not None
        )  # fmt: skip
    return response.data.decode("utf-8-sig")


def test_an_anonymous_crawl_reaches_only_published_material(app, client, confidential):
    publish(app, COP14)
    seen = crawl(client, [f"/public/{lang}/" for lang in LANGS])
    paths = set(seen)
    for lang in LANGS:
        assert f"/public/{lang}/{COP14}/" in paths
        assert f"/public/{lang}/{COP14}/reports/KEN.pdf" in paths
        page = seen[f"/public/{lang}/{COP14}/"].text
        assert OPEN_ITEM in page and 'data-item="2.1"' not in page
        assert 'data-item="1.1"' not in page
    kinds = {seen[p].mimetype for p in paths}
    assert {"text/html", "image/svg+xml", "text/csv", "application/pdf"} <= kinds
    assert any(p.endswith(".xlsx") for p in paths)
    allowed = {f"/public/{lang}/" for lang in LANGS}
    for path in paths:
        # only the indexes and the published questionnaire
        assert path in allowed or any(path.startswith(f"/public/{lang}/{COP14}/") for lang in LANGS)
        for node_id in confidential.values():
            assert not re.search(rf"item-{node_id}[-.]", path), path
        body = text_of(seen[path])
        assert SECRET_ANSWER not in body, path
        assert SECRET_QUESTION not in body, path
        assert COP15 not in body and MOP9 not in body, path


def test_the_report_pdf_leaves_out_the_confidential_answer(app, client, confidential):
    publish(app, COP14)
    response = client.get(f"/public/en/{COP14}/reports/KEN.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = text_of(response)
    assert "Kenya" in text
    assert SECRET_ANSWER not in text and SECRET_QUESTION not in text
    # a report that is not accepted has no public PDF
    assert client.get(f"/public/en/{COP14}/reports/ETH.pdf").status_code == 404
    assert client.get(f"/public/en/{COP14}/reports/KENYA.pdf").status_code == 404


def test_the_spanish_page_is_in_spanish(app, client):
    publish(app, COP14)
    index = client.get("/public/es/")
    assert '<html lang="es">' in index.text
    assert f'data-questionnaire="{COP14}"' in index.text
    page = client.get(f"/public/es/{COP14}/")
    assert 'lang="es"' in page.text
    for spanish in ("Presentado el", "Aceptado el", "País u organización", "Descargar los datos:"):
        assert spanish in page.text
    assert "Gráfico: " in page.text and "Download data:" not in page.text
    # the country list is in Spanish, sorted as a Spanish reader expects
    assert "Kenia" in page.text
    names = re.findall(r'<tr data-party="[A-Z]{3}">\s*<th scope="row">([^<]+)</th>', page.text)
    assert len(names) == 40
    from app.i18n import sort_key

    assert names == sorted(names, key=lambda n: sort_key(n, "es"))
    # the language switcher links to the same page in the other languages
    assert f'href="/public/fr/{COP14}/"' in page.text and f'href="/public/en/{COP14}/"' in page.text


def test_unknown_languages_and_questionnaires_are_404(app, client):
    publish(app, COP14)
    assert client.get(f"/public/de/{COP14}/").status_code == 404
    assert client.get("/public/xx/").status_code == 404
    assert client.get("/public/en/NOPE/").status_code == 404
    assert client.get(f"/public/en/{COP14}/charts/item-99999999.svg").status_code == 404
    assert client.get(f"/public/en/{COP14}/data/item-1.txt").status_code == 404


@pytest.mark.parametrize("code", [COP15, MOP9, "EUROBATS-MOP11"])
def test_every_address_of_an_unpublished_questionnaire_is_404(app, client, auth, code):
    publish(app, COP14)
    urls = public_urls(app, code)
    with app.app_context():
        title = questionnaires.questionnaire_by_code(code).title["en"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert title not in response.text
    # its own secretariat does not reach it either: the public pages are the public's
    auth.login(ADMIN)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        code not in client.get("/public/en/").text and title not in client.get("/public/en/").text
    )


def test_a_withdrawal_takes_effect_at_once(app, client, auth, confidential):
    publish(app, COP14)
    urls = public_urls(app, COP14)
    for url in urls:
        assert client.get(url).status_code == 200, url
    etag = client.get(urls[0]).headers["ETag"]
    auth.login(CMS_SEC)
    client.post(f"/publication/{COP14}/withdraw")
    auth.logout()
    client.delete_cookie("session")
    for url in urls:
        # a copy held by the visitor does not bring it back either
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 404, url
    assert COP14 not in client.get("/public/en/").text
    publish(app, COP14)  # and published again
    assert client.get(urls[0]).status_code == 200


# --- caching -------------------------------------------------------------------------------------


def test_conditional_requests_get_304(app, client):
    publish(app, COP14)
    for url in ("/public/en/", f"/public/en/{COP14}/", public_urls(app, COP14)[1]):
        first = client.get(url)
        assert first.status_code == 200
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        assert (
            "public" in first.headers["Cache-Control"]
            and "max-age" in first.headers["Cache-Control"]
        )
        assert "Set-Cookie" not in first.headers
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and not again.data
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        # another language is another page
        other = client.get(url.replace("/en/", "/fr/"), headers={"If-None-Match": etag})
        assert other.status_code == 200


def test_a_new_acceptance_or_a_confidential_item_changes_the_etag(app, client):
    publish(app, COP14)
    url = f"/public/en/{COP14}/"
    first = client.get(url)
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(COP14)
        node = next(n for n in questionnaire.nodes if n.code == "CMS14-GEN-01")
        node.confidential = True
        db.session.commit()
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200
    second = client.get(url)
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(COP14)
        latest = db.session.scalar(
            sa.select(Submission)
            .join(Report, Report.id == Submission.report_id)
            .where(Report.questionnaire_id == questionnaire.id, Report.status == "accepted")
            .order_by(Submission.decided_at.desc())
            .limit(1)
        )
        latest.decided_at = utcnow() + timedelta(seconds=5)
        db.session.commit()
    assert client.get(url, headers={"If-None-Match": second.headers["ETag"]}).status_code == 200


def test_links_to_the_public_pages(app, client, auth):
    home = client.get("/")
    assert 'href="/public/en/"' in home.text
    publish(app, COP14)
    assert client.get("/public/", headers={"Accept-Language": "es"}).location.endswith(
        "/public/es/"
    )
    page = client.get(f"/public/en/{COP14}/")
    assert "<script" not in page.text  # nothing needs a script to read
    assert re.search(r'<img [^>]*src="/public/en/CMS-COP14/charts/item-\d+\.svg"', page.text)
    assert 'alt="Chart: ' in page.text


def test_a_missing_public_page_says_so_in_its_language_without_a_cookie(app, client):
    response = client.get(f"/public/es/{COP15}/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.text
    assert "Set-Cookie" not in response.headers
    assert 'href="/public/es/"' in response.text


def test_the_policy_on_publication(app, ctx):
    from flask_login import AnonymousUserMixin

    from app import policy
    from app.auth.models import User

    def user(email):
        return ctx.scalar(sa.select(User).where(User.email == email))

    cop14 = questionnaires.questionnaire_by_code(COP14)
    anonymous = AnonymousUserMixin()
    assert policy.decide(user(CMS_SEC), "publication.manage", cop14)
    assert policy.decide(user(ADMIN), "publication.manage", cop14)
    for who in (AEWA_SEC, ANALYST, FP_FRA):
        refused = policy.decide(user(who), "publication.manage", cop14)
        assert not refused and not refused.hidden
    assert not policy.decide(anonymous, "publication.manage", cop14)
    hidden = policy.decide(anonymous, "public.questionnaire", cop14)
    assert not hidden and hidden.hidden
    public.publish(cop14, user(CMS_SEC))
    assert policy.decide(anonymous, "public.questionnaire", cop14)
    assert policy.decide(user(FP_FRA), "public.questionnaire", cop14)
    public.withdraw(cop14, user(CMS_SEC))
    assert policy.decide(anonymous, "public.questionnaire", cop14).hidden
