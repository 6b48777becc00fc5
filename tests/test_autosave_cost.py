"""What one autosave and one section page cost, and what an autosave says of the skip logic.

An autosave reads the answer it saves and, for skip logic, the items that answer may show or
hide and the answers their conditions read (reporting/cell.py): its statements are the same
for a report of 10 items and one of 300, and so are the rows it loads; a section page's
statements are the same for 10 and 30 items. What an autosave says it shows or hides is what
the whole questionnaire, evaluated again, says: chains, sections shown by an answer of another
section, species loops, and a contributor's sections only.

The questionnaires are built through the questionnaire services (`build`), every item answered
through the saving service, on whichever database the run uses.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import partial

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from app.reporting import cell, completeness, delegation, saving, services
from app.reporting.models import Answer, Report
from tests.reporting_helpers import valid_raw
from tests.test_delegation import CONTRIB, FP_FRA, user

NAMES = {"en": "Question", "fr": "Question", "es": "Pregunta"}


def _said(condition_item: str, op: str = "equals", value=None) -> dict:
    found = {"item": condition_item, "op": op}
    return found if value is None else {**found, "value": value}


def build(code: str, fillers: list[int]):
    """A CMS questionnaire `code`, published (France owes a report of it):

    1. A (yes/no), B (yes/no, shown by A = yes), C (text, shown by B = yes)
    2. shown by A = yes: E (text), F (number, shown by E answered and A = yes),
       2.1 shown by C answered: H (text)
    3. G (text, shown by A = no)
    4. for each species: P (yes/no), Q (text, shown by P = yes), R (text, shown by A = yes)

    then a section of texts and yes/no per number in `fillers` (that many items each): ten
    items and the fillers' in all. Returns the questionnaire."""
    cop15 = questionnaires.questionnaire_by_code("CMS-COP15")
    q = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("CMS"),
        code=code,
        cycle=code,
        cycle_order=3000 + len(code) + sum(fillers),
        title={"en": code, "fr": code, "es": code},
        species_list=cop15.species_list,
    )

    def section(title, parent=None, **options):
        names = {lang: title for lang in NAMES}
        return questionnaires.add_section(q, title=names, parent=parent, **options)

    def item(where, name, answer_type, condition=None):
        return questionnaires.add_local_item(
            q,
            where,
            code=f"{code}-{name}",
            answer_type=answer_type,
            text={lang: f"{word} {name}" for lang, word in NAMES.items()},
            condition=condition,
        )

    def at(name):
        return f"{code}-{name}"

    first = section("Un")
    item(first, "A", "yes_no")
    item(first, "B", "yes_no", _said(at("A"), value="yes"))
    item(first, "C", "short_text", _said(at("B"), value="yes"))
    second = section("Deux", condition=_said(at("A"), value="yes"))
    item(second, "E", "short_text")
    both = {"all": [_said(at("E"), "answered"), _said(at("A"), value="yes")]}
    item(second, "F", "number", both)
    inner = section("Deux un", parent=second, condition=_said(at("C"), "answered"))
    item(inner, "H", "short_text")
    third = section("Trois")
    item(third, "G", "short_text", _said(at("A"), value="no"))
    species = section("Quatre", loop="species")
    item(species, "P", "yes_no")
    item(species, "Q", "short_text", _said(at("P"), value="yes"))
    item(species, "R", "short_text", _said(at("A"), value="yes"))
    for number, size in enumerate(fillers):
        filler = section(f"Remplissage {number}")
        for i in range(size):
            item(filler, f"X{number}-{i}", "yes_no" if i % 2 else "short_text")
    questionnaires.publish(q)
    return q


def report_for(questionnaire, party: str = "FRA") -> Report:
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def answer_all(report, who) -> None:
    """Answer every item in every iteration (as a person could), shown or not."""
    filled = services.fill(report, "fr")
    for rendered in filled.rendered.items():
        raw = valid_raw(rendered.node, filled)
        change = saving.Change(raw=raw, raw_given=True)
        saving.save_answer(
            filled, rendered.node, rendered.loop_key, change, expected_version=0, user=who,
            locale="fr",
        )  # fmt: skip


def field(filled, name: str, loop_key: str = "") -> str:
    code = f"{filled.report.questionnaire.code}-{name}"
    return next(
        i.field_name
        for i in filled.rendered.items()
        if i.node.code == code and i.loop_key == loop_key
    )


class Spent:
    """The statements sent and the rows loaded as objects while it listens."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.loaded: Counter[str] = Counter()

    def _statement(self, conn, cursor, statement, parameters, context, executemany) -> None:
        statement = re.sub(r"sa_savepoint_\d+", "sa_savepoint", statement)
        # a list of ids (a page's items) is one statement, whatever its length
        statement = re.sub(r"IN \((?:(?:\?|%\(\w+\)s(?:::\w+)?)(?:, )?)+\)", "IN (…)", statement)
        self.statements.append(statement)

    def _loaded(self, session, instance) -> None:
        self.loaded[type(instance).__name__] += 1


def _work(statements: list[str]) -> list[str]:
    """`statements` without the savepoints each test request runs in (conftest)."""
    return [s for s in statements if "sa_savepoint" not in s]


def spent(connection, call) -> Spent:
    found = Spent()
    event.listen(connection, "before_cursor_execute", found._statement)
    event.listen(Session, "loaded_as_persistent", found._loaded)
    try:
        call()
    finally:
        event.remove(connection, "before_cursor_execute", found._statement)
        event.remove(Session, "loaded_as_persistent", found._loaded)
    return found


def post(client, report_id: int, name: str, value: str, version: int):
    body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: value}
    response = client.post(f"/reports/{report_id}/answers", data=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# --- cost ---------------------------------------------------------------------------------------


def test_one_autosave_costs_the_same_for_10_and_300_items(app, client, auth, database):
    with app.app_context():
        fp = user(FP_FRA)
        reports = {
            10: report_for(build("COSTA", [])),
            300: report_for(build("COSTB", [25] * 11 + [15])),
        }
        targets = {}
        for size, report in reports.items():
            answer_all(report, fp)
            filled = services.fill(report, "fr")
            assert len(filled.rendered.items()) == 10 + (size - 10) + 3 * (
                len(filled.species_keys) - 1
            )
            assert len(filled.answers) == len(filled.rendered.items())
            taxon = sorted(filled.species_keys)[0]
            targets[size] = (
                report.id,
                {  # an answer no condition reads; one that four sections read; one in a loop
                    "G": (field(filled, "G"), ["Texte", "Autre texte"]),
                    "A": (field(filled, "A"), ["no", "yes"]),
                    "P": (field(filled, "P", taxon), ["no", "yes"]),
                },
            )
        db.session.commit()
    auth.login(FP_FRA)
    seen = {}
    for size, (report_id, saves) in targets.items():
        for name, (name_field, values) in saves.items():
            for turn, value in enumerate(values):
                call = partial(post, client, report_id, name_field, value, turn + 1)
                seen[size, name, turn] = spent(database, call)
    for name in ("G", "A", "P"):
        for turn in (0, 1):
            small, large = seen[10, name, turn], seen[300, name, turn]
            assert small.statements == large.statements, (name, turn)
            assert small.loaded == large.loaded, (name, turn)


def test_an_autosave_in_a_species_loop_reads_three_things_and_writes_three(
    app, client, auth, database
):
    """Once the tree is kept and the person's latest revision can take the save: it reads the
    report, the session and the answers the skip logic needs, and writes the report, the answer
    and that revision. Not the species (kept with the tree), not the answer a second time."""
    with app.app_context():
        fp = user(FP_FRA)
        report = report_for(build("COSTS", []))
        answer_all(report, fp)
        filled = services.fill(report, "fr")
        report_id, name = report.id, field(filled, "Q", sorted(filled.species_keys)[0])
        db.session.commit()
    auth.login(FP_FRA)
    post(client, report_id, name, "Premier relevé", 1)
    found = spent(database, lambda: post(client, report_id, name, "Deuxième relevé", 2))
    tables = [
        (s.split()[0], re.search(r"(?:FROM|UPDATE) (\w+)", s).group(1))
        for s in _work(found.statements)
    ]
    assert tables == [
        ("SELECT", "reports"),
        ("SELECT", "user_sessions"),
        ("SELECT", "answers"),
        ("UPDATE", "reports"),
        ("UPDATE", "answers"),
        ("UPDATE", "answer_revisions"),
    ]
    with app.app_context():
        answer = db.session.scalar(
            sa.select(Answer).where(Answer.report_id == report_id, Answer.version == 3)
        )
        assert answer.value == "Deuxième relevé"
        assert [r.version for r in saving.history(answer)] == [3]


def test_a_section_page_costs_the_same_for_10_and_30_items(app, client, auth, database):
    with app.app_context():
        fp = user(FP_FRA)
        pages = {}
        for size in (10, 30):
            report = report_for(build(f"PAGE{size}", [size]))
            answer_all(report, fp)
            filled = services.fill(report, "fr")
            filler = filled.rendered.sections[-1]
            assert len(filler.items()) == size
            pages[size] = [
                f"/reports/{report.id}/sections/{s.node.id}"
                for s in (filler, filled.rendered.sections[0], filled.rendered.sections[3])
            ]
        db.session.commit()
    auth.login(FP_FRA)
    for small_url, large_url in zip(pages[10], pages[30], strict=True):
        counts = []
        for url in (small_url, large_url):
            client.get(url)  # the first visit may load what the session keeps
            page = spent(database, lambda: client.get(url))  # noqa: B023
            counts.append(page)
        assert counts[0].statements == counts[1].statements, small_url
        assert len(_work(counts[0].statements)) <= 12


# --- what an autosave says of the skip logic --------------------------------------------------


def visibility(report, viewer=None) -> dict[str, bool]:
    """Every field of the report and whether it is shown, from the whole questionnaire."""
    filled = services.fill(report, "fr", viewer=viewer)
    return {i.field_name: i.visible for i in filled.rendered.items()}


def check(said: dict, before: dict[str, bool], after: dict[str, bool]) -> None:
    """The autosave's answer agrees with the whole questionnaire evaluated again: each item it
    names is hidden as the page would hide it, and it names every item that changed."""
    affected, hidden = set(said["affected"]), set(said["hidden"])
    assert hidden <= affected
    assert affected <= set(after)
    assert {name for name in affected if not after[name]} == hidden
    changed = {name for name, shown in after.items() if before.get(name) != shown}
    assert changed <= affected


def test_what_an_autosave_shows_and_hides_is_what_the_whole_questionnaire_says(
    app, client, auth, database
):
    with app.app_context():
        report = report_for(build("SKIP", [4]))
        db.session.commit()
        filled = services.fill(report, "fr")
        taxa = sorted(filled.species_keys)
        f = {name: field(filled, name) for name in "ABCEFGH"}
        loop = {(name, t): field(filled, name, t) for name in "PQR" for t in taxa[:2]}
        every_r = {field(filled, "R", t) for t in taxa}
        report_id = report.id
    auth.login(FP_FRA)
    versions: Counter[str] = Counter()

    def save(name, value):
        with app.app_context():
            before = visibility(db.session.get(Report, report_id))
        said = post(client, report_id, name, value, versions[name])
        versions[name] += 1
        with app.app_context():
            after = visibility(db.session.get(Report, report_id))
        check(said, before, after)
        return set(said["affected"]), set(said["hidden"])

    # A is read by B, by C through B, by sections 2 (and 2.1 inside it) and 3, and in the loop
    affected, hidden = save(f["A"], "yes")
    assert affected == {f[n] for n in "BCEFHG"} | every_r
    assert hidden == {f[n] for n in "CFHG"}  # C waits for B; F for E; H (2.1) for C
    affected, hidden = save(f["B"], "yes")
    assert affected == {f["C"], f["H"]} and hidden == {f["H"]}
    affected, hidden = save(f["C"], "Oui")
    assert affected == {f["H"]} and hidden == set()  # section 2.1, inside another section
    affected, hidden = save(f["E"], "Texte")
    assert affected == {f["F"]} and hidden == set()
    # A = no hides the chain: B (still yes) hidden, so C hidden, so 2.1 hidden
    affected, hidden = save(f["A"], "no")
    assert hidden == {f[n] for n in "BCEFH"} | every_r
    assert f["G"] in affected and f["G"] not in hidden
    # in a loop, the same species only
    affected, hidden = save(loop["P", taxa[0]], "yes")
    assert affected == {loop["Q", taxa[0]]} and hidden == set()
    affected, hidden = save(loop["P", taxa[0]], "no")
    assert affected == {loop["Q", taxa[0]]} and hidden == {loop["Q", taxa[0]]}
    affected, hidden = save(loop["Q", taxa[1]], "Texte")  # read by nothing
    assert affected == set() and hidden == set()


def test_a_contributor_hears_of_their_sections_only(app, client, auth, database, mailbox):
    with app.app_context():
        fp = user(FP_FRA)
        questionnaire = build("SCOPE", [])
        report = report_for(questionnaire)
        filled = services.fill(report, "fr")
        f = {name: field(filled, name) for name in "ABCEFGH"}
        for name, value in (("A", "yes"), ("B", "yes")):
            item = next(i for i in filled.rendered.items() if i.field_name == f[name])
            change = saving.Change(raw=value, raw_given=True)
            saving.save_answer(filled, item.node, "", change, expected_version=0, user=fp,
                               locale="fr")  # fmt: skip
        sections = delegation.top_sections(questionnaire)
        delegation.assign(report, sections[1], CONTRIB, fp)  # section 2
        db.session.commit()
        report_id, contributor = report.id, user(CONTRIB)
    auth.login(CONTRIB)
    # F reads E (theirs) and A (the focal point's, outside their sections): shown, since A = yes
    said = post(client, report_id, f["E"], "Texte", 0)
    assert said["affected"] == [f["F"]] and said["hidden"] == []
    with app.app_context():
        report = db.session.get(Report, report_id)
        mine = visibility(report, viewer=contributor)
        assert mine[f["F"]] is True and f["A"] not in mine
        # what the contributor's autosave reads: the answers their skip logic needs, A's
        # only as a value (never held, never sent)
        found = cell.posted(report, "fr", contributor, f["E"])
        assert set(found.filled.answers) <= {(n.id, "") for n in [found.node, *found.affected]}
        assert set(found.filled.outside) == {("SCOPE-A", "")}
        # A, theirs to save: not part of their report
        assert cell.posted(report, "fr", contributor, f["A"]) is None
    refused = client.post(
        f"/reports/{report_id}/answers",
        data={"field": f["A"], f"p-{f['A']}": "1", f"v-{f['A']}": "1", f["A"]: "no"},
    )
    assert refused.status_code == 404 and refused.is_json
    # the focal point's save of A names the contributor's questions among the rest
    auth.logout()
    auth.login(FP_FRA)
    said = post(client, report_id, f["A"], "no", 1)
    assert {f["E"], f["F"], f["H"]} <= set(said["affected"])


# --- the field name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    ["f-0{id}", "f-{id}-", "f- {id}", "f-{id}-{taxon}", "f-{loop_id}", "f-{loop_id}-NOPE",
     "f-{section_id}", "f-99999999999", "f-{id}x", "f--{id}", "f-2147483648", ""],
)  # fmt: skip
def test_an_autosave_of_a_field_the_report_does_not_have_is_a_json_404(
    app, client, auth, database, shape
):
    with app.app_context():
        report = report_for(build("NAMES", []))
        db.session.commit()
        filled = services.fill(report, "fr")
        by_code = {i.node.code: i for i in filled.rendered.items()}
        name = shape.format(
            id=by_code["NAMES-A"].node.id,
            loop_id=by_code["NAMES-P"].node.id,
            taxon=sorted(filled.species_keys)[0],
            section_id=filled.rendered.sections[0].node.id,
        )
        report_id = report.id
    auth.login(FP_FRA)
    response = client.post(
        f"/reports/{report_id}/answers", data={"field": name, f"p-{name}": "1", name: "yes"}
    )
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["message"] == "Cette question ne fait pas partie du rapport."


def test_a_section_page_holds_its_answers_and_what_its_conditions_read(app, client, auth, database):
    """A section's page loads the answers of its items and of the items its skip logic reads
    (up the chain), not the whole report's; what it shows and hides is still what the whole
    report's evaluation says, and the values its script needs from elsewhere come with it."""
    with app.app_context():
        report = report_for(build("PARTS", [30, 12]))
        answer_all(report, user(FP_FRA))
        whole = services.fill(report, "fr")
        visible = {i.field_name: i.visible for i in whole.rendered.items()}
        pages = []
        for section in whole.rendered.sections:
            shown = [section.node, *(i.node for i in section.items())]
            needed = tree_module.needed_nodes(whole.tree, shown)
            held = sum(1 for node_id, _key in whole.answers if node_id in needed)
            url = f"/reports/{report.id}/sections/{section.node.id}"
            pages.append((url, held, [i.field_name for i in section.items()]))
        total, report_id = len(whole.answers), report.id
        db.session.commit()
    auth.login(FP_FRA)
    for url, held, names in pages:
        client.get(url)
        page = spent(database, lambda: client.get(url))  # noqa: B023
        assert page.loaded["Answer"] == held < total, url
        text = client.get(url).text
        boxes = dict(re.findall(r'<div class="answer" id="a-([^"]+)"([^>]*)>', text))
        assert sorted(boxes) == sorted(names), url
        assert {n: " hidden" not in attributes for n, attributes in boxes.items()} == {
            n: visible[n] for n in names
        }, url
    with app.app_context():  # such a part of the report cannot say what the whole lacks
        section_id = int(pages[1][0].rsplit("/", 1)[1])
        part = services.fill(db.session.get(Report, report_id), "fr", section=section_id)
        with pytest.raises(ValueError, match="part of the report"):
            completeness.issues(part, "fr")
