"""National reports, their answers (with revisions for history and a version for optimistic
locking) and the sites a party reports on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.directory.models import Party
from app.enums import LabelledEnum
from app.extensions import GroupableJSON, db
from app.questionnaires.models import Node, Questionnaire
from app.utils import utcnow


class ReportStatus(LabelledEnum):
    NOT_STARTED = "not_started", _l("Not started")
    IN_PROGRESS = "in_progress", _l("In progress")
    SUBMITTED = "submitted", _l("Submitted")
    # "Accepted" alone is also a proposal's state (« Acceptée » in French): a report is masculine
    ACCEPTED = "accepted", lazy_pgettext("report status", "Accepted")
    RETURNED = "returned", _l("Returned")


EDITABLE_STATUSES = {ReportStatus.NOT_STARTED, ReportStatus.IN_PROGRESS, ReportStatus.RETURNED}


class Report(db.Model):
    """What one party owes for one questionnaire; it exists from publication."""

    __tablename__ = "reports"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'submitted', 'accepted', 'returned')",
            name="status",
        ),
        sa.UniqueConstraint("questionnaire_id", "party_id", name="uq_reports_questionnaire_party"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE")
    )
    party_id: Mapped[int] = mapped_column(sa.ForeignKey("parties.id"), index=True)
    status: Mapped[str] = mapped_column(
        sa.String(12), default=ReportStatus.NOT_STARTED, server_default="not_started"
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    questionnaire: Mapped[Questionnaire] = relationship(lazy="joined")
    party: Mapped[Party] = relationship(lazy="joined")

    @property
    def status_enum(self) -> ReportStatus:
        return ReportStatus(self.status)

    @property
    def is_editable(self) -> bool:
        return self.status_enum in EDITABLE_STATUSES and self.questionnaire.status == "published"

    def __repr__(self) -> str:
        return f"<Report {self.questionnaire.code} {self.party.code}>"


class Site(db.Model):
    """A place a party reports on (a wetland, a bottleneck), reused by all its reports."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(sa.ForeignKey("parties.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(200))
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    removed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    @property
    def key(self) -> str:
        """The loop key of this site's blocks."""
        return str(self.id)


class Answer(db.Model):
    """One answer cell: report × item × loop key ("" outside loops, never NULL).

    `value` is canonical (a number, an ISO date, choice keys, table cells); when what the person
    typed cannot be read (a word in a number field, a value out of bounds), `value` is NULL and
    `typed` keeps it verbatim, so nothing is lost and the validation report can list it.
    """

    __tablename__ = "answers"
    __table_args__ = (
        sa.UniqueConstraint("report_id", "node_id", "loop_key", name="uq_answers_cell"),
        sa.CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    node_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaire_nodes.id", ondelete="CASCADE"), index=True
    )
    loop_key: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    value: Mapped[Any | None] = mapped_column(GroupableJSON)
    typed: Mapped[Any | None] = mapped_column(GroupableJSON)
    other: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    no_info: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # Provenance of an answer copied from another report: reused from another instrument's
    # report ("reuse") or pre-filled from the previous cycle ("prefill"). A person's own save
    # clears it. `source_version` is the source's version when copied: a later version of the
    # source makes this answer "source changed".
    source_answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="SET NULL"), index=True
    )
    source_version: Mapped[int | None]
    source_kind: Mapped[str | None] = mapped_column(sa.String(10))
    copied_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Pre-filled from the previous cycle and not yet confirmed ("still true") nor edited.
    needs_confirmation: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    report: Mapped[Report] = relationship()
    node: Mapped[Node] = relationship()
    source: Mapped[Answer | None] = relationship(remote_side=[id], lazy="select")
    updated_by: Mapped[User | None] = relationship(lazy="joined")
    revisions: Mapped[list[AnswerRevision]] = relationship(
        back_populates="answer",
        foreign_keys="AnswerRevision.answer_id",
        cascade="all, delete-orphan",
        order_by="AnswerRevision.id.desc()",
    )

    @property
    def is_invalid(self) -> bool:
        return self.typed is not None


class RevisionKind(LabelledEnum):
    """What a revision was when it was not the person's own typing (see AnswerRevision.kind)."""

    REUSE = "reuse", _l("Reused")
    PREFILL = "prefill", _l("Pre-filled")
    CONFIRM = "confirm", _l("Confirmed as still true")
    WORKBOOK = "workbook", _l("From the offline workbook")


class AnswerRevision(db.Model):
    """An answer as one save left it (consecutive saves by one person are merged, never into
    a copy or a confirmation: those stay revisions of their own)."""

    __tablename__ = "answer_revisions"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('reuse', 'prefill', 'confirm', 'workbook')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    value: Mapped[Any | None] = mapped_column(GroupableJSON)
    typed: Mapped[Any | None] = mapped_column(GroupableJSON)
    other: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    no_info: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # NULL: the person's own save. Else a RevisionKind: a copy of another report's answer
    # (`source_answer_id` at `source_version`), the confirmation of a pre-filled one, or the
    # person's own answer brought in from the offline workbook (app/interchange). The
    # answer's own provenance columns say only what it is now; these say what each step was.
    kind: Mapped[str | None] = mapped_column(sa.String(10))
    source_answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="SET NULL")
    )
    source_version: Mapped[int | None]

    answer: Mapped[Answer] = relationship(back_populates="revisions", foreign_keys=[answer_id])
    user: Mapped[User | None] = relationship(lazy="joined")
    source: Mapped[Answer | None] = relationship(foreign_keys=[source_answer_id], lazy="select")

    @property
    def kind_enum(self) -> RevisionKind | None:
        return RevisionKind(self.kind) if self.kind else None


class Attachment(db.Model):
    """A file attached to an answer cell. The file lives outside the static folder under a random
    name (`storage_key`); its name as uploaded is kept for display and download only."""

    __tablename__ = "attachments"
    __table_args__ = (sa.Index("ix_attachments_report_cell", "report_id", "node_id", "loop_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    node_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaire_nodes.id", ondelete="CASCADE")
    )
    loop_key: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    storage_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    uploaded_by: Mapped[User | None] = relationship(lazy="joined")


class Submission(db.Model):
    """One submission of a report: an immutable snapshot of its answers (hidden ones flagged)
    and of the question texts as they stood, in every language; and the secretariat's decision
    on it (returned with a message, or accepted)."""

    __tablename__ = "submissions"
    __table_args__ = (
        sa.UniqueConstraint("report_id", "number", name="uq_submissions_report_number"),
        sa.CheckConstraint("decision IN ('accepted', 'returned')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    number: Mapped[int]  # 1 for the first submission of the report, then 2, 3…
    submitted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    snapshot: Mapped[dict] = mapped_column(GroupableJSON)
    decision: Mapped[str | None] = mapped_column(sa.String(10))
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    message: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    report: Mapped[Report] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id], lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")


class Assignment(db.Model):
    """A top-level section of a report delegated by a focal point to a contributor. A
    contributor's rights come from live assignments only (withdrawn ones give none)."""

    __tablename__ = "assignments"
    __table_args__ = (
        sa.UniqueConstraint(
            "report_id", "section_id", "contributor_id", name="uq_assignments_section_person"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaire_nodes.id", ondelete="CASCADE")
    )
    contributor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    assigned_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    assigned_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    ready_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    report: Mapped[Report] = relationship()
    section: Mapped[Node] = relationship()
    contributor: Mapped[User] = relationship(foreign_keys=[contributor_id], lazy="joined")
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None


class Invitation(db.Model):
    """A single-use link mailed to a contributor; it creates the account when needed. Only a
    hash of the token is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    assignment: Mapped[Assignment] = relationship()


class SubmittedAnswer(db.Model):
    """One cell of a submitted answer: the tidy relation every analysis page, export, document
    and feed reads (through app/analysis/query.py). A submission writes one row per export
    cell of each stored answer (per chosen choice of a multiple choice, per filled table cell,
    per part of a site, one otherwise; one row with no value for an answer that holds only "no
    information" or a comment). `latest` marks the rows of each report's latest submission,
    its official data; the rows of earlier submissions stay, as their snapshots do."""

    __tablename__ = "submitted_answers"
    __table_args__ = (
        sa.Index("ix_submitted_answers_questionnaire", "questionnaire_id", "latest", "node_id"),
        sa.Index("ix_submitted_answers_bank", "bank_code", "latest"),
        sa.Index("ix_submitted_answers_report", "report_id", "latest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    party_id: Mapped[int] = mapped_column(sa.ForeignKey("parties.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE")
    )
    instrument_id: Mapped[int] = mapped_column(sa.ForeignKey("instruments.id", ondelete="CASCADE"))
    cycle: Mapped[str] = mapped_column(sa.String(20))
    node_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaire_nodes.id", ondelete="CASCADE")
    )
    item_code: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    answer_type: Mapped[str] = mapped_column(sa.String(20))
    bank_code: Mapped[str | None] = mapped_column(sa.String(40))
    bank_version: Mapped[int | None]
    loop_kind: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    loop_key: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    position: Mapped[int] = mapped_column(default=0, server_default="0")  # order within the answer
    cell: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    value: Mapped[Any | None] = mapped_column(GroupableJSON)
    # the value as text for grouping and search (a choice key, a number, a date, a text), and
    # as a number where it is one (a number answer, a table's number cell)
    value_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    number: Mapped[float | None] = mapped_column(sa.Float)
    other: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    hidden: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    no_info: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    provenance: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    reused_from: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    latest: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
