"""The publication of a questionnaire's accepted reports and aggregated results: one row per
questionnaire once its secretariat has published it; withdrawing keeps the row (who published
and withdrew, and when) with `published` false."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.extensions import db
from app.questionnaires.models import Questionnaire
from app.utils import utcnow


class Publication(db.Model):
    __tablename__ = "publications"

    questionnaire_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questionnaires.id", ondelete="CASCADE"), primary_key=True
    )
    published: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    published_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    withdrawn_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    questionnaire: Mapped[Questionnaire] = relationship()
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])
