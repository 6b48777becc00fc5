"""Interchange: the files a questionnaire or a report travels in outside the browser (XLSForm
for form designers; more in the issues that follow)."""

from flask import Blueprint

bp = Blueprint("interchange", __name__, url_prefix="/interchange")


def register(app) -> None:
    """Attach the interchange downloads to `app` (see app/questionnaires/__init__.py for why
    the page modules are imported here)."""
    from app.interchange import (  # noqa: F401 - their routes register on bp
        directory_views,
        species_views,
        translation_views,
        views,
        workbook_views,
    )

    app.register_blueprint(bp)
