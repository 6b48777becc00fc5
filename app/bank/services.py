"""Rules of the harmonised bank: creating questions, versions and their freezing, translations,
compatibility, differences, proposals between secretariats, search and usage."""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l

from app import answers, bounds
from app.answers import types
from app.audit import services as audit
from app.audit.models import AuditEvent
from app.auth import services as accounts
from app.auth.models import Role, User
from app.bank import vocabularies
from app.bank.models import BankProposal, BankQuestion, BankVersion, ProposalStatus
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import DEFAULT_LANGUAGE, languages, normalise
from app.utils import utcnow

log = logging.getLogger(__name__)
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")


class BankError(ValueError):
    """A refused change; `str()` is a translated message."""


# --- checks --------------------------------------------------------------------------------------


def _check_definition(answer_type: str, text: dict, config: dict) -> None:
    if not (text.get("en") or "").strip():
        raise BankError(_l("The English text of the question is required."))
    problems = answers.config_problems(answer_type, config)
    if problems:
        raise BankError(problems[0].message)


def _check_tags(tags: list[str]) -> None:
    unknown = [t for t in tags if not vocabularies.is_known(t)]
    if unknown:
        raise BankError(_l("Unknown tags: %(tags)s.", tags=", ".join(unknown)))


def _within_limit(message: str) -> str:
    if bounds.text_length(message) > bounds.MAX_MESSAGE:
        raise BankError(_l("This text is longer than %(max)d characters.", max=bounds.MAX_MESSAGE))
    return message


def _clean(texts: dict | None) -> dict[str, str]:
    return {k: v.strip() for k, v in (texts or {}).items() if isinstance(v, str) and v.strip()}


# --- creating and changing -----------------------------------------------------------------------


def code_problem(code: str) -> str | None:
    """Why `code` cannot name a new bank question (translated), or None."""
    code = code.strip().upper()
    if not CODE_PATTERN.match(code) or len(code) > 40:
        return str(_l("A code is capital letters and digits in parts joined by “-”."))
    if question_by_code(code) is not None:
        return str(_l("A bank question with the code %(code)s exists already.", code=code))
    return None


def create_question(
    *,
    code: str,
    owner: Instrument,
    answer_type: str,
    text: dict,
    guidance: dict | None = None,
    config: dict | None = None,
    tags: list[str] | None = None,
    actor=None,
) -> BankQuestion:
    code = code.strip().upper()
    problem = code_problem(code)
    if problem:
        raise BankError(problem)
    text, config = _clean(text), copy.deepcopy(config or {})
    _check_definition(answer_type, text, config)
    tags = list(dict.fromkeys(tags or []))
    _check_tags(tags)
    question = BankQuestion(
        code=code, owner=owner, tags=tags, created_by_id=getattr(actor, "id", None)
    )
    question.versions.append(
        BankVersion(
            number=1,
            answer_type=answer_type,
            text=text,
            guidance=_clean(guidance),
            config=config,
            created_by_id=getattr(actor, "id", None),
        )
    )
    db.session.add(question)
    refresh_search_text(question)
    db.session.flush()
    audit.record(actor, "bank.create", question, code)
    return question


def meaning(answer_type: str, text: dict, config: dict) -> dict[str, Any]:
    """What fixes a version's meaning: its type, English wording and configuration without the
    translations of its labels."""

    def english_only(value: Any) -> Any:
        if isinstance(value, dict):
            if value and set(value) <= set(languages()) | {"en"}:
                return value.get("en", "")
            return {k: english_only(v) for k, v in value.items()}
        if isinstance(value, list):
            return [english_only(v) for v in value]
        return value

    return {"type": answer_type, "text": (text or {}).get("en", ""), "config": english_only(config)}


def change_question(
    question: BankQuestion,
    *,
    answer_type: str,
    text: dict,
    guidance: dict | None,
    config: dict | None,
    actor=None,
) -> tuple[BankVersion, bool]:
    """Change the latest version of `question`. Returns (version, is_new_version).

    A frozen version keeps its meaning: a change of type, English wording or choices makes a new
    version; a change of translations (or of guidance) is made in place and recorded.
    """
    text, config, guidance = _clean(text), copy.deepcopy(config or {}), _clean(guidance)
    _check_definition(answer_type, text, config)
    latest = question.latest
    new_meaning = meaning(answer_type, text, config) != meaning(
        latest.answer_type, latest.text, latest.config
    )
    if latest.frozen and new_meaning:
        version = BankVersion(
            number=latest.number + 1,
            answer_type=answer_type,
            text=text,
            guidance=guidance,
            config=config,
            created_by_id=getattr(actor, "id", None),
        )
        question.versions.append(version)
        db.session.flush()
        audit.record(
            actor,
            "bank.new_version",
            question,
            f"{question.code} v{version.number}",
            version=version.number,
            compatible=compatible(latest, version),
        )
        refresh_search_text(question)
        return version, True
    before = {"text": latest.text, "guidance": latest.guidance, "config": latest.config}
    latest.answer_type, latest.text, latest.guidance, latest.config = (
        answer_type,
        text,
        guidance,
        config,
    )
    changes = [row.as_dict() for row in diff_definitions(before, _definition(latest))]
    audit.record(
        actor,
        "bank.translation" if latest.frozen else "bank.edit",
        question,
        f"{question.code} v{latest.number}",
        version=latest.number,
        changes=changes,
    )
    refresh_search_text(question)
    db.session.flush()
    return latest, False


def translations(version: BankVersion) -> list[tuple[str, dict[str, str]]]:
    """The texts of `version` a translator translates, each with the field naming it for
    `set_translation`: "text", "guidance", then "config:<path>" for each label of its
    configuration (`types.translatable_texts`), in that order."""
    found = [("text", version.text or {}), ("guidance", version.guidance or {})]
    found += [(f"config:{path}", label) for path, label in types.translatable_texts(version.config)]
    return found


def set_translation(
    question: BankQuestion, field_name: str, lang: str, value: str, actor=None
) -> bool:
    """Add or correct the `lang` translation of one text of `question`'s latest version (a
    field as `translations` names it). Returns False when it already reads `value`.

    English carries the meaning and never changes here, nor is a translation removed: the
    change is one of translation only, made in place by `change_question` and recorded."""
    if lang not in languages() or lang == DEFAULT_LANGUAGE:
        raise BankError(_l("Only a translation can be set this way, not “%(lang)s”.", lang=lang))
    value = (value or "").strip()
    if not value:
        raise BankError(_l("A translation cannot be removed this way."))
    if bounds.text_length(value) > bounds.MAX_WORDING:
        raise BankError(_l("This text is longer than %(max)d characters.", max=bounds.MAX_WORDING))
    latest = question.latest
    text, guidance = dict(latest.text or {}), dict(latest.guidance or {})
    config = copy.deepcopy(latest.config or {})
    fields = {"text": text, "guidance": guidance}
    # translatable_texts gives the configuration's own label dictionaries: changing one
    # changes the copy; a label without English is no text to translate.
    fields |= {f"config:{path}": label for path, label in types.translatable_texts(config)}
    texts = fields.get(field_name)
    if texts is None or not (texts.get(DEFAULT_LANGUAGE) or "").strip():
        raise BankError(_l("There is no such text to change."))
    if (texts.get(lang) or "").strip() == value:
        return False
    texts[lang] = value
    change_question(
        question,
        answer_type=latest.answer_type,
        text=text,
        guidance=guidance,
        config=config,
        actor=actor,
    )
    return True


def set_tags(question: BankQuestion, tags: list[str], actor=None) -> None:
    tags = list(dict.fromkeys(tags))
    _check_tags(tags)
    question.tags = tags
    audit.record(actor, "bank.tags", question, question.code, tags=tags)


def freeze(versions: list[BankVersion]) -> None:
    """Freeze the meaning of versions used by a questionnaire being published."""
    now = utcnow()
    for version in versions:
        if version.frozen_at is None:
            version.frozen_at = now


def refresh_search_text(question: BankQuestion) -> None:
    parts = [question.code]
    for version in question.versions:
        parts += [*version.text.values(), *version.guidance.values()]
        parts += [
            t for _, label in types.translatable_texts(version.config) for t in label.values()
        ]
    question.search_text = normalise(" | ".join(p for p in parts if p))


# --- comparing versions --------------------------------------------------------------------------


def compatible(older: BankVersion, newer: BankVersion) -> bool:
    """Same answer type, and every choice key of the older version exists in the newer one."""
    if older.answer_type != newer.answer_type:
        return False
    old_keys = set(types.choice_keys(older.config))
    return old_keys <= set(types.choice_keys(newer.config))


@dataclass(frozen=True)
class DiffRow:
    field: str
    lang: str | None
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "lang": self.lang, "old": self.old, "new": self.new}


def _definition(version: BankVersion) -> dict[str, Any]:
    return {
        "type": version.answer_type,
        "text": version.text,
        "guidance": version.guidance,
        "config": version.config,
    }


def diff_definitions(old: dict[str, Any], new: dict[str, Any]) -> list[DiffRow]:
    rows: list[DiffRow] = []
    if old.get("type") != new.get("type") and "type" in old:
        rows.append(DiffRow("type", None, old.get("type"), new.get("type")))
    for field in ("text", "guidance"):
        for lang in languages():
            before, after = (old.get(field) or {}).get(lang), (new.get(field) or {}).get(lang)
            if before != after:
                rows.append(DiffRow(field, lang, before, after))
    old_labels = dict(types.translatable_texts(old.get("config")))
    new_labels = dict(types.translatable_texts(new.get("config")))
    for path in list(dict.fromkeys([*old_labels, *new_labels])):
        for lang in languages():
            before = (old_labels.get(path) or {}).get(lang)
            after = (new_labels.get(path) or {}).get(lang)
            if before != after:
                rows.append(DiffRow(path, lang, before, after))
    for bound in ("min", "max", "integer", "allow_other"):
        before, after = (old.get("config") or {}).get(bound), (new.get("config") or {}).get(bound)
        if before != after:
            rows.append(DiffRow(bound, None, before, after))
    return rows + _table_structure(old.get("config") or {}, new.get("config") or {})


def _table_structure(old: dict[str, Any], new: dict[str, Any]) -> list[DiffRow]:
    """What comparing labels does not show in a table: a column whose type changed, and a new
    order of the rows or columns (keys joined by ", ")."""
    rows: list[DiffRow] = []
    old_types = {c.get("key"): c.get("type") for c in old.get("columns") or []}
    for column in new.get("columns") or []:
        before = old_types.get(column.get("key"))
        if before is not None and before != column.get("type"):
            rows.append(DiffRow(f"column:{column.get('key')}:type", None, before, column["type"]))
    for group in ("rows", "columns"):
        before = [part.get("key") for part in old.get(group) or []]
        after = [part.get("key") for part in new.get(group) or []]
        if [k for k in before if k in after] != [k for k in after if k in before]:
            rows.append(DiffRow(f"{group}:order", None, ", ".join(before), ", ".join(after)))
    return rows


def diff(older: BankVersion, newer: BankVersion) -> list[DiffRow]:
    """What differs between two versions, field by field and language by language."""
    return diff_definitions(_definition(older), _definition(newer))


# --- proposals -----------------------------------------------------------------------------------


def propose(
    question: BankQuestion,
    *,
    instrument: Instrument,
    answer_type: str,
    text: dict,
    guidance: dict | None,
    config: dict | None,
    message: str = "",
    actor=None,
) -> BankProposal:
    """Another instrument's secretariat proposes a change; the owner decides."""
    if instrument.id == question.owner_id:
        raise BankError(_l("The owner changes its question directly; proposals come from others."))
    text, config = _clean(text), copy.deepcopy(config or {})
    _check_definition(answer_type, text, config)
    proposal = BankProposal(
        question=question,
        base_version=question.latest,
        instrument=instrument,
        proposed_by_id=getattr(actor, "id", None),
        answer_type=answer_type,
        text=text,
        guidance=_clean(guidance),
        config=config,
        message=_within_limit(message.strip()),
    )
    db.session.add(proposal)
    db.session.flush()
    audit.record(
        actor,
        "bank.propose",
        question,
        f"{question.code} by {instrument.code}",
        instrument=instrument.code,
        version=question.latest.number,
    )
    return proposal


def accept(proposal: BankProposal, actor=None, note: str = "") -> BankVersion:
    _require_open(proposal)
    version, _ = change_question(
        proposal.question,
        answer_type=proposal.answer_type,
        text=proposal.text,
        guidance=proposal.guidance,
        config=proposal.config,
        actor=actor,
    )
    _decide(proposal, ProposalStatus.ACCEPTED, actor, note)
    proposal.result_version_id = version.id
    return version


def decline(proposal: BankProposal, actor=None, note: str = "") -> None:
    _require_open(proposal)
    _decide(proposal, ProposalStatus.DECLINED, actor, note)


def _require_open(proposal: BankProposal) -> None:
    if proposal.status != ProposalStatus.OPEN:
        raise BankError(_l("This proposal has already been decided."))


def _decide(proposal: BankProposal, status: ProposalStatus, actor, note: str) -> None:
    proposal.status = status.value
    proposal.decided_by_id = getattr(actor, "id", None)
    proposal.decided_at = utcnow()
    proposal.decision_note = _within_limit(note.strip())
    audit.record(actor, f"bank.proposal_{status.value}", proposal.question, proposal.question.code)


def proposals(question: BankQuestion) -> list[BankProposal]:
    return list(
        db.session.scalars(
            sa.select(BankProposal)
            .where(BankProposal.question_id == question.id)
            .order_by(BankProposal.created_at.desc())
        )
    )


# --- finding -------------------------------------------------------------------------------------


def question_by_code(code: str) -> BankQuestion | None:
    return db.session.scalar(sa.select(BankQuestion).where(BankQuestion.code == code.upper()))


def history(question: BankQuestion) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.target_type == "bankquestion", AuditEvent.target_id == question.id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        )
    )


# --- authoring (app/bank/authoring.py) -----------------------------------------------------------


def preview_change(
    question: BankQuestion, *, answer_type: str, text: dict, guidance: dict | None, config: dict
) -> tuple[list[DiffRow], bool]:
    """What `change_question` would do, without doing it: (differences from the latest version,
    whether it would make a new version rather than change the latest in place)."""
    latest = question.latest
    text, guidance = _clean(text), _clean(guidance)
    new = {"type": answer_type, "text": text, "guidance": guidance, "config": config}
    rows = diff_definitions(_definition(latest), new)
    new_meaning = meaning(answer_type, new["text"], config) != meaning(
        latest.answer_type, latest.text, latest.config
    )
    return rows, latest.frozen and new_meaning


def proposal_diff(proposal: BankProposal) -> list[DiffRow]:
    """A proposal's differences from the version it was made against."""
    return diff_definitions(
        _definition(proposal.base_version),
        {
            "type": proposal.answer_type,
            "text": proposal.text,
            "guidance": proposal.guidance,
            "config": proposal.config,
        },
    )


def open_proposals(question: BankQuestion) -> list[BankProposal]:
    return [p for p in proposals(question) if p.status == ProposalStatus.OPEN]


def proposals_awaiting(owner_ids: set[int]) -> list[BankProposal]:
    """The open proposals on questions the instruments `owner_ids` own, oldest first: what waits
    for those secretariats' decision."""
    if not owner_ids:
        return []
    return list(
        db.session.scalars(
            sa.select(BankProposal)
            .join(BankQuestion, BankProposal.question_id == BankQuestion.id)
            .where(
                BankQuestion.owner_id.in_(owner_ids),
                BankProposal.status == ProposalStatus.OPEN.value,
            )
            .order_by(BankProposal.created_at, BankProposal.id)
        )
    )


# --- mail about proposals ------------------------------------------------------------------------


def secretariat_users(instrument_id: int) -> list[User]:
    """The active secretariat users of an instrument."""
    return accounts.holders(Role.SECRETARIAT, instrument_id=instrument_id)


def _link(endpoint: str, **values: Any) -> str:
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context():
        return url_for(endpoint, _external=True, **values)


def _mail(recipients: list[User], template: str, **context: Any) -> int:
    """Send `template` to each recipient in their own language; returns how many were sent or
    queued. A courtesy: the proposal or decision stands when a mail fails."""
    from app.notify import mail

    sent = 0
    for user in recipients:
        locale = user.locale if user.locale in languages() else DEFAULT_LANGUAGE
        try:
            mail.send(user.email, template, locale, user=user, **context)
        except mail.SEND_ERRORS:
            log.exception("mail %s to %s failed", template, user.email)
        else:
            sent += 1
    return sent


def mail_proposal(proposal: BankProposal) -> int:
    """Tell the owner's secretariat that `proposal` waits for its decision."""
    question = proposal.question
    return _mail(
        secretariat_users(question.owner_id),
        "bank_proposal",
        proposal=proposal,
        question=question,
        link=_link("bank.proposals", code=question.code),
    )


def mail_decision(proposal: BankProposal) -> int:
    """Tell whoever proposed (else the proposing instrument's secretariat) what the owner
    decided, with the decision note."""
    proposer = proposal.proposed_by
    recipients = (
        [proposer]
        if proposer is not None and proposer.active
        else secretariat_users(proposal.instrument_id)
    )
    question = proposal.question
    result_id = proposal.result_version_id  # set when accepted
    result = db.session.get(BankVersion, result_id) if result_id else None
    return _mail(
        recipients,
        "bank_proposal_decided",
        proposal=proposal,
        question=question,
        result=result,
        link=_link("bank.question", code=question.code),
    )
