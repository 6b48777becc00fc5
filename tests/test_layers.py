"""The package dependency rule, read from the source: a domain imports only those below it.

auth and directory < answers < bank < questionnaires < reporting < analysis and what comes
after; audit and notify are services anyone may call; main, demo, cli and serving (gunicorn's
hooks) sit on top and may import anything; the policy module reads models and fact queries,
never a feature's services or views. Every import counts, at the top of a module or deferred
inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

# Domains, lowest first; a domain may import its own rank and those below.
RANK = {
    "auth": 0,
    "directory": 0,
    "answers": 1,
    "bank": 2,
    "questionnaires": 3,
    "reporting": 4,
    "analysis": 5,
    "interchange": 6,
    "api": 6,
    "public": 6,
}
SERVICES = {"audit", "notify"}  # anyone may call them
TOP = {"", "main", "demo", "cli", "serving", "operations"}  # "" is app/__init__.py, create_app
BASE = {
    "i18n",
    "extensions",
    "utils",
    "security",
    "forms_common",
    "policy",
    "enums",
    "bounds",
    "templating",
}
REGISTRY = "models"  # app/models.py imports every model: for Alembic and the top only
# What app/policy.py may read besides models modules and base modules.
POLICY_FACTS = {"app.reporting.facts"}


def owner(module: str) -> str:
    """The package (or top-level module) of app that `module` belongs to: app.bank.types →
    bank; app → ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_models(module: str) -> bool:
    return module.split(".")[-1] == "models"


def refusal(source: str, target: str) -> str | None:
    """Why module `source` may not import module `target`, or None when it may."""
    src, dst = owner(source), owner(target)
    if src == dst or src in TOP:
        return None
    if source == "app.policy":
        if dst in BASE or target in POLICY_FACTS or _is_models(target):
            return None
        return "the policy reads models and fact queries only"
    if src == REGISTRY:
        return None if dst in BASE or _is_models(target) else "app.models imports models only"
    if dst == REGISTRY:
        return "app.models gathers every model, for Alembic and the top only"
    if dst in TOP:
        return f"{dst or 'app'} is at the top"
    if dst in BASE:
        return None
    if src in BASE:
        return f"{src} is a base module: it imports base modules only"
    if dst in SERVICES:
        return None
    if src in SERVICES:
        if RANK.get(dst) == 0 and _is_models(target):
            return None  # the audit log names the acting user
        return f"{src} is a service under every domain"
    if src not in RANK:
        return f"{src} has no place in the order"
    if dst not in RANK:
        return f"{dst} has no place in the order"
    if RANK[dst] > RANK[src]:
        return f"{src} sits below {dst}"
    return None


def imports(module: str, source: str, is_package: bool = False):
    """(line, imported module) for every import of app code in `source`, deferred ones too;
    `is_package` when `source` is the module's __init__.py (relative imports start there)."""
    package = module if is_package else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "app" or alias.name.startswith("app."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package upwards
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base != "app" and not base.startswith("app."):
                continue
            for alias in node.names:
                # `from app import policy` imports app.policy, `from app.x import y` app.x.y
                # when y is a module of app/x, else app.x.
                yield node.lineno, _module_or_package(base, alias.name)


def _module_or_package(base: str, name: str) -> str:
    candidate = f"{base}.{name}"
    path = APP.parent.joinpath(*candidate.split("."))
    if path.with_suffix(".py").exists() or path.is_dir():
        return candidate
    return base


def breaches(module: str, source: str, path: str = "") -> list[str]:
    """One line per import in `source` (the text of `module`; of its __init__.py when `path`
    names one) that breaks the rule."""
    found = []
    is_package = path.endswith("__init__.py")
    for line, target in dict.fromkeys(imports(module, source, is_package)):  # once per line
        reason = refusal(module, target)
        if reason:
            found.append(f"{path or module}:{line} {module} imports {target} ({reason})")
    return found


def modules():
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def test_no_package_imports_a_higher_one():
    found, scanned = [], 0
    for module, path in modules():
        source = path.read_text(encoding="utf-8")
        scanned += sum(1 for _ in imports(module, source, path.name == "__init__.py"))
        found += breaches(module, source, str(path.relative_to(APP.parent)))
    assert scanned > 50, "the checker found almost no imports: it reads nothing"
    assert not found, "\n".join(found)


def test_no_module_imports_a_private_name_of_another():
    found = []
    for module, path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private:
                    found.append(f"{module}:{node.lineno} imports {private} from {node.module}")
    assert not found, "\n".join(found)


def test_every_package_has_a_place_in_the_order():
    known = set(RANK) | SERVICES | TOP | BASE | {REGISTRY}
    unplaced = {owner(module) for module, _ in modules()} - known
    assert not unplaced, f"add {sorted(unplaced)} to the order in tests/test_layers.py and README"


BAD = """
from app.bank.models import BankQuestion
import app.reporting.services


def later():
    from app import reporting
    from app.questionnaires.models import Node
"""


def test_the_checker_flags_imports_of_higher_packages():
    found = breaches("app.bank.sample", BAD)
    assert [entry.split(" ")[0] for entry in found] == [  # each once, deferred ones too
        "app.bank.sample:3",
        "app.bank.sample:7",
        "app.bank.sample:8",
    ]
    assert (
        "app.bank.sample imports app.questionnaires.models (bank sits below questionnaires)"
        in (found[2])
    )


@pytest.mark.parametrize(
    "module, source, refused",
    [
        ("app.policy", "from app.reporting import delegation", True),
        ("app.policy", "from app.reporting import facts", False),
        ("app.policy", "from app.reporting.models import Report", False),
        ("app.policy", "def f():\n    from app.bank import services", True),
        ("app.directory.services", "from app.reporting.services import open_reports", True),
        ("app.reporting.views", "from app.questionnaires import services", False),
        ("app.reporting.views", "from app import policy", False),
        ("app.bank.types", "from app.answers import registry", False),
        ("app.answers.registry", "from app.bank import types", True),
        ("app.audit.services", "from app.reporting.models import Report", True),
        ("app.bank.views", "from app.main import views", True),
        ("app.bank.views", "from app import create_app", True),
        ("app.i18n", "from app.bank import services", True),
        ("app.models", "from app.reporting.models import Report", False),
        ("app.demo.loader", "from app.reporting import services", False),
        ("app.questionnaires.pages", "from . import services", False),
        ("app.bank.pages", "from ..reporting import services", True),
    ],
)
def test_the_checker_reads_each_form_of_import(module, source, refused):
    assert bool(breaches(module, source)) == refused
