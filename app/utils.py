"""Small helpers shared by several domains."""

import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from flask.json.provider import DefaultJSONProvider


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


# --- strict JSON ---------------------------------------------------------------------------------
# NaN and Infinity are not JSON: a browser's JSON.parse refuses them (one such value embedded in
# a section page stopped autosave for the whole report). Pages (`tojson`), responses (`jsonify`)
# and the database's JSON columns all serialise through `json_dumps`, which refuses them.


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_dumps(obj: Any, **kwargs: Any) -> str:
    """`json.dumps` that raises ValueError on NaN and ±Infinity (the database's serialiser)."""
    kwargs.setdefault("allow_nan", False)
    return json.dumps(obj, **kwargs)


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON (`app.json`: `jsonify`, the `tojson` filter, `request.get_json`), strict:
    NaN and Infinity are neither written nor read."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        kwargs.setdefault("parse_constant", _refuse_constant)
        return super().loads(s, **kwargs)
