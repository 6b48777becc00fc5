"""Every demo submission prints the same, in English, French and Spanish, as when the answer-type
registry replaced the two ways of saying an answer (tests/cases/demo_submissions_printed.json
holds a digest of each printed submission). Against the code before the registry, the prints
differed only where the issue asked: choices listed the locale's way ("A, B and C"), and
"Yes", "No" and "No information available" said in the reader's language instead of English.

When a change to the words of answers is intended, regenerate the digests with
`python tests/test_snapshot_rendering.py` on a fresh demo database and say why in the commit."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from app.reporting import printing
from app.reporting.models import Submission

DIGESTS = Path(__file__).parent / "cases" / "demo_submissions_printed.json"
LANGUAGES = ("en", "fr", "es")


def printed_digests() -> dict[str, str]:
    """A digest of each demo submission printed in each language (answers and tables)."""
    found = {}
    for submission in db.session.scalars(sa.select(Submission).order_by(Submission.id)):
        snap = submission.snapshot
        for lang in LANGUAGES:
            lines = printing.document(snap, lang)
            printed = [
                [line.number, [[a.text, a.table] for a in line.answers]]
                for line in lines
                if line.answers
            ]
            text = json.dumps(printed, ensure_ascii=False, default=str)
            key = f"{snap['party']['code']} {snap['questionnaire']['code']} #{submission.id} {lang}"
            found[key] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return found


def test_every_demo_submission_prints_as_recorded(ctx):
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    found = printed_digests()
    assert len(found) == len(expected) >= 3 * 96
    differing = sorted(key for key in expected if found.get(key) != expected[key])
    assert not differing, f"these submissions print differently now: {differing[:10]}"


if __name__ == "__main__":
    from wsgi import app

    with app.app_context():
        DIGESTS.write_text(json.dumps(printed_digests(), indent=0, sort_keys=True) + "\n")
