"""The server of issue 17: gunicorn's settings and hooks (gunicorn.conf.py), the probe of full
garbage collections (app/serving.py), no reference cycle left by rendering a questionnaire
(what the full collections had to reclaim), and the health door: /healthz answered by a process
of the master's, never queued behind the workers' saves."""

from __future__ import annotations

import gc
import json
import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest

from app import serving
from app.cli import ROOT
from app.questionnaires import render, tree
from tests.test_questionnaires import built  # noqa: F401 - the fixture


@pytest.fixture
def collector():
    """Leaves the collector as it found it: callbacks, debug flags, the garbage list."""
    callbacks, flags = list(gc.callbacks), gc.get_debug()
    yield
    gc.callbacks[:] = callbacks
    gc.set_debug(flags)
    gc.garbage.clear()


def test_the_probe_is_asked_for_by_the_environment():
    assert serving.probe_mode({}) == ""
    assert serving.probe_mode({"ORS_GC_PROBE": "0"}) == ""
    assert serving.probe_mode({"ORS_GC_PROBE": "1"}) == "pauses"
    assert serving.probe_mode({"ORS_GC_PROBE": " SaveAll "}) == "saveall"


def test_the_probe_times_full_collections_only(collector):
    probe = serving.FullCollections().install()
    gc.collect(0)
    assert probe.pauses == [] and probe.after_request() == []
    gc.collect(2)
    gc.collect(2)
    lines = probe.after_request()
    assert len(lines) == 2 and "tracked" in lines[0] and "(request 2)" in lines[0]
    assert probe.after_request() == []  # each collection is told once
    assert probe.summary().startswith("2 full collections in 3 requests (one every 2), pause p50")


class _Knot:
    """An object in a reference cycle with itself."""

    def __init__(self) -> None:
        self.me = self


def test_the_probe_lists_what_cycles_held(collector):
    probe = serving.FullCollections(saveall=True).install()
    gc.collect(2)
    gc.garbage.clear()
    for _ in range(3):
        _Knot()
    gc.collect(2)
    lines = probe.cycles()
    assert any(line.split()[0] == "3" and line.endswith("_Knot") for line in lines[1:])


def test_rendering_a_questionnaire_leaves_no_cycle(built, collector):  # noqa: F811
    current = tree.load(built["q"])
    answers = {("AEWA-T-PRESENT", "test_anser"): "yes"}
    render.render(built["q"], answers, "en", current=current)  # the species list loaded
    gc.collect()
    gc.garbage.clear()
    gc.set_debug(gc.DEBUG_SAVEALL)
    rendered = render.render(built["q"], answers, "en", current=current)
    assert len(rendered.items()) == 2 + 2 * 2
    del rendered
    gc.collect()
    left = {type(thing).__name__ for thing in gc.garbage}
    left |= {getattr(thing, "__qualname__", "") for thing in gc.garbage if callable(thing)}
    assert not left & {"Iteration", "RenderedItem", "render.<locals>.visit"}


def test_gunicorn_settings_preload_the_application_and_freeze_it():
    loaded = sys.modules.pop("greenlet", None)  # the browser tests' (Playwright's): put back
    try:
        settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
        assert sys.modules["greenlet"] is None  # the server loads no greenlet
    finally:
        sys.modules.pop("greenlet", None)
        if loaded is not None:
            sys.modules["greenlet"] = loaded
    assert settings["wsgi_app"] == "wsgi:app"
    assert settings["preload_app"] is True
    assert settings["worker_class"] == "gthread" and settings["threads"] >= 2
    for hook in (
        "when_ready",
        "pre_fork",
        "post_fork",
        "post_worker_init",
        "worker_exit",
        "on_exit",
    ):
        assert callable(settings[hook])
    gc.enable()  # the file disables the collector while a master builds the application


# --- the health door ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ask(url: str, seconds: float = 20) -> tuple[int, dict]:
    """(status, JSON body) of GET `url`, once it answers (a new process takes a moment)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urlopen(url, timeout=5) as response:  # noqa: S310 (a local address)
                return response.status, json.loads(response.read())
        except HTTPError as error:
            return error.code, json.loads(error.read())
        except (URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _ended(process_id: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        try:
            os.kill(process_id, 0)
        except ProcessLookupError:
            return True
        try:  # a child of ours: reap it, or it stays a zombie that signal 0 still finds
            if os.waitpid(process_id, os.WNOHANG)[0] == process_id:
                return True
        except ChildProcessError:
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def test_the_door_is_asked_for_by_its_address():
    assert serving.door_bind({}) is None
    assert serving.door_bind({"HEALTH_BIND": " "}) is None
    assert serving.door_bind({"HEALTH_BIND": "127.0.0.1:8001"}) == ("127.0.0.1", 8001)
    assert serving.door_bind({"HEALTH_BIND": "[::1]:8001"}) == ("::1", 8001)
    for wrong in ("8001", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:99999", "a:b"):
        with pytest.raises(ValueError, match="host:port"):
            serving.door_bind({"HEALTH_BIND": wrong})


def test_no_address_no_door():
    assert serving.open_door("sqlite://", {}) is None
    serving.close_door(None)  # nothing to close


def test_the_door_answers_healthz_from_its_own_connection_and_closes(tmp_path):
    port = _free_port()
    door = serving.open_door(f"sqlite:///{tmp_path}/door.db", {"HEALTH_BIND": f"127.0.0.1:{port}"})
    try:
        status, body = _ask(f"http://127.0.0.1:{port}/healthz")
        assert (status, body) == (200, {"status": "ok", "database": "ok"})
        assert _ask(f"http://127.0.0.1:{port}/admin")[0] == 404  # /healthz only
    finally:
        serving.close_door(door)
    assert door.returncode == 0  # shut down on SIGTERM, not killed


def test_the_door_reports_redis_as_the_application_does(tmp_path):
    """Given Redis (here one that does not answer), the door says what /healthz says: the
    database up, Redis down, the whole degraded but serving (serving.health)."""
    port = _free_port()
    door = serving.open_door(
        f"sqlite:///{tmp_path}/door.db", {"HEALTH_BIND": f"127.0.0.1:{port}"},
        redis_url=f"redis://127.0.0.1:{_free_port()}/0",
        queue_names="family-ors-mail,family-ors-exports",
    )  # fmt: skip
    try:
        status, body = _ask(f"http://127.0.0.1:{port}/healthz")
        assert (status, body) == (200, {"status": "degraded", "database": "ok", "redis": "error"})
    finally:
        serving.close_door(door)


def test_the_door_says_when_the_database_does_not_answer():
    port = _free_port()
    database = f"postgresql+psycopg://nobody@127.0.0.1:{_free_port()}/nothing"  # no server there
    door = serving.open_door(database, {"HEALTH_BIND": f"127.0.0.1:{port}"})
    try:
        status, body = _ask(f"http://127.0.0.1:{port}/healthz")
        assert (status, body) == (503, {"status": "error", "database": "error"})
    finally:
        serving.close_door(door)


def test_the_door_leaves_when_the_master_is_gone(tmp_path):
    """Killed without its on_exit hook, the master leaves no door behind."""
    port = _free_port()
    opens = (
        "import sys; from app import serving; "
        f"door = serving.open_door('sqlite:///{tmp_path}/door.db', "
        f"{{'HEALTH_BIND': '127.0.0.1:{port}'}}); print(door.pid, flush=True)"
    )  # a master that opens the door, then exits without closing it
    master = subprocess.run(  # noqa: S603
        [sys.executable, "-c", opens], capture_output=True, text=True, timeout=60, check=True
    )
    door_pid = int(master.stdout.split()[0])
    try:
        assert _ended(door_pid)
    finally:
        if not _ended(door_pid, 0):
            os.kill(door_pid, 9)


def test_gunicorn_opens_the_door_and_closes_it_with_itself(tmp_path):
    """The hooks of gunicorn.conf.py, in a real gunicorn on a SQLite file: the door answers
    /healthz as the workers do, and goes when gunicorn stops."""
    port, door_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "APP_CONFIG": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.db",
        "SECRET_KEY": secrets.token_hex(32),
        "HEALTH_BIND": f"127.0.0.1:{door_port}",
        "WEB_CONCURRENCY": "1",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--no-control-socket",
    ]
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            door = _ask(f"http://127.0.0.1:{door_port}/healthz", seconds=60)
            assert door == (200, {"status": "ok", "database": "ok"}), log.read_text()
            assert _ask(f"http://127.0.0.1:{port}/healthz", seconds=60) == door
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "health door on 127.0.0.1:" in log.read_text()
    with pytest.raises(URLError):
        urlopen(f"http://127.0.0.1:{door_port}/healthz", timeout=5)  # noqa: S310
