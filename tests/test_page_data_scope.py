"""What a report's pages carry for a contributor: nothing of the sections not delegated to them.
Not in the text, and not in what a reader does not see either -- the JSON the skip logic reads
(`answers-for-conditions`), the conditions in `data-condition` attributes, the JSON endpoints.

CMS's next questionnaire (a copy of COP15) makes the questions of its implementation section
(6) depend on answers of sections 1, 2, 3 and 5; France's focal point answers those with values
found nowhere else, and delegates section 6 to contributor.fra. Every page and JSON endpoint of
the report is then requested as the contributor: none of those values may appear, while the
skip logic of section 6 still shows and hides what the server does."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from app.answers import reading
from app.extensions import db
from app.questionnaires import editing
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from app.questionnaires.conditions import evaluate, leaves, referenced_codes
from app.reporting import attachments, delegation, services, site_store
from app.reporting.models import Report
from tests.test_attachments import PDF, upload
from tests.test_delegation import CONTRIB, FP_FRA, user
from tests.test_reporting import save

CMS_SEC = "cms.secretariat@demo.test"
OWN_SECTION = "6"

# Section 6's questions, made to depend on the sections before it (`publish_cop16`).
CROSS = {
    "IMPL-PLAN-01": {"item": "HAB-PA-02", "op": "gte", "value": 40},
    "IMPL-PLAN-03": {
        "all": [
            {"item": "CMS15-GEN-01", "op": "answered"},
            {"item": "IMPL-PLAN-01", "op": "equals", "value": "fully"},
        ]
    },
    "RES-MONITOR-01": {
        "any": [
            {"item": "SPEC-PROT-04", "op": "equals", "value": "yes"},
            {"item": "THR-POISON-01", "op": "equals", "value": "yes"},
        ]
    },
    "IMPL-FUND-01": {"item": "HAB-PA-01", "op": "equals", "value": "no"},
    "CMS15-IMPL-01": {"item": "CMS15-THR-01", "op": "not_answered"},
    # answered, but hidden by SPEC-PROT-04 = no: it counts as not answered
    "AWARE-EDU-01": {"item": "SPEC-PROT-06", "op": "answered"},
}

# What France's focal point answers outside section 6: texts and numbers found nowhere else.
TEXTS = {
    "CMS15-GEN-01": "Institut Quetzalcoatl 7731",
    "CMS15-GEN-02": "Consultation Zyxwvut 4417 des parties prenantes",
    "SPEC-PROT-02": "Loi Ornithoptera 1987-XQ",
    "SPEC-PROT-06": "Derogation Kvasir 5521",
    "CMS15-THR-01": "Menace Bronte 9913 sur les haies",
}
COMMENT = "Commentaire Vouivre 3308"
FILENAME = "Plan-Yggdrasil-6602.pdf"
SHARE = "73,25"  # HAB-PA-02, a percentage
FIGURES = [987651, 876543]  # SPEC-POP-01 of two species: population figures


def publish_cop16():
    """CMS-COP16: COP15's questions, section 6 depending on the sections before it."""
    cop15 = questionnaires.questionnaire_by_code("CMS-COP15")
    secretariat = user(CMS_SEC)
    cop16, _copied = editing.duplicate(cop15, "CMS-COP16", "COP16", actor=secretariat)
    cop16.species_list = cop15.species_list
    by_code = tree_module.load(cop16).by_code()
    for code, condition in CROSS.items():
        questionnaires.set_condition(by_code[code], condition)
    questionnaires.publish(cop16, actor=secretariat)
    return cop16


def _item(filled, code: str, loop_key: str = ""):
    return next(
        i for i in filled.rendered.items() if i.node.code == code and i.loop_key == loop_key
    )


def _put(report, fp, code, raw, loop_key="", **parts):
    filled = services.fill(report, "fr")
    item = _item(filled, code, loop_key)
    answer = filled.answer(item)
    return save(filled, item, raw, answer.version if answer else 0, fp, **parts)


def answer_cop16(report) -> None:
    """France's focal point answers sections 1 to 5 (and one question of section 6)."""
    fp = user(FP_FRA)
    _put(report, fp, "CMS15-GEN-01", TEXTS["CMS15-GEN-01"], comment=COMMENT)
    _put(report, fp, "CMS15-GEN-02", TEXTS["CMS15-GEN-02"])
    _put(report, fp, "SPEC-PROT-01", "some-species")
    _put(report, fp, "SPEC-PROT-02", TEXTS["SPEC-PROT-02"])
    _put(report, fp, "SPEC-PROT-04", "yes")
    _put(report, fp, "SPEC-PROT-06", TEXTS["SPEC-PROT-06"])
    _put(report, fp, "SPEC-PROT-04", "no")  # SPEC-PROT-06 is kept, hidden
    _put(report, fp, "THR-POISON-01", "yes")
    filled = services.fill(report, "fr")
    poison = _item(filled, "THR-POISON-02")
    attachments.attach(filled, poison.node, "", [upload(FILENAME, PDF)], user=fp, locale="fr")
    _put(report, fp, "CMS15-THR-01", TEXTS["CMS15-THR-01"])
    for taxon, figure in zip(sorted(filled.species_keys), FIGURES, strict=False):
        _put(report, fp, "SPEC-OCCUR-01", "breeding", taxon)
        _put(report, fp, "SPEC-POP-01", str(figure), taxon)
    _put(report, fp, "HAB-PA-01", "yes")
    _put(report, fp, "HAB-PA-02", SHARE)
    _put(report, fp, "IMPL-PLAN-01", "fully")


def build_world() -> dict:
    """Publish CMS-COP16, answer France's report, delegate its section 6 to contributor.fra;
    committed. Ids for the URLs."""
    publish_cop16()
    report = db.session.scalar(
        db.select(Report).where(
            Report.questionnaire.has(code="CMS-COP16"), Report.party.has(code="FRA")
        )
    )
    answer_cop16(report)
    own = next(n for n in delegation.top_sections(report.questionnaire) if n.number == OWN_SECTION)
    done = delegation.assign(report, own, CONTRIB, user(FP_FRA))
    site = site_store.save_site(
        report.party_id, None, name="Camargue", latitude="", longitude="", locale="fr"
    )
    db.session.commit()
    return {
        "report": report.id,
        "section": own.id,
        "assignment": done.assignment.id,
        "site": site.id,
    }


def _forms(value) -> set[str]:
    """A number as the pages may write it: as stored, and in French and English."""
    return {str(value), reading.format_number(value, "fr"), reading.format_number(value, "en")}


@pytest.fixture
def world(app, database, mailbox):
    with app.app_context():
        found = build_world()
        report = db.session.get(Report, found["report"])
        whole = services.fill(report, "fr")
        own = found["section"]
        outside = {
            key: answer
            for key, answer in whole.answers.items()
            if delegation.top_section_id(whole.tree.by_id[key[0]], whole.tree) != own
        }
        forbidden = set(TEXTS.values()) | {COMMENT, FILENAME}
        for figure in [73.25, *FIGURES]:
            forbidden |= _forms(figure)
        # every stored text and number of the other sections, as stored and in words
        for (node_id, _key), answer in outside.items():
            node = whole.tree.by_id[node_id]
            if isinstance(answer.value, int | float) and not isinstance(answer.value, bool):
                forbidden |= _forms(answer.value)
            elif isinstance(answer.value, str) and node.effective_type.endswith("_text"):
                forbidden.add(answer.value)
        found |= {
            "forbidden": forbidden,
            "own_codes": {
                n.code
                for n in whole.tree.items()
                if delegation.top_section_id(n, whole.tree) == own
            },
            "outside": outside,
            "visible": {i.field_name: i.visible for i in whole.rendered.items()},
            "attachment": next(iter(whole.attachments)),
            "sections": [n.id for n in delegation.top_sections(report.questionnaire)],
            "history": [(node_id, key) for node_id, key in whole.answers],
            "own_field": _item(whole, "IMPL-PLAN-01").field_name,
            "own_version": whole.answer(_item(whole, "IMPL-PLAN-01")).version,
            "other_field": _item(whole, "CMS15-GEN-01").field_name,
            # each box's code, and what its fields hold: what the skip-logic script reads on
            # the page itself (only the values it cannot read there come in the JSON)
            "codes": {i.field_name: i.node.code for i in whole.rendered.items()},
            "values": {
                f"{i.node.code}|{i.loop_key}": i.value
                for i in whole.rendered.items()
                if i.value is not None and i.visible
            },
        }
        assert len(outside) >= 15 and len(forbidden) > 12
        return found


# --- reading what a response carries --------------------------------------------------------


def _said(response) -> str:
    """Everything a response carries, as a reader or a script reads it: the text with its
    entities decoded, and each JSON island (a script's, an attribute's, a JSON body) decoded
    too, so that an escaped "\\u00e9" or "&quot;" hides nothing."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    text = response.get_data().decode("utf-8", errors="replace")
    said = [html.unescape(text)]
    islands = re.findall(r"<script[^>]*application/json[^>]*>(.*?)</script>", text, re.S)
    # data attributes in double quotes, or in single quotes (JSON: `tojson` escapes ' itself)
    values = re.findall(r"""data-[\w-]+=(?:"([^"]*)"|'([^']*)')""", text)
    islands += [html.unescape(double or single) for double, single in values]
    for island in islands:
        try:
            said.append(json.dumps(json.loads(island), ensure_ascii=False))
        except ValueError:
            continue
    return "\n".join(said)


def _leaks(response, forbidden: set[str]) -> list[str]:
    said = _said(response)
    return sorted(text for text in forbidden if text in said)


class _Boxes(HTMLParser):
    """The answer boxes of a section page, in order, with what the skip-logic script reads."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "answer" in (attributes.get("class") or "").split():
            condition = attributes.get("data-condition")
            self.boxes.append(
                {
                    "field": attributes["id"].removeprefix("a-"),
                    "code": attributes.get("data-code"),  # on the items conditions read
                    "loop": attributes.get("data-loop", ""),
                    "condition": json.loads(condition) if condition else None,
                    "hidden": "hidden" in attributes,
                }
            )


def _page_parts(text: str, world: dict) -> tuple[dict, list[dict]]:
    """The page's JSON of values for its conditions, and its answer boxes, each with its code
    (said by `data-code` where a condition reads the item, else known from the world)."""
    stored = re.search(r'id="answers-for-conditions">(.*?)</script>', text, re.S).group(1)
    parser = _Boxes()
    parser.feed(text)
    for box in parser.boxes:
        code = world["codes"][box["field"]]
        assert box["code"] in (None, code)
        box["code"] = code
    return json.loads(stored), parser.boxes


def _as_the_browser_shows(stored: dict, boxes: list[dict], values: dict) -> dict[str, bool]:
    """Which boxes autosave.js's refreshConditions shows once the page has loaded: the same
    walk, reading the values on the page from its fields (`values`: they hold the stored
    answers) and the others from the page's JSON (`stored`)."""
    on_page = {f"{b['code']}|{b['loop']}": b for b in boxes}
    hidden = {b["field"]: b["hidden"] for b in boxes}
    for box in boxes:
        if not box["condition"]:
            continue

        def lookup(code, box=box):
            for key in (f"{code}|{box['loop']}", f"{code}|"):
                other = on_page.get(key)
                if other is not None:
                    return None if hidden[other["field"]] else values.get(key)
                if key in stored:
                    return stored[key]
            return None

        hidden[box["field"]] = not evaluate(box["condition"], lookup)
    return {field: not is_hidden for field, is_hidden in hidden.items()}


# --- the section page: skip logic without the values ----------------------------------------


def test_a_contributors_section_page_carries_the_outcomes_of_other_sections_not_their_values(
    client, auth, world
):
    auth.login(CONTRIB)
    page = client.get(f"/reports/{world['report']}/sections/{world['section']}")
    assert page.status_code == 200
    stored, boxes = _page_parts(page.text, world)
    assert {key.split("|")[0] for key in stored} <= world["own_codes"]
    # the section's own answers are in its fields, not repeated in the JSON
    assert "IMPL-PLAN-01|" not in stored
    conditions = [b["condition"] for b in boxes if b["condition"]]
    assert len(conditions) >= len(CROSS)
    for condition in conditions:
        assert set(referenced_codes(condition)) <= world["own_codes"]
    # the test of another section's answer comes settled: its outcome, not the answer
    by_code = {b["code"]: b["condition"] for b in boxes}
    assert by_code["IMPL-PLAN-01"] == {"const": True}
    assert by_code["IMPL-PLAN-03"] == {
        "all": [{"const": True}, {"item": "IMPL-PLAN-01", "op": "equals", "value": "fully"}]
    }
    assert by_code["IMPL-FUND-01"] == {"const": False}
    assert by_code["AWARE-EDU-01"] == {"const": False}  # SPEC-PROT-06 is hidden: not answered
    assert _leaks(page, world["forbidden"]) == []


def test_the_browsers_skip_logic_shows_what_the_server_shows_for_a_contributor(client, auth, world):
    auth.login(CONTRIB)
    page = client.get(f"/reports/{world['report']}/sections/{world['section']}")
    stored, boxes = _page_parts(page.text, world)
    server = {b["field"]: world["visible"][b["field"]] for b in boxes}
    assert {b["field"]: not b["hidden"] for b in boxes} == server
    assert _as_the_browser_shows(stored, boxes, world["values"]) == server
    shown = {b["code"]: server[b["field"]] for b in boxes}
    assert shown["IMPL-PLAN-01"] and shown["IMPL-PLAN-03"] and shown["RES-MONITOR-01"]
    assert not shown["IMPL-FUND-01"] and not shown["IMPL-FUND-04"]  # hidden, in cascade
    assert not shown["AWARE-EDU-01"] and not shown["CMS15-IMPL-01"]


def test_the_focal_point_gets_the_values_and_the_conditions_as_written(client, auth, world):
    """The whole report is theirs: the page carries the values and the conditions unchanged,
    which is also what makes the assertions above mean something."""
    auth.login(FP_FRA)
    page = client.get(f"/reports/{world['report']}/sections/{world['section']}")
    stored, boxes = _page_parts(page.text, world)
    assert stored["CMS15-GEN-01|"] == TEXTS["CMS15-GEN-01"] and stored["HAB-PA-02|"] == 73.25
    assert {b["code"]: b["condition"] for b in boxes if b["code"] in CROSS} == CROSS
    assert _as_the_browser_shows(stored, boxes, world["values"]) == {
        b["field"]: world["visible"][b["field"]] for b in boxes
    }
    first = client.get(f"/reports/{world['report']}/sections/{world['sections'][0]}")
    assert TEXTS["CMS15-GEN-01"] in _said(first) and COMMENT in _said(first)


def test_the_settled_condition_follows_a_change_in_another_section(app, world):
    """The outcome is the server's of the moment: once the focal point answers HAB-PA-01
    "no", the contributor's page gets IMPL-FUND-01 shown."""
    with app.app_context():
        report = db.session.get(Report, world["report"])
        _put(report, user(FP_FRA), "HAB-PA-01", "no")
        mine = services.fill(report, "fr", viewer=user(CONTRIB))
        fund = _item(mine, "IMPL-FUND-01")
        assert fund.visible and fund.condition == {"const": True}
        assert all("const" not in leaf for leaf in leaves(fund.node.condition))


# --- every page and JSON endpoint of the report ---------------------------------------------

NOT_A_REPORT_PAGE = {"reporting.invitation"}  # reached by its token, before any sign-in


def _values_for(argument: str, world: dict) -> list[dict]:
    """The values each URL argument of a report page takes in the sweep."""
    return {
        "report_id": [{"report_id": world["report"]}],
        "section_id": [{"section_id": s} for s in world["sections"]],
        "node_id": [{"node_id": n, "loop": k or None} for n, k in world["history"]],
        "attachment_id": [{"attachment_id": world["attachment"]}],
        "number": [{"number": 1}],
        "site_id": [{"site_id": world["site"]}],
        "assignment_id": [{"assignment_id": world["assignment"]}],
        "code": [{"code": "CMS"}],
    }[argument]


def _get_urls(app, world) -> list[tuple[str, str]]:
    """(endpoint, URL) of every GET page of the reporting pages, each with every value of its
    arguments: a new page is swept as soon as it exists."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] != "reporting" or "GET" not in rule.methods:
            continue
        if rule.endpoint in NOT_A_REPORT_PAGE:
            continue
        combinations = [{}]
        for argument in sorted(rule.arguments):
            combinations = [
                {**done, **more} for done in combinations for more in _values_for(argument, world)
            ]
        for values in combinations:
            values = {k: v for k, v in values.items() if v is not None}
            urls.append((rule.endpoint, adapter.build(rule.endpoint, values)))
    return urls + [("main.dashboard", "/dashboard")]


def test_no_page_of_the_report_carries_a_value_of_another_section(client, auth, app, world):
    auth.login(CONTRIB)
    seen, leaks = {}, {}
    for endpoint, url in _get_urls(app, world):
        response = client.get(url)
        assert response.status_code < 500, url
        seen.setdefault(endpoint, set()).add(response.status_code)
        found = _leaks(response, world["forbidden"])
        if found:
            leaks[url] = found
        response.close()
    assert leaks == {}
    # the sweep read the contributor's pages, not only refusals
    for endpoint in ("show", "section", "validation", "history", "sites", "to_confirm", "index"):
        assert 200 in seen[f"reporting.{endpoint}"], endpoint
    assert len(seen) > 25


def test_no_json_answer_carries_a_value_of_another_section(client, auth, world):
    auth.login(CONTRIB)
    report, name = world["report"], world["own_field"]
    url = f"/reports/{report}/answers"

    def body(field, value, version):
        return {"field": field, f"p-{field}": "1", f"v-{field}": str(version), field: value}

    saved = client.post(url, data=body(name, "partly", world["own_version"]))
    assert saved.status_code == 200 and saved.is_json
    conflict = client.post(url, data=body(name, "no", world["own_version"]))
    assert conflict.status_code == 409 and conflict.is_json
    other = world["other_field"]
    refused = client.post(url, data=body(other, "x", 1))
    assert refused.status_code == 404 and refused.is_json
    upload_other = client.post(f"/reports/{report}/attachments", data={"field": other})
    assert upload_other.status_code == 404 and upload_other.is_json
    ready = client.post(f"/reports/{report}/assignments/{world['assignment']}/ready")
    assert ready.status_code in (302, 303)
    section = f"/reports/{report}/sections/{world['section']}"
    posted = client.post(section, data={f"p-{name}": "1", f"v-{name}": "0", name: "no"})
    for response in (saved, conflict, refused, upload_other, ready, posted):
        assert _leaks(response, world["forbidden"]) == []
    assert saved.get_json()["hidden"]  # says which of the section's questions are hidden
    assert set(saved.get_json()["hidden"]) <= set(world["visible"])
