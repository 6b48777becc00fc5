from flask import (
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import serving
from app.directory import services as directory
from app.extensions import db, limiter
from app.i18n import current_language, languages
from app.main import bp
from app.main.dashboard import dashboard_for
from app.policy import can, require
from app.reporting import pages
from app.security import safe_next


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html", instruments=directory.instruments())


@bp.route("/dashboard")
@login_required
def dashboard():
    require("dashboard.view")
    rows = pages.owed_rows(current_user, current_language()) if can("reports.own") else []
    return render_template("main/dashboard.html", board=dashboard_for(current_user), rows=rows)


@bp.route("/language", methods=["POST"])
def set_language():
    """The switcher: saves the preference of a signed-in user, the session of a visitor."""
    code = request.form.get("lang", "")
    if code not in languages():
        abort(400)
    session["lang"] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("main.index")))


@bp.route("/healthz")
@limiter.exempt
def healthz():
    """The database, and Redis with the job queue when configured (serving.health says what
    each answer means; the health door answers the same)."""
    try:
        db.session.execute(text("SELECT 1"))
        database_ok = True
    except SQLAlchemyError:
        db.session.rollback()
        database_ok = False
    config = current_app.config
    status, body = serving.health(database_ok, config.get("REDIS_URL"), serving.queue_names(config))
    return jsonify(body), status
