"""The submitted and accepted reports an analyst or a secretariat may read, with their print
view and PDF (the policy decides which instruments: `policy.submitted_reports_scope`)."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from app import policy
from app.i18n import current_language
from app.policy import require
from app.reporting import bp
from app.reporting import submission as submission_module


@bp.route("/submitted/")
@login_required
def submitted_reports():
    require("reports.submitted")
    rows = submission_module.submitted_reports(
        policy.submitted_reports_scope(current_user), current_language()
    )
    rows = [r for r in rows if policy.can("report.read_submissions", r.report)]
    groups: list[tuple] = []
    for row in rows:
        questionnaire = row.report.questionnaire
        if not groups or groups[-1][0] is not questionnaire:
            groups.append((questionnaire, []))
        groups[-1][1].append(row)
    return render_template("reporting/submitted_reports.html", groups=groups, total=len(rows))
