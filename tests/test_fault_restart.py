"""PostgreSQL restarted while focal points save: requests in flight fail cleanly (503 with a
message, never a 500), the connection pool recovers without restarting the application (pool
pre-ping), and no acknowledged save is lost.

The restart is of a PostgreSQL of this test's own (initdb into a temporary folder, filled with
a copy of the test database), not of the server the rest of the suite runs on. Collected on the
PostgreSQL pass only (conftest deselects it on SQLite): its point is PostgreSQL's restart.
Printed: how many saves were acknowledged, refused with 503, and how long the pool took to
answer again."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from glob import glob
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.reporting import services
from app.reporting.models import Answer
from tests.conftest import PASSWORD, free_port, make_test_app
from tests.test_reporting import FP_FRA, report_of

pytestmark = pytest.mark.postgres_restart

WRITERS = 3  # the visible text answers outside loops of a CMS-COP15 report
SAVING_SECONDS = 8  # in all; the restart comes after 2


def _as_postgres(command: list[str]) -> list[str]:
    """`command` run as the postgres system user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _bin(name: str) -> str:
    found = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    if not found[-1]:
        raise RuntimeError(f"{name} is not installed (.ci/run runs on a PostgreSQL machine)")
    return found[-1]


@pytest.fixture
def own_postgres(db_url, app):
    """(url of a database copied from the test database, a function that restarts its server)."""
    folder = Path(tempfile.mkdtemp(prefix="ors-restart-"))
    folder.chmod(0o777)
    data, port = folder / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    subprocess.run(
        _as_postgres([_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-N"]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w"]
    subprocess.run(_as_postgres([*ctl, "start"]), check=True, capture_output=True)
    try:
        source = sa.engine.make_url(db_url)
        dump = folder / "test.dump"
        subprocess.run(
            [_bin("pg_dump"), "-Fc", "-h", source.host or "127.0.0.1",
             "-p", str(source.port or 5432), "-U", source.username or "postgres",
             "-f", str(dump), source.database],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "drill"],
            check=True,
        )
        subprocess.run(
            [_bin("pg_restore"), "--no-owner", "-h", "127.0.0.1", "-p", str(port),
             "-U", "postgres", "-d", "drill", str(dump)],
            check=True, capture_output=True,
        )  # fmt: skip

        def restart() -> None:
            subprocess.run(_as_postgres([*ctl, "-m", "fast", "restart"]), check=True)

        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/drill", restart
    finally:
        subprocess.run(_as_postgres([*ctl, "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


class Writer(threading.Thread):
    """A focal point typing into one text answer: a new text every 100 ms, each sent with the
    version the last acknowledgement gave; a 503 or a dropped request is sent again as it was
    (the browser's queue), until it is acknowledged."""

    def __init__(self, application, report_id: int, field: str, version: int, stop):
        super().__init__(daemon=True)
        self.client = application.test_client()
        self.report_id, self.field, self.version, self.stop = report_id, field, version, stop
        self.acknowledged: list[tuple[str, int, float]] = []  # (text, version, when)
        self.refused: list[float] = []  # when a 503 came back
        self.other: list[tuple[int, str]] = []  # anything else: must stay empty

    def run(self) -> None:
        response = self.client.post("/account/login", data={"email": FP_FRA, "password": PASSWORD})
        assert response.status_code == 302
        version, number = self.version, 0
        while not self.stop.is_set():
            number += 1
            text = f"Saisie {number} du champ {self.field}"
            while True:
                body = {"field": self.field, f"p-{self.field}": "1",
                        f"v-{self.field}": str(version), self.field: text}  # fmt: skip
                response = self.client.post(
                    f"/reports/{self.report_id}/answers",
                    data=body,
                    headers={"Accept": "application/json"},
                )
                if response.status_code == 200:
                    version = response.json["version"]
                    self.acknowledged.append((text, version, time.monotonic()))
                    break
                if response.status_code == 503 and response.json["status"] == "unavailable":
                    self.refused.append(time.monotonic())
                    time.sleep(0.2)
                    continue
                self.other.append((response.status_code, response.text[:300]))
                return
            time.sleep(0.1)


def test_a_postgresql_restart_under_saves_loses_nothing(own_postgres, capsys):
    url, restart = own_postgres
    application = make_test_app(url)
    with application.app_context():
        report = report_of("CMS-COP15", "FRA")
        filled = services.fill(report, "fr")
        items = [
            item
            for item in filled.rendered.items()
            if item.visible
            and item.node.effective_type in ("short_text", "long_text")
            and filled.tree.loop_section(item.node) is None
        ][:WRITERS]
        cells = {
            item.field_name: (item.node.id, _version(report.id, item.node.id)) for item in items
        }
        report_id = report.id
        db.session.remove()
    assert len(cells) == WRITERS
    stop = threading.Event()
    writers = [
        Writer(application, report_id, field, version, stop)
        for field, (_node, version) in cells.items()
    ]
    for writer in writers:
        writer.start()
    time.sleep(2)
    began = time.monotonic()
    restart()
    restarted = time.monotonic()
    time.sleep(SAVING_SECONDS - 2)
    stop.set()
    for writer in writers:
        writer.join(60)
        assert not writer.is_alive()

    for writer in writers:
        assert writer.other == [], writer.other  # no 500, no conflict, no refusal
        assert writer.acknowledged, "the writer never saved"
    after = [t for w in writers for _text, _version, t in w.acknowledged if t > restarted]
    assert after, "no save was acknowledged after the restart: the pool did not recover"
    with application.app_context():
        for writer in writers:
            text, version, _when = writer.acknowledged[-1]
            stored = db.session.execute(
                sa.select(Answer.value, Answer.version).where(
                    Answer.report_id == report_id,
                    Answer.node_id == cells[writer.field][0],
                    Answer.loop_key == "",
                )
            ).one()
            assert (stored.value, stored.version) == (text, version)
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    refused = sum(len(w.refused) for w in writers)
    acknowledged = sum(len(w.acknowledged) for w in writers)
    with capsys.disabled():
        print(
            f"\nPostgreSQL restart under {WRITERS} writers: restart took "
            f"{restarted - began:.2f} s; {acknowledged} saves acknowledged, {refused} answered "
            f"503 and sent again, 0 lost; first save acknowledged "
            f"{min(after) - restarted:.2f} s after the server was back"
        )


def _version(report_id: int, node_id: int) -> int:
    """The cell's stored version, 0 when it has no answer yet."""
    stmt = sa.select(Answer.version).where(
        Answer.report_id == report_id, Answer.node_id == node_id, Answer.loop_key == ""
    )
    return db.session.scalar(stmt) or 0
