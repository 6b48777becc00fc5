"""A submission's answers as rows of the tidy relation (`submitted_answers`): written when a
report is submitted, from the snapshot the submission stores, so that the rows and the snapshot
always say the same; and rebuilt from the stored snapshots by the migration that introduced the
relation (and by `flask analysis rebuild`).

A row is one export cell of an answer, as the answer-type registry splits it (`answers.cells`):
one per chosen choice of a multiple choice, per filled table cell ("row/column"), per part of a
site, one otherwise. An answer that holds no value but "no information" or a comment is one row
without a value. The rows of an item that the other answers made not applicable are flagged
`hidden`: the cells of the answer kept there, or one row without a value when there is none.
Only the rows of a report's latest submission are `latest`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from app import answers
from app.answers.types import AnswerType
from app.extensions import db
from app.questionnaires.models import Questionnaire
from app.reporting.models import Answer, Report, Submission, SubmittedAnswer

# the columns of a row, in the order `_insert` gives them
COLUMNS = tuple(c.name for c in SubmittedAnswer.__table__.columns if c.name != "id")
BATCH = 1000


def record(submission: Submission) -> int:
    """Write the rows of `submission` (just stored) and make them the report's latest; the rows
    of its earlier submissions stop being latest. Returns how many rows were written."""
    db.session.execute(
        sa.update(SubmittedAnswer)
        .where(SubmittedAnswer.report_id == submission.report_id, SubmittedAnswer.latest)
        .values(latest=False)
        .execution_options(synchronize_session=False)
    )
    reused = reused_from(submission.report_id)
    rows = list(rows_of(submission, reused, latest=True))
    _insert(rows)
    return len(rows)


def rebuild(session=None) -> int:
    """Rebuild the whole relation from the stored snapshots (the migration that introduced it,
    and `flask analysis rebuild` after a change of how answers split into cells). Returns the
    number of rows written, in `session` (the migration's own). Where a copied answer came
    from is read from the live answers: the snapshots do not record it."""
    session = session or db.session
    session.execute(sa.delete(SubmittedAnswer))
    latest = (
        sa.select(Submission.report_id, sa.func.max(Submission.number).label("number"))
        .group_by(Submission.report_id)
        .subquery()
    )
    newest = {(report_id, number) for report_id, number in session.execute(sa.select(latest)).all()}
    written = 0
    ids = session.scalars(sa.select(Submission.id).order_by(Submission.id)).all()
    for submission_id in ids:
        submission = session.get(Submission, submission_id)
        is_latest = (submission.report_id, submission.number) in newest
        reused = reused_from(submission.report_id, session)
        rows = list(rows_of(submission, reused, latest=is_latest))
        _insert(rows, session)
        written += len(rows)
        session.expunge(submission)
    return written


def reused_from(report_id: int, session=None) -> dict[tuple[int, str], str]:
    """(item, loop key) → the code of the questionnaire each copied answer of the report came
    from, in one query."""
    source = sa.orm.aliased(Answer)
    stmt = (
        sa.select(Answer.node_id, Answer.loop_key, Questionnaire.code)
        .join(source, source.id == Answer.source_answer_id)
        .join(Report, Report.id == source.report_id)
        .join(Questionnaire, Questionnaire.id == Report.questionnaire_id)
        .where(Answer.report_id == report_id)
    )
    rows = (session or db.session).execute(stmt).all()
    return {(node_id, key): code for node_id, key, code in rows}


def rows_of(submission: Submission, reused: dict[tuple[int, str], str], *, latest: bool):
    """The rows of one submission, as dicts of column values, in the snapshot's order."""
    snap = submission.snapshot or {}
    nodes = {node["id"]: node for node in snap.get("nodes") or []}
    report = snap.get("report") or {}
    common = {
        "submission_id": submission.id,
        "report_id": submission.report_id,
        "party_id": (snap.get("party") or {}).get("id"),
        "questionnaire_id": (snap.get("questionnaire") or {}).get("id"),
        "instrument_id": (snap.get("instrument") or {}).get("id"),
        "cycle": (snap.get("questionnaire") or {}).get("cycle") or "",
        "latest": latest,
    }
    if common["party_id"] is None or not report:
        return
    say = answers.Saying("en")
    for entry in _entries(snap, nodes):
        node = nodes.get(entry.get("node_id"))
        if node is None or node.get("kind") == "section":
            continue
        answer_type = node.get("type") or ""
        config = node.get("config") or {}
        base = common | {
            "node_id": node["id"],
            "item_code": node.get("code") or "",
            "answer_type": answer_type,
            "bank_code": entry.get("bank_code"),
            "bank_version": entry.get("bank_version"),
            "loop_kind": _loop_of(node, nodes),
            "loop_key": entry.get("loop_key") or "",
            "other": entry.get("other") or "",
            "hidden": bool(entry.get("hidden")),
            "no_info": bool(entry.get("no_info")),
            "comment": entry.get("comment") or "",
            "provenance": entry.get("provenance") or "",
            "reused_from": reused.get((node["id"], entry.get("loop_key") or ""), ""),
        }
        value = entry.get("value")
        found = answers.cells(answer_type, config, value, say) if value is not None else []
        if not found:
            if base["no_info"] or base["comment"] or base["other"] or base["hidden"]:
                yield base | _cell(answer_type, 0, "", None)
            continue
        for position, cell in enumerate(found):
            part = "" if answer_type == AnswerType.MULTIPLE_CHOICE else cell.part
            column_type = _column_type(answer_type, config, cell.part)
            yield base | _cell(column_type, position, part, cell.value)


def _entries(snap: dict, nodes: dict[int, dict]) -> list[dict]:
    """The snapshot's answers, and an answer without a value for each item the other answers
    made not applicable and that holds none (so that analyses count the country as "not
    applicable" there, not as one that left the question empty), in document order."""
    entries = list(snap.get("answers") or [])
    stored = {(entry.get("node_id"), entry.get("loop_key") or "") for entry in entries}
    for node_id, loop_key in snap.get("hidden_items") or []:
        node = nodes.get(node_id)
        if node is None or (node_id, loop_key or "") in stored:
            continue
        bank = node.get("bank") or {}
        entries.append(
            {
                "node_id": node_id,
                "loop_key": loop_key or "",
                "bank_code": bank.get("code"),
                "bank_version": bank.get("version"),
                "value": None,
                "hidden": True,
            }
        )
    order = {node_id: position for position, node_id in enumerate(nodes)}
    # stable: the stored answers keep the snapshot's order within an item
    return sorted(entries, key=lambda e: (order.get(e.get("node_id"), -1), e.get("loop_key") or ""))


def _cell(answer_type: str, position: int, part: str, value: Any) -> dict:
    return {
        "position": position,
        "cell": part,
        "value": value,
        "value_text": value_text(value),
        "number": _number(answer_type, value),
    }


def value_text(value: Any) -> str:
    """A value as text for grouping and search: a key, a number, a date or a text as stored;
    a list or a mapping as its parts joined; booleans as the yes/no keys."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(value_text(v) for v in value.values())
    return str(value)


def _number(answer_type: str, value: Any) -> float | None:
    if answer_type != AnswerType.NUMBER or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    return None


def _column_type(answer_type: str, config: dict, part: str) -> str:
    """The type of one cell: a table's cell has its column's type."""
    if answer_type != AnswerType.TABLE:
        return answer_type
    column_key = part.partition("/")[2]
    for column in config.get("columns") or []:
        if column.get("key") == column_key:
            return column.get("type") or ""
    return ""


def _loop_of(node: dict, nodes: dict[int, dict]) -> str:
    """The loop of the nearest section around `node` that has one ("species", "site", "")."""
    parent = nodes.get(node.get("parent_id"))
    while parent is not None:
        if parent.get("loop"):
            return parent["loop"]
        parent = nodes.get(parent.get("parent_id"))
    return ""


def _insert(rows: list[dict], session=None) -> None:
    """Insert `rows`, BATCH at a time. Their NULLs are sent as such (`render_nulls`): else the
    ORM leaves a column out of a row where it is None, and starts a new statement each time
    the columns sent change (a report's rows took some 70 statements instead of one)."""
    session = session or db.session
    stmt = sa.insert(SubmittedAnswer).execution_options(render_nulls=True)
    for start in range(0, len(rows), BATCH):
        session.execute(stmt, rows[start : start + BATCH])
