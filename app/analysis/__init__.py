"""Analysis: the analyst's results across instruments and cycles, read from the tidy relation
of submitted answers (app/analysis/query.py) with the policy module deciding what each reader
reads; pages, charts, files and the export commands."""

from flask import Blueprint, request
from flask_login import current_user

bp = Blueprint("analysis", __name__, url_prefix="/analysis")


@bp.before_request
def _read_the_replica() -> None:
    """The analysis pages and files read the replica, when one is configured
    (ANALYSIS_DATABASE_URL). Not an export job's page: it follows a row a worker has just
    written on the primary, which the replica may not have yet."""
    from app.extensions import REPLICA, db

    if request.method == "GET" and not (request.endpoint or "").startswith("analysis.export_job"):
        # who is signed in, whether their session still stands and their roles, from the
        # primary: a session opened or a role revoked a moment ago may not be on the replica
        if current_user.is_authenticated:
            _ = list(current_user.grants)
        db.session.info[REPLICA] = True


@bp.teardown_request
def _read_the_primary_again(_error=None) -> None:
    """The session may outlive the request (a command, a test's application context)."""
    from app.extensions import REPLICA, db

    db.session.info.pop(REPLICA, None)


def register(app) -> None:
    """Attach the analysis pages to `app` (imported here, as reporting does, so that importing
    the package's modules does not load its pages)."""
    from app.analysis import (
        cross_views,  # noqa: F401 - across instruments and cycles
        export_views,  # noqa: F401 - the files: answers, status, export jobs
        synthesis_views,  # noqa: F401 - the synthesis plan, its quotes and its files
        views,  # noqa: F401 - its routes register on bp
    )

    app.register_blueprint(bp)
