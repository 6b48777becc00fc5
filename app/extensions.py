"""Flask extensions, created unbound and initialised in `create_app`."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Answers and submission snapshots are what analysis groups and compares by: JSONB on PostgreSQL
# compares by value (whatever the key order) and can be indexed; JSON everywhere else.
GroupableJSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


# The bind of the PostgreSQL replica the analysis reads may go to (ANALYSIS_DATABASE_URL).
REPLICA = "replica"


class RoutingSession(FlaskSession):
    """A session that sends its SELECTs to the replica while `reading_replica` is on and a
    replica is configured; everything else (writes, flushes, a SELECT … FOR UPDATE) goes to the
    primary. Analysis pages and export files read a few seconds behind the primary, which the
    synthesis of submitted reports can afford, and take their load off the focal points'
    saves."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if (
            bind is None
            and self.info.get(REPLICA)
            and not self._flushing
            and isinstance(clause, sa.sql.Select)
            and clause._for_update_arg is None
        ):
            engine = self._db.engines.get(REPLICA)
            if engine is not None:
                return engine
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


@contextmanager
def reading_replica() -> Iterator[None]:
    """Within it, the session's reads go to the replica (when one is configured)."""
    before = db.session.info.get(REPLICA, False)
    db.session.info[REPLICA] = True
    try:
        yield
    finally:
        db.session.info[REPLICA] = before


db = SQLAlchemy(model_class=Base, session_options={"class_": RoutingSession})
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
mail = Mail()
bootstrap = Bootstrap5()
compress = Compress()
