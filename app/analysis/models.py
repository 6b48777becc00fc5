"""Export jobs: a file asked for by a reader (an XLSX workbook, or a CSV too large to stream
within a request), written by a worker (an RQ worker or a thread of the web process,
app/analysis/jobs.py). The row is the job's state, kept in the database so
that whichever process runs the job and whichever serves the progress page see the same."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.enums import LabelledEnum
from app.extensions import db
from app.questionnaires.models import Questionnaire
from app.utils import utcnow


class JobKind(LabelledEnum):
    LONG = "long", _l("Answers, one row per answer cell")
    WIDE = "wide", _l("Answers, one row per country")
    STATUS = "status", _l("Status of the reports")
    SYNTHESIS = "synthesis", _l("Synthesis of the national reports")
    REPORTS = "reports", _l("Accepted reports, one file each")


class JobStatus(LabelledEnum):
    QUEUED = "queued", _l("Waiting to start")
    RUNNING = "running", _l("Being written")
    DONE = "done", _l("Ready")
    FAILED = "failed", _l("Failed")


FINISHED = frozenset({JobStatus.DONE.value, JobStatus.FAILED.value})
FORMATS = ("xlsx", "csv")  # the answer exports' formats; the wide export is XLSX only
# every format a job writes: the synthesis is a DOCX, the accepted reports a ZIP
FILE_FORMATS = (*FORMATS, "docx", "zip")


def _values(enum) -> str:
    return ", ".join(f"'{m.value}'" for m in enum)


class ExportJob(db.Model):
    __tablename__ = "export_jobs"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN ({_values(JobKind)})", name="kind"),
        sa.CheckConstraint(
            f"format IN ({', '.join(repr(f) for f in FILE_FORMATS)})", name="format"
        ),
        sa.CheckConstraint(f"status IN ({_values(JobStatus)})", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # the job's address: unguessable, so that a URL alone names one job (its owner is checked
    # too)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(sa.String(10))
    format: Mapped[str] = mapped_column(sa.String(10), default="xlsx", server_default="xlsx")
    lang: Mapped[str] = mapped_column(sa.String(10))
    # query.Filters as JSON: {"regions": [...], "memberships": [...], "statuses": [...],
    # "answered": [[node id, key], ...]}
    filters: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default=sa.text("'{}'"))
    status: Mapped[str] = mapped_column(
        sa.String(10), default=JobStatus.QUEUED, server_default=JobStatus.QUEUED.value
    )
    rows_done: Mapped[int] = mapped_column(default=0, server_default="0")
    rows_total: Mapped[int] = mapped_column(default=0, server_default="0")  # an estimate
    # the file's name in EXPORT_FOLDER (never the static folder); "" until it is written
    file_name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    # why it failed, as a key of jobs.ERRORS: translated when shown, in the reader's language
    error: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # the job's last sign of life (started, progress): a running job silent for
    # EXPORT_STALL_SECONDS lost its worker (killed, or its machine gone)
    touched_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    user: Mapped[User] = relationship()
    questionnaire: Mapped[Questionnaire] = relationship()

    @property
    def kind_enum(self) -> JobKind:
        return JobKind(self.kind)

    @property
    def status_enum(self) -> JobStatus:
        return JobStatus(self.status)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def __repr__(self) -> str:
        return f"<ExportJob {self.kind} {self.status}>"


class SynthesisPlan(db.Model):
    """What a questionnaire's synthesis of national reports holds, as its secretariat chose:
    the items in their order (`items`: node ids; no plan means every item in questionnaire
    order) and how many free-text answers per region it quotes when none is starred."""

    __tablename__ = "synthesis_plans"
    __table_args__ = (
        sa.CheckConstraint("quotes_per_region BETWEEN 0 AND 20", name="quotes_per_region"),
    )

    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE"), primary_key=True
    )
    items: Mapped[list] = mapped_column(sa.JSON, default=list, server_default=sa.text("'[]'"))
    quotes_per_region: Mapped[int] = mapped_column(default=2, server_default="2")
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    questionnaire: Mapped[Questionnaire] = relationship()
    updated_by: Mapped[User | None] = relationship()


class QuoteStar(db.Model):
    """A free-text answer starred to be quoted in the synthesis: the answer of one report to
    one item (and loop key). It follows the report's latest submission."""

    __tablename__ = "synthesis_quotes"
    __table_args__ = (
        sa.UniqueConstraint("node_id", "report_id", "loop_key", name="uq_synthesis_quotes_answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True
    )
    node_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaire_nodes.id", ondelete="CASCADE")
    )
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    loop_key: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    starred_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
