"""The immutable snapshot a submission stores, and reading it back: the report as plain JSON
(who and what, every node with its texts in every language, every stored answer with hidden ones
flagged, the loops' order and labels, the party's sites as they were), so that a submission
reads the same years later without the live tables, and its answers said in words in any
language.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from app import answers, bounds
from app.answers.types import AnswerType
from app.extensions import db
from app.i18n import languages, translate
from app.reporting import completeness, services, site_store
from app.reporting.models import Attachment, Site
from app.utils import as_utc, utcnow

FORMAT = 1


# --- taking a snapshot ----------------------------------------------------------------------


def take(filled: services.Filled) -> dict:
    """The report as it stands, as plain JSON: who and what, every node with its texts in every
    language, and every stored answer (those the other answers hide are flagged `hidden`)."""
    report = filled.report
    questionnaire = report.questionnaire
    instrument = questionnaire.instrument
    tree = filled.tree
    hidden = completeness.hidden_answers(filled)
    labels = _loop_labels(filled)
    files = filled.attachments
    nodes = []
    for node in tree.walk():
        entry: dict[str, Any] = {
            "id": node.id,
            "parent_id": node.parent_id,
            "kind": node.kind,
            "number": node.number,
            "code": node.code,
        }
        if node.is_section:
            entry |= {"title": dict(node.title or {}), "loop": node.loop}
        else:
            version = node.bank_version
            entry |= {
                "type": node.effective_type,
                "text": dict(node.effective_text or {}),
                "guidance": dict(version.guidance or {}) if version else {},
                "local_guidance": dict(node.guidance or {}),
                "config": node.effective_config or {},
                "required": node.required,
                "confidential": node.confidential,
                "bank": {"code": version.code, "version": version.number} if version else None,
            }
        nodes.append(entry)
    by_node: dict[int, list] = {}  # sorted once, not once per item
    for (node_id, loop_key), answer in sorted(filled.answers.items(), key=_answer_order):
        by_node.setdefault(node_id, []).append((loop_key, answer))
    answers = []
    for node in tree.walk():
        if node.is_section:
            continue
        node_id = node.id
        for loop_key, answer in by_node.get(node_id, []):
            version = node.bank_version
            label = labels.get(loop_key) if loop_key else None
            answers.append(
                {
                    "node_id": node.id,
                    "code": node.code,
                    "bank_code": version.code if version else None,
                    "bank_version": version.number if version else None,
                    "loop_key": loop_key,
                    "loop_label": label["label"] if label else None,
                    "loop_detail": label["detail"] if label else "",
                    "value": answer.value,
                    "typed": answer.typed,
                    "other": answer.other,
                    "comment": answer.comment,
                    "no_info": answer.no_info,
                    "hidden": (node_id, loop_key) in hidden,
                    "provenance": answer.source_kind,
                    "version": answer.version,
                    "updated_at": as_utc(answer.updated_at).isoformat()
                    if answer.updated_at
                    else None,
                    "updated_by": answer.updated_by.name if answer.updated_by else None,
                    "files": _files(node, answer, files),
                }
            )
    return {
        "format": FORMAT,
        "report": {"id": report.id, "status": report.status},
        "party": {"id": report.party_id, "code": report.party.code, "name": report.party.name},
        "questionnaire": {
            "id": questionnaire.id,
            "code": questionnaire.code,
            "cycle": questionnaire.cycle,
            "title": dict(questionnaire.title or {}),
        },
        "instrument": {
            "id": instrument.id,
            "code": instrument.code,
            "name": dict(instrument.name or {}),
            "working_languages": list(instrument.working_languages or []),
        },
        "languages": languages(),
        "taken_at": utcnow().isoformat(),
        "nodes": nodes,
        "answers": answers,
        # the order of the loops, and the questions the answers made not applicable
        "loops": {
            "species": [entry.species.taxon_id for entry in filled.species_entries],
            "site": [site.key for site in filled.sites],
        },
        "species": _species_named(filled),
        # the sites as they were (a submitted report lists these: site_store.sites_for)
        "sites": [site_store.site_record(site) for site in filled.sites],
        "hidden_items": sorted(
            [item.node.id, item.loop_key] for item in filled.rendered.items() if not item.visible
        ),
    }


def _species_named(filled: services.Filled) -> dict[str, dict]:
    """The names of the species that answers of the species type name."""
    named = {
        answer.value
        for (node_id, _key), answer in filled.answers.items()
        if isinstance(answer.value, str)
        and filled.tree.by_id[node_id].effective_type == AnswerType.SPECIES
    }
    return {
        entry.species.taxon_id: {
            "label": dict(entry.species.common_name or {}),
            "detail": entry.species.scientific_name,
        }
        for entry in filled.species_entries
        if entry.species.taxon_id in named
    }


def _answer_order(entry):
    (node_id, loop_key), _answer = entry
    return (node_id, loop_key)


def _files(node, answer, attachments: dict[int, Attachment]) -> list[dict]:
    if node.effective_type != AnswerType.FILE or not isinstance(answer.value, list):
        return []
    found = []
    for attachment_id in answer.value:
        attachment = attachments.get(attachment_id)
        if attachment is not None:
            found.append(
                {"id": attachment.id, "filename": attachment.filename, "size": attachment.size}
            )
    return found


def _loop_labels(filled: services.Filled) -> dict[str, dict]:
    """Each loop key's label: a species' common names in every language (and its scientific
    name), a site's name (the same in every language)."""
    labels: dict[str, dict] = {}
    for entry in filled.species_entries:
        labels[entry.species.taxon_id] = {
            "label": dict(entry.species.common_name or {}),
            "detail": entry.species.scientific_name,
        }
    site_keys = {key for (_node, key) in filled.answers if key and key not in labels}
    known = {site.key: site for site in filled.sites}
    missing = [bounds.integer_or(k) for k in site_keys if k not in known]
    missing = [site_id for site_id in missing if site_id is not None]
    if missing:  # answers kept for removed sites
        for site in db.session.scalars(sa.select(Site).where(Site.id.in_(missing))):
            known[site.key] = site
    for key, site in known.items():
        labels[key] = {"label": site.name, "detail": ""}
    return labels


# --- reading a snapshot ---------------------------------------------------------------------


def content_languages(snap: dict) -> SimpleNamespace:
    """What `translate` needs of the instrument: its working languages when the snapshot was
    taken."""
    return SimpleNamespace(working_languages=snap["instrument"].get("working_languages") or [])


def text(value, snap: dict, lang: str):
    """A content text of the snapshot in `lang`, along the same fallback as the live pages."""
    if isinstance(value, str):
        return value
    return translate(value, lang=lang, instrument=content_languages(snap))


def saying(snap: dict, lang: str, answer: dict | None = None) -> answers.Saying:
    """What saying the snapshot's answers in `lang` needs, from the snapshot alone: the
    instrument's working languages then, the species it names, the files of `answer`."""
    species = {
        key: answers.Named(entry.get("label") or {}, entry.get("detail") or "")
        for key, entry in (snap.get("species") or {}).items()
    }
    files = {f["id"]: f["filename"] for f in (answer or {}).get("files") or []}
    return answers.Saying(lang, content_languages(snap), species=species, files=files)


def answer_words(node: dict, answer: dict, snap: dict, lang: str) -> str:
    """An answer as a reader of `lang` reads it, in full: choice labels, numbers and dates in
    the locale's format; what was typed when it could not be read; "" when there is none."""
    return answers.answer_words(
        node.get("type"), node.get("config") or {}, answer, saying(snap, lang, answer)
    )


def nodes_by_id(snap: dict) -> dict[int, dict]:
    return {node["id"]: node for node in snap["nodes"]}
