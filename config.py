"""Configuration classes. `create_app` picks one by name from the APP_CONFIG variable."""

import os
import secrets
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


class ConfigurationError(RuntimeError):
    """Raised when the environment cannot run the chosen configuration safely."""


def _development_secret_key() -> str:
    """A random key kept under instance/ so sessions survive a restart of `make run`."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and route them to psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    NAME = "base"
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'family_ors.db'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # Languages are configuration: adding one is a catalog plus an entry here.
    LANGUAGES = ["en", "fr", "es"]
    LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a report can stay open for hours; the session bounds the token

    # Pages, styles, scripts and JSON travel compressed (a 190-item section: ~540 KiB → ~30 KiB).
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "gzip"]
    COMPRESS_MIN_SIZE = 500
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "image/svg+xml",
    ]

    BOOTSTRAP_SERVE_LOCAL = True
    BOOTSTRAP_BTN_STYLE = "primary"

    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") != "0"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute;20 per hour"
    LOGIN_LIMIT_PER_ADDRESS = "20 per minute;200 per hour"

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Family ORS <no-reply@family-ors.org>"
    )
    MAIL_CONSOLE = False  # development prints mails instead of sending them

    PASSWORD_RESET_MAX_AGE = 3600
    INVITATION_MAX_AGE_DAYS = 14  # a contributor's invitation link (single use) lasts this long
    PASSWORD_MIN_LENGTH = 10
    ARGON2_PARAMS: dict = {}  # argon2-cffi defaults (RFC 9106 low-memory profile)
    DEMO_ALLOWED = True
    # A request may carry several attachments; each file is limited by ATTACHMENT_MAX_BYTES.
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024

    # Reporting. Autosave waits this long after the last keystroke before saving.
    AUTOSAVE_DEBOUNCE_MS = int(os.environ.get("AUTOSAVE_DEBOUNCE_MS", "2000"))
    # Consecutive saves of one answer by one person within this window make one revision.
    REVISION_MERGE_SECONDS = 300
    # Attachments: kept outside the static folder under random names, served through the policy.
    ATTACHMENT_FOLDER = os.environ.get("ATTACHMENT_FOLDER", str(INSTANCE_DIR / "attachments"))
    ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
    # Extensions accepted (PDF, office documents, images, CSV); each file's content must be a
    # genuine file of its extension (app/reporting/file_checks.py), and the type sent back on
    # download is ours, not the uploader's.
    ATTACHMENT_EXTENSIONS = tuple(
        os.environ.get(
            "ATTACHMENT_EXTENSIONS",
            "pdf,doc,docx,xls,xlsx,ppt,pptx,odt,ods,odp,csv,png,jpg,jpeg,gif,webp",
        ).split(",")
    )
    # Bounds of that check: an image's width × height, what an office document's parts add up
    # to once unpacked (a zip bomb is refused from its directory, never inflated), a PDF's pages,
    # and the encoding a CSV that is not UTF-8 is read in (what spreadsheets write on Windows).
    ATTACHMENT_MAX_PIXELS = int(os.environ.get("ATTACHMENT_MAX_PIXELS", "50000000"))
    ATTACHMENT_MAX_UNPACKED_BYTES = int(
        os.environ.get("ATTACHMENT_MAX_UNPACKED_BYTES", str(200 * 1000 * 1000))
    )
    ATTACHMENT_MAX_PDF_PAGES = 10_000
    ATTACHMENT_CSV_FALLBACK_ENCODING = os.environ.get("ATTACHMENT_CSV_FALLBACK_ENCODING", "cp1252")


class DevelopmentConfig(Config):
    NAME = "development"
    MAIL_CONSOLE = os.environ.get("MAIL_SERVER") is None

    def __init__(self) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _development_secret_key()


class TestConfig(Config):
    NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL", "sqlite://"))
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    ARGON2_PARAMS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 0  # a fixture starts aiosmtpd and sets the port
    MAIL_SUPPRESS_SEND = False  # tests read real messages from a local SMTP server
    MAIL_CONSOLE = False
    ATTACHMENT_FOLDER = os.path.join(tempfile.gettempdir(), "family-ors-test-attachments")


class ProductionConfig(Config):
    NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    DEMO_ALLOWED = False
    PREFERRED_URL_SCHEME = "https"

    def __init__(self) -> None:
        key = os.environ.get("SECRET_KEY")
        if not key or len(key) < 32:
            raise ConfigurationError(
                "SECRET_KEY is not set (or shorter than 32 characters). The production "
                "configuration refuses to start without it: export SECRET_KEY=<random string>, "
                "for example from `python -c 'import secrets; print(secrets.token_hex(32))'`."
            )
        self.SECRET_KEY = key
        if "DATABASE_URL" not in os.environ:
            raise ConfigurationError(
                "DATABASE_URL is not set: production runs on PostgreSQL, "
                "e.g. postgresql+psycopg://user@host/family_ors."
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
