"""The sites of a party (where it monitors): listing, adding, renaming and removing them, reading
coordinates typed in the person's locale, and what of a report depends on them. A submitted or
accepted report keeps the sites its submission recorded (`sites_for`): the party's list moves
on through its other reports."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import answers, bounds
from app.answers import reading
from app.extensions import db
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, Questionnaire
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, Report, ReportStatus, Site, Submission

AS_SUBMITTED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def sites_of(party_id: int) -> list[Site]:
    stmt = (
        sa.select(Site)
        .where(Site.party_id == party_id, Site.removed.is_(False))
        .order_by(Site.name, Site.id)
    )
    return list(db.session.scalars(stmt))


def add_site(party_id: int, name: str, latitude=None, longitude=None) -> Site:
    site = Site(party_id=party_id, name=_site_name(name), latitude=latitude, longitude=longitude)
    db.session.add(site)
    db.session.flush()
    return site


def rename_site(site: Site, name: str, latitude=None, longitude=None) -> None:
    site.name = _site_name(name)
    site.latitude, site.longitude = latitude, longitude
    db.session.flush()


def remove_site(site: Site) -> None:
    """Removed sites leave the loops; their answers stay on record."""
    site.removed = True
    db.session.flush()


def _site_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ReportingError(_l("Give the site a name."))
    if len(name) > 200:
        raise ReportingError(_l("A site name has at most 200 characters."))
    return name


class SiteInvalid(ReportingError):
    """What was typed for a site cannot be saved: `errors` maps each field ("name",
    "latitude", "longitude") to its translated message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def site_of(party_id: int, site_id: int) -> Site | None:
    """One of the party's current sites; None for another party's site or a removed one."""
    site = db.session.get(Site, site_id)
    if site is None or site.party_id != party_id or site.removed:
        return None
    return site


def parse_coordinates(latitude: str | None, longitude: str | None, locale: str):
    """(latitude, longitude) in decimal degrees from what was typed in `locale`'s format
    ("14,6937" in French or Spanish, "14.6937" in English; the canonical form always works).
    Both or neither: (None, None) when both are empty. Raises SiteInvalid."""
    typed = {"latitude": latitude, "longitude": longitude}
    read: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    for part, text in typed.items():
        try:
            read[part] = reading.read_degrees(part, text, locale)
        except answers.ValueProblem as error:
            errors[part] = error.message
    if not errors and (read["latitude"] is None) != (read["longitude"] is None):
        if read["latitude"] is None:
            errors["latitude"] = str(_l("Give the latitude too, or leave both coordinates empty."))
        else:
            errors["longitude"] = str(
                _l("Give the longitude too, or leave both coordinates empty.")
            )
    if errors:
        raise SiteInvalid(errors)
    return read["latitude"], read["longitude"]


def save_site(
    party_id: int,
    site: Site | None,
    *,
    name: str | None,
    latitude: str | None,
    longitude: str | None,
    locale: str,
    actor=None,
) -> Site:
    """Add a site to the party (`site` None) or change `site`, from what the person typed, and
    record who did. Everything is checked before anything changes; SiteInvalid carries a
    message per field."""
    from app.audit import services as audit

    errors: dict[str, str] = {}
    clean = ""
    try:
        clean = _site_name(name or "")
    except ReportingError as error:
        errors["name"] = error.message
    else:
        others = [s for s in sites_of(party_id) if site is None or s.id != site.id]
        if any(s.name.casefold() == clean.casefold() for s in others):
            errors["name"] = str(_l("Another site of the party already has this name."))
    coordinates: tuple[float | None, float | None] = (None, None)
    try:
        coordinates = parse_coordinates(latitude, longitude, locale)
    except SiteInvalid as invalid:
        errors.update(invalid.errors)
    if errors:
        raise SiteInvalid(errors)
    action = "site.add" if site is None else "site.change"
    if site is None:
        site = add_site(party_id, clean, *coordinates)
    else:
        rename_site(site, clean, *coordinates)
    audit.record(actor, action, site, clean, party_id=party_id, coordinates=list(coordinates))
    return site


def withdraw_site(site: Site, actor=None) -> None:
    """Remove `site` from the party's loops (its answers stay) and record who did."""
    from app.audit import services as audit

    remove_site(site)
    audit.record(actor, "site.remove", site, site.name, party_id=site.party_id)


def site_answer_counts(report: Report) -> dict[str, int]:
    """How many answers `report` holds for each site, by loop key (removed sites included)."""
    current = tree_module.cached(report.questionnaire)
    in_site_loops = [
        node.id
        for node in current.items()
        if (loop := current.loop_section(node)) is not None and loop.loop == "site"
    ]
    if not in_site_loops:
        return {}
    stmt = (
        sa.select(Answer.loop_key, sa.func.count())
        .where(Answer.report_id == report.id, Answer.node_id.in_(in_site_loops))
        .group_by(Answer.loop_key)
    )
    return {key: count for key, count in db.session.execute(stmt)}


def has_site_loop(questionnaire: Questionnaire) -> bool:
    """Whether some section of `questionnaire` repeats for each site of the party."""
    stmt = sa.select(Node.id).where(Node.questionnaire_id == questionnaire.id, Node.loop == "site")
    return db.session.scalar(stmt.limit(1)) is not None


# --- the sites of a submitted report ------------------------------------------------------------


@dataclass(frozen=True)
class SubmittedSite:
    """A site as a submission recorded it: the party may have renamed or removed it since."""

    id: int
    name: str
    latitude: float | None = None
    longitude: float | None = None

    @property
    def key(self) -> str:
        return str(self.id)


def site_record(site: Site | SubmittedSite) -> dict:
    """What a submission's snapshot records of a site (see `sites_as_submitted`)."""
    return {
        "id": site.id,
        "name": site.name,
        "latitude": site.latitude,
        "longitude": site.longitude,
    }


def sites_as_submitted(snapshot: dict) -> list[SubmittedSite]:
    """The sites a snapshot recorded, in its order. A snapshot taken before the sites were
    recorded holds their keys only (its site loop's order): those sites as they are now."""
    records = snapshot.get("sites")
    if records is not None:
        return [
            SubmittedSite(r["id"], r["name"], r.get("latitude"), r.get("longitude"))
            for r in records
        ]
    keys = (snapshot.get("loops") or {}).get("site") or []
    ids = [i for i in (bounds.integer_or(str(k)) for k in keys) if i is not None]
    if not ids:
        return []
    rows = {s.id: s for s in db.session.scalars(sa.select(Site).where(Site.id.in_(ids)))}
    return [SubmittedSite(**site_record(rows[i])) for i in ids if i in rows]


def sites_for(report: Report) -> list[Site] | list[SubmittedSite]:
    """The sites `report` repeats its site questions over and its sites page lists: the
    party's current sites while the report is being filled (or was returned), those its latest
    submission recorded once it is submitted or accepted -- what was submitted."""
    if report.status_enum in AS_SUBMITTED:
        snapshot = db.session.scalar(
            sa.select(Submission.snapshot)
            .where(Submission.report_id == report.id)
            .order_by(Submission.number.desc())
            .limit(1)
        )
        if snapshot is not None:
            return sites_as_submitted(snapshot)
    return sites_of(report.party_id)
