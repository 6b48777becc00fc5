"""Analysis: the analyst's results across instruments and cycles, read from the tidy relation
of submitted answers (app/analysis/query.py) with the policy module deciding what each reader
reads; pages, charts, files and the export commands."""

from flask import Blueprint

bp = Blueprint("analysis", __name__, url_prefix="/analysis")


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
