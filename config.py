"""Configuration classes. `create_app` picks one by name from the APP_CONFIG variable."""

import logging
import math
import os
import secrets
import tempfile
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


def release_fingerprint() -> str:
    """What the public pages' ETags change with besides their data: the templates and the
    compiled catalogs as deployed (their names, sizes and modification times), so that a new
    release's pages are never answered "not modified" from an older one's."""
    import hashlib

    digest = hashlib.sha256()
    for folder, pattern in (
        (BASE_DIR / "app" / "templates", "*.html"),
        (BASE_DIR / "translations", "*.mo"),
    ):
        for path in sorted(folder.rglob(pattern)):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(BASE_DIR)}|{stat.st_size}|{stat.st_mtime_ns}".encode()
            )
    return digest.hexdigest()[:16]


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


TEST_SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
SECRET_KEY_MIN_LENGTH = 32
SECRET_KEY_MIN_DISTINCT = 8
SECRET_KEY_MIN_BITS = 80  # token_hex(16), the shortest random key accepted, scores 92 or more
SECRET_KEY_REPEAT = 8  # the same 8 characters twice: about 1 in 2.7 million token_hex(32)


def estimated_bits(key: str) -> float:
    """Shannon entropy of the key's own characters times its length: 0 for "aaaa…", 40 for
    "ab" × 20, about 240 for secrets.token_hex(32). An upper bound for a chosen phrase."""
    counts = Counter(key)
    return -sum(n * math.log2(n / len(key)) for n in counts.values())


def _repeats(key: str, size: int) -> bool:
    """Whether some run of `size` characters occurs twice in `key` (a pattern, a phrase)."""
    runs = [key[i : i + size] for i in range(len(key) - size + 1)]
    return len(set(runs)) < len(runs)


def _development_key_on_disk() -> str | None:
    try:
        return (INSTANCE_DIR / "secret_key").read_text().strip()
    except OSError:
        return None


def secret_key_problem(key: str | None) -> str | None:
    """Why `key` cannot sign production sessions, or None when it can."""
    if not key or len(key) < SECRET_KEY_MIN_LENGTH:
        return f"SECRET_KEY is not set or shorter than {SECRET_KEY_MIN_LENGTH} characters"
    if key in (TEST_SECRET_KEY, _development_key_on_disk()):
        return "SECRET_KEY is the test or the development key"
    if len(set(key)) < SECRET_KEY_MIN_DISTINCT:
        return f"SECRET_KEY has fewer than {SECRET_KEY_MIN_DISTINCT} different characters"
    if _repeats(key, SECRET_KEY_REPEAT):
        return f"SECRET_KEY repeats a run of {SECRET_KEY_REPEAT} characters"
    if estimated_bits(key) < SECRET_KEY_MIN_BITS:
        return "SECRET_KEY varies too little to be random"
    return None


def attachment_storage_problem(settings) -> str | None:
    """Why the attachment storage that `settings` (the environment, or an app's config) name
    cannot work, or None when it can."""
    kind = settings.get("ATTACHMENT_STORAGE") or "local"
    if kind not in ("local", "s3"):
        return f"ATTACHMENT_STORAGE={kind!r}: set it to local (a folder) or s3 (a bucket)"
    if kind == "s3" and not settings.get("ATTACHMENT_S3_BUCKET"):
        return (
            "ATTACHMENT_STORAGE=s3 but ATTACHMENT_S3_BUCKET is not set: name the bucket the "
            "attachments go into (and ATTACHMENT_S3_ENDPOINT_URL for a store other than "
            "Amazon S3)"
        )
    return None


def limiter_storage_uri(environ) -> str:
    """Where the rate limits count: RATELIMIT_STORAGE_URI, else the Redis of REDIS_URL, else
    the memory of each process (one worker only: with several, each counts apart)."""
    return environ.get("RATELIMIT_STORAGE_URI") or environ.get("REDIS_URL") or "memory://"


def proxy_count(value) -> int:
    """TRUSTED_PROXIES read as a number of proxies (0 to 5)."""
    text = str(value).strip() or "0"
    if not (text.isascii() and text.isdigit()) or int(text) > 5:
        raise ConfigurationError(
            f"TRUSTED_PROXIES={value!r}: give the number of reverse proxies in front of the "
            "application that set X-Forwarded-For (0 to 5; 0 trusts none)."
        )
    return int(text)


def database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and route them to psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    NAME = "base"
    # A PostgreSQL replica (streaming replication) the analysis pages and export files read
    # from, a few seconds behind: their load then stays off the primary that takes the saves.
    # Unset: they read the primary.
    ANALYSIS_DATABASE_URL = os.environ.get("ANALYSIS_DATABASE_URL") or None
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
    # Counts shared by every worker: Redis when REDIS_URL names one (memory counts per process).
    RATELIMIT_STORAGE_URI = limiter_storage_uri(os.environ)
    RATELIMIT_KEY_PREFIX = "family-ors"
    # Redis unreachable: each worker counts in memory until it answers again (no 500 on sign-in).
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute;20 per hour"
    LOGIN_LIMIT_PER_ADDRESS = "20 per minute;200 per hour"

    # How many reverse proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto;
    # 0 (the default) trusts no such header: they are the client's to forge.
    TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "0")
    # how the application logs are written: json, text or off (app/main/requestlog.py)
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "off")

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Family ORS <no-reply@family-ors.org>"
    )
    MAIL_CONSOLE = False  # development prints mails instead of sending them
    # The outbox (app/notify/mail.py). With REDIS_URL, mails go out through the RQ queue
    # MAIL_QUEUE; a failed send is tried again after each of MAIL_RETRY_SECONDS (the last one
    # repeats), MAIL_MAX_ATTEMPTS tries in all, then listed for the administrators. A mail the
    # queue has not sent MAIL_STUCK_SECONDS after it was written is sent by `flask mail deliver`.
    MAIL_QUEUE = os.environ.get("MAIL_QUEUE", "family-ors-mail")
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "5"))
    MAIL_RETRY_SECONDS = tuple(
        int(seconds)
        for seconds in os.environ.get("MAIL_RETRY_SECONDS", "60,300,1800,7200").split(",")
    )
    MAIL_STUCK_SECONDS = int(os.environ.get("MAIL_STUCK_SECONDS", "600"))

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
    # Where they are kept (app/reporting/storage.py): "local", the folder ATTACHMENT_FOLDER, or
    # "s3", objects under ATTACHMENT_S3_PREFIX in the bucket ATTACHMENT_S3_BUCKET of Amazon S3
    # or of the S3-compatible store at ATTACHMENT_S3_ENDPOINT_URL (MinIO, Ceph, …), so that the
    # web and worker machines keep no files. S3's credentials are boto3's own: the variables
    # AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or the machine's role.
    ATTACHMENT_STORAGE = os.environ.get("ATTACHMENT_STORAGE", "local")
    ATTACHMENT_FOLDER = os.environ.get("ATTACHMENT_FOLDER", str(INSTANCE_DIR / "attachments"))
    ATTACHMENT_S3_BUCKET = os.environ.get("ATTACHMENT_S3_BUCKET") or None
    ATTACHMENT_S3_PREFIX = os.environ.get("ATTACHMENT_S3_PREFIX", "attachments/")
    ATTACHMENT_S3_ENDPOINT_URL = os.environ.get("ATTACHMENT_S3_ENDPOINT_URL") or None  # AWS: none
    ATTACHMENT_S3_REGION = os.environ.get("ATTACHMENT_S3_REGION") or None
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

    # Analysis exports. XLSX files are written by a job: on the RQ queue EXPORT_QUEUE of the
    # Redis at REDIS_URL (run `flask analysis worker`), else in EXPORT_THREADS threads of the
    # web process. Files live under EXPORT_FOLDER (outside the static folder) and, with their
    # jobs, are removed EXPORT_MAX_AGE_HOURS after they were asked for.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    EXPORT_QUEUE = os.environ.get("EXPORT_QUEUE", "family-ors-exports")
    EXPORT_FOLDER = os.environ.get("EXPORT_FOLDER", str(INSTANCE_DIR / "exports"))
    # files uploaded for an import, kept between its preview and the person's confirmation
    IMPORT_FOLDER = os.environ.get("IMPORT_FOLDER", str(INSTANCE_DIR / "imports"))
    EXPORT_THREADS = int(os.environ.get("EXPORT_THREADS", "2"))
    EXPORT_MAX_AGE_HOURS = 24
    EXPORT_JOB_TIMEOUT = 3600  # seconds: a job still unfinished after this has stopped
    # seconds a running job may go without progress before it is taken for dead (its worker
    # was killed): it is then shown as failed, with "Start it again"
    EXPORT_STALL_SECONDS = int(os.environ.get("EXPORT_STALL_SECONDS", "600"))

    # The public pages' ETags: set PUBLIC_ETAG_SEED to the release's name where the web
    # processes do not share one copy of the files; by default, a fingerprint of them.
    PUBLIC_ETAG_SEED = os.environ.get("PUBLIC_ETAG_SEED") or release_fingerprint()


class DevelopmentConfig(Config):
    NAME = "development"
    MAIL_CONSOLE = os.environ.get("MAIL_SERVER") is None

    def __init__(self) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _development_secret_key()


class TestConfig(Config):
    NAME = "test"
    TESTING = True
    SECRET_KEY = TEST_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL", "sqlite://"))
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    ARGON2_PARAMS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 0  # a fixture starts aiosmtpd and sets the port
    MAIL_SUPPRESS_SEND = False  # tests read real messages from a local SMTP server
    MAIL_CONSOLE = False
    ATTACHMENT_STORAGE = "local"  # the tests of S3 start their own server and set it
    ATTACHMENT_FOLDER = os.path.join(tempfile.gettempdir(), "family-ors-test-attachments")
    EXPORT_FOLDER = os.path.join(tempfile.gettempdir(), "family-ors-test-exports")
    IMPORT_FOLDER = os.path.join(tempfile.gettempdir(), "family-ors-test-imports")
    REDIS_URL = None  # the tests of the RQ path start their own Redis


class ProductionConfig(Config):
    NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    DEMO_ALLOWED = False
    PREFERRED_URL_SCHEME = "https"
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")

    def __init__(self) -> None:
        key = os.environ.get("SECRET_KEY")
        problem = secret_key_problem(key)
        if problem:
            raise ConfigurationError(
                f"{problem}. The production configuration refuses to start without a random "
                "SECRET_KEY: export SECRET_KEY=<random string>, for example from "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`."
            )
        self.SECRET_KEY = key
        self.RATELIMIT_STORAGE_URI = limiter_storage_uri(os.environ)
        if self.RATELIMIT_STORAGE_URI.startswith("memory://"):
            logging.getLogger(__name__).warning(
                "Rate limits count in each worker's memory: set REDIS_URL (e.g. "
                "redis://127.0.0.1:6379/0) so that every worker shares the sign-in counts."
            )
        if "DATABASE_URL" not in os.environ:
            raise ConfigurationError(
                "DATABASE_URL is not set: production runs on PostgreSQL, "
                "e.g. postgresql+psycopg://user@host/family_ors."
            )
        if os.environ["DATABASE_URL"].startswith("sqlite"):
            raise ConfigurationError(
                "DATABASE_URL names a SQLite database: production runs on PostgreSQL (one "
                "writer at a time cannot take a deadline week's saves)."
            )
        for name, example in (
            ("MAIL_SERVER", "smtp.example.org"),
            ("MAIL_DEFAULT_SENDER", "Family ORS <ors@example.org>"),
        ):
            if not os.environ.get(name, "").strip():
                raise ConfigurationError(
                    f"{name} is not set: production sends invitations, receipts and password "
                    f"links, and refuses to start without a mail server and a sender address "
                    f"of the secretariat's own domain (e.g. {name}={example!r})."
                )
        if self.MAIL_MAX_ATTEMPTS < 1 or min(self.MAIL_RETRY_SECONDS) < 1:
            raise ConfigurationError(
                "MAIL_MAX_ATTEMPTS and every MAIL_RETRY_SECONDS must be at least 1."
            )
        problem = attachment_storage_problem(os.environ)
        if problem:
            raise ConfigurationError(
                f"{problem}. The production configuration refuses to start with an attachment "
                "storage it cannot use."
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
