from flask import Blueprint, render_template, request

from app.audit import services
from app.policy import require

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
PAGE = 100


@bp.route("/")
def index():
    require("audit.read")
    page = max(request.args.get("page", 1, type=int), 1)
    events = services.recent(limit=PAGE + 1, offset=(page - 1) * PAGE)
    return render_template(
        "audit/index.html", events=events[:PAGE], page=page, has_next=len(events) > PAGE
    )
