"""Family ORS: online national reporting for the CMS Family of treaties."""

from __future__ import annotations

import os
import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app import bounds, templating, utils
from config import CONFIGS, INSTANCE_DIR


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the application for the configuration named by `config_name` or APP_CONFIG."""
    name = config_name or os.environ.get("APP_CONFIG", "development")
    config = CONFIGS[name]()
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    templating.configure(app)  # pages without the templates' indentation and blank lines
    app.json = utils.StrictJSONProvider(app)  # before the templates' `tojson` is made
    bounds.register(app)  # before any route: every <int:…> is a bounded id
    app.config.from_object(config)
    app.config.update(overrides)
    replica = app.config.get("ANALYSIS_DATABASE_URL")
    if replica:  # the analysis reads' engine (app/extensions.py, RoutingSession)
        from app.extensions import REPLICA
        from config import database_url

        app.config["SQLALCHEMY_BINDS"] = {
            **app.config.get("SQLALCHEMY_BINDS", {}),
            REPLICA: database_url(replica),
        }
    # the JSON columns (answers, snapshots) store no NaN or Infinity either
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
        "json_serializer": utils.json_dumps,
    }
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        os.makedirs(app.instance_path, exist_ok=True)

    from app import cli, i18n, models, security  # noqa: F401 - models registers the schema
    from app.auth import sessions
    from app.extensions import (
        babel,
        bootstrap,
        compress,
        csrf,
        db,
        limiter,
        login_manager,
        mail,
        migrate,
    )
    from app.main import errors, requestlog

    # its after-request function is the last to run (the first registered): it logs the
    # response as it leaves, compressed
    requestlog.register(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    sessions.register(app)
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to open this page.")
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    bootstrap.init_app(app)
    compress.init_app(app)
    _buffer_assets(app)

    _register_blueprints(app)
    errors.register(app)
    security.register(app)
    cli.register(app)
    _register_template_helpers(app)
    return app


def _buffer_assets(app: Flask) -> None:
    """Read small scripts and styles into memory before they are compressed: Flask-Compress
    would otherwise compress the open file as a stream and never close it. (After-request
    functions run last-registered first, so this runs before compression.)"""
    limit = 1024 * 1024
    compressible = set(app.config["COMPRESS_MIMETYPES"])

    @app.after_request
    def buffer(response):
        if (
            response.direct_passthrough
            and response.mimetype in compressible
            and response.content_length is not None
            and response.content_length <= limit
        ):
            response.direct_passthrough = False
            response.make_sequence()
        return response


def _register_blueprints(app: Flask) -> None:
    """Each package owns its blueprints (in its __init__) and attaches its pages."""
    from app import (
        analysis,
        audit,
        auth,
        bank,
        directory,
        interchange,
        main,
        notify,
        public,
        questionnaires,
        reporting,
    )

    for package in (
        main,
        auth,
        directory,
        audit,
        notify,
        bank,
        questionnaires,
        reporting,
        analysis,
        interchange,
        public,
    ):
        package.register(app)


def _register_template_helpers(app: Flask) -> None:
    from flask import request

    from app import answers, forms_common, i18n, policy
    from app.answers import registry
    from app.auth.models import Role

    # a global, not a context variable: the widget macro is imported without the context
    app.jinja_env.globals["answer_widget"] = answers.widget
    # the settings editors by the answer types that show them (answers/_settings.html)
    app.jinja_env.globals["settings_editors"] = registry.editors
    app.jinja_env.globals["field_values"] = forms_common.field_values
    app.jinja_env.globals["field_errors"] = forms_common.field_errors
    # the lengths the server accepts, as `maxlength` of the inputs (static/js/limits.js counts)
    app.jinja_env.globals["limits"] = _input_limits()
    app.jinja_env.globals["counter_sentences"] = forms_common.counter_sentences

    @app.template_filter("tr")
    def tr_filter(value, instrument=None, bank=None):
        return i18n.translate(value, instrument=instrument, bank=bank)

    @app.template_filter("exact_number")
    def exact_number(value):
        """A number in the reader's locale with every digit (Babel's `numberformat` keeps
        three decimals: a bound of 0.0005 would read "0")."""
        from app.answers.reading import format_number

        return format_number(value, i18n.current_language())

    @app.template_filter("numbered")
    def numbered(value, questionnaire_id):
        """Guidance with the codes of other questions said as their numbers here."""
        from app.questionnaires import wording

        return wording.with_numbers(value, questionnaire_id)

    @app.template_filter("answer_type_label")
    def answer_type_label(value):
        from app.answers.types import AnswerType

        return AnswerType(value).label if value else ""

    @app.template_filter("loop_label")
    def loop_label(value):
        from app.questionnaires.models import Loop

        return Loop(value).label if value else ""

    @app.context_processor
    def globals_():
        return {
            "can": policy.can,
            "current_language": i18n.current_language,
            "languages": i18n.languages,
            "language_name": i18n.language_name,
            "language_label": i18n.language_label,
            "labelled": i18n.labelled,
            "Role": Role,
            "request_path": request.full_path.rstrip("?") if request else "/",
            "mail_failures": _mail_failures,
        }


def _mail_failures() -> int:
    """The mails given up, for the administrators' menu (asked only when it is shown)."""
    from app.notify import outbox

    return outbox.failed_count()


def _input_limits() -> dict[str, int]:
    """The `maxlength` of the inputs: as the answer types, the services and the search pages
    check them (app/bounds.py says how texts are counted)."""
    from app import bounds, forms_common
    from app.answers import reading
    from app.answers.kinds import site, text

    return {
        "text": text.MAX_TEXT,
        "number": reading.MAX_NUMBER_CHARS,
        "site_name": site.MAX_NAME,
        "search": forms_common.MAX_SEARCH,
        "wording": bounds.MAX_WORDING,
        "key": bounds.MAX_KEY,
        "message": bounds.MAX_MESSAGE,
    }


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """WAL and a busy timeout so that two tabs autosaving at once do not lock each other out."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
