"""Small helpers shared by several domains."""

import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any


def utcnow() -> datetime:
    """Timezone-aware now in UTC; every timestamp the application stores is UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: read them as the UTC they were stored in."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def read_data(package: str, name: str) -> Any:
    """The JSON file `name` in the `data/` folder of `package` (e.g. ``"app.bank"``).

    Read through importlib.resources, so it works the same from a checkout and from an
    installed wheel (pyproject.toml ships ``data/*.json`` as package data).
    """
    text = resources.files(package).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)
