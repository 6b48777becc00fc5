"""Sites: a name and, optionally, coordinates in decimal degrees (read as the sites page reads
them: app/answers/reading.read_degrees)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.answers.base import (
    Cell,
    Context,
    Kind,
    Saying,
    ValueProblem,
    WorkbookPart,
    one,
    workbook_text,
)
from app.answers.reading import format_number, read_degrees
from app.answers.types import AnswerType

PARTS = {"lat": "latitude", "lon": "longitude"}
FORM_PARTS = ("name", "lat", "lon")
MAX_NAME = 200


class Site(Kind):
    type = AnswerType.SITE
    widget = "answers/widgets/site.html"

    def read(self, raw: Any, config: dict, context: Context) -> dict:
        if not isinstance(raw, dict):
            raw = {"name": one(raw)}
        site: dict[str, Any] = {"name": " ".join(str(raw.get("name") or "").split())}
        for part, long_name in PARTS.items():
            degrees = read_degrees(long_name, str(raw.get(part) or ""), context.locale)
            if degrees is not None:
                site[part] = degrees
        if not site["name"]:
            raise ValueProblem(_l("Give the site a name."))
        if len(site["name"]) > MAX_NAME:
            raise ValueProblem(_l("A site name has at most 200 characters."))
        return site

    def from_form(self, form, name: str) -> dict[str, str]:
        """The parts posted as ``s-<name>.name``, ``.lat`` and ``.lon``."""
        return {part: form.get(f"s-{name}.{part}", "") for part in FORM_PARTS}

    def to_form(self, shown, name: str, raw: Any) -> None:
        if not isinstance(raw, dict):
            return super().to_form(shown, name, raw)
        for part in FORM_PARTS:
            if raw.get(part) not in (None, ""):
                shown.add(f"s-{name}.{part}", str(raw[part]))

    def form_value(self, value: Any, config: dict, locale: str) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            "name": value.get("name", ""),
            **{p: format_number(value[p], locale) for p in PARTS if p in value},
        }

    def words(self, value: Any, config: dict, say: Saying) -> str:
        if not isinstance(value, dict):
            return str(value)
        name = str(value.get("name", ""))
        if "lat" in value and "lon" in value:
            return _(
                "%(name)s (%(lat)s, %(lon)s)",
                name=name,
                lat=format_number(value["lat"], say.lang),
                lon=format_number(value["lon"], say.lang),
            )
        return name

    def cells(self, value: Any, config: dict, say: Saying) -> list[Cell]:
        if not isinstance(value, dict):
            return []
        found = [Cell("name", value.get("name", ""), str(value.get("name", "")))]
        for part in PARTS:
            if part in value:
                found.append(Cell(part, value[part], format_number(value[part], say.lang)))
        return found

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        """The name, then the coordinates in decimal degrees."""
        return [
            WorkbookPart("name", _("Name")),
            WorkbookPart("lat", _("Latitude"), check="decimal", low=-90, high=90),
            WorkbookPart("lon", _("Longitude"), check="decimal", low=-180, high=180),
        ]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        if not isinstance(value, dict):
            return {"name": str(value)}
        return {part: value[part] for part in FORM_PARTS if part in value}

    def from_workbook(self, cells, config: dict, say: Saying) -> dict[str, str]:
        return {part: workbook_text(cells.get(part), say.lang) for part in FORM_PARTS}
