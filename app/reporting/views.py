"""Filling national reports: the focal point's cycle view, a report's table of contents, one
section at a time (saved by autosave, or by its Save button without JavaScript), the JSON
autosave endpoint, the validation report and an answer's history."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    get_template_attribute,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from app import answers, policy
from app.answers import reading
from app.answers.types import AnswerType
from app.extensions import db
from app.i18n import current_language, plural_samples
from app.policy import require
from app.questionnaires import render as render_module
from app.questionnaires import wording
from app.reporting import (
    attachments,
    bp,
    cell,
    completeness,
    delegation,
    fields,
    pages,
    saving,
    services,
)
from app.reporting.errors import ReportingError
from app.reporting.models import Answer
from app.reporting.pages import committed, load_report


@bp.route("/")
@login_required
def index():
    require("reports.own")
    lang = current_language()
    rows = pages.owed_rows(current_user, lang)
    delegated = pages.delegated_rows(current_user, lang)  # a contributor's sections
    return render_template("reporting/index.html", rows=rows, delegated=delegated)


@bp.route("/<int:report_id>/")
def show(report_id: int):
    report = load_report(report_id)
    lang = current_language()
    filled = services.fill(report, lang, viewer=current_user)
    found = completeness.issues(filled, lang)
    return render_template(
        "reporting/report.html",
        report=report,
        filled=filled,
        progress=completeness.progress(filled, found),
        issues=found,
        can_fill=policy.can("report.fill_part", report),
    )


def _section(filled: services.Filled, section_id: int) -> render_module.RenderedSection:
    for section in filled.rendered.sections:
        if section.node.id == section_id:
            return section
    abort(404)


@bp.route("/<int:report_id>/sections/<int:section_id>", methods=["GET", "POST"])
def section(report_id: int, section_id: int):
    report = load_report(report_id)
    require("section.fill" if request.method == "POST" else "section.view", (report, section_id))
    lang = current_language()
    saving_it = request.method == "POST"  # the save reads the cells it writes itself
    filled = services.fill(
        report, lang, viewer=current_user, section=section_id, read_answers=not saving_it
    )
    current = _section(filled, section_id)
    conflicts: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    if saving_it:
        conflicts, errors = _save_section(filled, current, request.form, lang)
        if not conflicts and not errors:
            flash(_("Your answers are saved."), "success")
            return redirect(url_for(".section", report_id=report.id, section_id=section_id))
        flash(_("Some answers could not be saved: see the messages below."), "danger")
        filled = services.fill(report, lang, viewer=current_user, section=section_id)
        current = _section(filled, section_id)
        shown = MultiDict(request.form)
        for name, answer in conflicts.items():  # a second Save keeps the text typed here
            shown.setlist(f"v-{name}", [str(answer.version)])
    else:
        shown = services.display_values(filled, current.items(), lang)
    return _render_section(filled, current, shown, conflicts, errors, lang)


def _save_section(filled, current, form, lang):
    """Save the items of the posted section in one transaction (one batch: see
    saving.save_answers), then attach the files posted for its file items; (conflicts,
    refusals) by field name. An item refused or in conflict leaves the others saved."""
    conflicts, errors = {}, {}
    items = {i.field_name: i for i in current.items()}
    posted = [items[name] for name in fields.field_names(form) if name in items]
    edits = [
        saving.Edit(
            item.node,
            item.loop_key,
            fields.change(form, item.field_name, item.node.effective_type),
            fields.version(form, item.field_name),
        )
        for item in posted
    ]
    outcomes = committed(
        lambda: saving.save_answers(filled, edits, user=current_user, locale=lang),
        retry=lambda: _reload_answers(filled),
    )
    for item, outcome in zip(posted, outcomes, strict=True):
        name = item.field_name
        if isinstance(outcome, saving.Conflict):
            conflicts[name] = outcome.answer
        elif isinstance(outcome, ReportingError):
            errors[name] = outcome.message
        elif item.node.effective_type == AnswerType.FILE:
            try:
                _attach(filled, item, request.files.getlist(f"u-{name}"), lang, optional=True)
            except ReportingError as error:
                errors[name] = error.message
    return conflicts, errors


def _attach(filled, item, files, lang, optional=False) -> saving.Saved | None:
    """Attach the uploaded `files` to `item` and commit."""
    uploads = [attachments.Upload(f.filename or "", f.stream) for f in files if f.filename]
    if not uploads and optional:
        return None

    def attach():
        for upload in uploads:  # a second attempt reads the files again from their start
            upload.stream.seek(0)
        return attachments.attach(
            filled, item.node, item.loop_key, uploads, user=current_user, locale=lang
        )

    return committed(attach, retry=lambda: _reload_answers(filled))


def _reload_answers(filled: services.Filled) -> None:
    filled.reload_answers()


def _save(filled, item, form, lang) -> saving.Saved:
    """Save one item from `form` and commit."""
    change = fields.change(form, item.field_name, item.node.effective_type)
    expected = fields.version(form, item.field_name)
    return committed(
        lambda: saving.save_answer(
            filled,
            item.node,
            item.loop_key,
            change,
            expected_version=expected,
            user=current_user,
            locale=lang,
        ),
        retry=lambda: _reload_answers(filled),
    )


def _render_section(filled, current, shown, conflicts, errors, lang):
    report = filled.report
    problems = {
        issue.item.field_name: issue.message
        for issue in completeness.issues(filled, lang, within=current)
        if issue.kind == completeness.IssueKind.INVALID
    }
    return render_template(
        "reporting/section.html",
        report=report,
        filled=filled,
        section=current,
        form=shown,
        conflicts={n: _theirs(filled, a, lang) for n, a in conflicts.items()},
        errors=errors,
        problems=problems,
        conditions={  # "Shown only when …" of the items on this page
            n.id: wording.describe(n.condition, filled.tree)
            for n in filled.tree.walk(current.node.id)
        },
        can_fill=policy.can("section.fill", (report, current.node.id)),
        species_options=_species_options(filled, lang),
        files=_files(filled, lang, current.node.id),
        condition_values=filled.condition_values(current),
        debounce=current_app.config["AUTOSAVE_DEBOUNCE_MS"],
        number_symbols=reading.symbols(lang),
        counted=_counted_statuses(lang),
    )


def _counted_statuses(lang) -> dict[str, dict[str, str]]:
    """The save statuses that count answers, each as one sentence per plural category of the
    language with {n} where the count goes (autosave.js picks the form and puts the count in)."""
    sentences = {
        "conflicts": lambda n: ngettext(
            "%(count)s answer in conflict: choose a version",
            "%(count)s answers in conflict: choose a version",
            n,
            count="{n}",
        ),
        "refused": lambda n: ngettext(
            "%(count)s answer could not be saved: see the message below.",
            "%(count)s answers could not be saved: see the messages below.",
            n,
            count="{n}",
        ),
        "invalid": lambda n: ngettext(
            "Saved, except %(count)s answer to correct",
            "Saved, except %(count)s answers to correct",
            n,
            count="{n}",
        ),
    }
    samples = plural_samples(lang)
    return {
        name: {category: say(n) for category, n in samples.items()}
        for name, say in sentences.items()
    }


def _files(filled, lang, section_id=None) -> dict:
    """What the file widgets need: the report's files and the limits they are checked against."""
    limit = attachments.max_bytes()
    return {
        "attachments": filled.attachments,
        "accept": attachments.accept_attribute(),
        "types": ", ".join(e.upper() for e in attachments.extensions()),
        "max_bytes": limit,
        "max_label": attachments.size_label(limit, lang),
        "size_label": lambda size: attachments.size_label(size, lang),
        "readonly": not policy.can("section.fill", (filled.report, section_id)),
    }


def _species_options(filled, lang):
    from app.i18n import translate

    return [
        (e.species.taxon_id, f"{translate(e.species.common_name, lang=lang)} — "
         f"{e.species.scientific_name}")
        for e in filled.species_entries
    ]  # fmt: skip


def _theirs(filled, answer, lang) -> dict:
    """Someone else's saved answer, as the conflict panel and the autosave script show it: in
    words (choice labels, not keys) and as the form fields that would restore it."""
    node = filled.tree.by_id[answer.node_id]
    shown = MultiDict()
    raw = (
        answer.typed
        if answer.is_invalid
        else answers.form_value(node.effective_type, node.effective_config, answer.value, lang)
    )
    name = render_module.RenderedItem(node, answer.loop_key, True, None).field_name
    fields.put(shown, name, node.effective_type, raw, answer)
    text = filled.words(node, answer, short=False) or "—"
    if answer.comment:
        text = " · ".join([text, _("Comment: %(text)s", text=answer.comment)])
    return {
        "version": answer.version,
        "by": answer.updated_by.name if answer.updated_by else "",
        "at": format_datetime(answer.updated_at, "short"),
        "text": text,
        "fields": list(shown.items(multi=True)),
    }


def _posted_item(report):
    """(the answer posted, top section id, language) for the item a script posted as `field`,
    which the user must be allowed to fill; a JSON 404 when the report has no such item. Reads
    only what saving this answer and its skip logic touch (cell.py), whatever the report's size."""
    lang = current_language()
    found = cell.posted(report, lang, current_user, request.form.get("field", ""))
    if found is None:
        message = _("This question is not part of the report.")
        abort(make_response(jsonify(status="error", message=message), 404))
    section_id = delegation.top_section_id(found.node, found.filled.tree)
    require("section.fill", (report, section_id))
    return found, section_id, lang


def _shown(found: cell.Posted) -> dict[str, list[str]]:
    """What the script updates after a save: the questions the saved answer may show or hide
    (`affected`) and which of them are hidden now (`hidden`)."""
    now = cell.shown(found)
    return {"affected": now.affected, "hidden": now.hidden}


@bp.route("/<int:report_id>/answers", methods=["POST"])
def autosave(report_id: int):
    """Save one item (the autosave script posts the item's inputs plus `field`)."""
    found, _section_id, lang = _posted_item(load_report(report_id))
    filled = found.filled
    try:
        saved = _save(filled, found, request.form, lang)
    except saving.Conflict as conflict:
        return jsonify(status="conflict", theirs=_theirs(filled, conflict.answer, lang)), 409
    except ReportingError as error:
        return jsonify(status="error", message=error.message), 422
    return jsonify(
        status="saved", version=saved.answer.version, problem=saved.problem, **_shown(found)
    )


@bp.route("/<int:report_id>/attachments", methods=["POST"])
def upload(report_id: int):
    """Attach files to one item (the autosave script posts `field` and the files `u-<field>`);
    answers with the item's new file list."""
    found, section_id, lang = _posted_item(load_report(report_id))
    filled, name = found.filled, found.field_name
    try:
        saved = _attach(filled, found, request.files.getlist(f"u-{name}"), lang)
    except ReportingError as error:
        return jsonify(status="error", message=error.message), 422
    file_list = get_template_attribute("questionnaires/_widgets.html", "file_list")
    return jsonify(
        status="saved",
        version=saved.answer.version,
        files=str(file_list(name, saved.answer.value or [], _files(filled, lang, section_id))),
        **_shown(found),
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    """A request over MAX_CONTENT_LENGTH (or the form parser's limits) is refused before it is
    read, often before the view runs (the CSRF check reads the form first). The scripts get the
    JSON refusal they show for any refused save or file; a section posted without JavaScript goes
    back to its page with the message, where the answers saved before are as they were."""
    larger = _("What you sent is larger than the site accepts.")
    limit = attachments.size_label(attachments.max_bytes(), current_language())
    if request.endpoint == "reporting.upload":
        attach = _("No file was attached; each file may be up to %(max)s.", max=limit)
        return jsonify(status="error", message=f"{larger} {attach}"), 413
    if request.endpoint == "reporting.autosave":
        return jsonify(status="error", message=larger), 413
    if request.endpoint == "reporting.section" and request.method == "POST":
        kept = _(
            "Nothing on this page was saved this time; the answers saved before are kept. "
            "Attach files of at most %(max)s, a few at a time.",
            max=limit,
        )
        flash(f"{larger} {kept}", "danger")
        return redirect(url_for(".section", **(request.view_args or {})), code=303)
    title = _("File too large")
    return render_template("errors/error.html", code=413, title=title, message=larger), 413


@bp.route("/<int:report_id>/attachments/<int:attachment_id>")
def attachment(report_id: int, attachment_id: int):
    """A file, to whoever may read the report (as a download, never shown inline)."""
    report = load_report(report_id)
    found = db.session.get(attachments.Attachment, attachment_id)
    if found is None or found.report_id != report.id:
        abort(404)
    require("section.view", (report, delegation.top_section_id(found.node_id)))
    try:
        stored = attachments.open_stored(found)
    except FileNotFoundError:
        abort(404)
    except attachments.AttachmentError as error:  # the storage cannot be read just now
        title = _("File unavailable")
        page = render_template("errors/error.html", code=503, title=title, message=error.message)
        return page, 503
    response = send_file(
        stored,
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.filename,
        last_modified=found.uploaded_at,
        max_age=0,
        etag=found.sha256,
        conditional=False,
    )
    response.content_length = stored.size  # a stream's size is the storage's to tell
    response.make_conditional(request, accept_ranges=True, complete_length=stored.size)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/<int:report_id>/validation")
def validation(report_id: int):
    report = load_report(report_id)
    lang = current_language()
    filled = services.fill(report, lang, viewer=current_user)
    return render_template(
        "reporting/validation.html",
        report=report,
        issues=completeness.issues(filled, lang),
        hidden_count=len(completeness.hidden_answers(filled)),
    )


@bp.route("/<int:report_id>/history/<int:node_id>")
def history(report_id: int, node_id: int):
    report = load_report(report_id)
    loop_key = request.args.get("loop", "")
    answer = services.answers_of(report).get((node_id, loop_key)) or abort(404)
    require("section.view", (report, delegation.top_section_id(answer.node)))
    filled = services.fill(report, current_language(), viewer=current_user)
    revisions = saving.history(answer)
    return render_template(
        "reporting/history.html",
        report=report,
        answer=answer,
        node=answer.node,
        revisions=revisions,
        sources=saving.revision_sources(revisions),
        texts={r.id: filled.words(answer.node, r) for r in revisions},
        files=filled.attachments if answer.node.effective_type == "file" else {},
    )
