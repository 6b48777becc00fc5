"""Small helpers shared by several domains."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Timezone-aware now in UTC; every timestamp the application stores is UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: read them as the UTC they were stored in."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
