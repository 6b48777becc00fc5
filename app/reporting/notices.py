"""Who is told by e-mail of what happens to a report, and the sentences that say so.

Each message is rendered in its recipient's language. A mail that fails is logged and undoes
nothing (the submission or decision stands: the site shows it), but the page that follows must
then say it could not be sent rather than claim the person was told; and where the party has no
active focal point, it says plainly that nobody was told."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app.auth import services as accounts
from app.auth.models import Role, User
from app.extensions import db
from app.i18n import DEFAULT_LANGUAGE, translate
from app.reporting.models import Report

log = logging.getLogger(__name__)

# what became of one mail (`mail_about`)
SENT, QUEUED, FAILED = "sent", "queued", "failed"


def focal_points(report: Any) -> list[User]:
    """The active focal points of the report's party for its instrument."""
    return accounts.holders(
        Role.FOCAL_POINT,
        instrument_id=report.questionnaire.instrument_id,
        party_id=report.party_id,
    )


@dataclass
class Told:
    """The outcome of mailing a report's focal points: who got the message, whose mail is on
    its way (handed to the mail queue), whose mail failed."""

    told: list[User] = field(default_factory=list)
    queued: list[User] = field(default_factory=list)
    failed: list[User] = field(default_factory=list)

    @property
    def nobody_to_tell(self) -> bool:
        return not self.told and not self.queued and not self.failed

    def add(self, recipient: User, outcome: str) -> None:
        """`outcome`: what `mail_about` returned."""
        {SENT: self.told, QUEUED: self.queued}.get(outcome, self.failed).append(recipient)


def tell_focal_points(submission: Any, template: str, locale: str | None = None) -> Told:
    """Mail mail/<template>.txt about `submission` to each active focal point of its report's
    party, in their language (else `locale`, else the default)."""
    told = Told()
    for recipient in focal_points(submission.report):
        told.add(recipient, mail_about(submission.report, recipient, template, locale, submission))
    return told


def mail_about(
    report: Any, recipient: User, template: str, locale: str | None, submission=None
) -> str:
    """Send one mail about `report` (with a link to it): SENT, QUEUED (the mail queue sends it
    once the action is committed) or FAILED (it could not be sent now; the outbox retries it)."""
    from app.notify import mail

    link = (
        url_for("reporting.show", report_id=report.id, _external=True)
        if has_request_context()
        else None
    )
    try:
        outgoing = mail.send(
            recipient.email,
            template,
            recipient.locale or locale or DEFAULT_LANGUAGE,
            user=recipient,
            report=report,
            submission=submission,
            link=link,
        )
    except mail.SEND_ERRORS:
        log.exception("mail %s to %s failed", template, recipient.email)
        return FAILED
    return SENT if outgoing.delivered else QUEUED


def names(people: list[User]) -> str:
    return ", ".join(person.name for person in people)


def sentences(told: Told, report: Any) -> list[tuple[str, str]]:
    """What the page says about `told`, as (message, flash category) pairs."""
    if told.nobody_to_tell:
        return [
            (
                _(
                    "%(party)s has no active focal point for %(instrument)s: nobody was told "
                    "by e-mail.",
                    party=str(translate(report.party.name)),
                    instrument=report.questionnaire.instrument.code,
                ),
                "warning",
            )
        ]
    said = []
    if told.told:
        said.append(
            (
                ngettext(
                    "%(num)d person was told by e-mail: %(names)s.",
                    "%(num)d people were told by e-mail: %(names)s.",
                    len(told.told),
                    names=names(told.told),
                ),
                "info",
            )
        )
    if told.queued:
        said.append((queued_sentence(told.queued), "info"))
    if told.failed:
        said.append((failed_sentence(told.failed), "warning"))
    return said


def queued_sentence(people: list[User]) -> str:
    return ngettext(
        "An e-mail to %(names)s is on its way.",
        "E-mails to %(names)s are on their way.",
        len(people),
        names=names(people),
    )


def failed_sentence(people: list[User]) -> str:
    return ngettext(
        "The e-mail to %(names)s could not be sent: tell them another way.",
        "The e-mails to %(names)s could not be sent: tell them another way.",
        len(people),
        names=names(people),
    )


# --- a questionnaire is published ---------------------------------------------------------------


def tell_owing(questionnaire: Any) -> list[tuple[str, str]]:
    """Mail every active focal point of a party that owes `questionnaire` a report, in their
    language, with the deadline and a link to their report; return what to say to the person
    who published: how many were told, how many parties have nobody to tell, whose mail
    failed."""
    told, without = Told(), 0
    stmt = sa.select(Report).where(Report.questionnaire_id == questionnaire.id).order_by(Report.id)
    for report in db.session.scalars(stmt):
        people = focal_points(report)
        if not people:
            without += 1
        for person in people:
            told.add(person, mail_about(report, person, "questionnaire_published", None))
    said = []
    reached = _distinct(told.told)
    if reached:
        said.append(
            (
                ngettext(
                    "%(num)d focal point was told by e-mail that their report is open.",
                    "%(num)d focal points were told by e-mail that their reports are open.",
                    len(reached),
                ),
                "info",
            )
        )
    if without:
        said.append(
            (
                ngettext(
                    "%(num)d party has no active focal point: nobody was told by e-mail for it.",
                    "%(num)d parties have no active focal point: nobody was told by e-mail for "
                    "them.",
                    without,
                ),
                "warning",
            )
        )
    waiting = _distinct(told.queued)
    if waiting:
        said.append(
            (
                ngettext(
                    "An e-mail telling %(num)d focal point that their report is open is on its "
                    "way.",
                    "E-mails telling %(num)d focal points that their reports are open are on "
                    "their way.",
                    len(waiting),
                ),
                "info",
            )
        )
    if told.failed:
        said.append((failed_sentence(_distinct(told.failed)), "warning"))
    return said


def _distinct(people: list[User]) -> list[User]:
    """Each person once (a focal point of two parties gets two mails but is one person)."""
    return list({person.id: person for person in people}.values())
