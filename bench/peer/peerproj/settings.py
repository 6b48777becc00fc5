"""The smallest Django project that serves django-survey-and-report (the peer of the
comparison), wired as the package's README says: "survey" installed, its URLs under /survey/,
its own templates and settings defaults. DEBUG is off. The database is PostgreSQL:
PEER_DATABASE (default peer_survey) at PGHOST:PGPORT, user postgres, trust authentication.
"""

import os
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("PEER_SECRET_KEY", "peer-benchmark-only-sessions-signed-on-loopback")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "survey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "peerproj.urls"
WSGI_APPLICATION = "peerproj.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.template.context_processors.static",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PEER_DATABASE", "peer_survey"),
        "USER": "postgres",
        "HOST": os.environ.get("PGHOST", "127.0.0.1"),
        "PORT": os.environ.get("PGPORT", "5432"),
        "CONN_MAX_AGE": 60,  # a connection per worker kept between requests, as ours does
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
LOGIN_URL = "/admin/login/"

# What django-survey-and-report reads, at the package's own defaults.
CSV_DIRECTORY = Path(os.environ.get("PEER_CSV_DIR", Path(tempfile.gettempdir(), "peer-survey-csv")))
TEX_DIRECTORY = Path(os.environ.get("PEER_TEX_DIR", Path(tempfile.gettempdir(), "peer-survey-tex")))
USER_DID_NOT_ANSWER = "Left blank"
CHOICES_SEPARATOR = ","
EXCEL_COMPATIBLE_CSV = False
DEFAULT_SURVEY_PUBLISHING_DURATION = 7
SURVEY_DEFAULT_PIE_COLOR = "red!50"

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
