"""The one place that answers "may this user do this to that?".

Views, and later the API and exports, ask `decide` (or `require` inside a request). A rule
returns a `Decision` carrying a reason; when the object belongs to another country or another
instrument the decision is *hidden*, and the request answers 404 rather than confirming that
the object exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort
from flask_login import current_user

from app.auth.models import Role, User
from app.directory.models import Instrument, Party
from app.extensions import db, login_manager
from app.public.models import Publication
from app.reporting import facts


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    hidden: bool = False

    def __bool__(self) -> bool:
        return self.allowed


def allow(reason: str) -> Decision:
    return Decision(True, reason)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


def hide(reason: str) -> Decision:
    return Decision(False, reason, hidden=True)


# --- what a user holds -------------------------------------------------------------------------


def is_signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def has_role(user: Any, role: Role) -> bool:
    return is_signed_in(user) and any(g.role == role for g in user.grants)


def is_admin(user: Any) -> bool:
    return has_role(user, Role.ADMIN)


def secretariat_instrument_ids(user: Any) -> set[int]:
    if not is_signed_in(user):
        return set()
    return {g.instrument_id for g in user.grants if g.role == Role.SECRETARIAT}


def focal_point_scopes(user: Any) -> set[tuple[int, int]]:
    """(party_id, instrument_id) pairs the user is focal point for."""
    if not is_signed_in(user):
        return set()
    return {(g.party_id, g.instrument_id) for g in user.grants if g.role == Role.FOCAL_POINT}


def analyst_instrument_ids(user: Any) -> set[int] | None:
    """Instruments the user analyses; None means every instrument."""
    if not is_signed_in(user):
        return set()
    ids: set[int] = set()
    for grant in user.grants:
        if grant.role == Role.ANALYST:
            if grant.instrument_id is None:
                return None
            ids.add(grant.instrument_id)
    return ids


def analyses(user: Any, instrument_id: int) -> bool:
    scope = analyst_instrument_ids(user)
    return scope is None or instrument_id in scope


def party_ids(user: Any) -> set[int]:
    """Parties the user works for (as focal point or contributor)."""
    if not is_signed_in(user):
        return set()
    return {
        g.party_id
        for g in user.grants
        if g.role in (Role.FOCAL_POINT, Role.CONTRIBUTOR) and g.party_id is not None
    }


# --- rules ---------------------------------------------------------------------------------------


def _admin_only(user: User, obj: Any = None) -> Decision:
    if is_admin(user):
        return allow("administrator")
    return deny("administrators only")


def _view_party(user: User, party: Party) -> Decision:
    """A party's profile (memberships and its focal points' contacts)."""
    if is_admin(user):
        return allow("administrator")
    if party.id in party_ids(user):
        return allow("works for this party")
    instrument_ids = {m.instrument_id for m in party.memberships}
    if instrument_ids & secretariat_instrument_ids(user):
        return allow("secretariat of an instrument this party belongs to")
    if any(analyses(user, i) for i in instrument_ids) and has_role(user, Role.ANALYST):
        return allow("analyst of an instrument this party belongs to")
    return hide("another party")


def _view_instrument_contacts(user: User, instrument: Instrument) -> Decision:
    """The list of an instrument's focal points with their e-mail addresses."""
    if is_admin(user):
        return allow("administrator")
    if instrument.id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    if has_role(user, Role.ANALYST) and analyses(user, instrument.id):
        return allow("analyst of this instrument")
    return hide("another instrument")


def _view_dashboard(user: User, obj: Any = None) -> Decision:
    return allow("signed in")


def _browse_bank(user: User, obj: Any = None) -> Decision:
    if is_admin(user) or has_role(user, Role.SECRETARIAT) or has_role(user, Role.ANALYST):
        return allow("secretariat, analyst or administrator")
    return deny("the bank is for secretariats and analysts")


def _author_bank(user: User, obj: Any = None) -> Decision:
    """Creating a bank question: secretariats (the question belongs to their instrument)."""
    if secretariat_instrument_ids(user):
        return allow("secretariat")
    return deny("only secretariats author bank questions")


def _version_bank(user: User, question: Any) -> Decision:
    """A new version of a bank question, or a decision on proposals: its owner's secretariat."""
    if question.owner_id in secretariat_instrument_ids(user):
        return allow("secretariat of the owner instrument")
    return deny("only the owner's secretariat changes its question")


def _translate_bank(user: User, instrument: Any) -> Decision:
    """The translation files of the bank questions an instrument (`instrument`) owns: its
    secretariat, who may change those questions."""
    if instrument.id in secretariat_instrument_ids(user):
        return allow("secretariat of the owner instrument")
    return deny("only the owner's secretariat translates its questions")


def _propose_bank(user: User, question: Any) -> Decision:
    """A proposed change: a secretariat of another instrument than the owner."""
    if secretariat_instrument_ids(user) - {question.owner_id}:
        return allow("secretariat of another instrument")
    return deny("proposals come from other instruments' secretariats")


def _manage_species_list(user: User, instrument: Any) -> Decision:
    """An instrument's species lists (`instrument`): its secretariat. Whoever browses the bank
    reads them."""
    if instrument.id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    return deny("only the instrument's secretariat maintains its species lists")


def _manage_taxa(user: User, obj: Any = None) -> Decision:
    """The shared taxonomy (adding taxa, changing their names or group): any secretariat, since
    every instrument's lists draw on it, and administrators, who keep the shared reference data
    (countries, instruments). Changes are audited; a taxon is never removed."""
    if is_admin(user):
        return allow("administrator")
    if secretariat_instrument_ids(user):
        return allow("secretariat")
    return deny("only secretariats and administrators change the shared taxonomy")


def _view_questionnaire(user: User, questionnaire: Any) -> Decision:
    """A secretariat sees its own questionnaires in every state; everyone else who works on the
    instrument sees it once published. Other secretariats see published ones (to reuse them)."""
    instrument_id = questionnaire.instrument_id
    if instrument_id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    if is_admin(user):
        return allow("administrator")
    if questionnaire.status == "draft":
        return hide("a draft of another instrument")
    if any(i == instrument_id for _, i in focal_point_scopes(user)):
        return allow("focal point for this instrument")
    if has_role(user, Role.ANALYST) and analyses(user, instrument_id):
        return allow("analyst of this instrument")
    if has_role(user, Role.SECRETARIAT):
        return allow("secretariat of another instrument: published questionnaires are shared")
    return hide("not working on this instrument")


def _manage_questionnaire(user: User, questionnaire: Any) -> Decision:
    if questionnaire.instrument_id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    seen = _view_questionnaire(user, questionnaire)
    if not seen:
        return seen
    return deny("only the instrument's secretariat manages its questionnaires")


SUBMITTED_STATUSES = {"submitted", "accepted"}


def _fills(user: User, report: Any) -> bool:
    return (report.party_id, report.questionnaire.instrument_id) in focal_point_scopes(user)


def _read_whole_report(user: User, report: Any) -> Decision:
    """A national report: its party's focal points; the instrument's secretariat; analysts of
    the instrument once it is submitted. Everyone else is not told it exists."""
    instrument_id = report.questionnaire.instrument_id
    if _fills(user, report):
        return allow("focal point of this party for this instrument")
    if instrument_id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    if is_admin(user):
        return allow("administrator")
    if (
        has_role(user, Role.ANALYST)
        and analyses(user, instrument_id)
        and report.status in SUBMITTED_STATUSES
    ):
        return allow("analyst of this instrument, report submitted")
    return hide("another party's or another instrument's report")


def _party_acts_on_open_report(user: User, report: Any, others: str) -> Decision:
    """The party's focal points for the instrument, while the report is open; `others` says
    why anyone else who may read the report is refused."""
    seen = _view_report(user, report)
    if not seen:
        return seen
    if not _fills(user, report):
        return deny(others)
    if not report.is_editable:
        return deny("the report is submitted, or its questionnaire is closed")
    return allow("focal point of this party, report open")


def _fill_report(user: User, report: Any) -> Decision:
    return _party_acts_on_open_report(
        user, report, "only the party's focal points write its answers"
    )


def _manage_sites(user: User, report: Any) -> Decision:
    """The party's sites, changed from one of its reports (they serve all its reports): whoever
    may fill that report, and a contributor whose section of it loops over the sites. Whoever
    may only read the report reads the list ("report.view")."""
    whole = _fill_report(user, report)
    if whole or _fills(user, report):
        return whole
    seen = _contribute(user, report)
    if not seen:
        return seen
    if not assigned_sections(user, report) & facts.site_loop_sections(report):
        return deny("none of the contributor's sections loops over the sites")
    return allow("contributor of a section that loops over the sites, report open")


def _own_reports(user: User, obj: Any = None) -> Decision:
    if focal_point_scopes(user):
        return allow("focal point")
    if holds_assignments(user):
        return allow("contributor with delegated sections")
    return deny("not a focal point")


# --- delegation (app/reporting/facts.py): contributors hold live assignments only ---------------


def assigned_sections(user: User, report: Any) -> set[int]:
    """The top-level sections of `report` delegated to `user` and not withdrawn."""
    return facts.sections_of(user, report) if is_signed_in(user) else set()


def holds_assignments(user: User) -> bool:
    return is_signed_in(user) and facts.has_assignments(user)


def section_scope(user: Any, report: Any) -> frozenset[int] | None:
    """The top-level sections of `report` that `user` reads: None when they read the whole
    report; else the sections delegated to them (none when the report is hidden from them).
    What a report-filling service keeps of a report for that user."""
    if decide(user, "report.read_all", report):
        return None
    return frozenset(assigned_sections(user, report))


def _view_report(user: User, report: Any) -> Decision:
    """The whole report (see `_read_whole_report`), or, for a contributor, the report around
    the sections delegated to them: each page then asks "section.view"."""
    whole = _read_whole_report(user, report)
    if whole or not assigned_sections(user, report):
        return whole
    return allow("contributor with a section of this report")


def _view_section(user: User, target: tuple[Any, int | None]) -> Decision:
    """(report, top-level section id): whoever reads the whole report, or the contributor the
    section is delegated to. Other sections do not exist for a contributor (404)."""
    report, section_id = target
    seen = _view_report(user, report)
    if not seen or _read_whole_report(user, report):
        return seen
    if section_id is not None and section_id in assigned_sections(user, report):
        return allow("contributor of this section")
    return hide("a section not delegated to this contributor")


def _fill_section(user: User, target: tuple[Any, int | None]) -> Decision:
    """(report, top-level section id; None for an item outside sections): the focal points
    while the report is open; the section's contributor while it is open."""
    report, section_id = target
    seen = _view_section(user, target)
    if not seen:
        return seen
    if _fills(user, report):
        return _fill_report(user, report)
    if section_id is None or section_id not in assigned_sections(user, report):
        return deny("only the party's focal points and the section's contributor write here")
    if not report.is_editable:
        return deny("the report is submitted, or its questionnaire is closed")
    return allow("contributor of this section, report open")


def _contribute(user: User, report: Any) -> Decision:
    """Some section of the open report is delegated to the user (who fills only those)."""
    seen = _view_report(user, report)
    if not seen:
        return seen
    if not report.is_editable or not assigned_sections(user, report):
        return deny("no open section of this report is delegated to the user")
    return allow("contributor of a section, report open")


def _fill_part(user: User, report: Any) -> Decision:
    """The open report, all of it (its focal points) or the sections delegated to the user:
    what reuse, pre-fill and confirmation pages ask before they work on the sections the
    user fills ("section.fill" for each)."""
    whole = _fill_report(user, report)
    if whole or _fills(user, report):
        return whole
    return _contribute(user, report)


def _see_people(user: User, report: Any) -> Decision:
    """Who the report's sections are delegated to, and who changed what: its focal points."""
    seen = _view_report(user, report)
    if not seen:
        return seen
    if _fills(user, report):
        return allow("focal point of this party for this instrument")
    return deny("only the party's focal points manage delegations")


def _delegate(user: User, report: Any) -> Decision:
    """Delegating a section: the party's focal points, while the report is open. Contributors
    never delegate."""
    seen = _see_people(user, report)
    if not seen:
        return seen
    if not report.is_editable:
        return deny("the report is submitted, or its questionnaire is closed")
    return allow("focal point of this party, report open")


# --- submission and review (app/reporting/submission.py) ---------------------------------------


def _submit_report(user: User, report: Any) -> Decision:
    """Only the party's focal points for the instrument submit, while the report is open;
    contributors never do."""
    return _party_acts_on_open_report(
        user, report, "only the party's focal points submit its report"
    )


def _review_report(user: User, report: Any) -> Decision:
    """Return or accept: the secretariat of the report's instrument, once it is submitted."""
    seen = _view_report(user, report)
    if not seen:
        return seen
    if report.questionnaire.instrument_id not in secretariat_instrument_ids(user):
        return deny("only the instrument's secretariat reviews its reports")
    if report.status != "submitted":
        return deny("only a submitted report is returned or accepted")
    return allow("secretariat of this instrument, report submitted")


def _instrument_reports(user: User, instrument: Instrument) -> Decision:
    """The list of an instrument's reports with their status (administrators read it too)."""
    if instrument.id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    if is_admin(user):
        return allow("administrator (read only)")
    return hide("another instrument")


def _report_submissions(user: User, report: Any) -> Decision:
    """A report's audit trail and its review page: the party's focal points, the instrument's
    secretariat, administrators. (Its submissions and print: `_read_submissions`.)"""
    seen = _view_report(user, report)
    if not seen:
        return seen
    if _fills(user, report):
        return allow("focal point of this party for this instrument")
    if report.questionnaire.instrument_id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    if is_admin(user):
        return allow("administrator")
    return deny("the submissions are for the party and the instrument's secretariat")


def _read_submissions(user: User, report: Any) -> Decision:
    """A report's submissions, their differences, their print view and PDF: whoever reads its
    audit trail (`_report_submissions`), and analysts of the instrument once the report is
    submitted or accepted -- what was submitted, never a draft."""
    seen = _view_report(user, report)
    if not seen:
        return seen
    party_or_secretariat = _report_submissions(user, report)
    if party_or_secretariat:
        return party_or_secretariat
    analyst = has_role(user, Role.ANALYST) and analyses(user, report.questionnaire.instrument_id)
    if analyst and report.status in SUBMITTED_STATUSES:
        return allow("analyst of this instrument, report submitted")
    return party_or_secretariat


def submitted_reports_scope(user: Any) -> set[int] | None:
    """The instruments whose submitted reports `user` lists (analyst, secretariat); None: all
    of them (administrators, analysts of every instrument)."""
    if is_admin(user):
        return None
    analysed = analyst_instrument_ids(user) if has_role(user, Role.ANALYST) else set()
    if analysed is None:
        return None
    return analysed | secretariat_instrument_ids(user)


def _list_submitted_reports(user: User, obj: Any = None) -> Decision:
    """The list of submitted and accepted reports: analysts, secretariats, administrators."""
    if is_admin(user) or has_role(user, Role.ANALYST) or has_role(user, Role.SECRETARIAT):
        return allow("analyst, secretariat or administrator")
    return deny("the list of submitted reports is for analysts and secretariats")


# --- analysis ------------------------------------------------------------------------------------


def analysis_scope(user: Any) -> set[int] | None:
    """The instruments whose submitted answers `user` analyses: an analyst's grants (an
    unscoped grant: every instrument), a secretariat's own instrument; None: every instrument
    (administrators, unscoped analysts). Empty for everyone else."""
    if not is_signed_in(user):
        return set()
    if is_admin(user):
        return None
    analysed = analyst_instrument_ids(user) if has_role(user, Role.ANALYST) else set()
    if analysed is None:
        return None
    return analysed | secretariat_instrument_ids(user)


def reads_confidential(user: Any, instrument_id: int) -> bool:
    """Whether `user` may read the answers to confidential items (nest sites, poisoning cases)
    of `instrument_id` in analyses and exports: its secretariat and administrators. Analysts
    read the rest; the public never reads them."""
    if not is_signed_in(user):
        return False
    return is_admin(user) or instrument_id in secretariat_instrument_ids(user)


def reads_report_confidential(user: Any, report: Any) -> bool:
    """Whether `user` reads the answers to the confidential items of `report` when they read
    the report itself (its print view, PDF, DOCX, XLSX): the party's focal points, who wrote
    them, and whoever reads confidential answers of its instrument (`reads_confidential`)."""
    if not is_signed_in(user):
        return False
    return _fills(user, report) or reads_confidential(user, report.questionnaire.instrument_id)


def confidential_scope(user: Any) -> set[int] | None:
    """The instruments whose confidential answers `user` reads; None: every instrument."""
    if not is_signed_in(user):
        return set()
    return None if is_admin(user) else secretariat_instrument_ids(user)


def _use_analysis(user: User, obj: Any = None) -> Decision:
    """The analysis pages: analysts, secretariats (their instrument), administrators."""
    if is_admin(user) or has_role(user, Role.ANALYST) or has_role(user, Role.SECRETARIAT):
        return allow("analyst, secretariat or administrator")
    return deny("analysis is for analysts and secretariats")


def _analyse_questionnaire(user: User, questionnaire: Any) -> Decision:
    """The results of one questionnaire: whoever analyses its instrument; to anyone else it
    does not exist (404)."""
    scope = analysis_scope(user)
    if scope is None or questionnaire.instrument_id in scope:
        return allow("analyses this instrument")
    return hide("does not analyse this instrument")


def _plan_synthesis(user: User, questionnaire: Any) -> Decision:
    """The plan of a questionnaire's synthesis (its items and their order) and the answers it
    quotes: the instrument's secretariat and administrators; whoever else analyses it reads
    the plan; to anyone else the questionnaire does not exist (404)."""
    seen = _analyse_questionnaire(user, questionnaire)
    if not seen:
        return seen
    if is_admin(user) or questionnaire.instrument_id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument or administrator")
    return deny("the synthesis is planned by the instrument's secretariat")


# --- publication (app/public) -------------------------------------------------------------------


def is_public(questionnaire: Any) -> bool:
    """Whether the secretariat has published the accepted reports and results of
    `questionnaire` and not withdrawn them (asked on every request: a withdrawal is at once)."""
    if questionnaire is None or questionnaire.status == "draft":
        return False
    found = db.session.get(Publication, questionnaire.id)
    return found is not None and found.published


def _manage_publication(user: User, questionnaire: Any) -> Decision:
    """Publishing or withdrawing the accepted reports and results of a questionnaire: its
    instrument's secretariat and the administrators."""
    if questionnaire.instrument_id in secretariat_instrument_ids(user):
        return allow("secretariat of this instrument")
    if is_admin(user):
        return allow("administrator")
    seen = _view_questionnaire(user, questionnaire)
    if not seen:
        return seen
    return deny("only the instrument's secretariat publishes its reports")


def _read_public_questionnaire(user: Any, questionnaire: Any) -> Decision:
    """The public pages of a questionnaire, for anyone, signed in or not, once published; an
    unpublished or withdrawn one does not exist there (404)."""
    if is_public(questionnaire):
        return allow("published")
    return hide("not published")


# rules that answer visitors who are not signed in too
OPEN_ACTIONS = frozenset({"public.questionnaire"})


RULES: dict[str, Callable[..., Decision]] = {
    "dashboard.view": _view_dashboard,
    "users.manage": _admin_only,
    "directory.manage": _admin_only,
    "audit.read": _admin_only,
    "mail.manage": _admin_only,
    "party.view": _view_party,
    "instrument.contacts": _view_instrument_contacts,
    "bank.browse": _browse_bank,
    "bank.author": _author_bank,
    "bank.version": _version_bank,
    "bank.propose": _propose_bank,
    "bank.decide": _version_bank,
    "bank.translate": _translate_bank,
    "species_list.manage": _manage_species_list,
    "taxa.manage": _manage_taxa,
    "questionnaire.view": _view_questionnaire,
    "questionnaire.manage": _manage_questionnaire,
    "reports.own": _own_reports,
    "report.view": _view_report,
    "report.fill": _fill_report,
    "report.read_all": _read_whole_report,
    "report.contribute": _contribute,
    "report.fill_part": _fill_part,
    "report.people": _see_people,
    "report.delegate": _delegate,
    "section.view": _view_section,
    "section.fill": _fill_section,
    "report.sites": _manage_sites,
    "report.submit": _submit_report,
    "report.review": _review_report,
    "reports.instrument": _instrument_reports,
    "report.submissions": _report_submissions,
    "report.read_submissions": _read_submissions,
    "reports.submitted": _list_submitted_reports,
    "analysis.use": _use_analysis,
    "analysis.questionnaire": _analyse_questionnaire,
    "synthesis.plan": _plan_synthesis,
    "publication.manage": _manage_publication,
    "public.questionnaire": _read_public_questionnaire,
}


def decide(user: Any, action: str, obj: Any = None) -> Decision:
    """The decision for `user` doing `action` to `obj`. Unknown actions are denied."""
    rule = RULES.get(action)
    if rule is None:
        return deny(f"unknown action {action!r}")
    if not is_signed_in(user) and action not in OPEN_ACTIONS:
        return deny("not signed in")
    return rule(user, obj)


def can(action: str, obj: Any = None, user: Any = None) -> bool:
    """Template-friendly yes/no for the current user."""
    return decide(user if user is not None else current_user, action, obj).allowed


def require(action: str, obj: Any = None) -> Decision:
    """Inside a request: stop with 401 (login), 404 (hidden) or 403 unless allowed."""
    decision = decide(current_user, action, obj)
    if decision.allowed:
        return decision
    if not is_signed_in(current_user) and action not in OPEN_ACTIONS:
        abort(login_manager.unauthorized())
    abort(404 if decision.hidden else 403)
