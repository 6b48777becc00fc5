"""The public pages: the accepted reports of a questionnaire and its aggregated results, once
its secretariat has published them, for anyone, without signing in."""

from flask import Blueprint

# the pages, one address per language: /public/<lang>/…
bp = Blueprint("public", __name__, url_prefix="/public")
# the secretariat's publish and withdraw actions (signed in)
manage_bp = Blueprint("publication", __name__, url_prefix="/publication")


def register(app) -> None:
    """Attach the public pages and the publication actions to `app`; templates of the
    questionnaire and analysis pages ask `publication_of` for the publication panel."""
    from app.public import manage, services, views  # noqa: F401 - their routes register

    app.register_blueprint(bp)
    app.register_blueprint(manage_bp)
    app.jinja_env.globals["publication_of"] = services.publication_of
