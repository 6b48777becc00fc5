"""The fr and es catalogs are complete, free of fuzzy entries and current with the code."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "es"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalog(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


def _strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(lang):
    todo = [
        m.id for m in catalog(lang) if m.id and (m.fuzzy or not all(s.strip() for s in _strings(m)))
    ]
    assert todo == [], f"{lang}: {len(todo)} untranslated or fuzzy, e.g. {todo[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    wrong = []
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        for string in _strings(message):
            if set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((message.id, string))
    assert wrong == []


def test_catalogs_are_current_with_the_code(tmp_path):
    """Extract the strings of the code now and compare with the committed catalogs."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
         "-k", "_l", "--no-location", "-o", str(pot), str(ROOT / "app")],
        check=True, capture_output=True,
    )  # fmt: skip
    with open(pot, "rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    for lang in LANGUAGES:
        translated = {m.id for m in catalog(lang) if m.id}
        missing = extracted - translated
        assert not missing, f"{lang}: not in the catalog: {sorted(map(str, missing))[:5]}"
        obsolete = translated - extracted
        assert not obsolete, f"{lang}: no longer in the code: {sorted(map(str, obsolete))[:5]}"
