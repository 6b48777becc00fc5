"""Uploaded files waiting for the person's confirmation (an import previewed, not yet applied):
kept under IMPORT_FOLDER (outside the static folder) by a random token, with who uploaded them
and what for; only that person may take them back; a day later they are gone."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from app.utils import json_dumps

KEEP_SECONDS = 24 * 3600
TOKEN_BYTES = 18


@dataclass
class Pending:
    token: str
    data: bytes
    facts: dict[str, Any]  # what the upload was for (user id, instrument, cycle …)


def _folder() -> Path:
    folder = Path(current_app.config["IMPORT_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(data: bytes, user_id: int, **facts: Any) -> str:
    """Keep `data` for `user_id` with `facts`; its token. Files older than a day are removed."""
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    (folder / f"{token}.bin").write_bytes(data)
    meta = {"user_id": user_id, "at": time.time(), **facts}
    (folder / f"{token}.json").write_text(json_dumps(meta, ensure_ascii=False), encoding="utf-8")
    return token


def take(token: str, user_id: int) -> Pending | None:
    """What `user_id` kept under `token`; None for another person's, a stale or unknown one."""
    if not token or len(token) > 64 or not all(c.isalnum() or c in "-_" for c in token):
        return None
    folder = _folder()
    meta_path, data_path = folder / f"{token}.json", folder / f"{token}.bin"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = data_path.read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id or time.time() - meta.get("at", 0) > KEEP_SECONDS:
        return None
    return Pending(token, data, meta)


def drop(token: str) -> None:
    folder = _folder()
    for suffix in (".bin", ".json"):
        (folder / f"{token}{suffix}").unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.glob("*.json"):
        try:
            stale = path.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            drop(path.stem)
