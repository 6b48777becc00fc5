"""Read-only pages of the bank: search in any language, a question with its versions, their
differences in three languages, where each is used, proposals and history."""

from flask import abort, flash, render_template, request

from app import bounds
from app.answers import types
from app.bank import bp, queries, services, uses, vocabularies, wording
from app.directory import services as directory
from app.forms_common import checked_search
from app.policy import can, require


@bp.before_request
def _secretariats_and_analysts():
    require("bank.browse")


@bp.route("/")
def index():
    args = request.args
    instrument = directory.instrument_by_code(args.get("instrument") or "")
    owner = directory.instrument_by_code(args.get("owner") or "")
    tag = args.get("tag") if vocabularies.is_known(args.get("tag", "")) else None
    known_types = {t.value for t in types.AnswerType}
    answer_type = args.get("type") if args.get("type") in known_types else None
    query, refused = checked_search(args.get("q"))
    if refused:
        flash(refused, "warning")
    questions = (
        []
        if refused
        else queries.search(
            query, tag=tag, answer_type=answer_type, instrument=instrument, owner=owner
        )
    )
    return render_template(
        "bank/index.html",
        questions=questions,
        usage=uses.questionnaires.usage([q.id for q in questions]),
        query=query,
        tag=tag,
        answer_type=answer_type,
        instrument=instrument,
        owner=owner,
        instruments=directory.instruments(),
        translatable=[i for i in directory.instruments() if can("bank.translate", i)],
        vocabularies=vocabularies.VOCABULARIES,
        answer_types=list(types.AnswerType),
    )


@bp.route("/<code>")
def question(code: str):
    question = services.question_by_code(code) or abort(404)
    versions, args = question.versions, request.args
    newer = question.version(args.get("to", type=bounds.integer) or question.latest.number)
    older = question.version(args.get("from", type=bounds.integer) or max(newer.number - 1, 1))
    if newer is None or older is None:
        abort(404)
    return render_template(
        "bank/question.html",
        question=question,
        versions=versions,
        older=older,
        newer=newer,
        diff=wording.lines(services.diff(older, newer), older.config, newer.config)
        if older.id != newer.id
        else [],
        compatible=services.compatible(older, newer),
        usage=uses.questionnaires.usage([question.id]).get(question.id, []),
        proposals=services.proposals(question),
        history=[(event, wording.event_words(event)) for event in services.history(question)],
        vocabularies=vocabularies,
    )
