"""The answer-type registry against the shared cases of tests/cases/answers/ (the browser's
reader runs the number cases too: tests/browser/test_answer_cases.py), and the rules around it:
every type has a kind and a widget, words of an answer (no information, typed, short form),
export cells, and the disagreements the registry ended."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask_babel import force_locale

from app import answers
from app.answers.types import AnswerType

CASES_DIR = Path(__file__).parent / "cases" / "answers"
TYPES_OF_CASES = {
    "number": ["number"],
    "site": ["site"],
    "single_choice": ["single_choice"],
    "multiple_choice": ["multiple_choice"],
    "yes_no": ["yes_no"],
    "date": ["date"],
    "text": ["short_text", "long_text"],
    "table": ["table"],
    "species": ["species"],
    "file": ["file"],
}


def _load(name: str) -> dict:
    return json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _cases(section: str):
    for name, kinds in TYPES_OF_CASES.items():
        data = _load(name)
        for kind in kinds:
            for index, case in enumerate(data.get(section, [])):
                yield pytest.param(kind, data, case, id=f"{kind}-{section}-{index}")


def _context(data: dict, locale: str) -> answers.Context:
    attachments = data.get("attachments")
    return answers.Context(
        locale,
        species=frozenset(data.get("species_keys", [])),
        attachments=frozenset(attachments) if attachments is not None else None,
    )


def _saying(data: dict, locale: str, other: str = "") -> answers.Saying:
    species = {
        key: answers.Named(entry["label"], entry.get("detail", ""))
        for key, entry in data.get("species", {}).items()
    }
    files = {int(key): name for key, name in data.get("files", {}).items()}
    return answers.Saying(locale, species=species, files=files, other=other)


def test_every_case_file_is_run():
    assert {p.stem for p in CASES_DIR.glob("*.json")} == set(TYPES_OF_CASES)
    covered = {kind for kinds in TYPES_OF_CASES.values() for kind in kinds}
    assert covered == {t.value for t in AnswerType}, "every answer type has its cases"


@pytest.mark.parametrize(("kind", "data", "case"), list(_cases("read")))
def test_reading_what_was_typed(app, kind, data, case):
    config = case.get("config", data.get("config", {}))
    context = _context(data, case["locale"])
    with app.test_request_context(), force_locale(case["locale"]):
        if "error" in case:
            with pytest.raises(answers.ValueProblem) as refused:
                answers.parse(kind, config, case["typed"], context)
            assert refused.value.message == case["error"]
        else:
            assert answers.parse(kind, config, case["typed"], context) == case["value"]


@pytest.mark.parametrize(("kind", "data", "case"), list(_cases("words")))
def test_saying_a_value_in_words(app, kind, data, case):
    config = case.get("config", data.get("config", {}))
    say = _saying(data, case["locale"], case.get("other", ""))
    answer = {"value": case["value"], "other": case.get("other", "")}
    with app.test_request_context():
        assert answers.answer_words(kind, config, answer, say) == case["words"]
        short = answers.answer_words(kind, config, answer, say, short=True)
        assert short == case.get("short", case["words"].replace("\n", " "))


@pytest.mark.parametrize(("kind", "data", "case"), list(_cases("cells")))
def test_export_cells(app, kind, data, case):
    say = _saying(data, case["locale"])
    with app.test_request_context():
        cells = answers.cells(kind, data["config"], case["value"], say)
    assert [[c.part, c.value, c.value_label] for c in cells] == case["cells"]


def test_every_type_has_a_kind_and_a_widget(app):
    for answer_type in AnswerType:
        template = answers.widget(answer_type)
        assert app.jinja_env.get_template(template) is not None


def test_no_information_and_what_could_not_be_read(app):
    say = answers.Saying("fr")
    with app.test_request_context():
        nothing = {"value": None, "no_info": True}
        assert answers.answer_words("number", {}, nothing, say) == "Aucune information disponible"
        both = {"value": 12, "no_info": True}
        assert answers.answer_words("number", {}, both, say) == (
            "12 (aucune information disponible)"
        )
        typed = {"value": None, "typed": {"name": "Djoudj", "lat": "nord"}}
        assert answers.answer_words("site", {}, typed, say) == "name: Djoudj; lat: nord"
        empty = {"value": None}
        assert answers.answer_words("short_text", {}, empty, say) == ""
        assert answers.answer_words("short_text", {}, empty, say, short=True) == "—"
        long = {"value": "mot " * 200}
        short = answers.answer_words("long_text", {}, long, say, short=True)
        assert len(short) == 300 and short.endswith("…")


def test_multiple_choice_cells_are_one_per_choice(app):
    config = _load("multiple_choice")["config"]
    with app.test_request_context():
        cells = answers.cells("multiple_choice", config, ["bycatch", "other"], answers.Saying(
            "en", other="Tourism"
        ))  # fmt: skip
    assert [(c.part, c.value_label) for c in cells] == [
        ("bycatch", "Bycatch"),
        ("other", "Other: Tourism"),
    ]


def test_configuration_problems_come_from_the_type(app):
    with app.test_request_context():
        assert answers.config_problems("number", {"min": 5, "max": 1})
        assert answers.config_problems("number", {"min": True})
        assert not answers.config_problems("number", {"min": 0, "max": 10})
        assert answers.config_problems("single_choice", {"choices": [{"key": "a"}]})
        assert answers.config_problems("table", {"rows": [], "columns": []})
        assert answers.config_problems("colour", {})


@pytest.mark.parametrize(
    ("locale", "typed", "expected"),
    [("en", "1,500", 1500), ("fr", "0,5", 0.5), ("es", "1.500", 1500), ("en", "0.5", 0.5)],
)
def test_both_question_editors_read_bounds_in_the_editors_locale(app, locale, typed, expected):
    """The designer read "1,500" as 1.5 and the bank as 1.5 too (a comma made a decimal point):
    both now build settings through app/answers/settings.py, with the answers' number reader."""
    from app.answers import settings

    with app.test_request_context(), force_locale(locale):
        config, errors = settings.build("number", answers.Given(maximum=typed), locale)
        assert errors == {} and config == {"max": expected}
        _config, refused = settings.build("number", answers.Given(minimum="lots"), locale)
        assert set(refused) == {"min"}
        _config, crossed = settings.build(
            "number", answers.Given(minimum="10", maximum="1"), locale
        )
        assert set(crossed) == {"max"}


def test_an_unchanged_settings_form_keeps_the_configuration(app):
    from app.answers import settings

    base = {"choices": [{"key": "a", "label": {"en": "A"}}, {"key": "b", "label": {"en": "B"}}],
            "allow_other": False}  # fmt: skip
    given = answers.Given(choices=base["choices"])
    with app.test_request_context():
        assert settings.build("single_choice", given, "en", base) == (base, {})
        assert settings.build("single_choice", given, "en") == (
            {"choices": base["choices"]},
            {},
        )


COORDINATE_CASES = [
    case
    for case in _load("site")["read"]
    if case["typed"]["name"].strip() and bool(case["typed"]["lat"]) == bool(case["typed"]["lon"])
]


@pytest.mark.parametrize("case", COORDINATE_CASES)
def test_the_sites_page_reads_coordinates_as_a_site_answer_does(app, case):
    """The sites page refused "14.693" in Spanish that a site answer took, and a site answer
    refused the typographic minus the sites page took: both read through reading.read_degrees."""
    from app.reporting import site_store

    typed, locale = case["typed"], case["locale"]
    with app.test_request_context(), force_locale(locale):
        if "error" in case:
            with pytest.raises(site_store.SiteInvalid) as refused:
                site_store.parse_coordinates(typed["lat"], typed["lon"], locale)
            assert case["error"] in refused.value.errors.values()
        else:
            read = site_store.parse_coordinates(typed["lat"], typed["lon"], locale)
            assert read == (case["value"].get("lat"), case["value"].get("lon"))


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_submitted_answer_reads_the_same_live_and_in_its_snapshot(ctx, lang):
    """Live pages and snapshots used to say an answer two ways ("—" and "", a locale list and
    ", "): both now go through answers.answer_words."""
    import sqlalchemy as sa

    from app.extensions import db
    from app.reporting import services, snapshots
    from app.reporting.models import Submission

    compared = 0
    for submission in db.session.scalars(sa.select(Submission).order_by(Submission.id).limit(6)):
        snap = submission.snapshot
        nodes = snapshots.nodes_by_id(snap)
        filled = services.fill(submission.report, lang)
        for entry in snap["answers"]:
            answer = filled.answers.get((entry["node_id"], entry["loop_key"]))
            if answer is None or answer.version != entry["version"]:
                continue  # changed since (a returned report)
            node = filled.tree.by_id[entry["node_id"]]
            live = filled.words(node, answer, short=False)
            kept = snapshots.answer_words(nodes[entry["node_id"]], entry, snap, lang)
            assert live == kept, (node.code, entry["loop_key"])
            compared += 1
    assert compared > 100
