"""Every text of a questionnaire, in each working language, and the one way to change one.

A draft's texts change freely. A published questionnaire accepts translation fixes only: a text
in a language other than the instrument's first working language (which carries the meaning)
may be added or corrected, never removed, and each fix is recorded in the questionnaire's
history. Bank items' texts belong to the bank and are never changed from here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import bounds
from app.answers import types
from app.audit import services as audit
from app.audit.models import AuditEvent
from app.extensions import db
from app.i18n import languages, missing_languages
from app.questionnaires.models import Node, Questionnaire, Status
from app.questionnaires.tree import Tree

TEXT_ACTIONS = ("questionnaire.text", "questionnaire.translation_fix")


class TextError(ValueError):
    """A refused text change; `str()` is a translated message."""


@dataclass
class TextRow:
    """One text of the questionnaire. `key` names it in forms: "q:title", "<node id>:text",
    "<node id>:config:choice:yes"…"""

    key: str
    what: str
    value: dict
    node: Node | None = None
    from_bank: bool = False
    required: bool = True
    missing: list[str] = field(default_factory=list)

    @property
    def target_field(self) -> str:
        return self.key.split(":", 1)[1]


def describe_path(path: str) -> str:
    """What a label inside a configuration is, by its path: a table column's choice is named by
    its own key within its column, not as the column."""
    kind, _sep, key = path.partition(":")
    if kind == "column" and ":choice:" in key:
        column, _sep, choice = key.partition(":choice:")
        return str(_l("Choice “%(choice)s” of column “%(column)s”", choice=choice, column=column))
    names = {
        "unit": _l("Unit"),
        "choice": _l("Choice “%(key)s”", key=key),
        "row": _l("Table row “%(key)s”", key=key),
        "column": _l("Table column “%(key)s”", key=key),
    }
    return str(names.get(kind, path))


def working_languages(questionnaire: Questionnaire) -> list[str]:
    return list(questionnaire.instrument.working_languages or []) or languages()[:1]


def meaning_language(questionnaire: Questionnaire) -> str:
    """The language whose text carries the meaning: the instrument's first working language."""
    return working_languages(questionnaire)[0]


def rows(current: Tree) -> list[TextRow]:
    """Every text a respondent reads, in document order, with its missing working languages.

    Optional texts (introduction, guidance) count as missing in a language only when some
    other language has them."""
    questionnaire = current.questionnaire
    found = [
        TextRow("q:title", str(_l("Title of the questionnaire")), questionnaire.title or {}),
        TextRow(
            "q:introduction",
            str(_l("Introduction")),
            questionnaire.introduction or {},
            required=False,
        ),
    ]
    for node in current.walk():
        if node.is_section:
            found.append(
                TextRow(f"{node.id}:title", str(_l("Section title")), node.title or {}, node)
            )
            continue
        bank = node.bank_version
        if bank is not None:
            found.append(
                TextRow(f"{node.id}:bank:text", str(_l("Question")), bank.text, node, True)
            )
            if any(bank.guidance.values()):
                found.append(
                    TextRow(
                        f"{node.id}:bank:guidance", str(_l("Guidance")), bank.guidance, node, True
                    )
                )
            for path, label in types.translatable_texts(bank.config):
                found.append(
                    TextRow(f"{node.id}:bank:config:{path}", describe_path(path), label, node, True)
                )
            found.append(
                TextRow(
                    f"{node.id}:guidance",
                    str(_l("Local guidance")),
                    node.guidance or {},
                    node,
                    required=False,
                )
            )
            continue
        found.append(TextRow(f"{node.id}:text", str(_l("Question")), node.text or {}, node))
        found.append(
            TextRow(
                f"{node.id}:guidance",
                str(_l("Guidance")),
                node.guidance or {},
                node,
                required=False,
            )
        )
        for path, label in types.translatable_texts(node.config):
            found.append(TextRow(f"{node.id}:config:{path}", describe_path(path), label, node))
    working = working_languages(questionnaire)
    for row in found:
        if row.required or any((v or "").strip() for v in row.value.values()):
            row.missing = missing_languages(row.value, working)
    return found


def counted(found: list[TextRow]) -> list[TextRow]:
    """The rows that are texts of the questionnaire: the required ones, and the optional ones
    (introduction, guidance) written in some language. An empty optional text is a place to
    write one, not a text: the Texts page shows it, and no count includes it."""
    return [
        row for row in found if row.required or any((v or "").strip() for v in row.value.values())
    ]


def count(current: Tree) -> int:
    """How many texts the questionnaire has: the one number every page gives."""
    return len(counted(rows(current)))


def missing_counts(found: list[TextRow], langs: list[str]) -> dict[str, int]:
    return {lang: sum(lang in row.missing for row in found) for lang in langs}


@dataclass(frozen=True)
class Completeness:
    """The texts of a questionnaire in one language (working or not): how many, which missing."""

    lang: str
    total: int
    missing: list[TextRow]

    @property
    def present(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> float:
        return 100.0 * self.present / self.total if self.total else 100.0


def completeness(current: Tree, lang: str) -> Completeness:
    texts = counted(rows(current))
    return Completeness(lang, len(texts), [t for t in texts if missing_languages(t.value, [lang])])


def can_edit_texts(questionnaire: Questionnaire) -> bool:
    return questionnaire.status in (Status.DRAFT, Status.PUBLISHED)


def editable(questionnaire: Questionnaire, row: TextRow, lang: str) -> bool:
    """Whether the cell (row, lang) may change (the actor's rights aside)."""
    if row.from_bank or not can_edit_texts(questionnaire):
        return False
    return questionnaire.is_draft or lang != meaning_language(questionnaire)


# --- changing one text ---------------------------------------------------------------------------


def _label_in(config: dict, path: str) -> dict | None:
    """The label dictionary at `path` inside `config` (a deep copy the caller may change)."""
    parts = path.split(":")
    if parts == ["unit"]:
        return config.get("unit") if isinstance(config.get("unit"), dict) else None
    groups = {"choice": "choices", "row": "rows", "column": "columns"}
    container: dict | None = config
    while parts and container is not None:
        kind, key, parts = parts[0], parts[1] if len(parts) > 1 else None, parts[2:]
        group = groups.get(kind)
        if group is None or key is None:
            return None
        container = next((c for c in container.get(group) or [] if c.get("key") == key), None)
    if container is None:
        return None
    container.setdefault("label", {})
    return container["label"]


def set_text(
    target: Questionnaire | Node, field_name: str, lang: str, value: str, actor=None
) -> bool:
    """Set the text `field_name` of `target` in `lang`. Returns False when nothing changed.

    Fields: a questionnaire's "title" and "introduction"; a section's "title"; a local item's
    "text", "guidance" and "config:<path>" (a label inside its configuration, as
    `types.translatable_texts` names them); a bank item's local "guidance" only."""
    node = target if isinstance(target, Node) else None
    questionnaire = node.questionnaire if node is not None else target
    if lang not in languages():
        raise TextError(_l("Unknown language “%(lang)s”.", lang=lang))
    if not can_edit_texts(questionnaire):
        raise TextError(_l("The texts of a closed or archived questionnaire no longer change."))
    value = (value or "").strip()
    published = not questionnaire.is_draft
    if published and lang == meaning_language(questionnaire):
        raise TextError(
            _l(
                "The questionnaire is published: its %(language)s text carries the meaning and "
                "can no longer change. Only translations may be added or corrected.",
                language=lang.upper(),
            )
        )
    if published and not value:
        raise TextError(_l("A translation fix cannot remove a text."))
    if bounds.text_length(value) > bounds.MAX_WORDING:
        raise TextError(_l("This text is longer than %(max)d characters.", max=bounds.MAX_WORDING))

    if node is None:
        allowed = {"title", "introduction"}
    elif node.is_section:
        allowed = {"title"}
    elif node.is_bank_item:
        allowed = {"guidance"}
    else:
        allowed = {"text", "guidance"}
    is_config = field_name.startswith("config:") and node is not None and not node.is_section
    if node is not None and node.is_bank_item and field_name != "guidance":
        raise TextError(_l("This text belongs to the bank: change it on the bank question."))
    if field_name not in allowed and not is_config:
        raise TextError(_l("There is no such text to change."))

    # The texts to change: a label inside a copy of the configuration, or a field's own copy.
    if is_config:
        config = copy.deepcopy(target.config or {})
        texts = _label_in(config, field_name.removeprefix("config:"))
        if texts is None:
            raise TextError(_l("There is no such text to change."))
    else:
        texts = dict(getattr(target, field_name) or {})
    before = texts.get(lang) or ""
    if before == value:
        return False
    if value:
        texts[lang] = value
    else:
        texts.pop(lang, None)
    if is_config:
        target.config = config
    else:
        setattr(target, field_name, texts)

    where = f"{node.number} {node.code or ''}".strip() if node is not None else questionnaire.code
    audit.record(
        actor,
        "questionnaire.translation_fix" if published else "questionnaire.text",
        questionnaire,
        f"{where} · {field_name} · {lang}",
        node_id=getattr(node, "id", None),
        number=getattr(node, "number", None),
        field=field_name,
        lang=lang,
        before=before,
        after=value,
    )
    db.session.flush()
    return True


def text_history(questionnaire: Questionnaire, limit: int = 100) -> list[AuditEvent]:
    """The text changes and translation fixes of `questionnaire`, newest first."""
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(
                AuditEvent.target_type == "questionnaire",
                AuditEvent.target_id == questionnaire.id,
                AuditEvent.action.in_(TEXT_ACTIONS),
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )
