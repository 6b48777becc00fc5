"""Admin pages for instruments, parties and memberships."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import services as accounts
from app.auth.models import Role
from app.directory import admin_bp as bp
from app.directory import services
from app.directory.forms import InstrumentForm, MembershipForm, PartyForm
from app.directory.models import InstrumentKind, Membership, MembershipStatus, Party, Region
from app.extensions import db
from app.forms_common import ConfirmForm, checked_search, options
from app.i18n import language_name, languages, translate
from app.policy import require


@bp.before_request
def _admins_only():
    require("directory.manage")


def _texts(form, prefix: str) -> dict[str, str]:
    return {code: getattr(form, f"{prefix}_{code}").data or "" for code in languages()}


def _instrument_form(obj=None, *, shown_only: bool = False) -> InstrumentForm:
    """The instrument's form: read from the request, or (`shown_only`, beside a refused
    membership) filled from `obj` whatever was posted."""
    form = InstrumentForm(formdata=None) if shown_only else InstrumentForm()
    form.kind.choices = options(InstrumentKind.choices())
    form.working_languages.choices = options([(code, language_name(code)) for code in languages()])
    if obj is not None and (request.method == "GET" or shown_only):
        form.code.data = obj.code
        form.code.render_kw = {"readonly": True}
        form.kind.data = obj.kind
        form.working_languages.data = list(obj.working_languages)
        form.website.data = obj.website
        for code in languages():
            getattr(form, f"name_{code}").data = obj.name.get(code, "")
            getattr(form, f"short_{code}").data = (obj.short_name or {}).get(code, "")
    return form


@bp.route("/instruments/")
def instruments():
    return render_template("directory/admin_instruments.html", instruments=services.instruments())


@bp.route("/instruments/new", methods=["GET", "POST"])
def new_instrument():
    form = _instrument_form()
    if form.validate_on_submit():
        try:
            instrument = services.create_instrument(
                code=form.code.data,
                kind=form.kind.data,
                name=_texts(form, "name"),
                short_name=_texts(form, "short"),
                working_languages=form.working_languages.data,
                website=form.website.data,
                actor=current_user,
            )
        except services.DirectoryError as error:
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The instrument %(code)s is created.", code=instrument.code), "success")
            return redirect(url_for(".instrument", code=instrument.code))
    return render_template("directory/admin_instrument_form.html", form=form, instrument=None)


@bp.route("/instruments/<code>", methods=["GET", "POST"])
def instrument(code: str):
    instrument = services.instrument_by_code(code) or abort(404)
    form = _instrument_form(instrument)
    form.code.render_kw = {"readonly": True}
    if form.validate_on_submit():
        try:
            services.update_instrument(
                instrument,
                kind=form.kind.data,
                name=_texts(form, "name"),
                short_name=_texts(form, "short"),
                working_languages=form.working_languages.data,
                website=form.website.data,
                actor=current_user,
            )
        except services.DirectoryError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for(".instrument", code=instrument.code))
    return _instrument_page(instrument, form, _membership_form(instrument))


def _instrument_page(instrument, form, membership_form, status: int = 200):
    return (
        render_template(
            "directory/admin_instrument_form.html",
            form=form,
            instrument=instrument,
            memberships=services.memberships_of(instrument),
            membership_form=membership_form,
            date_example=format_date(date(2026, 3, 31), "short"),
        ),
        status,
    )


def _membership_form(instrument) -> MembershipForm:
    form = MembershipForm(prefix="m")
    form.party.choices = options(
        [(p.code, f"{translate(p.name)} ({p.code})") for p in services.search_parties()]
    )
    form.status.choices = options(MembershipStatus.choices(services.allowed_statuses(instrument)))
    return form


@bp.route("/instruments/<code>/memberships", methods=["POST"])
def save_membership(code: str):
    instrument = services.instrument_by_code(code) or abort(404)
    form = _membership_form(instrument)
    if not form.validate_on_submit():
        # Refused next to its field, with what was typed; nothing is saved.
        return _instrument_page(
            instrument, _instrument_form(instrument, shown_only=True), form, 422
        )
    party = services.party_by_code(form.party.data) or abort(404)
    try:
        membership = services.set_membership(
            party, instrument, form.status.data, form.since.data, actor=current_user
        )
    except services.DirectoryError as error:
        db.session.rollback()
        form.status.errors = [*form.status.errors, str(error)]
        return _instrument_page(
            instrument, _instrument_form(instrument, shown_only=True), form, 422
        )
    db.session.commit()
    if form.since.data is None and membership.since is not None:
        message = _(
            "%(party)s: membership of %(instrument)s saved; the date already recorded"
            " (%(date)s) is kept.",
            party=translate(party.name),
            instrument=instrument.code,
            date=format_date(membership.since),
        )
    else:
        message = _(
            "%(party)s: membership of %(instrument)s saved.",
            party=translate(party.name),
            instrument=instrument.code,
        )
    flash(message, "success")
    return redirect(url_for(".instrument", code=instrument.code) + "#memberships")


@bp.route("/memberships/<int:membership_id>/delete", methods=["GET", "POST"])
def delete_membership(membership_id: int):
    """GET: what the removal does, and the button; POST (from that page): remove."""
    membership = db.session.get(Membership, membership_id) or abort(404)
    code = membership.instrument.code
    form = ConfirmForm()
    if not form.validate_on_submit():
        focal_points = accounts.holders(
            Role.FOCAL_POINT,
            instrument_id=membership.instrument_id,
            party_id=membership.party_id,
        )
        return render_template(
            "directory/admin_membership_remove.html",
            membership=membership,
            reports=services.removal_consequences(membership),
            focal_points=focal_points,
            form=form,
        )
    services.remove_membership(membership, actor=current_user)
    db.session.commit()
    flash(_("The membership is removed."), "success")
    return redirect(url_for(".instrument", code=code) + "#memberships")


def _party_form(obj: Party | None = None) -> PartyForm:
    form = PartyForm()
    form.region.choices = options([("", _("No region")), *Region.choices()])
    if obj is not None and request.method == "GET":
        form.code.data = obj.code
        form.kind.data = obj.kind
        form.region.data = obj.region or ""
        for code in languages():
            getattr(form, f"name_{code}").data = obj.name.get(code, "")
    return form


@bp.route("/parties/")
def parties():
    query, refused = checked_search(request.args.get("q"))
    region = request.args.get("region") or None
    if refused:
        flash(refused, "warning")
    return render_template(
        "directory/admin_parties.html",
        parties=[] if refused else services.search_parties(query, region, with_memberships=True),
        query=query,
        region=region,
        regions=list(Region),
    )


@bp.route("/parties/new", methods=["GET", "POST"])
def new_party():
    form = _party_form()
    if form.validate_on_submit():
        try:
            party = services.create_party(
                code=form.code.data,
                name=_texts(form, "name"),
                region=form.region.data,
                kind=form.kind.data,
                actor=current_user,
            )
        except services.DirectoryError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for(".party", code=party.code))
    return render_template("directory/admin_party_form.html", form=form, party=None)


@bp.route("/parties/<code>", methods=["GET", "POST"])
def party(code: str):
    party = services.party_by_code(code) or abort(404)
    form = _party_form(party)
    form.code.render_kw = {"readonly": True}
    if form.validate_on_submit():
        try:
            services.update_party(
                party, name=_texts(form, "name"), region=form.region.data, actor=current_user
            )
        except services.DirectoryError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for(".party", code=party.code))
    return render_template("directory/admin_party_form.html", form=form, party=party)
