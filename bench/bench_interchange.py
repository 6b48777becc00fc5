"""Interchange files (issue 18): the time and peak memory of

- the offline report workbook of the largest demo report (CMS-COP15, Senegal, every question
  answered in French): its download, the upload preview of the untouched file, the preview of
  the file with every answer changed, and applying all those changes;
- the XLSForm of CMS-COP15: its export, pyxform's conversion, and its import as a new draft;
- the translation files of the bank questions CMS owns (the largest set of texts) into French,
  as a workbook and as XLIFF: export, and the preview of the file with every text retranslated.

SQLite, the demo data, one process. Run: `.venv/bin/python bench/bench_interchange.py` (or
`make bench`). Prints figures; asserts nothing.
"""

from __future__ import annotations

import io
import tempfile
import time
import tracemalloc

import openpyxl
import sqlalchemy as sa
from _setup import demo_app
from pyxform.xls2xform import convert

from app.demo import answers
from app.directory import services as directory
from app.extensions import db
from app.interchange import translation_file, workbook, workbook_upload, xlsform, xlsform_import
from app.questionnaires import services as questionnaires
from app.reporting import services, submission
from app.reporting.models import Report

RUNS = 5


def measured(call, runs: int = RUNS):
    """(result, median seconds over `runs` calls, peak MiB allocated by Python in one more
    call: tracing allocations slows Python down, so it is not timed)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
        db.session.rollback()
    if runs > 1:
        tracemalloc.start()
        call()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        db.session.rollback()
    else:
        peak = float("nan")
    times.sort()
    return result, times[len(times) // 2], peak


def line(what: str, seconds: float, peak: float, extra: str = "") -> None:
    print(f"  {what:<44} {seconds * 1000:8.0f} ms   peak {peak:6.1f} MiB   {extra}")


def changed_everywhere(data: bytes) -> bytes:
    """The workbook with every text answer and comment cell typed in again, as a person
    revising the whole report would."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets[1:]:
        for row in range(workbook.FIRST_ROW + 1, sheet.max_row + 1):
            if sheet.cell(row, workbook.KEY + 1).value and sheet.cell(
                row, workbook.PART + 1
            ).value in ("", None):
                comment = sheet.cell(row, workbook.COMMENT + 1)
                comment.value = f"Revu hors ligne, ligne {row}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as directory_,
        demo_app(directory_) as (app, _counter),
        app.test_request_context(),
    ):
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaires.questionnaire_by_code("CMS-COP15").id,
                Report.party_id == directory.party_by_code("SEN").id,
            )
        )
        fp = submission.focal_points(report)[0]
        answers.fill_report(report, fp, seed=1, locale="fr")
        db.session.commit()
        filled = services.fill(report, "fr", viewer=fp)
        cells, answered = len(filled.rendered.items()), len(filled.answers)
        print(f"CMS-COP15, Senegal: {cells} answer cells, {answered} answered")
        print("Offline report workbook (French):")
        data, seconds, peak = measured(
            lambda: workbook.workbook(services.fill(report, "fr", viewer=fp), fp)
        )
        line(
            "download (read the report, write the file)",
            seconds,
            peak,
            f"{len(data) / 1024:.0f} KiB",
        )
        preview, seconds, peak = measured(lambda: workbook_upload.read(data, report, fp))
        line("upload preview, untouched file", seconds, peak, str(preview.counts))
        revised = changed_everywhere(data)
        preview, seconds, peak = measured(lambda: workbook_upload.read(revised, report, fp))
        line("upload preview, every answer commented", seconds, peak, str(preview.counts))
        chosen = {item.key: item.version for item in preview.to_apply}

        def apply():
            _preview, done = workbook_upload.apply(revised, report, fp, chosen, "fr")
            return done

        tracemalloc.start()
        done, seconds, _peak = measured(apply, runs=1)  # once: it changes the answers
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        line("apply them all", seconds, peak, f"{done.saved} saved")

        print("XLSForm of CMS-COP15:")
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        form, seconds, peak = measured(lambda: xlsform.workbook(questionnaire))
        line("export", seconds, peak, f"{len(form) / 1024:.0f} KiB")
        _result, seconds, peak = measured(
            lambda: convert(xlsform=io.BytesIO(form), file_type=".xlsx")
        )
        line("pyxform conversion to XForm", seconds, peak)

        runs = iter(range(1, RUNS + 2))

        def imported():
            run = next(runs)  # a savepoint outside a transaction commits on SQLite: a new code
            return xlsform_import.read(
                form, instrument=questionnaire.instrument, cycle=f"BENCH{run}",
                code=f"CMS-BENCH-{run}", apply=True, actor=fp,
            )  # fmt: skip

        outcome, seconds, peak = measured(imported)
        assert outcome.ok, outcome.refused
        line("import as a new draft", seconds, peak, f"{outcome.items} questions")

        print("Translation files of the bank questions of CMS (French):")
        scope = translation_file.BankTexts(directory.instrument_by_code("CMS"))
        texts = len(translation_file.entries(scope, "fr"))
        book, seconds, peak = measured(lambda: translation_file.workbook(scope, "fr"))
        line("workbook export", seconds, peak, f"{texts} texts, {len(book) / 1024:.0f} KiB")
        document, seconds, peak = measured(lambda: translation_file.xliff_file(scope, "fr"))
        line("XLIFF export", seconds, peak, f"{len(document) / 1024:.0f} KiB")
        retranslated = document.replace(b'state="translated">', b'state="translated">~')
        outcome, seconds, peak = measured(
            lambda: translation_file.read(retranslated, scope, apply=False)
        )
        line("XLIFF preview, every text retranslated", seconds, peak, f"{len(outcome.updated)}")


if __name__ == "__main__":
    main()
