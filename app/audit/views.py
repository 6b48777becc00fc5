from flask import render_template, request

from app import bounds
from app.audit import bp, services
from app.policy import require

PAGE = 100


@bp.route("/")
def index():
    require("audit.read")
    page = max(request.args.get("page", 1, type=bounds.integer), 1)
    events = services.recent(limit=PAGE + 1, offset=(page - 1) * PAGE)
    return render_template(
        "audit/index.html", events=events[:PAGE], page=page, has_next=len(events) > PAGE
    )
