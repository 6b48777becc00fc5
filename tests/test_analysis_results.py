"""The results of a questionnaire against figures computed by hand, on a small questionnaire
built, filled, submitted, returned and accepted in the test through the services the app uses.

The data (`build`): a convention of seven Parties owing one report each.

========  ========  ===============================================================
party     region    its report
========  ========  ===============================================================
SEN       Africa    submitted, accepted
KEN       Africa    submitted, awaiting review; since then a Range State, not a Party
FRA       Europe    submitted, returned, changed in draft, not resubmitted
ESP       Europe    submitted, returned, one answer changed, resubmitted, accepted
DEU       Europe    submitted with "no information" for most questions
BRA       SCAC      not started
AUS       Oceania   answered in draft, never submitted
========  ========  ===============================================================

So 7 owed the report and 5 submitted it (FRA's first submission counts until the next one;
ESP's second replaces its first; AUS's draft never counts).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app.analysis import query, tables
from app.analysis.query import Filters
from app.analysis.results import results
from app.auth import services as accounts
from app.auth.models import Role
from app.bank import species_lists
from app.bank.models import Species
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import saving, services, submission, tidy
from app.reporting.models import Report, SubmittedAnswer

PARTIES = ("SEN", "KEN", "FRA", "ESP", "DEU", "BRA", "AUS")
S1, S2 = "aquila_nipalensis", "falco_cherrug"  # Steppe Eagle, Saker Falcon
S1_LABEL = "Steppe Eagle (Aquila nipalensis)"
CHOICES_AB = [{"key": "a", "label": {"en": "Alpha"}}, {"key": "b", "label": {"en": "Beta"}}]
CHOICES_XYZ = [
    {"key": "x", "label": {"en": "Ex"}},
    {"key": "y", "label": {"en": "Why"}},
    {"key": "z", "label": {"en": "Zed"}},
]
TABLE = {
    "rows": [{"key": "r1", "label": {"en": "Row one"}}, {"key": "r2", "label": {"en": "Row two"}}],
    "columns": [
        {"key": "n", "type": "number", "label": {"en": "Count"}},
        {
            "key": "c",
            "type": "single_choice",
            "label": {"en": "Kind"},
            "choices": [{"key": "p", "label": {"en": "Pe"}}, {"key": "q", "label": {"en": "Qu"}}],
        },
    ],
}
STATUS_CHOICES = [
    {"key": "present", "label": {"en": "Present"}},
    {"key": "absent", "label": {"en": "Absent"}},
]


@dataclass
class World:
    questionnaire: object
    nodes: dict  # code → Node
    reports: dict  # party code → Report
    first: dict  # party code → first Submission
    second: dict  # party code → second Submission


class Filler:
    """Saves answers of one report the way the pages do (versions read back each time)."""

    def __init__(self, report: Report, who):
        self.report, self.who = report, who

    def __call__(self, code: str, raw=None, *, key: str = "", other=None, no_info=None):
        filled = services.fill(self.report, "en")
        node = filled.tree.by_code()[code]
        existing = filled.answers.get((node.id, key))
        change = saving.Change(raw=raw, raw_given=raw is not None, other=other, no_info=no_info)
        saved = saving.save_answer(
            filled,
            node,
            key,
            change,
            expected_version=existing.version if existing else 0,
            user=self.who,
            locale="en",
        )
        assert saved.problem is None, (code, raw, saved.problem)


def _questionnaire(instrument):
    species_list = species_lists.create_list(instrument, "T1")
    for taxon in (S1, S2):
        species = db.session.scalar(sa.select(Species).where(Species.taxon_id == taxon))
        species_lists.add_species(species_list, species)
    q = questionnaires.create_questionnaire(
        instrument=instrument,
        code="TAN-1",
        cycle="T1",
        cycle_order=1,
        title={"en": "Test analysis report"},
        species_list=species_list,
    )
    general = questionnaires.add_section(q, title={"en": "General"})

    def item(section, code, answer_type, config=None, condition=None):
        return questionnaires.add_local_item(
            q, section, code=code, answer_type=answer_type, text={"en": f"Question {code}"},
            config=config, condition=condition,
        )  # fmt: skip

    item(general, "TAN-YN", "yes_no")
    item(general, "TAN-SC", "single_choice", {"choices": CHOICES_AB, "allow_other": True})
    item(general, "TAN-MC", "multiple_choice", {"choices": CHOICES_XYZ})
    item(general, "TAN-NUM", "number")
    item(general, "TAN-TAB", "table", TABLE)
    item(general, "TAN-TXT", "long_text", None, {"item": "TAN-YN", "op": "equals", "value": "yes"})
    per_species = questionnaires.add_section(q, title={"en": "Per species"}, loop="species")
    item(per_species, "TAN-STATUS", "single_choice", {"choices": STATUS_CHOICES})
    present = {"item": "TAN-STATUS", "op": "equals", "value": "present"}
    item(per_species, "TAN-POP", "number", None, present)
    item(per_species, "TAN-NOTE", "short_text")
    questionnaires.publish(q)
    return q


def build() -> World:
    """The questionnaire and its seven reports (see the module's docstring)."""
    instrument = directory.create_instrument(
        code="TAN", kind="convention", name={"en": "Test Analysis Convention"},
        working_languages=["en"],
    )  # fmt: skip
    parties = {code: directory.party_by_code(code) for code in PARTIES}
    for party in parties.values():
        directory.set_membership(party, instrument, "party")
    q = _questionnaire(instrument)
    reviewer = accounts.user_by_email("admin@demo.test")
    reports, fill = {}, {}
    for code, party in parties.items():
        reports[code] = db.session.scalar(
            sa.select(Report).where(Report.questionnaire_id == q.id, Report.party_id == party.id)
        )
        who = accounts.create_user(f"fp.{code.lower()}@tan.test", f"Focal point {code}")
        accounts.grant_role(who, accounts.GrantScope(Role.FOCAL_POINT, instrument, party))
        fill[code] = Filler(reports[code], who)
    first, second = {}, {}

    def submit(code):
        return submission.submit(reports[code], fill[code].who, "en", notify=False)

    f = fill["SEN"]
    f("TAN-YN", "yes")
    f("TAN-SC", "other", other="Texte abandonné")  # typed, then another choice made:
    f("TAN-SC", "a")  # the "other" text stays stored, but "other" is no longer the answer
    f("TAN-MC", ["x", "y"])
    f("TAN-NUM", "10")
    f("TAN-TAB", {"r1": {"n": "1", "c": "p"}, "r2": {"n": "3"}})
    f("TAN-TXT", "Énergie renouvelable")
    f("TAN-STATUS", "present", key=S1)
    f("TAN-POP", "100", key=S1)
    f("TAN-STATUS", "absent", key=S2)
    f("TAN-NOTE", "Nid observé", key=S1)
    first["SEN"] = submit("SEN")
    submission.accept(reports["SEN"], reviewer, notify=False)

    f = fill["KEN"]
    f("TAN-YN", "no")  # TAN-TXT is not applicable, and never answered
    f("TAN-SC", "other", other="Pêche artisanale")
    f("TAN-MC", ["y"])
    f("TAN-NUM", "2.5")
    f("TAN-TAB", {"r1": {"c": "q"}})
    f("TAN-STATUS", "present", key=S1)
    f("TAN-POP", "50", key=S1)
    first["KEN"] = submit("KEN")
    directory.set_membership(parties["KEN"], instrument, "range_state")

    f = fill["FRA"]
    f("TAN-YN", "yes")
    f("TAN-SC", "other", other="Chasse")
    f("TAN-MC", ["x", "y", "z"])
    f("TAN-NUM", "7")
    f("TAN-TAB", {"r1": {"n": "5", "c": "p"}, "r2": {"c": "q"}})
    f("TAN-TXT", "Plan national pour les zones humides")
    f("TAN-STATUS", "absent", key=S1)
    f("TAN-STATUS", "present", key=S2)
    f("TAN-POP", "20", key=S2)
    first["FRA"] = submit("FRA")
    submission.return_report(reports["FRA"], reviewer, "Précisez.", notify=False)
    f("TAN-YN", "no")  # a draft: the first submission stays FRA's data
    f("TAN-NUM", "999")

    f = fill["ESP"]
    f("TAN-YN", "no")
    f("TAN-SC", "b")
    f("TAN-MC", ["z"])
    f("TAN-NUM", "100")
    f("TAN-TAB", None, no_info=True)
    f("TAN-STATUS", "present", key=S1)
    f("TAN-POP", "10", key=S1)
    f("TAN-STATUS", None, key=S2, no_info=True)
    first["ESP"] = submit("ESP")
    submission.return_report(reports["ESP"], reviewer, "Vérifiez 1.4.", notify=False)
    f("TAN-YN", "yes")  # TAN-TXT now applies, and is left unanswered
    f("TAN-NUM", "4")
    second["ESP"] = submit("ESP")
    submission.accept(reports["ESP"], reviewer, notify=False)

    f = fill["DEU"]
    f("TAN-TXT", "Texte caché")  # kept, then hidden by "no information" to TAN-YN
    f("TAN-YN", None, no_info=True)
    f("TAN-MC", None, no_info=True)
    first["DEU"] = submit("DEU")

    f = fill["AUS"]
    f("TAN-YN", "no")
    f("TAN-NUM", "1000")
    f("TAN-STATUS", "absent", key=S1)

    nodes = {n.code: n for n in q.nodes if n.code}
    return World(q, nodes, reports, first, second)


@pytest.fixture
def world(ctx) -> World:
    return build()


def result_of(world: World, filters: Filters = query.NO_FILTERS):
    found = results(world.questionnaire, query.EVERYTHING, filters, "en")
    return found, {item.code: item for item in found.items}


def counts(item_or_line) -> dict:
    return {c.key: (c.count, c.percent) for c in item_or_line.counts}


def tally(t) -> tuple:
    return (t.answered, t.submitted, t.no_info, t.hidden, t.unanswered)


def stats(s) -> tuple | None:
    if s is None:
        return None
    return (s.n, s.minimum, s.median, round(s.mean, 6), s.maximum, s.total)


# --- the whole questionnaire, no filter ----------------------------------------------------------


def test_denominators_and_choices(world):
    found, items = result_of(world)
    assert (found.owed, found.submitted) == (7, 5)
    yes_no = items["TAN-YN"]
    assert yes_no.owed == 7
    # (answered, submitted, no information, not applicable, no answer)
    assert tally(yes_no.tally) == (4, 5, 1, 0, 0)
    assert counts(yes_no) == {"yes": (3, 75.0), "no": (1, 25.0)}  # ESP's latest says yes

    single = items["TAN-SC"]
    assert tally(single.tally) == (4, 5, 0, 0, 1)
    assert counts(single) == {"a": (1, 25.0), "b": (1, 25.0), "other": (2, 50.0)}
    # the texts of those whose answer is "other", by country; SEN's abandoned text is not one
    assert [(o.party_code, o.text) for o in single.others] == [
        ("FRA", "Chasse"),
        ("KEN", "Pêche artisanale"),
    ]

    multiple = items["TAN-MC"]
    assert tally(multiple.tally) == (4, 5, 1, 0, 0)
    assert counts(multiple) == {"x": (2, 50.0), "y": (3, 75.0), "z": (2, 50.0)}


def test_numbers_tables_and_hidden_items(world):
    _found, items = result_of(world)
    number = items["TAN-NUM"]
    assert tally(number.tally) == (4, 5, 0, 0, 1)
    # SEN 10, KEN 2.5, FRA 7 (its draft 999 does not count), ESP 4 (its first 100 neither)
    assert stats(number.stats) == (4, 2.5, 5.5, 5.875, 10, 23.5)

    table = items["TAN-TAB"]
    assert tally(table.tally) == (3, 5, 1, 0, 1)
    cells = {line.key: line for line in table.cells}
    assert list(cells) == ["r1/n", "r1/c", "r2/n", "r2/c"]
    assert cells["r1/n"].label == "Row one — Count"
    assert cells["r1/n"].tally.answered == 2 and stats(cells["r1/n"].stats) == (2, 1, 3, 3, 5, 6)
    assert cells["r1/c"].tally.answered == 3
    assert counts(cells["r1/c"]) == {"p": (2, 66.7), "q": (1, 33.3)}
    assert cells["r2/n"].tally.answered == 1 and stats(cells["r2/n"].stats) == (1, 3, 3, 3, 3, 3)
    assert counts(cells["r2/c"]) == {"p": (0, 0.0), "q": (1, 100.0)}

    text = items["TAN-TXT"]
    # SEN and FRA answered; KEN (no) and DEU (no information) were not asked it, DEU's kept
    # answer included; ESP was asked it when it changed its answer, and left it empty
    assert tally(text.tally) == (2, 5, 0, 2, 1)
    assert text.is_text and text.counts == []


def test_loops_per_species(world):
    _found, items = result_of(world)
    status = items["TAN-STATUS"]
    assert status.loop == "species" and status.counts == [] and status.regions == []
    assert tally(status.tally) == (4, 5, 0, 0, 1)
    lines = {line.key: line for line in status.loops}
    assert list(lines) == [S2, S1]  # by name: Saker Falcon, Steppe Eagle
    assert lines[S1].label == "Steppe Eagle (Aquila nipalensis)"
    assert tally(lines[S1].tally) == (4, 5, 0, 0, 1)
    assert counts(lines[S1]) == {"present": (3, 75.0), "absent": (1, 25.0)}
    assert tally(lines[S2].tally) == (2, 5, 1, 0, 2)
    assert counts(lines[S2]) == {"present": (1, 50.0), "absent": (1, 50.0)}

    population = items["TAN-POP"]
    lines = {line.key: line for line in population.loops}
    # asked only where the species is present: SEN, KEN, ESP for the eagle, FRA for the falcon
    assert tally(lines[S1].tally) == (3, 5, 0, 2, 0)
    assert stats(lines[S1].stats) == (3, 10, 50, 53.333333, 100, 160)
    assert tally(lines[S2].tally) == (1, 5, 0, 4, 0)
    assert stats(lines[S2].stats) == (1, 20, 20, 20, 20, 20)
    # a country counts once for the item: four answered for some species, DEU for none
    assert tally(population.tally) == (4, 5, 0, 1, 0)


def test_by_region(world):
    _found, items = result_of(world)
    regions = {line.key: line for line in items["TAN-YN"].regions}
    assert list(regions) == ["africa", "europe"]  # no submission from SCAC or Oceania
    assert regions["africa"].label == "Africa"
    assert tally(regions["africa"].tally) == (2, 2, 0, 0, 0)
    assert counts(regions["africa"]) == {"yes": (1, 50.0), "no": (1, 50.0)}
    assert tally(regions["europe"].tally) == (2, 3, 1, 0, 0)
    assert counts(regions["europe"]) == {"yes": (2, 100.0), "no": (0, 0.0)}

    numbers = {line.key: line for line in items["TAN-NUM"].regions}
    assert stats(numbers["africa"].stats) == (2, 2.5, 6.25, 6.25, 10, 12.5)
    assert stats(numbers["europe"].stats) == (2, 4, 5.5, 5.5, 7, 11)
    assert tally(numbers["europe"].tally) == (2, 3, 0, 0, 1)


# --- filters ----------------------------------------------------------------------------------


def answered(world, code, key):
    return (world.nodes[code].id, key)


def test_each_filter_alone(world):
    found, items = result_of(world, Filters(regions=("africa",)))
    assert (found.owed, found.submitted) == (2, 2)
    assert counts(items["TAN-YN"]) == {"yes": (1, 50.0), "no": (1, 50.0)}

    found, items = result_of(world, Filters(regions=("scac", "oceania")))
    assert (found.owed, found.submitted) == (2, 0)  # BRA and AUS: AUS's draft never counts
    assert tally(items["TAN-YN"].tally) == (0, 0, 0, 0, 0)
    assert counts(items["TAN-YN"]) == {"yes": (0, None), "no": (0, None)}

    found, items = result_of(world, Filters(memberships=("party",)))
    assert (found.owed, found.submitted) == (6, 4)  # KEN is a Range State now
    assert counts(items["TAN-YN"]) == {"yes": (3, 100.0), "no": (0, 0.0)}
    assert tally(items["TAN-YN"].tally) == (3, 4, 1, 0, 0)
    found, items = result_of(world, Filters(memberships=("range_state",)))
    assert (found.owed, found.submitted) == (1, 1)
    assert counts(items["TAN-SC"]) == {"a": (0, 0.0), "b": (0, 0.0), "other": (1, 100.0)}

    # the report's status now: FRA is being corrected (its first submission counts), AUS is a
    # draft that never was submitted
    expected = {
        "accepted": (2, 2),
        "submitted": (2, 2),  # KEN and DEU
        "in_progress": (2, 1),
        "not_started": (1, 0),
        "returned": (0, 0),
    }
    for status, denominators in expected.items():
        found, items = result_of(world, Filters(statuses=(status,)))
        assert (found.owed, found.submitted) == denominators, status
    found, items = result_of(world, Filters(statuses=("in_progress",)))
    assert counts(items["TAN-YN"]) == {"yes": (1, 100.0), "no": (0, 0.0)}  # FRA's first
    assert stats(items["TAN-NUM"].stats) == (1, 7, 7, 7, 7, 7)

    found, items = result_of(world, Filters(answered=(answered(world, "TAN-YN", "yes"),)))
    assert (found.owed, found.submitted) == (3, 3)  # SEN, FRA, ESP (its latest)
    assert stats(items["TAN-NUM"].stats) == (3, 4, 7, 7, 10, 21)
    found, items = result_of(world, Filters(answered=(answered(world, "TAN-YN", "no"),)))
    assert (found.owed, found.submitted) == (1, 1)  # KEN; ESP's "no" was superseded
    found, items = result_of(world, Filters(answered=(answered(world, "TAN-MC", "z"),)))
    assert (found.owed, found.submitted) == (2, 2)  # FRA, ESP
    assert counts(items["TAN-MC"]) == {"x": (1, 50.0), "y": (1, 50.0), "z": (2, 100.0)}


def test_filters_combined(world):
    europe_yes = Filters(regions=("europe",), answered=(answered(world, "TAN-YN", "yes"),))
    found, items = result_of(world, europe_yes)
    assert (found.owed, found.submitted) == (2, 2)  # FRA, ESP
    assert counts(items["TAN-MC"]) == {"x": (1, 50.0), "y": (1, 50.0), "z": (2, 100.0)}
    assert stats(items["TAN-NUM"].stats) == (2, 4, 5.5, 5.5, 7, 11)

    found, items = result_of(world, Filters(regions=("europe",), statuses=("accepted",)))
    assert (found.owed, found.submitted) == (1, 1)  # ESP
    assert counts(items["TAN-SC"]) == {"a": (0, 0.0), "b": (1, 100.0), "other": (0, 0.0)}

    both = (answered(world, "TAN-YN", "yes"), answered(world, "TAN-SC", "other"))
    found, items = result_of(world, Filters(answered=both))
    assert (found.owed, found.submitted) == (1, 1)  # FRA: KEN said no
    assert [o.party_code for o in items["TAN-SC"].others] == ["FRA"]

    found, _items = result_of(
        world, Filters(memberships=("party",), statuses=("submitted",), regions=("africa",))
    )
    assert (found.owed, found.submitted) == (0, 0)  # KEN awaits review, but is no Party now


# --- the tidy relation --------------------------------------------------------------------------


def rows_of(world, code, party, *, latest=True) -> list[SubmittedAnswer]:
    return list(
        db.session.scalars(
            sa.select(SubmittedAnswer)
            .where(
                SubmittedAnswer.report_id == world.reports[party].id,
                SubmittedAnswer.node_id == world.nodes[code].id,
                SubmittedAnswer.latest.is_(latest),
            )
            .order_by(SubmittedAnswer.loop_key, SubmittedAnswer.position)
        )
    )


def cells_of(rows) -> list[tuple]:
    return [(r.loop_key, r.cell, r.value, r.number, r.no_info, r.hidden) for r in rows]


def test_tidy_rows_split_answers_into_cells(world):
    assert cells_of(rows_of(world, "TAN-MC", "SEN")) == [
        ("", "", "x", None, False, False),
        ("", "", "y", None, False, False),
    ]
    assert [r.position for r in rows_of(world, "TAN-MC", "SEN")] == [0, 1]
    assert cells_of(rows_of(world, "TAN-TAB", "SEN")) == [
        ("", "r1/n", 1, 1.0, False, False),
        ("", "r1/c", "p", None, False, False),
        ("", "r2/n", 3, 3.0, False, False),
    ]
    assert {r.answer_type for r in rows_of(world, "TAN-TAB", "SEN")} == {"table"}
    # "no information": one row, without a value
    assert cells_of(rows_of(world, "TAN-YN", "DEU")) == [("", "", None, None, True, False)]
    assert cells_of(rows_of(world, "TAN-TAB", "ESP")) == [("", "", None, None, True, False)]
    # a kept answer made not applicable, and a question not applicable and never answered
    assert cells_of(rows_of(world, "TAN-TXT", "DEU")) == [
        ("", "", "Texte caché", None, False, True)
    ]
    assert cells_of(rows_of(world, "TAN-TXT", "KEN")) == [("", "", None, None, False, True)]
    assert cells_of(rows_of(world, "TAN-POP", "SEN")) == [
        (S1, "", 100, 100.0, False, False),
        (S2, "", None, None, False, True),
    ]
    other = rows_of(world, "TAN-SC", "KEN")[0]
    assert (other.value, other.other) == ("other", "Pêche artisanale")
    row = rows_of(world, "TAN-POP", "KEN")[0]
    assert (row.loop_kind, row.item_code, row.cycle) == ("species", "TAN-POP", "T1")
    # nothing of the drafts, nothing of the reports never submitted
    for party in ("BRA", "AUS"):
        assert rows_of(world, "TAN-YN", party) == rows_of(world, "TAN-YN", party, latest=False)
        assert rows_of(world, "TAN-YN", party) == []


def test_latest_flips_on_resubmission(world):
    first, second = world.first["ESP"], world.second["ESP"]
    old = rows_of(world, "TAN-NUM", "ESP", latest=False)
    new = rows_of(world, "TAN-NUM", "ESP")
    assert [(r.submission_id, r.value) for r in old] == [(first.id, 100)]
    assert [(r.submission_id, r.value) for r in new] == [(second.id, 4)]
    every = db.session.scalars(
        sa.select(SubmittedAnswer).where(SubmittedAnswer.report_id == world.reports["ESP"].id)
    ).all()
    assert {r.latest for r in every if r.submission_id == first.id} == {False}
    assert {r.latest for r in every if r.submission_id == second.id} == {True}
    # FRA's returned report keeps its one submission as its latest
    assert {r.submission_id for r in rows_of(world, "TAN-YN", "FRA")} == {world.first["FRA"].id}


def _all_rows() -> list[tuple]:
    columns = [c for c in SubmittedAnswer.__table__.columns if c.name != "id"]
    found = db.session.execute(sa.select(*columns)).all()
    return sorted((tuple(row) for row in found), key=repr)


def test_rebuild_gives_the_rows_written_at_submission(world):
    before = _all_rows()
    assert len(before) > 50
    written = tidy.rebuild()
    db.session.expire_all()
    assert written == len(before)
    assert _all_rows() == before


# --- the tables the pages show and give as files ---------------------------------------------


def test_tables_give_the_figures_of_the_results(world, app):
    _found, items = result_of(world)
    with app.test_request_context():

        def tables_of(code, detail=True) -> dict:
            """The item's tables by their key without the item's part ("", "-regions"...)."""
            prefix = f"item-{world.nodes[code].id}"
            found = tables.item_tables(items[code], detail=detail)
            assert all(len(row) == len(t.columns) for t in found for row in t.rows)
            return {t.key.removeprefix(prefix): t for t in found}

        yes_no = tables_of("TAN-YN", detail=False)
        assert list(yes_no) == [""]
        assert yes_no[""].rows == [["Yes", 3, 75.0], ["No", 1, 25.0]]
        assert yes_no[""].note == (
            "4 answered, of 5 that submitted, of 7 that owed the report; "
            "no information: 1; not applicable: 0; no answer: 0."
        )
        number = tables_of("TAN-NUM")
        assert list(number) == ["", "-regions"]
        assert [c.label for c in number[""].columns] == [
            "n", "Minimum", "Median", "Mean", "Maximum", "Sum"
        ]  # fmt: skip
        assert number[""].rows == [[4, 2.5, 5.5, 5.875, 10, 23.5]]
        assert number["-regions"].rows == [
            ["Africa", 2, 0, 2, 2.5, 6.25, 6.25, 10, 12.5],
            ["Europe", 2, 0, 2, 4, 5.5, 5.5, 7, 11],
        ]
        assert tables_of("TAN-SC")["-other"].rows == [
            ["France", "", "Chasse"],
            ["Kenya", "", "Pêche artisanale"],
        ]

        # a table question: one table per column, counted or measured by the column's type
        table = tables_of("TAN-TAB")
        assert list(table) == ["-cells-n", "-cells-c"]
        counted = table["-cells-c"]
        assert counted.caption == f"{items['TAN-TAB'].number} — Kind, per row"
        assert [c.label for c in counted.columns] == [
            "Cell", "Answered", "No information", "Pe", "Pe (%)", "Qu", "Qu (%)"
        ]  # fmt: skip
        assert counted.rows == [
            ["Row one — Kind", 3, 0, 2, 66.7, 1, 33.3],
            ["Row two — Kind", 1, 0, 0, 0.0, 1, 100.0],
        ]
        measured = table["-cells-n"]
        assert [c.label for c in measured.columns][3:] == [
            "n", "Minimum", "Median", "Mean", "Maximum", "Sum"
        ]  # fmt: skip
        assert measured.rows == [
            ["Row one — Count", 2, 0, 2, 1, 3, 3, 5, 6],
            ["Row two — Count", 1, 0, 1, 3, 3, 3, 3, 3],
        ]

        population = tables_of("TAN-POP")
        assert list(population) == ["-loop"]
        assert population["-loop"].rows == [
            ["Saker Falcon (Falco cherrug)", 1, 0, 1, 20, 20, 20, 20, 20],
            [S1_LABEL, 3, 0, 3, 10, 50, 53.333333, 100, 160],
        ]
        # a text in a loop: how many answered, and no statistics of numbers it has none of (the
        # species that nobody wrote about is no line)
        note = tables_of("TAN-NOTE")["-loop"]
        assert [c.label for c in note.columns] == ["Species", "Answered", "No information"]
        assert note.rows == [[S1_LABEL, 1, 0]]
