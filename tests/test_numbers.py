"""Numbers in answers and in question settings: read within bounds before any conversion (no
request freezes the server), at most reading.MAX_DIGITS digits kept exactly as typed, refused
beyond with a message naming the limit in the reader's format, never a 500, and strict JSON
everywhere (no NaN or Infinity in a page, a response or a column)."""

from __future__ import annotations

import contextlib
import json
import re
import time
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import answers
from app.answers import reading
from app.extensions import db
from app.reporting import services
from app.reporting.models import Answer
from tests.test_policy import CMS_SEC
from tests.test_reporting import FP_FRA, report_of

WORST = {
    "a huge exponent": "1e1000000",
    "ten thousand digits": "9" * 10_000,
    "four thousand digits": "9" * 4000,
    "a 400-digit number": "1" + "0" * 399,
    "a megabyte of digits": "1" * 1_000_000,
    "an overflowing exponent": "1e309",
    "Infinity": "Infinity",
    "minus Infinity": "-Infinity",
    "NaN": "NaN",
    "a signalling NaN": "sNaN",
    "39 nines": "9" * 39,
}
LARGEST_FR = "999\u202f999\u202f999\u202f999\u202f999"


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def strict(text: str):
    """JSON as a browser's JSON.parse reads it: NaN and Infinity are refused."""
    return json.loads(text, parse_constant=_refuse_constant)


class Items:
    """A report's number items, found by their settings, with their field names."""

    def __init__(self, app, code: str = "CMS-COP15", party: str = "FRA") -> None:
        with app.app_context():
            report = report_of(code, party)
            filled = services.fill(report, "fr")
            self.report_id = report.id
            found = {}
            for item in filled.rendered.items():
                config = item.node.effective_config or {}
                if item.node.effective_type == "number":
                    key = "integer" if config.get("integer") else "decimal"
                    found.setdefault(key, item)
                elif item.node.effective_type == "table" and any(
                    c["type"] == "number" for c in config.get("columns") or []
                ):
                    found.setdefault("table", item)
            self.items = found
            self.sections = {
                key: filled.tree.ancestors(item.node)[0].id for key, item in found.items()
            }
            self.versions: dict[str, int] = {}

    def name(self, key: str) -> str:
        return self.items[key].field_name

    def node(self, key: str) -> tuple[int, str]:
        item = self.items[key]
        return item.node.id, item.loop_key

    def table_cell(self) -> str:
        config = self.items["table"].node.effective_config
        column = next(c for c in config["columns"] if c["type"] == "number")
        return f"{config['rows'][0]['key']}.{column['key']}"

    def post(self, client, key: str, text: str, cell: str | None = None):
        name = self.name(key)
        version = self.versions.get(key, 0)
        body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version)}
        body[f"t-{name}.{cell}" if cell else name] = text
        response = client.post(f"/reports/{self.report_id}/answers", data=body)
        if response.status_code == 200:
            self.versions[key] = response.json["version"]
        return response

    def stored(self, app, key: str) -> Answer | None:
        node_id, loop_key = self.node(key)
        with app.app_context():
            return db.session.scalar(
                sa.select(Answer).where(
                    Answer.report_id == self.report_id,
                    Answer.node_id == node_id,
                    Answer.loop_key == loop_key,
                )
            )


@pytest.fixture
def items(app, database):
    return Items(app)


# --- one request must not freeze the server; no 500 on bad input -------------------------------


@pytest.mark.parametrize("kind", ["integer", "decimal", "table"])
def test_the_worst_numbers_are_refused_by_autosave_without_a_500(client, auth, app, items, kind):
    """`1e1000000` in an integer item took 25.6 s of CPU and a 500; `Infinity` (OverflowError),
    a 10,000-digit number (ValueError), `NaN` and `sNaN` (decimal.InvalidOperation) were 500s;
    a 4000-digit integer, `1e309` and a 400-digit number were stored as Infinity. Each is now
    kept as typed with a translated message, and nothing is stored as the value."""
    auth.login(FP_FRA)
    cell = items.table_cell() if kind == "table" else None
    for label, text in WORST.items():
        response = items.post(client, kind, text, cell)
        assert response.status_code == 200, label
        strict(response.get_data(as_text=True))
        assert response.json["status"] == "saved" and response.json["problem"], label
        answer = items.stored(app, kind)
        assert answer.value is None, label
    assert client.get("/healthz").json["status"] == "ok"


def test_a_number_with_too_many_digits_is_refused_naming_the_limit_in_the_readers_format(
    client, auth, app, items
):
    """A 25-digit integer came back as 1.2345678901234568e+24 (SQLite's JSON column kept a
    float of it): it is now refused, with the limit written the reader's way."""
    auth.login(FP_FRA)
    response = items.post(client, "integer", "1234567890123456789012345")
    assert LARGEST_FR in response.json["problem"]
    assert "15" in response.json["problem"]
    answer = items.stored(app, "integer")
    assert answer.value is None and answer.typed == "1234567890123456789012345"
    fraction = items.post(client, "decimal", "0,1234567890123456789")
    assert LARGEST_FR in fraction.json["problem"]
    assert items.stored(app, "decimal").value is None


def test_numbers_at_the_limit_come_back_exactly_as_typed(client, auth, app, items):
    """The largest whole number and a decimal of fifteen digits are stored and shown again with
    every digit (a decimal was rounded to 0.12345678901234568 without a word)."""
    auth.login(FP_FRA)
    assert items.post(client, "integer", LARGEST_FR).json["problem"] is None
    assert items.stored(app, "integer").value == 999_999_999_999_999
    assert items.post(client, "decimal", "99,9999999999999").json["problem"] is None
    assert items.stored(app, "decimal").value == 99.9999999999999
    cell = items.table_cell()
    assert items.post(client, "table", "-12345678901234,5", cell).json["problem"] is None
    row, column = cell.split(".")
    assert items.stored(app, "table").value[row][column] == -12345678901234.5
    for key, shown in (("integer", LARGEST_FR), ("decimal", "99,9999999999999")):
        page = client.get(f"/reports/{items.report_id}/sections/{items.sections[key]}")
        assert f'name="{items.name(key)}" inputmode="decimal" value="{shown}"' in page.text


# --- the reader: bounded before any conversion --------------------------------------------------


class _RecordingDecimal(Decimal):
    made: list[str] = []

    def __new__(cls, value="0", *args, **kwargs):
        _RecordingDecimal.made.append(str(value))
        return super().__new__(cls, value, *args, **kwargs)


def test_the_reader_makes_no_number_of_a_text_beyond_its_bounds(app, monkeypatch):
    """Numbers are bounded before any conversion: for the worst texts (a megabyte of digits,
    a huge exponent, 10,000 nines) the reader builds no Decimal of more than MAX_DIGITS digits
    (only the examples of its messages), and answers as fast as for a short number within a
    very loose factor (the timing itself is in bench/)."""
    monkeypatch.setattr(reading, "Decimal", _RecordingDecimal)
    worst = [*WORST.values(), "9" * 16, "0." + "0" * 30 + "1", "1 " * 500_000]
    with app.test_request_context():
        for text in worst:
            _RecordingDecimal.made = []
            with pytest.raises(answers.ValueProblem):
                reading.read_number(text, "fr")
            made = [sum(c.isdigit() for c in value) for value in _RecordingDecimal.made]
            assert all(digits <= reading.MAX_DIGITS + 1 for digits in made), text[:20]

        def fastest(text: str) -> float:
            times = []
            for _ in range(5):
                start = time.perf_counter()
                with contextlib.suppress(answers.ValueProblem):
                    reading.read_number(text, "fr")
                times.append(time.perf_counter() - start)
            return min(times)

        short = fastest("1 234,5")
        for text in worst:
            assert fastest(text) < max(1000 * short, 0.05), text[:20]


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), -float("inf"), 10**15, 1e15, 0.1234567890123456, "1"]
)
def test_a_bound_beyond_what_a_number_holds_is_a_configuration_problem(app, value):
    """A question's bounds obey the answers' limit: NaN, Infinity and numbers of more than
    fifteen digits are configuration problems, whoever builds the configuration."""
    with app.test_request_context():
        assert answers.config_problems("number", {"min": value})
        assert answers.config_problems("number", {"max": value})
        assert not answers.config_problems("number", {"min": -999_999_999_999_999, "max": 1e-15})


# --- strict JSON everywhere ---------------------------------------------------------------------


EMBEDDED = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)
ATTRIBUTE = re.compile(r'\sdata-[\w-]+="([\[{][^"]*)"')


def _embedded_json(html: str) -> list[str]:
    return EMBEDDED.findall(html) + [unescape(v) for v in ATTRIBUTE.findall(html)]


def test_every_page_of_a_report_at_the_limits_embeds_strict_json(client, auth, app, items):
    """An answer stored as Infinity made every section page embed `Infinity`, which is not JSON:
    autosave stopped for the whole report in Chromium. With numbers at the limits, every page
    of the report parses with a strict JSON parser, and its numbers are exact."""
    auth.login(FP_FRA)
    cell = items.table_cell()
    for key, text in (("integer", LARGEST_FR), ("decimal", "0,000000000000001")):
        assert items.post(client, key, text).json["problem"] is None
    assert items.post(client, "table", "\u2212" + LARGEST_FR, cell).json["problem"] is None
    start = f"/reports/{items.report_id}/"
    queue, seen, parsed = [start], set(), 0
    while queue:
        url = queue.pop()
        if url in seen or len(seen) > 60:
            continue
        seen.add(url)
        page = client.get(url)
        assert page.status_code < 500, url
        text = page.get_data(as_text=True)
        if page.mimetype == "application/json":
            strict(text)
            parsed += 1
            continue
        if page.mimetype != "text/html":
            continue
        for blob in _embedded_json(text):
            strict(blob)
            parsed += 1
        for link in re.findall(r'href="(/reports/\d+/[^"#?]*)', text):
            if link.startswith(start) and not link.endswith((".pdf", ".docx", ".xlsx", "/logout")):
                queue.append(link)
    assert parsed > 10 and len(seen) > 5
    assert any(f"/reports/{items.report_id}/sections/" in url for url in seen)


def test_the_app_never_serialises_nan_or_infinity(app, ctx, client):
    """`jsonify`, the templates' `tojson` and the JSON columns refuse NaN and Infinity (a
    page holding one would not parse in a browser), and JSON sent to the app may not hold
    them either."""
    from flask import jsonify, render_template_string

    with app.test_request_context():
        for bad in (float("nan"), float("inf"), -float("inf")):
            with pytest.raises(ValueError):
                jsonify(value=bad)
            with pytest.raises(ValueError):
                render_template_string("{{ value|tojson }}", value=[bad])
        with pytest.raises(ValueError):
            app.json.loads('{"value": NaN}')
    answer = ctx.scalar(sa.select(Answer).limit(1))
    answer.value = float("inf")
    # SQLAlchemy wraps the serialiser's refusal on SQLite; psycopg's JSONB dumper raises it as is
    with pytest.raises((sa.exc.StatementError, ValueError)):
        ctx.flush()
    ctx.rollback()


def test_no_json_is_written_past_the_strict_serialiser():
    """Every JSON the app writes goes through utils.json_dumps (Flask's provider and the
    database's serialiser are strict too): a bare json.dumps would let NaN through again."""
    root = Path(__file__).resolve().parents[1] / "app"
    bare = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path != root / "utils.py"
        and re.search(r"(?<![\w.])json\.dumps\(", path.read_text("utf-8"))
    ]
    assert bare == []


# --- question settings: the designer and the bank -------------------------------------------------


BAD_BOUNDS = {
    "NaN": "NaN",
    "Infinity": "Infinity",
    "minus Infinity": "-Infinity",
    "5000 digits": "9" * 5000,
    "an exponent": "1e5",
    "sixteen digits": "1234567890123456",
}


def _draft() -> dict:
    from app.directory import services as directory
    from app.questionnaires import services as questionnaires

    q = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("CMS"), code="CMS-BOUNDS", cycle="COP97",
        cycle_order=97, title={"en": "Bounds"},
    )  # fmt: skip
    return {"q": q, "one": questionnaires.add_section(q, title={"en": "General"})}


@pytest.fixture
def bounds_draft(app, database):
    from tests.designer_helpers import committed_ids

    return committed_ids(app, _draft)


def _local_items(app) -> list:
    from app.questionnaires import services as questionnaires
    from app.questionnaires import tree

    with app.app_context():
        return [n.config for n in tree.load(questionnaires.questionnaire_by_code("CMS-BOUNDS"))
                .items()]  # fmt: skip


@pytest.mark.parametrize("label", list(BAD_BOUNDS))
def test_the_designer_refuses_a_bound_that_is_no_number_it_can_hold(
    client, auth, app, bounds_draft, label
):
    """NaN and Infinity were accepted as a question's bounds (the preview then said "Between
    NaN and 1"); a 5000-digit minimum was a 500. Each is refused with a message on its field,
    and nothing is stored."""
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-BOUNDS/design/item"
    data = {"section": bounds_draft["one"], "code": "CMS-B-COUNT", "answer_type": "number",
            "text_en": "How many?", "minimum": BAD_BOUNDS[label], "maximum": "1"}  # fmt: skip
    refused = client.post(url, data=data)
    assert refused.status_code == 200 and "is-invalid" in refused.text
    assert re.search(r"invalid-feedback[^>]*>[^<]*(nombre|number)", refused.text)
    assert _local_items(app) == []
    preview = client.get("/questionnaires/CMS-BOUNDS/preview?lang=en").text
    assert "NaN" not in preview and "Infinity" not in preview


@pytest.mark.parametrize("label", list(BAD_BOUNDS))
def test_the_bank_refuses_a_bound_that_is_no_number_it_can_hold(client, auth, app, label):
    """The bank's question editor accepted NaN and Infinity as bounds, and kept a 40-digit
    minimum: each is refused with a message on its field, and no question is created."""
    from app.bank import services as bank

    auth.login(CMS_SEC)
    data = {"code": "POP-BOUND-97", "answer_type": "number", "text_en": "How many?",
            "minimum": BAD_BOUNDS[label], "maximum": "10"}  # fmt: skip
    refused = client.post("/bank/new", data=data)
    assert refused.status_code == 422
    assert re.search(r'id="minimum"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="minimum"',
                     refused.text)  # fmt: skip
    with app.app_context():
        assert bank.question_by_code("POP-BOUND-97") is None


def test_bounds_are_shown_with_every_digit_and_kept_by_an_unchanged_form(
    client, auth, app, bounds_draft
):
    """A bound of 0.00001 was shown as "0" to respondents (three decimals at most) and as
    "1e-05" in the editor, which the editor then refused: both show every digit in the
    reader's format, and saving the form unchanged keeps the bounds as they were."""
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-BOUNDS/design/item"
    data = {"section": bounds_draft["one"], "code": "CMS-B-SHARE", "answer_type": "number",
            "text_en": "Share?", "minimum": "0,00001", "maximum": LARGEST_FR}  # fmt: skip
    assert client.post(url, data=data).status_code == 302
    assert _local_items(app) == [{"min": 1e-05, "max": 999_999_999_999_999}]
    preview = client.get("/questionnaires/CMS-BOUNDS/preview?lang=fr").text
    assert f"0,00001 et {LARGEST_FR}" in preview
    with app.app_context():
        from app.questionnaires import services as questionnaires
        from app.questionnaires import tree

        item_id = tree.load(questionnaires.questionnaire_by_code("CMS-BOUNDS")).items()[0].id
    edit_url = f"/questionnaires/CMS-BOUNDS/design/{item_id}/item"
    edit = client.get(edit_url).text
    shown = {
        name: re.search(rf'id="{name}" name="{name}"[^>]*value="([^"]*)"', edit).group(1)
        for name in ("minimum", "maximum")
    }
    assert shown == {"minimum": "0,00001", "maximum": LARGEST_FR}
    assert client.post(edit_url, data={**data, **shown}).status_code == 302
    assert _local_items(app) == [{"min": 1e-05, "max": 999_999_999_999_999}]


def test_the_bank_editor_shows_a_bound_as_it_reads_it(client, auth, app):
    """The bank's editor showed a bound of 0.00001 as "1e-05", which it then refused: it shows
    every digit in the reader's format."""
    from app.bank import services as bank

    auth.login(CMS_SEC)
    data = {"code": "POP-SHARE-97", "answer_type": "number", "text_en": "Share?",
            "minimum": "0,00001", "maximum": LARGEST_FR}  # fmt: skip
    assert client.post("/bank/new", data=data).status_code == 302
    with app.app_context():
        assert bank.question_by_code("POP-SHARE-97").latest.config == {
            "min": 1e-05, "max": 999_999_999_999_999
        }  # fmt: skip
    form = client.get("/bank/POP-SHARE-97/version").text
    assert 'value="0,00001"' in form and f'value="{LARGEST_FR}"' in form
