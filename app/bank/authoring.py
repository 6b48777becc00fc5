"""Bank authoring pages: a secretariat creates a question, changes one it owns (a new version once
the meaning is frozen) after seeing the differences in every language, proposes a change to
another instrument's question, and accepts or declines proposals on its own.

The rules live in app/bank/services.py; these views parse the form, call them, render."""

from __future__ import annotations

import hashlib

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import answers, bounds, policy, utils
from app.answers import settings, types
from app.bank import bp, services, table_form, vocabularies, wording
from app.bank.models import BankProposal, BankQuestion
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import current_language, languages
from app.policy import require

# Types whose configuration this form writes (a table's through app/bank/table_form.py).
FORM_TYPES = list(types.AnswerType)


def _question(code: str) -> BankQuestion:
    return services.question_by_code(code) or abort(404)


def _my_instruments() -> list[Instrument]:
    ids = policy.secretariat_instrument_ids(current_user)
    return sorted((db.session.get(Instrument, i) for i in ids), key=lambda i: i.code)


# --- the form ------------------------------------------------------------------------------------


def form_values(question: BankQuestion | None) -> dict:
    """The form pre-filled from the latest version of `question` (empty for a new one), under
    the names the form posts; the table editor's state under "table", the choices editor's rows
    under "choice_rows"."""
    values: dict = {"answer_type": "", "code": "", "minimum": "", "maximum": ""}
    values["table"] = table_form.table_values(None, languages())
    values["choice_rows"] = [{"key": "", "label": {}} for _i in range(2)]
    if question is None:
        return values
    latest = question.latest
    if latest.answer_type == types.AnswerType.TABLE:
        values["table"] = table_form.table_values(latest.config, languages())
        values |= table_form.form_fields(values["table"], languages())
    values.update(code=question.code, answer_type=latest.answer_type)
    for lang in languages():
        values[f"text_{lang}"] = latest.text.get(lang, "")
        values[f"guidance_{lang}"] = latest.guidance.get(lang, "")
        values[f"unit_{lang}"] = (latest.config.get("unit") or {}).get(lang, "")
    choices = latest.config.get("choices") or []
    if choices:
        values |= settings.choice_fields(choices)
        values["choice_rows"] = settings.choice_rows(values, languages())
    values |= settings.bound_fields(latest.config, current_language())
    values["integer"] = "y" if latest.config.get("integer") else ""
    values["allow_other"] = "y" if latest.config.get("allow_other") else ""
    return values


def posted_values(form) -> dict:
    """What was typed, to show again: the form's fields, and the table and choices editors'
    state with their pressed add or remove button applied."""
    return dict(form) | {
        "table": table_form.read_table(form, languages()),
        "choice_rows": settings.choice_rows(form, languages()),
    }


def edited(form) -> bool:
    """Whether an editor's add or remove button was pressed: the form comes back, unsaved."""
    return table_form.edited(form) or settings.rows_edited(form)


# The settings builder names the bounds' problems "min" and "max"; the form's fields are the
# designer's "minimum" and "maximum" (answers/_settings.html).
FIELD_OF_PROBLEM = {"min": "minimum", "max": "maximum"}


def parse(form, base: dict | None) -> tuple[dict, dict[str, str]]:
    """(definition, errors by field) from the posted form. `base` is the configuration being
    changed: keys it has that the form leaves unset are kept (see `_put`)."""
    errors: dict[str, str] = {}
    answer_type = form.get("answer_type", "")
    if answer_type not in {t.value for t in types.AnswerType}:
        errors["answer_type"] = _("Choose an answer type.")
    text = {lang: form.get(f"text_{lang}", "").strip() for lang in languages()}
    guidance = {lang: form.get(f"guidance_{lang}", "").strip() for lang in languages()}
    if not text.get("en"):
        errors["text_en"] = _("The English text of the question is required.")
    for name, limit in _limits(form):
        if bounds.text_length(form.get(name, "")) > limit:
            errors[name] = _("This text is longer than %(max)d characters.", max=limit)
    given = answers.Given(
        choices=settings.choice_rows(form, languages()),
        allow_other=bool(form.get("allow_other")),
        minimum=form.get("minimum", ""),
        maximum=form.get("maximum", ""),
        integer=bool(form.get("integer")),
        unit={lang: form.get(f"unit_{lang}", "") for lang in languages()},
    )
    if answer_type == types.AnswerType.TABLE:
        given.table, given.table_errors = table_form.parse_table(form, languages())
    config, problems = settings.build(answer_type, given, current_language(), base)
    if answer_type:
        for name, message in problems.items():
            errors.setdefault(FIELD_OF_PROBLEM.get(name, name), message)
    definition = {"answer_type": answer_type, "text": text, "guidance": guidance, "config": config}
    return definition, errors


def _limits(form) -> list[tuple[str, int]]:
    """The form's long texts, each with its limit (the page's `maxlength`)."""
    wording = [f"{part}_{lang}" for part in ("text", "guidance", "unit") for lang in languages()]
    return [(name, bounds.MAX_WORDING) for name in wording] + [("message", bounds.MAX_MESSAGE)]


def _digest(definition: dict, tags: list[str]) -> str:
    payload = utils.json_dumps([definition, sorted(tags)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _tags(form) -> list[str]:
    return [t for t in form.getlist("tags") if vocabularies.is_known(t)]


def _render(template: str, status: int = 200, **context):
    context.setdefault("errors", {})
    context.setdefault("diff", None)
    context.setdefault("table_errors", table_form.editor_errors(context["errors"]))
    table = (context.get("values") or {}).get("table")
    context.setdefault("table_focus", table and table_form.focus(request.form, table))
    return render_template(
        template,
        answer_types=FORM_TYPES,
        all_types=list(types.AnswerType),
        column_types=table_form.column_types(),
        vocabularies=vocabularies,
        **context,
    ), status


# --- creating ------------------------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
def new_question():
    require("bank.author")
    mine = _my_instruments()
    values = posted_values(request.form) if request.method == "POST" else form_values(None)
    tags = _tags(request.form)
    if request.method == "GET" or edited(request.form):
        return _render("bank/author_new.html", values=values, tags=tags, owners=mine)
    definition, errors = parse(request.form, None)
    code_problem = services.code_problem(request.form.get("code", ""))
    if code_problem:
        errors["code"] = code_problem
    owner = next((i for i in mine if i.code == request.form.get("owner")), mine[0])
    if not errors:
        try:
            question = services.create_question(
                code=request.form.get("code", ""),
                owner=owner,
                answer_type=definition["answer_type"],
                text=definition["text"],
                guidance=definition["guidance"],
                config=definition["config"],
                tags=tags,
                actor=current_user,
            )
        except services.BankError as error:
            db.session.rollback()
            errors["form"] = str(error)
        else:
            db.session.commit()
            flash(_("The bank question %(code)s is created.", code=question.code), "success")
            return redirect(url_for("bank.question", code=question.code))
    return _render(
        "bank/author_new.html", 422, values=values, tags=tags, owners=mine, errors=errors
    )


# --- changing one's own question, or proposing a change to another's -----------------------------


def _change_page(code: str, mode: str):
    question = _question(code)
    require("bank.version" if mode == "version" else "bank.propose", question)
    latest = question.latest
    template = f"bank/author_{mode}.html"
    if request.method == "GET":
        values = form_values(question)
        return _render(template, question=question, values=values, tags=question.tags)
    values, tags = posted_values(request.form), _tags(request.form)
    if edited(request.form):
        return _render(template, question=question, values=values, tags=tags)
    definition, errors = parse(request.form, latest.config)
    if errors:
        return _render(template, 422, question=question, values=values, tags=tags, errors=errors)
    rows, makes_version = services.preview_change(
        question,
        answer_type=definition["answer_type"],
        text=definition["text"],
        guidance=definition["guidance"],
        config=definition["config"],
    )
    tags_changed = mode == "version" and set(tags) != set(question.tags)
    shown = wording.lines(rows, latest.config, definition["config"])
    if tags_changed:
        shown.append(wording.tags_line(question.tags, tags))
    digest = _digest(definition, tags)
    # Saving needs the differences of exactly these values to have been shown first.
    seen = request.form.get("step") == "save" and request.form.get("previewed") == digest
    if not seen or (not rows and not tags_changed):
        if seen:
            errors["form"] = _("Nothing differs from version %(n)d.", n=latest.number)
        return _render(
            template,
            422 if errors else 200,
            question=question,
            values=values,
            tags=tags,
            errors=errors,
            diff=shown,
            makes_version=makes_version,
            digest=digest,
        )
    try:
        if mode == "version":
            version, is_new = latest, False
            if rows:
                version, is_new = services.change_question(
                    question,
                    answer_type=definition["answer_type"],
                    text=definition["text"],
                    guidance=definition["guidance"],
                    config=definition["config"],
                    actor=current_user,
                )
            if tags_changed:
                services.set_tags(question, tags, actor=current_user)
            message = (
                _("Version %(n)d of %(code)s is created.", n=version.number, code=question.code)
                if is_new
                else _(
                    "Version %(n)d of %(code)s is changed.", n=version.number, code=question.code
                )
            )
        else:
            mine = [i for i in _my_instruments() if i.id != question.owner_id]
            proposal = services.propose(
                question,
                instrument=mine[0],
                answer_type=definition["answer_type"],
                text=definition["text"],
                guidance=definition["guidance"],
                config=definition["config"],
                message=request.form.get("message", ""),
                actor=current_user,
            )
            message = _("Your proposal is sent to %(owner)s.", owner=question.owner.code)
    except services.BankError as error:
        db.session.rollback()
        errors["form"] = str(error)
        return _render(
            template, 422, question=question, values=values, tags=tags, errors=errors, diff=shown
        )
    db.session.commit()
    if mode != "version":
        services.mail_proposal(proposal)
        db.session.commit()  # the outbox's mails
    flash(message, "success")
    return redirect(url_for("bank.question", code=question.code))


@bp.route("/<code>/version", methods=["GET", "POST"])
def new_version(code: str):
    return _change_page(code, "version")


@bp.route("/<code>/propose", methods=["GET", "POST"])
def propose(code: str):
    return _change_page(code, "propose")


# --- deciding proposals --------------------------------------------------------------------------


@bp.route("/<code>/proposals")
def proposals(code: str):
    question = _question(code)
    require("bank.decide", question)
    open_ones = services.open_proposals(question)
    return render_template(
        "bank/author_proposals.html",
        question=question,
        proposals=[
            (p, wording.lines(services.proposal_diff(p), p.base_version.config, p.config))
            for p in open_ones
        ],
    )


@bp.route("/<code>/proposals/<int:proposal_id>", methods=["POST"])
def decide(code: str, proposal_id: int):
    question = _question(code)
    require("bank.decide", question)
    proposal = db.session.get(BankProposal, proposal_id)
    if proposal is None or proposal.question_id != question.id:
        abort(404)
    note = request.form.get("note", "")
    try:
        if request.form.get("decision") == "accept":
            version = services.accept(proposal, actor=current_user, note=note)
            message = _("The proposal is accepted: version %(n)d.", n=version.number)
        elif request.form.get("decision") == "decline":
            services.decline(proposal, actor=current_user, note=note)
            message = _("The proposal is declined.")
        else:
            abort(400)
    except services.BankError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("bank.proposals", code=question.code))
    db.session.commit()
    services.mail_decision(proposal)
    db.session.commit()  # the outbox's mails
    flash(message, "success")
    return redirect(url_for("bank.question", code=question.code))
