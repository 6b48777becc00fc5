"""Production settings of issue 14: the rate limits count in Redis when REDIS_URL names one
(memory counts apart in each gunicorn worker), and the addresses of the people behind a reverse
proxy are read from X-Forwarded-For only when TRUSTED_PROXIES says how many proxies to trust."""

import os
import secrets
import uuid

import pytest
from flask import request
from limits.storage import RedisStorage

import config
from app.extensions import limiter
from config import (
    TEST_SECRET_KEY,
    ConfigurationError,
    ProductionConfig,
    estimated_bits,
    limiter_storage_uri,
    secret_key_problem,
)
from tests.conftest import PASSWORD, make_test_app, on_connection, production_environment

REDIS = "redis://127.0.0.1:6379/0"
KEY = "k3Q9vX2mT7pL4wZ8rN6bY1cF5hJ0dG3s"  # a production-like secret for these configurations


def seen_by(application, **environ):
    """What the app reads as the client's address and scheme for a request through a proxy."""
    if "_test_remote" not in application.view_functions:
        application.add_url_rule(
            "/_test/remote", "_test_remote", lambda: f"{request.remote_addr} {request.scheme}"
        )
    headers = {
        "X-Forwarded-For": environ.pop("forwarded_for", "203.0.113.9"),
        "X-Forwarded-Proto": "https",
    }
    response = application.test_client().get(
        "/_test/remote", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.1"}
    )
    return response.text


def test_forwarded_headers_are_ignored_without_trusted_proxies(db_url):
    assert seen_by(make_test_app(db_url)) == "10.0.0.1 http"


def test_one_trusted_proxy_gives_the_client_address_and_scheme(db_url):
    proxied = make_test_app(db_url, TRUSTED_PROXIES="1")
    assert seen_by(proxied) == "203.0.113.9 https"
    # what the client wrote before the proxy appended its address is not believed
    assert seen_by(proxied, forwarded_for="198.51.100.7, 203.0.113.9") == "203.0.113.9 https"


@pytest.mark.parametrize("value", ["yes", "-1", "6", "1.5", "١"])
def test_trusted_proxies_must_be_a_small_number(db_url, value):
    with pytest.raises(ConfigurationError, match="TRUSTED_PROXIES"):
        make_test_app(db_url, TRUSTED_PROXIES=value)


@pytest.fixture
def limits_on(app, db_url, database):
    """Build an app with rate limits on, in the test's transaction; memory storage afterwards."""
    made = []

    def build(**settings):
        limits = {"LOGIN_LIMIT_PER_ACCOUNT": "3/minute", "LOGIN_LIMIT_PER_ADDRESS": "3/minute"}
        application = make_test_app(db_url, RATELIMIT_ENABLED=True, **(limits | settings))
        context = on_connection(application, database)
        made.append(context)
        return context.__enter__()

    yield build
    for context in made:
        context.__exit__(None, None, None)
    limiter._storage_dead = False  # the limiter is one object for all apps: back to normal
    make_test_app(db_url, RATELIMIT_ENABLED=True)  # and to memory storage
    limiter.enabled = app.config["RATELIMIT_ENABLED"]


def fail(application, email="fp.ken@demo.test", address="10.0.0.1", forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return application.test_client().post(
        "/account/login",
        data={"email": email, "password": "wrong-password"},
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
    )


def test_behind_a_trusted_proxy_each_person_has_their_own_address_limit(limits_on):
    proxied = limits_on(TRUSTED_PROXIES="1", RATELIMIT_STORAGE_URI="memory://")
    with proxied.app_context():
        limiter.reset()
    for i in range(3):
        assert fail(proxied, f"user{i}@demo.test", forwarded_for="203.0.113.1").status_code == 200
    assert fail(proxied, "user9@demo.test", forwarded_for="203.0.113.1").status_code == 429
    assert fail(proxied, "user9@demo.test", forwarded_for="203.0.113.2").status_code == 200


def test_storage_is_redis_when_redis_url_is_set(monkeypatch):
    assert limiter_storage_uri({}) == "memory://"
    assert limiter_storage_uri({"REDIS_URL": REDIS}) == REDIS
    assert limiter_storage_uri({"REDIS_URL": REDIS, "RATELIMIT_STORAGE_URI": "memory://"}) == (
        "memory://"
    )
    monkeypatch.setenv("SECRET_KEY", KEY)
    production_environment(monkeypatch)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.setenv("REDIS_URL", REDIS)
    assert ProductionConfig().RATELIMIT_STORAGE_URI == REDIS


def test_production_without_redis_says_each_worker_counts_apart(monkeypatch, caplog):
    monkeypatch.setenv("SECRET_KEY", KEY)
    production_environment(monkeypatch)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert ProductionConfig().RATELIMIT_STORAGE_URI == "memory://"
    assert "set REDIS_URL" in caplog.text


def redis_client():
    """The local Redis (started by .ci/run), or a skip on a laptop without one; CI fails."""
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        client.close()
        if os.environ.get("CI") or os.environ.get("REQUIRE_REDIS") == "1":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run starts one)")
    return client


def test_the_limits_count_in_redis(limits_on):
    client = redis_client()
    email = f"redis-{uuid.uuid4().hex[:8]}@demo.test"  # keys of this test only
    address = f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    try:
        application = limits_on(RATELIMIT_STORAGE_URI=REDIS, LOGIN_LIMIT_PER_ADDRESS="9/minute")
        assert isinstance(limiter.storage, RedisStorage)
        for _ in range(3):
            assert fail(application, email, address).status_code == 200
        (key,) = client.keys(f"*account:{email}*")
        assert key.startswith(b"LIMITS:LIMITER/family-ors/")
        assert int(client.get(key)) == 3
        assert fail(application, email, address).status_code == 429
    finally:
        for key in client.keys(f"*{email}*") + client.keys(f"*/{address}/*"):
            client.delete(key)
        client.close()


def test_sign_in_works_while_redis_is_unreachable(limits_on):
    """Nothing listens on port 1: each worker counts in memory meanwhile, no 500."""
    application = limits_on(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    for _ in range(3):
        assert fail(application).status_code == 200
    assert fail(application).status_code == 429
    signed_in = application.test_client().post(
        "/account/login",
        data={"email": "fp.sen@demo.test", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert signed_in.status_code == 302


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "k3Q9vX2mT7pL4wZ8rN6bY1cF5hJ0dG3",  # 31 characters
        "a" * 40,  # issue 14: accepted before
        "ab" * 20,
        "abcdefgh" * 5,  # 8 distinct, but a pattern
        "0123456789abcdef" * 2,
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcdefgh",  # 8 distinct, about 33 bits
        TEST_SECRET_KEY,
        "change-me-change-me-change-me-change-me",  # a repeated placeholder
    ],
)
def test_production_refuses_a_weak_secret_key(monkeypatch, key):
    monkeypatch.setenv("DATABASE_URL", "postgresql://localhost/x")
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigurationError, match="SECRET_KEY .*secrets.token_hex"):
        ProductionConfig()


def test_production_refuses_the_development_key(monkeypatch, tmp_path):
    """`make run` wrote instance/secret_key: a production started on the same folder with that
    key (copied into the environment) is refused."""
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    development = config._development_secret_key()
    monkeypatch.setenv("DATABASE_URL", "postgresql://localhost/x")
    monkeypatch.setenv("SECRET_KEY", development)
    with pytest.raises(ConfigurationError, match="the test or the development key"):
        ProductionConfig()


def test_production_accepts_random_keys(monkeypatch):
    production_environment(monkeypatch)
    for key in [secrets.token_hex(16) for _ in range(200)] + [
        secrets.token_hex(32),
        secrets.token_urlsafe(32),
        KEY,
    ]:
        assert secret_key_problem(key) is None, key
    monkeypatch.setenv("SECRET_KEY", secrets.token_hex(32))
    assert os.environ["SECRET_KEY"] == ProductionConfig().SECRET_KEY
    assert estimated_bits("a" * 40) == 0 and estimated_bits("ab" * 20) == 40


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("MAIL_SERVER", None, "MAIL_SERVER is not set"),
        ("MAIL_SERVER", " ", "MAIL_SERVER is not set"),
        ("MAIL_DEFAULT_SENDER", None, "MAIL_DEFAULT_SENDER is not set"),
        ("DATABASE_URL", "sqlite:////srv/ors.db", "production runs on PostgreSQL"),
    ],
)
def test_production_refuses_a_missing_mail_server_or_a_sqlite_database(
    monkeypatch, name, value, said
):
    monkeypatch.setenv("SECRET_KEY", KEY)
    production_environment(monkeypatch)
    if value is None:
        monkeypatch.delenv(name)
    else:
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=said):
        ProductionConfig()


def test_production_refuses_mail_that_is_never_tried(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", KEY)
    production_environment(monkeypatch)
    monkeypatch.setattr(ProductionConfig, "MAIL_MAX_ATTEMPTS", 0)
    with pytest.raises(ConfigurationError, match="MAIL_MAX_ATTEMPTS"):
        ProductionConfig()


# --- /healthz with Redis and the job queue ------------------------------------------------------


def test_healthz_reports_redis_and_the_queue_when_configured(app, client, monkeypatch):
    from rq import Queue

    connection = redis_client()
    name = f"family-ors-health-test-{os.getpid()}"
    queue = Queue(name, connection=connection)
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS)
    monkeypatch.setitem(app.config, "EXPORT_QUEUE", name)
    mails = f"family-ors-health-test-mail-{os.getpid()}"
    monkeypatch.setitem(app.config, "MAIL_QUEUE", mails)
    try:
        empty = client.get("/healthz")
        assert empty.status_code == 200
        assert empty.json == {
            "status": "ok", "database": "ok", "redis": "ok",
            "queues": [
                {"name": mails, "depth": 0, "oldest_seconds": None, "failed": 0},
                {"name": name, "depth": 0, "oldest_seconds": None, "failed": 0},
            ],
        }  # fmt: skip
        for number in range(2):  # jobs no worker takes: they wait
            queue.enqueue("app.serving.probe_mode", description=f"waiting {number}")
        waiting = client.get("/healthz").json["queues"][1]
        assert waiting["depth"] == 2 and 0 <= waiting["oldest_seconds"] < 60
    finally:
        queue.empty()
        queue.delete(delete_jobs=True)
        connection.close()


def test_healthz_with_redis_down_is_degraded_not_down(app, client, monkeypatch):
    """Pages and saves go on without Redis: a load balancer must keep the server."""
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "degraded", "database": "ok", "redis": "error"}
