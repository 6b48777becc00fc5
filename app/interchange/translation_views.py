"""Translation file pages: the texts of a questionnaire, or of the bank questions an instrument
owns, for one language as a workbook for translators (download), and that workbook read back
after a preview (upload, preview, apply). A questionnaire's files are for whoever manages it
(its secretariat); an instrument's bank questions' files for that instrument's secretariat. The
rules live in translation_file.py; these views parse the request, call it, render."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app.directory import services as directory
from app.extensions import db
from app.i18n import language_label
from app.interchange import bp, pending, translation_file
from app.policy import require
from app.questionnaires.pages import load_questionnaire

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLIFF = "application/x-xliff+xml"
MANAGE = "questionnaire.manage"


class UploadForm(FlaskForm):
    """The upload's CSRF check; the file comes from request.files."""


def _counts(scope, lang: str) -> tuple[int, int]:
    """How many texts a file into `lang` holds: all, and only those missing."""
    found = translation_file.entries(scope, lang)
    return len(found), sum(not entry.current for entry in found)


def _endpoints(scope) -> dict[str, str]:
    """The page, download and apply endpoints of `scope`'s files, with their argument."""
    if scope.kind == "bank":
        return {"page": ".bank_translation_page", "download": ".bank_translation_download",
                "apply": ".bank_translation_apply", "arg": "instrument"}  # fmt: skip
    return {"page": ".translation_page", "download": ".translation_download",
            "apply": ".translation_apply", "arg": "code"}  # fmt: skip


def _url(scope, name: str, **values) -> str:
    endpoints = _endpoints(scope)
    return url_for(endpoints[name], **{endpoints["arg"]: scope.code}, **values)


def _page(scope, form: UploadForm, status: int = 200):
    langs = translation_file.target_languages(scope)
    closed = scope.closed()
    return render_template(
        "interchange/translation.html" if scope.kind == "questionnaire"
        else "interchange/translation_bank.html",
        questionnaire=getattr(scope, "questionnaire", None),
        instrument=getattr(scope, "instrument", None),
        langs=langs,
        counts={lang: _counts(scope, lang) for lang in langs},
        source=scope.source_lang,
        closed=closed,
        form=form,
        download_url=_url(scope, "download"),
        upload_url=_url(scope, "page"),
    ), status  # fmt: skip


def _upload(scope):
    """The download form, and the upload of a filled file: the preview of what it changes."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(scope, form)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose the translation file (.xlsx or .xlf) to import."), "danger")
        return _page(scope, form, 422)
    data = upload.read(translation_file.MAX_BYTES + 1)
    outcome = translation_file.read(data, scope, apply=False)
    db.session.rollback()
    token = None
    if outcome.ok and outcome.updated:
        token = pending.keep(
            data, current_user.id, scope=f"{scope.kind}:{scope.code}",
            filename=upload.filename[:200],
        )  # fmt: skip
    return _preview(scope, outcome, upload.filename[:200], token)


def _preview(scope, outcome, filename: str, token: str | None):
    if not outcome.lang:
        what = ""
    elif scope.kind == "bank":
        what = _(
            "Translation of the bank questions of %(code)s into %(language)s.",
            code=scope.code,
            language=language_label(outcome.lang),
        )
    else:
        what = _(
            "Translation of %(code)s into %(language)s.",
            code=scope.code,
            language=language_label(outcome.lang),
        )
    return render_template(
        "interchange/translation_preview.html",
        code=scope.code,
        what=what,
        outcome=outcome,
        filename=filename,
        page_url=_url(scope, "page"),
        apply_url=_url(scope, "apply", token=token) if token else None,
    ), (200 if outcome.ok else 422)


def _download(scope, name: str):
    """The translation file of `scope` into ?lang= (every text, or with ?missing=1 only those
    missing in that language): a workbook, or with ?format=xliff an XLIFF document."""
    lang = request.args.get("lang", "")
    if lang not in translation_file.target_languages(scope):
        abort(404)
    only_missing = request.args.get("missing") == "1"
    stem = f"{name}-{lang}{'-missing' if only_missing else ''}"
    if request.args.get("format") == "xliff":
        data, mimetype, filename = (
            translation_file.xliff_file(scope, lang, only_missing),
            XLIFF,
            f"{stem}.xlf",
        )
    else:
        data, mimetype, filename = (
            translation_file.workbook(scope, lang, only_missing),
            XLSX,
            f"{stem}.xlsx",
        )
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _apply(scope, token: str, done_url: str):
    """Apply the file the preview showed (the same file, read again: what changed since is
    flagged or refused then)."""
    kept = pending.take(token, current_user.id)
    if kept is None or kept.facts.get("scope") != f"{scope.kind}:{scope.code}":
        flash(_("This import is no longer waiting: upload the file again."), "warning")
        return redirect(_url(scope, "page"))
    outcome = translation_file.read(kept.data, scope, apply=True, actor=current_user)
    if not outcome.ok:
        db.session.rollback()
        return _preview(scope, outcome, kept.facts.get("filename", ""), None)
    db.session.commit()
    pending.drop(token)
    count = len(outcome.updated)
    flash(ngettext("%(num)d text updated.", "%(num)d texts updated.", count), "success")
    if outcome.flagged:
        flash(
            ngettext(
                "%(num)d text flagged in the preview was not applied.",
                "%(num)d texts flagged in the preview were not applied.",
                len(outcome.flagged),
            ),
            "warning",
        )
    return redirect(done_url)


# --- a questionnaire's texts --------------------------------------------------------------------


def _questionnaire_texts(code: str):
    return translation_file.QuestionnaireTexts(load_questionnaire(code, MANAGE))


@bp.route("/translation/<code>", methods=["GET", "POST"])
@login_required
def translation_page(code: str):
    return _upload(_questionnaire_texts(code))


@bp.route("/translation/<code>/download")
@login_required
def translation_download(code: str):
    scope = _questionnaire_texts(code)
    return _download(scope, scope.code)


@bp.route("/translation/<code>/apply/<token>", methods=["POST"])
@login_required
def translation_apply(code: str, token: str):
    scope = _questionnaire_texts(code)
    return _apply(scope, token, url_for("questionnaires.texts", code=scope.code))


# --- the bank questions an instrument owns ------------------------------------------------------


def _bank_texts(code: str):
    instrument = directory.instrument_by_code(code[:40])
    if instrument is None:
        abort(404)
    require("bank.translate", instrument)
    return translation_file.BankTexts(instrument)


@bp.route("/translation/bank/<instrument>", methods=["GET", "POST"])
@login_required
def bank_translation_page(instrument: str):
    return _upload(_bank_texts(instrument))


@bp.route("/translation/bank/<instrument>/download")
@login_required
def bank_translation_download(instrument: str):
    scope = _bank_texts(instrument)
    return _download(scope, f"bank-{scope.code}")


@bp.route("/translation/bank/<instrument>/apply/<token>", methods=["POST"])
@login_required
def bank_translation_apply(instrument: str, token: str):
    scope = _bank_texts(instrument)
    return _apply(scope, token, url_for("bank.index", owner=scope.code))
