"""National reports: a party's answers to a published questionnaire, filled by its focal point
and contributors, reviewed by the secretariat and submitted."""

from flask import Blueprint

from app.directory import services as directory
from app.questionnaires import services as questionnaires

bp = Blueprint("reporting", __name__, url_prefix="/reports")


def _open_reports(questionnaire) -> None:
    from app.reporting import services  # loaded on first use: app.models imports this package

    services.open_reports(questionnaire)


def _tell_focal_points(questionnaire) -> list[tuple[str, str]]:
    from app.reporting import notices

    return notices.tell_owing(questionnaire)


def _open_reports_of_member(membership) -> None:
    from app.reporting import services

    services.open_reports_for_membership(membership)


def _reports_kept(membership) -> list[str]:
    from app.reporting import services

    return services.reports_kept_on_removal(membership)


# Publishing a questionnaire, or a party joining an instrument, opens the reports it owes (and
# once a publication is committed, its page tells the focal points who owe one). The
# lower packages cannot call reporting, so reporting adds itself to their lists here, when the
# package is first imported: app.models imports it, so this has happened before any database work.
questionnaires.on_publish.append(_open_reports)
questionnaires.after_publish.append(_tell_focal_points)
directory.on_member.append(_open_reports_of_member)
directory.removal_effects.append(_reports_kept)


def register(app) -> None:
    """Attach the report pages to `app`.

    The page modules are imported here, not at the bottom of this file as in microblog: models
    live inside their package, so importing a package's models must not load its pages, whose
    imports (the policy, services) import models in turn and would meet a half-loaded module."""
    from app.reporting import (  # noqa: F401 - their routes register on bp
        offline,
        people,
        reuse_views,
        review,
        sites,
        submitted_views,
        views,
    )

    app.register_blueprint(bp)
