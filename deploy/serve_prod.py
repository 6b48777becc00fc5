"""`make serve-prod`: the production stack on this machine, for load tests and for trying it.

Against local PostgreSQL (SERVE_DATABASE_URL, default the database `family_ors_prod` of
127.0.0.1:5432, created when missing) and Redis (REDIS_URL, default redis://127.0.0.1:6379/0,
which must answer): migrates the database and loads the demo (in the development
configuration: production refuses the demo), then runs gunicorn with gunicorn.conf.py and one
RQ worker in the production configuration, with the health door on 127.0.0.1:8001. The
secret key is SECRET_KEY or one kept in instance/serve_prod_secret_key. Mail goes to
MAIL_SERVER when it is set, else to a local SMTP server (aiosmtpd) on 127.0.0.1:8025 that
accepts every message and keeps none. Ctrl-C stops them all; if one of them stops, the others
are stopped too.

Production's cookies are Secure: browsers send them back to http://127.0.0.1:8000 (a local
address counts as secure), plain HTTP clients (a load test's) only over HTTPS or when told."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = os.environ.get(
    "SERVE_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/family_ors_prod"
)
REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
SINK = ("127.0.0.1", "8025")  # the local SMTP server, when MAIL_SERVER is not set
SECRET_FILE = ROOT / "instance" / "serve_prod_secret_key"


def secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if not SECRET_FILE.exists():
        SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        SECRET_FILE.write_text(secrets.token_hex(32))
        SECRET_FILE.chmod(0o600)
    return SECRET_FILE.read_text().strip()


def ensure_database(url: str) -> None:
    parsed = sa.engine.make_url(url)
    admin = sa.create_engine(
        parsed.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool
    )
    with admin.connect() as connection:
        exists = connection.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
        ).scalar()
        if not exists:
            connection.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
            print(f"serve-prod: created the database {parsed.database}")
    admin.dispose()


def main() -> int:
    try:
        ensure_database(DATABASE)
    except sa.exc.OperationalError as error:
        print(f"serve-prod: PostgreSQL does not answer at {DATABASE}: {error.orig}")
        return 1
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.RedisError as error:
        print(f"serve-prod: Redis does not answer at {REDIS}: {error}")
        return 1
    key = secret_key()
    base = {**os.environ, "DATABASE_URL": DATABASE, "REDIS_URL": REDIS, "SECRET_KEY": key}
    sink = not os.environ.get("MAIL_SERVER")
    if sink:
        base |= {"MAIL_SERVER": SINK[0], "MAIL_PORT": SINK[1], "MAIL_USE_TLS": ""}
    base.setdefault("MAIL_DEFAULT_SENDER", "Family ORS <ors@serve-prod.invalid>")
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    setup = {**base, "APP_CONFIG": "development"}
    for command in (["db", "upgrade"], ["demo", "load"]):
        subprocess.run([*flask, *command], env=setup, cwd=ROOT, check=True)
    production = {"HEALTH_BIND": "127.0.0.1:8001", **base, "APP_CONFIG": "production"}
    processes = [
        subprocess.Popen(
            [str(BIN / "gunicorn"), "--bind", "127.0.0.1:8000"], env=production, cwd=ROOT
        ),
        subprocess.Popen([*flask, "analysis", "worker"], env=production, cwd=ROOT),
    ]
    if sink:
        listen = ":".join(SINK)
        command = [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            listen,
            "-c",
            "aiosmtpd.handlers.Sink",
        ]
        processes.append(subprocess.Popen(command, cwd=ROOT))
    print("serve-prod: http://127.0.0.1:8000 (health door http://127.0.0.1:8001/healthz)")
    stopping = False

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(process.poll() is None for process in processes):
        time.sleep(0.5)
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
