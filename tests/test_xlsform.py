"""A questionnaire as an XLSForm (app/interchange/xlsform.py): every demo questionnaire converts
with pyxform, as ODK and KoboToolbox would, without an error or a warning; the workbook says
the structure, the three languages, skip logic, loops, tables, bank codes and choice lists;
the download follows who may read the questionnaire; the command writes the same file."""

from __future__ import annotations

import io

import openpyxl
import pytest
from pyxform.xls2xform import convert

from app.interchange import xlsform
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from tests.test_policy import AEWA_SEC, ANALYST, CMS_SEC, FP_FRA, FP_SEN

DEMO = ["CMS-COP14", "CMS-COP15", "AEWA-MOP9", "RAPTORS-MOS4", "EUROBATS-MOP11"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheets(data: bytes) -> dict[str, list[dict]]:
    """Each sheet of the workbook `data` as its rows, by header."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = {}
    for sheet in book.worksheets:
        header, *rows = list(sheet.iter_rows(values_only=True))
        found[sheet.title] = [
            {k: (v or "") for k, v in zip(header, row, strict=True)} for row in rows
        ]
    return found


@pytest.mark.parametrize("code", DEMO)
def test_every_demo_questionnaire_converts_with_pyxform(ctx, tmp_path, code):
    path = tmp_path / f"{code}.xlsx"
    path.write_bytes(xlsform.workbook(questionnaires.questionnaire_by_code(code)))
    converted = convert(xlsform=str(path))
    assert converted.warnings == []
    assert f'id="{code}"' in converted.xform
    assert 'lang="Français (fr)"' in converted.xform and 'lang="Español (es)"' in converted.xform


def test_the_survey_says_the_questionnaire(ctx):
    questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
    current = tree_module.cached(questionnaire)
    book = sheets(xlsform.workbook(questionnaire))
    survey = {row["name"]: row for row in book["survey"] if row["name"]}
    # every item, once, with its text in each language
    for node in current.items():
        row = survey[node.code]
        for lang, column in xlsform.LANGUAGE_COLUMNS.items():
            assert row[f"label::{column}"] == (node.effective_text.get(lang) or "")
        assert row["required"] == ("yes" if node.required else "")
        if node.bank_version is not None:
            assert row["instance::ors_bank"] == f"{node.code}@{node.bank_version.number}"
        assert row["instance::ors_type"] == node.effective_type
    # groups open and close in pairs; the species loop is a repeat whose first field is the species
    types = [row["type"] for row in book["survey"]]
    assert types.count("begin group") == types.count("end group") > 0
    assert types.count("begin repeat") == types.count("end repeat") == 1
    start = types.index("begin repeat")
    assert book["survey"][start]["instance::ors_loop"] == "species"
    assert book["survey"][start + 1]["type"] == "select_one species"
    # skip logic, a number's bounds, a yes/no and a multiple choice with "other"
    assert survey["SPEC-PROT-05"]["relevant"] == "${SPEC-PROT-04} = 'yes'"
    assert survey["SPEC-PROT-02"]["relevant"] == "not(${SPEC-PROT-01} = 'not-prohibited')"
    assert survey["SPEC-ACTION-01"]["relevant"] == "${SPEC-THREAT-01} != ''"
    assert survey["HAB-PA-02"]["type"] == "decimal"
    assert survey["HAB-PA-02"]["constraint"] == ". >= 0 and . <= 100"
    assert survey["THR-POISON-01"]["type"] == "select_one yes_no"
    assert survey["SPEC-THREAT-01"]["type"] == "select_multiple SPEC-THREAT-01"
    assert survey["SPEC-THREAT-01_other"]["relevant"] == "selected(${SPEC-THREAT-01}, 'other')"
    assert (
        survey["SPEC-THREAT-01_other"]["label::Français (fr)"] == "Autre\u00a0: veuillez préciser"
    )
    # choice lists: yes/no translated, each question's own choices, the species list
    choices = {(row["list_name"], row["name"]): row for row in book["choices"]}
    assert choices["yes_no", "yes"]["label::Français (fr)"] == "Oui"
    assert choices["yes_no", "no"]["label::Español (es)"] == "No"
    threats = current.item_by_code["SPEC-THREAT-01"].effective_config["choices"]
    for choice in threats:
        row = choices["SPEC-THREAT-01", choice["key"]]
        assert row["label::English (en)"] == choice["label"]["en"]
    species = tree_module.species_entries(questionnaire)
    assert {name for list_name, name in choices if list_name == "species"} == {
        e.species.taxon_id for e in species
    }
    assert book["settings"] == [
        {
            "form_title": questionnaire.title["en"],
            "form_id": "CMS-COP15",
            "version": questionnaire.tree_stamp,
            "default_language": "English (en)",
        }
    ]


def test_a_table_is_a_group_of_one_field_per_cell(ctx):
    questionnaire = next(
        q
        for q in (questionnaires.questionnaire_by_code(code) for code in DEMO)
        if any(n.effective_type == "table" for n in tree_module.cached(q).items())
    )
    table = next(
        n for n in tree_module.cached(questionnaire).items() if n.effective_type == "table"
    )
    survey = sheets(xlsform.workbook(questionnaire))["survey"]
    start = next(i for i, row in enumerate(survey) if row["name"] == table.code)
    assert survey[start]["type"] == "begin group"
    assert survey[start]["appearance"] == "field-list"
    config = table.effective_config
    cells = survey[start + 1 : start + 1 + len(config["rows"]) * len(config["columns"])]
    expected = [
        f"{table.code}__{row['key']}__{column['key']}"
        for row in config["rows"]
        for column in config["columns"]
    ]
    assert [row["name"] for row in cells] == expected
    assert survey[start + 1 + len(expected)]["type"] == "end group"
    first_row, first_column = config["rows"][0], config["columns"][0]
    assert cells[0]["label::English (en)"] == (
        f"{first_row['label']['en']} — {first_column['label']['en']}"
    )


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"item": "A", "op": "equals", "value": "yes"}, "${A} = 'yes'"),
        ({"item": "M", "op": "equals", "value": "x"}, "selected(${M}, 'x')"),
        ({"item": "N", "op": "equals", "value": 3}, "${N} = 3"),
        ({"item": "A", "op": "not_equals", "value": "no"}, "not(${A} = 'no')"),
        ({"item": "A", "op": "in", "value": ["a", "b"]}, "(${A} = 'a' or ${A} = 'b')"),
        ({"item": "A", "op": "answered"}, "${A} != ''"),
        ({"item": "A", "op": "not_answered"}, "${A} = ''"),
        ({"item": "N", "op": "gte", "value": 2.5}, "${N} >= 2.5"),
        ({"item": "N", "op": "lt", "value": 10}, "${N} < 10"),
        ({"item": "A", "op": "equals", "value": "l'eau"}, '${A} = "l\'eau"'),
        (
            {"all": [{"item": "A", "op": "answered"}, {"any": [{"const": True}]}]},
            "(${A} != '' and true())",
        ),
        (None, ""),
    ],
)
def test_skip_logic_is_written_as_xpath(condition, expected):
    kinds = {"A": "single_choice", "M": "multiple_choice", "N": "number"}
    assert xlsform.relevant(condition, kinds) == expected


@pytest.mark.parametrize(
    ("who", "code", "status"),
    [
        (CMS_SEC, "CMS-COP15", 200),
        (FP_SEN, "CMS-COP15", 200),
        (ANALYST, "CMS-COP15", 200),
        (CMS_SEC, "EUROBATS-MOP11", 404),  # a draft of another instrument
        (AEWA_SEC, "EUROBATS-MOP11", 404),
        (FP_FRA, "EUROBATS-MOP11", 404),
        (None, "CMS-COP15", 302),
    ],
)
def test_the_download_follows_who_may_read_the_questionnaire(client, auth, who, code, status):
    if who:
        auth.login(who)
    response = client.get(f"/interchange/xlsform/{code}.xlsx")
    assert response.status_code == status
    if status == 200:
        assert response.mimetype == XLSX
        assert sheets(response.data)["settings"][0]["form_id"] == code
    else:
        assert b"survey" not in response.data and b"PK" not in response.data[:2]


def test_the_outline_links_to_the_download(client, auth):
    auth.login(CMS_SEC)
    page = client.get("/questionnaires/CMS-COP15/").get_data(as_text=True)
    assert 'href="/interchange/xlsform/CMS-COP15.xlsx"' in page
    assert "Télécharger au format XLSForm" in page  # the secretariat reads French


def test_the_command_writes_the_same_workbook(app, database, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "cop15.xlsx"
    result = runner.invoke(args=["xlsform", "export", "cms-cop15", str(out)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        expected = xlsform.workbook(questionnaires.questionnaire_by_code("CMS-COP15"))
    assert sheets(out.read_bytes()) == sheets(expected)
    missing = runner.invoke(args=["xlsform", "export", "NOPE", str(tmp_path / "x.xlsx")])
    assert missing.exit_code == 1 and "No questionnaire with code NOPE" in missing.output
