"""Integers in URLs and forms are range-checked before any conversion or query: an id beyond
what the database holds is a 404, a number beyond a form's range a translated message, never a
500 (issue 14). The rules of app/bounds.py first, then the routes and forms through the client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import bounds
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire
from app.reporting import services
from tests.designer_helpers import committed_ids
from tests.test_policy import ADMIN, AEWA_SEC, CMS_SEC
from tests.test_reporting import FP_KEN, first_item, report_of

HUGE = "99999999999999999999"
ODD = [HUGE, str(2**31), str(2**63), "-1", "١٢", "²", "1_0", "1e3", "0x10", " ", "9" * 5000]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("42", 42), (" 7 ", 7), (str(2**31 - 1), 2**31 - 1), (12, 12)]
    + [(odd, None) for odd in ODD if odd != "-1"]
    + [("-1", None), (True, None), (None, None)],
)
def test_integers_are_ascii_digits_within_the_database_range(text, expected):
    assert bounds.integer_or(text) == expected


def test_a_negative_number_is_read_where_the_range_allows_it():
    assert bounds.integer("-5", low=-10) == -5
    with pytest.raises(ValueError):
        bounds.integer("10", high=9)


def _int_routes(app) -> list[str]:
    """Every route with an integer in its path, its integers HUGE and its other parts "X"."""
    urls = []
    for rule in app.url_map.iter_rules():
        if not any(isinstance(c, bounds.IdConverter) for c in rule._converters.values()):
            continue
        path = re.sub(r"<int:\w+>", HUGE, rule.rule)
        urls.append(re.sub(r"<(?:\w+:)?\w+>", "X", path))
    return urls


def test_every_integer_in_a_route_beyond_the_database_range_is_a_404(app, client, auth):
    """GET /reports/99999999999999999999/ was a 500 (integer out of range for the database)."""
    urls = _int_routes(app)
    assert len(urls) > 40 and f"/reports/{HUGE}/" in urls
    auth.login(ADMIN)
    for url in urls:
        for method in (client.get, client.post):
            assert method(url).status_code in (404, 405), url


@pytest.mark.parametrize("number", [HUGE, str(2**31), str(2**63), "%D9%A1", "1" * 400])
def test_a_report_id_out_of_range_is_a_404_on_every_method(client, auth, number):
    auth.login(ADMIN)
    for url in (
        f"/reports/{number}/",
        f"/reports/{number}/sections/1",
        f"/reports/1/history/{number}",
        f"/reports/1/attachments/{number}",
        f"/questionnaires/CMS-COP15/design/{number}/item",
        f"/admin/memberships/{number}/delete",
        f"/admin/users/{number}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/reports/{number}/answers").status_code == 404


def test_the_largest_id_the_database_holds_is_looked_up(client, auth):
    auth.login(ADMIN)
    assert client.get(f"/reports/{2**31 - 1}/").status_code == 404
    assert client.get(f"/admin/users/{2**31 - 1}").status_code == 404


# --- forms ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["-99999999999999999999999", HUGE, "0", "10000", "1e3", "٣"])
def test_cycle_order_out_of_range_is_refused_with_its_range(app, client, auth, typed):
    """POST /questionnaires/new with cycle_order=-99999999999999999999999 was a 500."""
    auth.login(AEWA_SEC)
    with app.app_context():
        aewa = directory.instrument_by_code("AEWA").id
        before = db.session.scalar(sa.select(sa.func.count()).select_from(Questionnaire))
    data = {"instrument": aewa, "code": "AEWA-MOP99", "cycle": "MOP99", "title_en": "Next"}
    page = client.post("/questionnaires/new", data=data | {"cycle_order": typed})
    assert page.status_code == 200
    assert "Enter a whole number from 1 to 9,999." in page.text
    assert f'value="{typed}"' in page.text  # what was typed stays in the box
    with app.app_context():
        after = db.session.scalar(sa.select(sa.func.count()).select_from(Questionnaire))
        assert after == before and questionnaires.questionnaire_by_code("AEWA-MOP99") is None
    shown = client.get("/questionnaires/new").text
    assert re.search(r'id="cycle_order"[^>]* max="9999" min="1"|min="1"[^>]*max="9999"', shown)


def test_a_cycle_order_in_range_is_saved(app, client, auth):
    auth.login(AEWA_SEC)
    with app.app_context():
        aewa = directory.instrument_by_code("AEWA").id
    data = {"instrument": aewa, "code": "AEWA-MOP99", "cycle": "MOP99", "title_en": "Next"}
    assert (
        client.post("/questionnaires/new", data=data | {"cycle_order": " 42 "}).status_code == 302
    )
    with app.app_context():
        assert questionnaires.questionnaire_by_code("AEWA-MOP99").cycle_order == 42


def _draft() -> dict:
    cms = directory.instrument_by_code("CMS")
    q = questionnaires.create_questionnaire(
        instrument=cms, code="CMS-BOUNDS", cycle="COP18", cycle_order=98, title={"en": "Bounds"}
    )
    section = questionnaires.add_section(q, title={"en": "General"})
    item = questionnaires.add_local_item(
        q, section, code="CMS-B-NOTE", answer_type="short_text", text={"en": "Notes"}
    )
    return {"q": q, "section": section, "item": item}


@pytest.fixture
def draft(app, database):
    return committed_ids(app, _draft)


DESIGN = "/questionnaires/CMS-BOUNDS/design"


@pytest.mark.parametrize(
    ("url", "data", "status"),
    [
        (f"{DESIGN}/move", {"node": HUGE, "direction": "up"}, 404),
        (f"{DESIGN}/move", {"node": "{item}", "parent": HUGE, "position": "0"}, 404),
        (f"{DESIGN}/move", {"node": "{item}", "parent": "{section}", "position": HUGE}, 400),
        (f"{DESIGN}/item", {"rows": HUGE, "add-row": "1", "section": HUGE}, 200),
        (f"{DESIGN}/item", {"rows": "2", "remove-row": "²"}, 200),
        (f"{DESIGN}/item", {"table-rows": HUGE, "table-columns": "٣", "table-add-row": "1"}, 200),
        (f"{DESIGN}/item", {"table-columns": "1", "table-remove-choice": "²-0"}, 200),
        (f"{DESIGN}/item", {"table-columns": "1", "table-add-choice": HUGE}, 200),
        ("/questionnaires/CMS-BOUNDS/bank-insert", {"section": HUGE, "position": HUGE}, 422),
        ("/bank/species-lists/CMS/new", {"cycle": "COP18", "source": HUGE}, 404),
        ("/bank/species-lists/CMS/COP15/add", {"species": HUGE}, 422),
    ],
)
def test_integers_posted_to_the_designer_and_the_bank_are_bounded(
    client, auth, draft, url, data, status
):
    """Each was a 500 or a query with an integer out of the database's range."""
    auth.login(CMS_SEC)
    data = {k: v.format(**draft) for k, v in data.items()}
    assert client.post(url, data=data).status_code == status


def test_a_condition_row_named_by_a_unicode_digit_is_no_500(client, auth, draft):
    """`drop-²` passed str.isdigit() and failed int()."""
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-BOUNDS/nodes/{draft['item']}/condition"
    assert client.post(url, data={"rows": HUGE, "action": "drop-²"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"/admin/audit/?page={HUGE}",
        f"/bank/THR-POISON-01?to=1&from={HUGE}",
        f"/reports/{{report}}/sites?section={HUGE}",
        f"/reports/{{report}}/submissions?a={HUGE}&b=1",
    ],
)
def test_integers_in_query_strings_are_bounded(app, client, auth, url):
    auth.login(ADMIN)
    with app.app_context():
        report = report_of("CMS-COP14", "KEN").id
    assert client.get(url.format(report=report)).status_code in (200, 404)


def test_a_bank_insert_page_far_beyond_the_last_is_the_last(client, auth, draft):
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-BOUNDS/bank-insert?q=poison&page={HUGE}&section={HUGE}"
    page = client.get(url)
    assert page.status_code == 200 and "THR-POISON-01" in page.text


@pytest.mark.parametrize("version", ["²", HUGE, "-1", "1" * 5000])
def test_an_autosave_typed_against_an_impossible_version_is_no_500(app, client, auth, version):
    """A version of "²" was a 500 (int() of a Unicode digit that str.isdigit() accepts)."""
    auth.login(FP_KEN)
    with app.app_context():
        report = report_of("CMS-COP15", "KEN")
        name = first_item(services.fill(report, "en"), "long_text").field_name
    body = {"field": name, f"p-{name}": "1", f"v-{name}": version, name: "Text"}
    response = client.post(f"/reports/{report.id}/answers", data=body)
    assert response.status_code in (200, 409, 422) and response.json["status"]


def test_no_integer_is_read_from_a_request_without_its_bounds():
    """`type=int`, `coerce=int`, IntegerField and str.isdigit() let any length (and "²") through
    to int() and the database: app/bounds.py and forms_common.WholeNumberField read them."""
    app_dir = Path(bounds.__file__).parent
    unbounded = re.compile(r"type=int\b|coerce=int\b|\bIntegerField\(|\.isdigit\(\)")
    found = [
        f"{path.relative_to(app_dir)}:{number}"
        for path in app_dir.rglob("*.py")
        if path.name != "cli.py" and "demo" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if unbounded.search(line)
    ]
    assert found == []
