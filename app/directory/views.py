"""Public pages of the directory and the contact pages that the policy guards."""

from collections import Counter

from flask import abort, render_template

from app.auth.models import Role, RoleGrant
from app.directory import bp, services
from app.directory.models import Region
from app.extensions import db
from app.i18n import collated, translate
from app.policy import require


def _instrument_or_404(code: str):
    instrument = services.instrument_by_code(code)
    if instrument is None:
        abort(404)
    return instrument


@bp.route("/instruments/")
def instruments():
    return render_template("directory/instruments.html", instruments=services.instruments())


@bp.route("/instruments/<code>/")
def instrument(code: str):
    """Public: the instrument and its Parties (Signatories for an MoU), by region."""
    instrument = _instrument_or_404(code)
    memberships = services.memberships_of(instrument)
    reporting = [m for m in memberships if m.status == instrument.reporting_status]
    by_region = Counter(m.party.region for m in reporting)
    return render_template(
        "directory/instrument.html",
        instrument=instrument,
        memberships=memberships,
        reporting_count=len(reporting),
        by_region=[(r, by_region.get(r.value, 0)) for r in Region],
    )


@bp.route("/instruments/<code>/focal-points")
def instrument_contacts(code: str):
    instrument = _instrument_or_404(code)
    require("instrument.contacts", instrument)
    grants = [
        g
        for g in db.session.scalars(
            db.select(RoleGrant).where(
                RoleGrant.instrument_id == instrument.id, RoleGrant.role == Role.FOCAL_POINT
            )
        )
        if g.user.active
    ]
    grants = collated(grants, key=lambda g: f"{translate(g.party.name)}\n{g.user.name}")
    return render_template("directory/contacts.html", instrument=instrument, grants=grants)


@bp.route("/parties/<code>")
def party(code: str):
    party = services.party_by_code(code)
    if party is None:
        abort(404)
    require("party.view", party)
    people = list(
        db.session.scalars(
            db.select(RoleGrant).where(
                RoleGrant.party_id == party.id, RoleGrant.role == Role.FOCAL_POINT
            )
        )
    )
    return render_template("directory/party.html", party=party, people=people)
