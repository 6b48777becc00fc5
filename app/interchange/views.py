"""Interchange downloads: a questionnaire as an XLSForm workbook."""

from flask import Response

from app.interchange import bp, xlsform
from app.questionnaires.pages import load_questionnaire

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/xlsform/<code>.xlsx")
def xlsform_download(code: str):
    """The questionnaire `code` as an XLSForm, for whoever may read its outline."""
    questionnaire = load_questionnaire(code)
    return Response(
        xlsform.workbook(questionnaire),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{questionnaire.code}.xlsx"'},
    )
