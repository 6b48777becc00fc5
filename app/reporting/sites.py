"""The party's sites, managed from one of its reports: the list (with the answers this report
holds for each), adding, changing and removing a site. Sites belong to the party, not to the
report: every report of the party repeats its site questions over the same list, and a removed
site leaves all of them while its answers stay on record.

The routes live on the reporting blueprint (see register() in app/reporting/__init__.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import bounds, policy
from app.answers import reading
from app.extensions import db
from app.i18n import current_language, translate
from app.questionnaires.models import Node
from app.reporting import bp, site_store
from app.reporting.forms import RemoveSiteForm, SiteForm
from app.reporting.models import Report, Site
from app.reporting.pages import load_report


def _site(report: Report, site_id: int) -> Site:
    return site_store.site_of(report.party_id, site_id) or abort(404)


def _back(report: Report) -> int | None:
    """The top-level section whose "Manage sites" link led here, to go back to it."""
    section_id = request.args.get("section", type=bounds.integer)
    node = db.session.get(Node, section_id) if section_id else None
    if (
        node is None
        or node.questionnaire_id != report.questionnaire_id
        or not node.is_section
        or node.parent_id is not None
    ):
        return None
    return node.id


def _degrees(value: float | None, lang: str) -> str:
    return "" if value is None else reading.format_number(value, lang)


def _save(form: SiteForm, report: Report, site: Site | None, lang: str) -> Site | None:
    """Save what `form` holds and commit; on bad input, put each message next to its field."""
    try:
        saved = site_store.save_site(
            report.party_id,
            site,
            name=form.name.data,
            latitude=form.latitude.data,
            longitude=form.longitude.data,
            locale=lang,
            actor=current_user,
        )
    except site_store.SiteInvalid as invalid:  # nothing was changed
        for name, message in invalid.errors.items():
            form[name].errors = [message]
        flash(_("The site could not be saved: see the messages below."), "danger")
        return None
    db.session.commit()
    return saved


def _example(lang: str) -> dict[str, str]:
    return {
        part: reading.format_number(number, lang)
        for part, number in reading.COORDINATE_EXAMPLES.items()
    }


@bp.route("/<int:report_id>/sites", methods=["GET", "POST"])
def sites(report_id: int):
    report = load_report(report_id, "report.sites" if request.method == "POST" else "report.view")
    lang = current_language()
    back = _back(report)
    form = SiteForm()
    if form.validate_on_submit():
        site = _save(form, report, None, lang)
        if site is not None:
            flash(
                _(
                    "The site “%(name)s” is added to the sites of %(party)s.",
                    name=site.name,
                    party=translate(report.party.name),
                ),
                "success",
            )
            return redirect(url_for(".sites", report_id=report.id, section=back))
    counts = site_store.site_answer_counts(report)
    rows = [
        {
            "site": site,
            "latitude": _degrees(site.latitude, lang),
            "longitude": _degrees(site.longitude, lang),
            "answers": counts.get(site.key, 0),
        }
        for site in site_store.sites_for(report)
    ]
    return render_template(
        "reporting/sites.html",
        report=report,
        rows=rows,
        form=form,
        back=back,
        example=_example(lang),
        can_manage=policy.can("report.sites", report),
        as_submitted=report.status_enum in site_store.AS_SUBMITTED,
        has_site_loop=site_store.has_site_loop(report.questionnaire),
    )


@bp.route("/<int:report_id>/sites/<int:site_id>", methods=["GET", "POST"])
def edit_site(report_id: int, site_id: int):
    report = load_report(report_id, "report.sites")
    site = _site(report, site_id)
    lang = current_language()
    back = _back(report)
    form = SiteForm()
    form.submit.label.text = _("Save")
    if request.method == "GET":
        form.name.data = site.name
        form.latitude.data = _degrees(site.latitude, lang)
        form.longitude.data = _degrees(site.longitude, lang)
    elif form.validate_on_submit() and _save(form, report, site, lang) is not None:
        flash(_("Your changes are saved."), "success")
        return redirect(url_for(".sites", report_id=report.id, section=back))
    return render_template(
        "reporting/site_form.html",
        report=report,
        site=site,
        form=form,
        back=back,
        example=_example(lang),
    )


@bp.route("/<int:report_id>/sites/<int:site_id>/remove", methods=["GET", "POST"])
def remove_site(report_id: int, site_id: int):
    """A confirmation first: the site leaves every report of the party."""
    report = load_report(report_id, "report.sites")
    site = _site(report, site_id)
    back = _back(report)
    form = RemoveSiteForm()
    if form.validate_on_submit():
        site_store.withdraw_site(site, actor=current_user)
        db.session.commit()
        flash(
            _("The site “%(name)s” is removed; its answers stay on record.", name=site.name),
            "success",
        )
        return redirect(url_for(".sites", report_id=report.id, section=back))
    return render_template(
        "reporting/site_remove.html",
        report=report,
        site=site,
        form=form,
        back=back,
        answers=site_store.site_answer_counts(report).get(site.key, 0),
    )
