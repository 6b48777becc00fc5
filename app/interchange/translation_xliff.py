"""The XLIFF form of a translation file, for translators' CAT tools (OmegaT, Trados, memoQ,
Weblate…), written and read with the Translate Toolkit.

One `<file>` whose `original` names what is translated ("questionnaire:CMS-COP15",
"bank:CMS") with its source and target languages; a header note of ours with the export's
facts (format, date, only the missing texts or not). A `<trans-unit>` per text: its id is the
stable key, `<source>` the English, `<target>` the current translation when there is one (a
CAT tool shows it, and an untouched target is no change), a note for the translator saying
where the text is, and a note of ours with the check of the translation as exported, so that a
translation changed in the application since then is noticed.

This module knows the format only; translation_file.py says which texts and what reading back
means."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from lxml import etree
from translate.storage import xliff

OURS = "family-ors"  # the `from` of our notes
FOR_TRANSLATORS = "developer"  # the `from` CAT tools show as the text's context


class XliffError(ValueError):
    """A file that cannot be read as ours; `message` is translated, `row` its line if known."""

    def __init__(self, message, row: int | None = None) -> None:
        super().__init__(str(message))
        self.message, self.row = message, row


@dataclass
class Unit:
    """One text as written or read: its key, where it is, source, translation, check."""

    key: str
    context: str
    source: str
    target: str
    check: str
    line: int = 0


def write(units: list[Unit], facts: dict[str, str], scope: str, source: str, target: str) -> bytes:
    """The XLIFF document of `units` for `scope` ("kind:code"), `source` → `target`."""
    store = xliff.xlifffile(sourcelanguage=source)
    store.settargetlanguage(target)
    store.switchfile(scope, createifmissing=True)
    header = etree.Element(store.namespaced("header"))
    note = etree.SubElement(header, store.namespaced("note"), {"from": OURS})
    note.text = "\n".join(f"{name}={value}" for name, value in facts.items())
    store.getfilenode(scope).insert(0, header)
    for found in units:
        unit = xliff.xliffunit(found.source)
        unit.setid(found.key)
        if found.target:
            unit.target = found.target
        unit.addnote(found.context, origin=FOR_TRANSLATORS)
        unit.addnote(found.check, origin=OURS)
        store.addunit(unit)
    return bytes(store)


def looks_like_xliff(data: bytes) -> bool:
    """Whether `data` starts as an XML document (a BOM and spaces allowed)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


# The document is first parsed here, safely (no DTD, no entity from outside, no network, no
# huge tree), to refuse what is no XLIFF before the Toolkit reads it; what the Toolkit may
# still raise on a strange XLIFF (a missing <file>, an odd encoding) is a refusal too.
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
UNREADABLE = (
    etree.XMLSyntaxError, AssertionError, ValueError, UnicodeError, LookupError, StopIteration,
    AttributeError, TypeError,
)  # fmt: skip


def read(data: bytes) -> tuple[dict[str, str], list[Unit]]:
    """The facts (scope "kind" → code, source, target and the header's) and the units of the
    XLIFF document `data`. Raises XliffError."""
    damaged = XliffError(_l("This file cannot be read as XLIFF: its XML is damaged."))
    try:
        root = etree.fromstring(data, parser=SAFE)
    except (etree.XMLSyntaxError, ValueError):
        raise damaged from None
    if etree.QName(root).localname != "xliff":
        raise XliffError(_l("This XML file is not an XLIFF file."))
    if len(root.findall("{*}file")) != 1:  # ours have one <file>: one questionnaire, or bank
        raise XliffError(_l("This XLIFF file is not a translation file of this application."))
    try:
        store = xliff.xlifffile.parsestring(data)
    except UNREADABLE:
        raise damaged from None
    names = store.getfilenames()
    node = store.getfilenode(names[0])
    kind, _sep, code = (names[0] or "").partition(":")
    facts = {kind: code, "source": _language(node.get("source-language"))}
    facts["target"] = _language(node.get("target-language"))
    header = store.getheadernode(node)
    notes = [] if header is None else header.iterchildren(store.namespaced("note"))
    for note in notes:
        if note.get("from") == OURS:
            for line in (note.text or "").splitlines():
                name, _eq, value = line.partition("=")
                facts.setdefault(name.strip(), value.strip())
    units = []
    for unit in store.getunits():
        element = unit.xmlelement
        units.append(
            Unit(
                key=(element.get("id") or "").strip(),
                context=unit.getnotes(FOR_TRANSLATORS),
                source=(unit.source or "").strip(),
                target=(unit.target or "").strip(),
                check=unit.getnotes(OURS).strip(),
                line=element.sourceline or 0,
            )
        )
    return facts, units


def _language(code: str | None) -> str:
    """ "fr" of "fr", "fr-FR" or "fr_CA": CAT tools often write the region."""
    return (code or "").replace("_", "-").split("-")[0].strip().lower()
