"""Saving many answers at once (saving.save_answers): the no-JavaScript Save of a section is one
transaction whose statements do not grow with its items; each answer keeps the rules of a
single save (conflicts, replays, refusals, revisions merged or not), an answer refused or in
conflict leaves the others saved, and another request storing a cell in the middle of the
batch is met as one save at a time meets it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.answers.kinds import text as text_kind
from app.answers.kinds.text import MAX_TEXT
from app.auth import services as auth_services
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import saving, services
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, AnswerRevision, Report, ReportStatus
from app.utils import utcnow

FP_SEN, FP_FRA = "fp.sen@demo.test", "fp.fra@demo.test"
SIZES = (10, 30)


def user(email: str):
    return auth_services.user_by_email(email)


def build(sizes=SIZES, code: str = "CMS-BATCH") -> str:
    """A published CMS questionnaire `code` with one section per size in `sizes` (short texts,
    yes/no and numbers, in turn); its code."""
    q = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("CMS"), code=code, cycle=code[-6:],
        cycle_order=900 + sum(sizes),
        title={"en": "Batch", "fr": "Lot", "es": "Lote"},
    )  # fmt: skip
    kinds = ("short_text", "yes_no", "number")
    for s, size in enumerate(sizes):
        section = questionnaires.add_section(q, title={"en": f"S{s}", "fr": f"S{s}", "es": f"S{s}"})
        for i in range(size):
            questionnaires.add_local_item(
                q, section, code=f"BATCH-{s}-{i}", answer_type=kinds[i % 3],
                text={"en": f"Q{i}?", "fr": f"Q{i} ?", "es": f"¿Q{i}?"},
            )  # fmt: skip
    questionnaires.publish(q)
    db.session.flush()
    return code


def report_of(code: str, party: str = "SEN") -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def raw_for(kind: str, n: int) -> str:
    return {"short_text": f"Réponse {n}", "yes_no": ("yes", "no")[n % 2]}.get(kind, str(n))


def edits_of(filled, section, n: int = 1, **versions) -> list[saving.Edit]:
    """An edit of every item of `section` (answer `n`), against the versions stored now."""
    return [
        saving.Edit(
            item.node,
            item.loop_key,
            saving.Change(raw=raw_for(item.node.effective_type, n), raw_given=True),
            filled.answer(item).version if filled.answer(item) else 0,
        )
        for item in section.items()
    ]


class Counted:
    """SQL statements on the test's connection, and commits, while active."""

    def __init__(self, connection, monkeypatch=None) -> None:
        self.connection, self.monkeypatch = connection, monkeypatch
        self.statements = self.commits = 0

    def _statement(self, *args, **kwargs) -> None:
        self.statements += 1

    def __enter__(self) -> Counted:
        event.listen(self.connection, "before_cursor_execute", self._statement)
        if self.monkeypatch is not None:
            commit = Session.commit

            def counted_commit(session):
                self.commits += 1
                return commit(session)

            self.monkeypatch.setattr(Session, "commit", counted_commit)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.connection, "before_cursor_execute", self._statement)
        if self.monkeypatch is not None:
            self.monkeypatch.undo()


# --- through the HTTP client: the section's Save button ----------------------------------------


def section_form(filled, section, n: int) -> dict:
    form = {}
    for item in section.items():
        answer = filled.answer(item)
        form[f"p-{item.field_name}"] = "1"
        form[f"v-{item.field_name}"] = str(answer.version if answer else 0)
        form[item.field_name] = raw_for(item.node.effective_type, n)
    return form


def test_a_section_save_is_one_commit_and_its_statements_do_not_grow_with_items(
    app, client, auth, database, monkeypatch
):
    targets = {}
    with app.app_context():
        for size in SIZES:  # a questionnaire each: SEN's reports start empty alike
            report = report_of(build((size,), code=f"CMS-BATCH{size}"))
            section = services.fill(report, "fr").rendered.sections[0]
            targets[size] = (report.id, section.node.id)
        db.session.commit()
    auth.login(FP_SEN)
    costs = {}
    for size, (report_id, section_id) in targets.items():
        url = f"/reports/{report_id}/sections/{section_id}"
        for n in (1, 2):  # the first save inserts every answer, the second updates them
            with app.app_context():
                filled = services.fill(db.session.get(Report, report_id), "fr")
                section = filled.rendered.sections[0]
                assert len(section.items()) == size
                form = section_form(filled, section, n)
                db.session.remove()
            with Counted(database, monkeypatch) as counted:
                response = client.post(url, data=form)
            assert response.status_code == 302, response.text
            costs[(size, n)] = (counted.statements, counted.commits)
    assert costs[(10, 1)] == costs[(30, 1)] and costs[(10, 2)] == costs[(30, 2)], costs
    assert {commits for _statements, commits in costs.values()} == {1}
    with app.app_context():
        for size, (report_id, _section_id) in targets.items():
            stored = db.session.scalars(sa.select(Answer).where(Answer.report_id == report_id))
            assert sorted(a.version for a in stored) == [2] * size
            assert db.session.get(Report, report_id).status == ReportStatus.IN_PROGRESS


def test_a_section_save_keeps_the_others_when_one_conflicts_and_one_is_refused(app, client, auth):
    with app.app_context():
        code = build((6,))
        report = report_of(code)
        filled = services.fill(report, "fr")
        section = filled.rendered.sections[0]
        saving.save_answers(filled, edits_of(filled, section), user=user(FP_SEN), locale="fr")
        form = section_form(filled, section, 2)
        texts = [i for i in section.items() if i.node.effective_type == "short_text"]
        stale, long = texts[0].field_name, texts[1].field_name
        form[f"v-{stale}"] = "0"  # typed against no answer: someone has saved one since
        form[f"c-{long}"] = "x" * (MAX_TEXT + 1)
        url, report_id = f"/reports/{report.id}/sections/{section.node.id}", report.id
        by_name = {i.field_name: i.node.id for i in section.items()}
        db.session.commit()
    auth.login(FP_SEN)
    response = client.post(url, data=form)
    assert response.status_code == 200
    assert "alert-warning conflict" in response.text
    assert f"Ce texte dépasse {MAX_TEXT} caractères." in response.text  # fp.sen reads French
    with app.app_context():
        stored = {
            a.node_id: a
            for a in db.session.scalars(sa.select(Answer).where(Answer.report_id == report_id))
        }
        assert stored[by_name[stale]].version == 1  # the conflict: left as it was
        assert stored[by_name[long]].version == 1 and stored[by_name[long]].comment == ""
        others = [n for name, n in by_name.items() if name not in (stale, long)]
        assert {stored[n].version for n in others} == {2}  # the rest saved


# --- the service ----------------------------------------------------------------------------------


@pytest.fixture
def batch(ctx):
    """(filled, section) of SEN's report of a fresh 6-item questionnaire."""
    code = build((6,))
    filled = services.fill(report_of(code), "fr")
    return filled, filled.rendered.sections[0]


def test_a_batch_reports_a_conflict_and_a_refusal_and_saves_the_rest(ctx, batch):
    filled, section = batch
    sen = user(FP_SEN)
    saving.save_answers(filled, edits_of(filled, section), user=sen, locale="fr")
    edits = edits_of(filled, section, 2)
    edits[0].expected_version = 0  # stale
    edits[1].change.comment = "x" * (MAX_TEXT + 1)  # too long
    outcomes = saving.save_answers(filled, edits, user=sen, locale="fr")
    assert isinstance(outcomes[0], saving.Conflict) and outcomes[0].answer.version == 1
    assert type(outcomes[1]) is ReportingError
    assert outcomes[1].message == str(text_kind.too_long())
    assert all(isinstance(o, saving.Saved) and o.answer.version == 2 for o in outcomes[2:])
    versions = dict(
        ctx.execute(
            sa.select(Answer.node_id, Answer.version).where(Answer.report_id == filled.report.id)
        ).all()
    )
    assert [versions[e.node.id] for e in edits] == [1, 1, 2, 2, 2, 2]


def test_a_batch_updates_list_values_whichever_row_comes_first(ctx, batch):
    """On PostgreSQL the updates go as one array per column: an answer that is a list (a
    multiple choice, or a list kept as typed because it could not be read) in the first row
    is one element of that array, not a second dimension (found by the HTTP fuzzer)."""
    filled, section = batch
    sen = user(FP_SEN)
    saving.save_answers(filled, edits_of(filled, section), user=sen, locale="fr")
    edits = edits_of(filled, section, 2)
    edits = [edits[2], *edits[:2], *edits[3:]]  # a number first
    kept = [" none ", "yes", "no", "other"]
    edits[0].change.raw = kept  # not a number: kept as typed, a list
    outcomes = saving.save_answers(filled, edits, user=sen, locale="fr")
    assert all(isinstance(o, saving.Saved) and o.answer.version == 2 for o in outcomes)
    stored = ctx.execute(
        sa.select(Answer.typed, Answer.value).where(
            Answer.report_id == filled.report.id, Answer.node_id == edits[0].node.id
        )
    ).one()
    assert stored.typed == kept and stored.value is None


def test_a_batch_replayed_changes_nothing(ctx, batch):
    filled, section = batch
    sen = user(FP_SEN)
    first = saving.save_answers(filled, edits_of(filled, section), user=sen, locale="fr")
    revisions = ctx.scalar(sa.select(sa.func.count(AnswerRevision.id)))
    again = saving.save_answers(
        filled,
        [saving.Edit(e.node, e.loop_key, e.change, 0) for e in edits_of(filled, section)],
        user=sen,
        locale="fr",
    )  # the same save, arrived again against "no answer yet"
    assert all(o.replayed and o.answer.version == 1 for o in again)
    assert [o.answer.id for o in again] == [o.answer.id for o in first]
    assert ctx.scalar(sa.select(sa.func.count(AnswerRevision.id))) == revisions


def test_the_same_cell_twice_in_a_batch_is_saved_as_two_saves_would_be(ctx, batch):
    filled, section = batch
    item = section.items()[0]
    sen = user(FP_SEN)

    def edit(text, version):
        change = saving.Change(raw=text, raw_given=True)
        return saving.Edit(item.node, item.loop_key, change, version)

    outcomes = saving.save_answers(filled, [edit("Un", 0), edit("Deux", 0)], user=sen, locale="fr")
    assert outcomes[0].answer.version == 1 and isinstance(outcomes[1], saving.Conflict)
    outcomes = saving.save_answers(
        filled, [edit("Trois", 1), edit("Quatre", 2)], user=sen, locale="fr"
    )
    assert all(isinstance(o, saving.Saved) and not o.replayed for o in outcomes)
    answer = outcomes[1].answer
    assert (answer.version, answer.value) == (3, "Quatre")
    assert [(r.version, r.value) for r in saving.history(answer)] == [(3, "Quatre")]  # merged


def test_a_batch_costs_the_same_statements_for_10_and_30_answers(ctx, database):
    code = build()
    filled = services.fill(report_of(code), "fr")
    sen = user(FP_SEN)
    costs = []
    for n in (1, 2):  # first saves, then updates (their revisions merged)
        for section in filled.rendered.sections:
            edits = edits_of(filled, section, n)
            with Counted(database) as counted:
                outcomes = saving.save_answers(filled, edits, user=sen, locale="fr")
            assert all(o.answer.version == n for o in outcomes)
            costs.append(counted.statements)
    assert costs == [7, 7, 7, 7]  # whatever the number of answers


def test_revisions_of_a_batch_merge_by_the_rules_of_one_save(ctx, app, batch):
    filled, section = batch
    sen, fra = user(FP_SEN), user(FP_FRA)
    saving.save_answers(filled, edits_of(filled, section, 1), user=sen, locale="fr")
    saving.save_answers(filled, edits_of(filled, section, 2), user=sen, locale="fr")  # merged
    edits = edits_of(filled, section, 3)
    edits[0].change.over_conflict = True  # kept over someone else's: a revision of its own
    saving.save_answers(filled, edits, user=sen, locale="fr")
    saving.save_answers(filled, edits_of(filled, section, 4)[:2], user=fra, locale="fr")
    history = {
        item.node.id: [(r.version, r.user_id) for r in saving.history(filled.answer(item))]
        for item in section.items()
    }
    first, second, *rest = (history[i.node.id] for i in section.items())
    assert first == [(4, fra.id), (3, sen.id), (2, sen.id)]
    assert second == [(4, fra.id), (3, sen.id)]
    assert all(h == [(3, sen.id)] for h in rest)
    app.config["REVISION_MERGE_SECONDS"] = 0
    try:
        saving.save_answers(filled, edits_of(filled, section, 5)[2:], user=sen, locale="fr")
    finally:
        app.config["REVISION_MERGE_SECONDS"] = 300
    assert [r.version for r in saving.history(filled.answer(section.items()[2]))] == [4, 3]


def _saved_alone(filled, item, n: int, who, database, **change) -> tuple[saving.Saved, list[str]]:
    """Save `item` on its own (as an autosave does), answer `n`; the outcome and the
    statements it sent."""
    answer = filled.answer(item)
    version = answer.version if answer else 0
    edit = saving.Change(raw=raw_for(item.node.effective_type, n), raw_given=True, **change)
    sent: list[str] = []

    def listen(conn, cursor, statement, *args) -> None:
        if "SAVEPOINT" not in statement:  # the test's own (conftest)
            sent.append(" ".join(statement.split()[:3]))

    event.listen(database, "before_cursor_execute", listen)
    try:
        saved = saving.save_answer(
            filled, item.node, item.loop_key, edit, expected_version=version, user=who,
            locale="fr",
        )  # fmt: skip
    finally:
        event.remove(database, "before_cursor_execute", listen)
    return saved, sent


def revisions(sent: list[str]) -> list[str]:
    return [statement for statement in sent if "answer_revisions" in statement]


def test_one_save_merges_by_the_rules_of_a_batch_in_one_statement(ctx, app, batch, database):
    filled, section = batch
    sen, fra = user(FP_SEN), user(FP_FRA)
    first, second = section.items()[:2]
    _saved_alone(filled, first, 1, sen, database)
    _saved_alone(filled, first, 2, sen, database)
    saved, sent = _saved_alone(filled, first, 3, sen, database)
    # merged: the revision updated in place, nothing read of it first, nothing inserted
    assert revisions(sent) == ["UPDATE answer_revisions SET"]
    assert [(r.version, r.user_id) for r in saving.history(saved.answer)] == [(3, sen.id)]
    saved, sent = _saved_alone(filled, first, 4, fra, database)  # someone else: their own
    assert revisions(sent) == ["UPDATE answer_revisions SET", "INSERT INTO answer_revisions"]
    _saved_alone(filled, first, 5, fra, database, over_conflict=True)  # kept over: its own
    _saved_alone(filled, first, 6, fra, database)  # merges into 5, their own words
    history = [(r.version, r.user_id) for r in saving.history(filled.answer(first))]
    assert history == [(6, fra.id), (4, fra.id), (3, sen.id)]
    _saved_alone(filled, second, 1, sen, database)
    _saved_alone(filled, second, 2, sen, database)
    app.config["REVISION_MERGE_SECONDS"] = 0
    try:
        _saved_alone(filled, second, 3, sen, database)  # past the window
    finally:
        app.config["REVISION_MERGE_SECONDS"] = 300
    assert [r.version for r in saving.history(filled.answer(second))] == [3, 2]


def test_an_answer_read_for_its_save_and_overtaken_meanwhile_is_a_conflict(ctx, batch):
    """An autosave takes the answer it read at its start (cell.py: `read_for_save`) without
    reading it again; if another request saved it in between, the versioned update finds out:
    a conflict showing theirs, nothing of this save stored."""
    filled, section = batch
    sen = user(FP_SEN)
    saving.save_answers(filled, edits_of(filled, section), user=sen, locale="fr")
    item = section.items()[0]
    answer = filled.answer(item)
    filled.read_for_save = frozenset({(item.node.id, item.loop_key)})
    ctx.execute(
        sa.update(Answer.__table__)
        .where(Answer.id == answer.id)
        .values(version=2, value="Leur réponse")
    )
    with pytest.raises(saving.Conflict) as raised:
        saving.save_answer(
            filled, item.node, item.loop_key, saving.Change(raw="La mienne", raw_given=True),
            expected_version=1, user=sen, locale="fr",
        )  # fmt: skip
    assert raised.value.answer.value == "Leur réponse" and raised.value.answer.version == 2
    ctx.expire_all()
    assert ctx.scalar(sa.select(Answer.value).where(Answer.id == answer.id)) == "Leur réponse"
    assert [r.version for r in saving.history(ctx.get(Answer, answer.id))] == [1]


def _another_request_first(monkeypatch, ctx, act) -> None:
    """Make another request `act` on the database right after the batch read the cells (the
    batch then writes against what it read)."""
    read = saving._current
    done = []

    def current(report, cells):
        found = read(report, cells)
        if not done:
            done.append(True)
            act(report)
        return found

    monkeypatch.setattr(saving, "_current", current)


def test_a_first_save_beaten_by_another_is_a_replay_or_a_conflict(ctx, batch, monkeypatch):
    filled, section = batch
    sen = user(FP_SEN)
    edits = edits_of(filled, section)
    same, other = edits[0], edits[1]  # short text; yes/no

    theirs = {
        same.node.id: same.change.raw,
        other.node.id: "no" if other.change.raw == "yes" else "yes",
    }

    def insert_theirs(report):
        for node_id, value in theirs.items():
            ctx.execute(
                sa.insert(Answer.__table__).values(
                    report_id=report.id, node_id=node_id, loop_key="", value=value, version=1,
                    updated_by_id=sen.id, updated_at=utcnow(),
                )
            )  # fmt: skip

    _another_request_first(monkeypatch, ctx, insert_theirs)
    outcomes = saving.save_answers(filled, edits, user=sen, locale="fr")
    assert outcomes[0].replayed and outcomes[0].answer.version == 1
    assert isinstance(outcomes[1], saving.Conflict)
    assert outcomes[1].answer.value == theirs[other.node.id] != other.change.raw
    assert all(o.answer.version == 1 and not o.replayed for o in outcomes[2:])
    stored = ctx.scalars(sa.select(Answer).where(Answer.report_id == filled.report.id)).all()
    assert len(stored) == len(edits)
    revised = set(ctx.scalars(sa.select(AnswerRevision.answer_id)))
    assert {o.answer.id for o in outcomes[2:]} <= revised
    assert not {o.answer.id for o in outcomes[:2]} & revised  # theirs left no revision here


def test_an_update_overtaken_by_another_save_is_a_conflict_the_rest_saved(ctx, batch, monkeypatch):
    filled, section = batch
    sen = user(FP_SEN)
    saving.save_answers(filled, edits_of(filled, section), user=sen, locale="fr")
    edits = edits_of(filled, section, 2)
    overtaken = edits[3].node.id

    def save_theirs(report):
        ctx.execute(
            sa.update(Answer.__table__)
            .where(Answer.report_id == report.id, Answer.node_id == overtaken)
            .values(version=2, comment="Leur commentaire")
        )

    _another_request_first(monkeypatch, ctx, save_theirs)
    outcomes = saving.save_answers(filled, edits, user=sen, locale="fr")
    assert isinstance(outcomes[3], saving.Conflict)
    assert outcomes[3].answer.comment == "Leur commentaire"
    assert all(o.answer.version == 2 for i, o in enumerate(outcomes) if i != 3)
    ctx.expire_all()
    assert ctx.scalar(sa.select(Answer.comment).where(Answer.node_id == overtaken)) == (
        "Leur commentaire"
    )


def test_save_answer_is_a_batch_of_one(ctx, batch):
    filled, section = batch
    item = section.items()[0]
    sen = user(FP_SEN)
    change = saving.Change(raw="Un", raw_given=True)
    saved = saving.save_answer(
        filled, item.node, item.loop_key, change, expected_version=0, user=sen, locale="fr"
    )
    assert saved.answer.version == 1 and filled.answer(item) is saved.answer
    with pytest.raises(saving.Conflict):
        saving.save_answer(
            filled, item.node, item.loop_key, saving.Change(raw="Deux", raw_given=True),
            expected_version=0, user=sen, locale="fr",
        )  # fmt: skip
    with pytest.raises(ReportingError, match="supprimée|removed"):
        other = section.items()[1]
        saving.save_answer(
            filled, other.node, other.loop_key, change, expected_version=3, user=sen, locale="fr"
        )
