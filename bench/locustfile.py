"""The simulated people of the Locust load benchmark (`make bench-locust`, bench/bench_locust.py).

bench_locust.py prepares the database and the servers, writes the plan (who signs in, which
report and items each focal point fills) as JSON and runs this file in a process of its own:
`python bench/locustfile.py PLAN RESULTS`. Locust's users are greenlets, and importing locust
monkey-patches the standard library for gevent: kept apart, the patching never reaches the
bench's own database connections and samplers, and the load generator's CPU is measured on
its own. Run headless through Locust's library API (Environment, a local runner), it writes
the statistics, the errors and what each client saw acknowledged to RESULTS.

- FocalPoint: signs in, opens "My reports", the report's contents and its sections one after
  the other, and in each gives the answers the plan lists, in order, at a person's pace, as
  the section page's script saves them (app/static/js/autosave.js): the item's inputs (value,
  comment, "other", "no information"), its version `v-…` (the page's, then each reply's:
  optimistic concurrency), `field` and the form token. Some answers are changed again before
  leaving the section (a text then says so, other answers are sent as they were), and the
  plan starts over once done. Every save acknowledged (a reply with its version) is recorded
  with the value the server was to store, for the audit. A save that got no reply (connection
  lost, 5xx) is sent again unchanged, as the browser's queue does; there is no replay id: the
  server recognises a replay by its content (app/reporting/saving.py) and answers with the
  version stored. Now and then it attaches a small CSV file to a file question (as the page
  does, one file per request) or opens the validation page; the focal points the plan marks
  (reports already complete) submit after a few saves, then only look at their report.
- Secretariat: lists its instrument's submitted reports and opens their review pages,
  sometimes the submissions and the print view.
- Analyst: asks for an answers workbook (an export job on the RQ queue) from the results page,
  polls the job as export-job.js does, every second, and downloads the file; the time from
  asking to the file is recorded as "export job (asked to file ready)".
- HealthProbe: asks /healthz twice a second, of the workers and at the health door.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import sys
import time
from html import unescape
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, constant_pacing, task
from locust.env import Environment
from locust.log import setup_logging

THINK = between(2, 10)  # a person types an answer; the page saves 2 s after the last key
UPLOAD_SHARE = 0.03  # of a focal point's steps: attach a file
CHECK_SHARE = 0.05  # of a focal point's steps: open the validation page
AGAIN_SHARE = 0.3  # of the answers saved: changed once more before leaving the section
SUBMIT_AFTER = (5, 15)  # saves before a submitting focal point submits
JOB_POLL = 1.0  # seconds between two polls of an export job, as export-job.js
JOB_PATIENCE = 600  # seconds an analyst waits for an export before giving up on it
JSON_HEADERS = {"Accept": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded", **JSON_HEADERS}
TEXTS = ("short_text", "long_text")
CSV_FILE = "espèce,site,effectif\nAnas querquedula,Lac Nord,120\nCiconia ciconia,Delta,34\n"

INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
REVIEW = re.compile(r"/reports/(\d+)/review\b")


class Plan:
    """The plan bench_locust.py wrote; each new user takes the next person of its kind."""

    data: dict = {}
    _next: dict[str, itertools.count] = {}

    @classmethod
    def load(cls, path: str) -> None:
        with open(path, encoding="utf-8") as file:
            cls.data = json.load(file)
        cls._next = {
            kind: itertools.count() for kind in ("focal_points", "secretariats", "analysts")
        }

    @classmethod
    def take(cls, kind: str) -> dict:
        people = cls.data[kind]
        return people[next(cls._next[kind]) % len(people)]


class Audit:
    """What the clients saw: per answer cell ("report:node:loop"), the highest version
    acknowledged with its value, the last value sent, and the files acknowledged."""

    acked: dict[str, dict] = {}
    sent: dict[str, object] = {}
    files: dict[str, dict] = {}
    counts: dict[str, int] = {}

    @classmethod
    def count(cls, what: str) -> None:
        cls.counts[what] = cls.counts.get(what, 0) + 1

    @classmethod
    def ack(cls, key: str, version: int, value: object) -> None:
        cls.count("saves acknowledged")
        if version >= cls.acked.get(key, {}).get("version", 0):
            cls.acked[key] = {"version": version, "value": value}

    @classmethod
    def file(cls, key: str, version: int) -> None:
        cls.count("files acknowledged")
        seen = cls.files.setdefault(key, {"version": 0, "files": 0})
        seen["files"] += 1
        seen["version"] = max(seen["version"], version)


class Timeline:
    """Every request's start, name, time and outcome, and when the last user was spawned: the
    figures of the run from then on, when everyone is at work, exact (Locust's own keep two
    significant digits above 100 ms)."""

    requests: list[tuple[float, str, float, bool]] = []
    ramped: float | None = None

    @classmethod
    def record(cls, request_type, name, response_time, exception=None, **kwargs) -> None:
        start = kwargs.get("start_time") or time.time() - response_time / 1000
        cls.requests.append((start, f"{request_type} {name}", response_time, bool(exception)))

    @classmethod
    def spawned(cls, **_kwargs) -> None:
        cls.ramped = time.time()

    @classmethod
    def steady(cls) -> dict:
        """Per action, the requests sent after the ramp: count, failures, p50/p95/p99/max."""
        found: dict[str, list] = {}
        for start, name, ms, failed in cls.requests:
            if cls.ramped is not None and start >= cls.ramped:
                found.setdefault(name, []).append((ms, failed))
        figures = {}
        for name, done in found.items():
            times = sorted(ms for ms, _failed in done)
            rank = {
                p: times[min(len(times) - 1, math.ceil(p / 100 * len(times)) - 1)]
                for p in (50, 95, 99)
            }
            figures[name] = {
                "requests": len(done),
                "failures": sum(failed for _ms, failed in done),
                **{f"p{p}": ms for p, ms in rank.items()},
                "max": times[-1],
            }
        return {"seconds": time.time() - cls.ramped if cls.ramped else 0, "actions": figures}


class LocalSecureCookies(DefaultCookiePolicy):
    """Production's session cookie is Secure. A browser sends it back to http://127.0.0.1 (a
    local address counts as secure), the standard library's jar only over HTTPS: told here to
    do as the browser does."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


def inputs(page: str, wanted=None) -> dict[str, str]:
    """name: value of the <input>s of one of our pages (the first of each name), those whose
    name `wanted` accepts. A regular expression: html.parser spends half a second on a large
    section page, which the load generator's one core cannot spare."""
    values: dict[str, str] = {}
    for tag in INPUT.findall(page):
        attributes = dict(ATTRIBUTE.findall(tag))
        name = unescape(attributes.get("name", ""))
        if name and (wanted is None or wanted(name)):
            values.setdefault(name, unescape(attributes.get("value", "")))
    return values


def failed(response, what: str) -> None:
    """Mark `response` failed, named by its kind: the HTTP status (with the message of a JSON
    refusal) or the connection error."""
    if not response.status_code:
        response.failure(f"{what}: {type(getattr(response, 'error', None)).__name__}")
        return
    message = ""
    if "json" in (response.headers.get("Content-Type") or ""):
        message = f" {str(response.json().get('message', ''))[:80]}".rstrip()
    response.failure(f"{what}: HTTP {response.status_code}{message}")


class Person(FastHttpUser):
    """A signed-in person of the plan's `kind`."""

    abstract = True
    kind = ""
    network_timeout = 120.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(LocalSecureCookies())
        self.me = Plan.take(self.kind)
        self.signed_in = False
        self.sign_in()

    def sign_in(self) -> None:
        page = self.client.get("/account/login", name="sign-in page")
        token = inputs(page.text or "").get("csrf_token", "")
        form = {"csrf_token": token, "email": self.me["email"], "password": Plan.data["password"]}
        with self.client.post(
            "/account/login",
            data=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.signed_in = response.status_code == 302
            if not self.signed_in:
                failed(response, "sign in")

    def token_of(self, path: str, name: str) -> str | None:
        """The form token of the page at `path` (None when it could not be read)."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                failed(response, name)
                return None
            return inputs(response.text or "", lambda n: n == "csrf_token").get("csrf_token")


class FocalPoint(Person):
    """Fills one report (see the module's docstring)."""

    kind = "focal_points"
    wait_time = THINK

    def on_start(self) -> None:
        super().on_start()
        self.report = self.me["report"]
        self.sections = itertools.cycle(self.me["sections"])
        self.todo: list[dict] = []
        self.versions: dict[str, str] = {}
        self.token = ""
        self.edits: dict[str, int] = {}
        self.pending: tuple[dict, list, object] | None = None  # a save to send again
        self.saves = 0
        self.submitted = False
        self.submit_after = random.randint(*SUBMIT_AFTER) if self.me["submit"] else None
        if self.signed_in:
            self.client.get("/reports/", name="my reports")
            self.client.get(f"/reports/{self.report}/", name="report contents")

    @task
    def step(self) -> None:
        if not self.signed_in:
            self.sign_in()
            self.todo = []  # a new session: the section page gives the new form token
        elif self.submitted:
            if random.random() < 0.2:
                self.client.get(f"/reports/{self.report}/", name="report contents")
        elif self.pending:
            Audit.count("saves sent again")
            self.send(*self.pending)
        elif self.submit_after is not None and self.saves >= self.submit_after:
            self.submit()
        elif self.me["files"] and random.random() < UPLOAD_SHARE:
            self.upload(random.choice(self.me["files"]))
        elif random.random() < CHECK_SHARE:
            self.client.get(f"/reports/{self.report}/validation", name="validation page")
        else:
            self.autosave()

    def open_section(self) -> None:
        """Open the next section of the plan: its form token and its answers' versions."""
        if not self.me["sections"]:
            return
        section = next(self.sections)
        path = f"/reports/{self.report}/sections/{section['id']}"
        with self.client.get(path, name="section page", catch_response=True) as response:
            if response.status_code != 200:
                failed(response, "section page")
                return
            page = response.text or ""
        found = inputs(page, lambda n: n == "csrf_token" or n.startswith("v-"))
        self.token = found.get("csrf_token", "")
        items = section["items"]
        for item in items:
            self.versions[item["field"]] = found.get(f"v-{item['field']}", "0")
        again = [item for item in items if random.random() < AGAIN_SHARE]
        self.todo = items + again

    def autosave(self) -> None:
        if not self.todo:
            self.open_section()
            if not self.todo:
                return
        item = self.todo.pop(0)
        key = f"{self.report}:{item['node']}:{item['loop']}"
        self.edits[key] = n = self.edits.get(key, 0) + 1
        name, value = item["field"], item["value"]
        pairs = [(k, v) for k, v in item["pairs"]]
        if n > 1 and item["kind"] in TEXTS:  # changed again: a text says so, a choice stays
            value = f"{value} ({n})"
            pairs = [(k, value if k == name else v) for k, v in pairs]
        form = [*pairs, (f"p-{name}", "1"), (f"v-{name}", self.versions[name])]
        form += [("field", name), ("csrf_token", self.token)]
        self.send(item, form, value)

    def send(self, item: dict, form: list, value: object) -> None:
        """Post one autosave; record what the reply acknowledges."""
        key = f"{self.report}:{item['node']}:{item['loop']}"
        Audit.sent[key] = value
        self.pending = None
        with self.client.post(
            f"/reports/{self.report}/answers",
            data=urlencode(form),
            headers=FORM,
            name="autosave",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            status = response.status_code
            if status == 200:
                version = response.json()["version"]
                self.versions[item["field"]] = str(version)
                Audit.ack(key, version, value)
                self.saves += 1
            elif status == 409:  # the person keeps their text: saved again on their next edit
                self.versions[item["field"]] = str(response.json()["theirs"]["version"])
                failed(response, "autosave conflict")
            elif status == 0 or status >= 500:  # the browser keeps it queued and sends it again
                self.pending = (item, form, value)
                failed(response, "autosave")
            else:  # 400 (form token), 302 (signed out), 422 (refused)
                self.signed_in = status not in (302, 400, 401)
                failed(response, "autosave")

    def upload(self, item: dict) -> None:
        """Attach a small CSV file to a file question, as the page's script does (multipart:
        `u-<field>`, `field`, the form token)."""
        if not self.token:
            self.open_section()
        name = item["field"]
        boundary = f"----locust{random.getrandbits(64):016x}"
        parts = [("field", name), ("csrf_token", self.token)]
        body = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in parts
        )
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="u-{name}"; '
            f'filename="effectifs.csv"\r\nContent-Type: text/csv\r\n\r\n{CSV_FILE}\r\n'
            f"--{boundary}--\r\n"
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", **JSON_HEADERS}
        with self.client.post(
            f"/reports/{self.report}/attachments",
            data=body.encode(),
            headers=headers,
            name="upload",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                key = f"{self.report}:{item['node']}:{item['loop']}"
                Audit.file(key, response.json()["version"])
            else:
                failed(response, "upload")

    def submit(self) -> None:
        """The submit page, then its button: a redirect to the report when submitted."""
        token = self.token_of(f"/reports/{self.report}/submit", "submit page")
        if token is None:
            return
        with self.client.post(
            f"/reports/{self.report}/submit",
            data=urlencode({"csrf_token": token, "submit": "1"}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.submitted = True  # refused or not, this person does not try again
            if response.status_code == 302:
                Audit.count("reports submitted")
            else:
                failed(response, "submit")


class Secretariat(Person):
    """Reads the submitted reports of its instrument."""

    kind = "secretariats"
    fixed_count = 5
    wait_time = between(5, 20)

    @task
    def step(self) -> None:
        if not self.signed_in:
            self.sign_in()
            return
        path = f"/reports/instruments/{self.me['instrument']}/?status=submitted"
        listing = self.client.get(path, name="review list")
        reports = REVIEW.findall(listing.text or "") if listing.status_code == 200 else []
        if not reports:
            return
        report = random.choice(reports)
        self.client.get(f"/reports/{report}/review", name="review page")
        if random.random() < 0.3:
            self.client.get(f"/reports/{report}/submissions", name="submissions")
        if random.random() < 0.2:
            self.client.get(f"/reports/{report}/print", name="print view")


class Analyst(Person):
    """Asks for answer workbooks and waits for them."""

    kind = "analysts"
    fixed_count = 2
    wait_time = between(20, 40)

    @task
    def step(self) -> None:
        if not self.signed_in:
            self.sign_in()
            return
        code = random.choice(self.me["questionnaires"])
        token = self.token_of(f"/analysis/{code}/results", "analysis results")
        if token is None:
            return
        asked = time.perf_counter()
        form = {"csrf_token": token, "format": "xlsx", "kind": random.choice(["long", "wide"])}
        form["lang"] = "en"
        with self.client.post(
            f"/analysis/{code}/export",
            data=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="export start",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 303:
                failed(response, "export start")
                return
            job = response.headers["Location"]
        self.wait_for(job, asked)

    def wait_for(self, job: str, asked: float) -> None:
        """Poll the job until it is finished, download its file, record the whole wait."""
        state: dict = {}
        while not state.get("finished") and time.perf_counter() - asked < JOB_PATIENCE:
            gevent.sleep(JOB_POLL)
            with self.client.get(
                f"{job}.json", headers=JSON_HEADERS, name="export poll", catch_response=True
            ) as response:
                if response.status_code == 200:
                    state = response.json()
                else:
                    failed(response, "export poll")
        problem = None
        if state.get("status") == "done":
            file = self.client.get(f"{job}/file", name="export file")
            if file.status_code != 200:
                problem = RuntimeError(f"file: HTTP {file.status_code}")
        else:
            problem = RuntimeError(f"job {state.get('status', 'unfinished')}")
        self.environment.events.request.fire(
            request_type="JOB",
            name="export job (asked to file ready)",
            response_time=(time.perf_counter() - asked) * 1000,
            response_length=0,
            exception=problem,
            context={},
        )


class HealthProbe(FastHttpUser):
    """A load balancer's probe: /healthz of the workers and at the health door."""

    fixed_count = 1
    wait_time = constant_pacing(0.5)

    @task
    def probe(self) -> None:
        self.client.get("/healthz", name="/healthz (workers)")
        self.client.get(f"{Plan.data['door']}/healthz", name="/healthz (health door)")


def results(env: Environment, seconds: float) -> dict:
    """The figures bench_locust.py prints, from Locust's statistics and the audit."""
    stats = []
    for entry in sorted(env.stats.entries.values(), key=lambda e: (e.method, e.name)):
        stats.append(
            {
                "method": entry.method,
                "name": entry.name,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                **{
                    f"p{p}": entry.get_response_time_percentile(p / 100)
                    if entry.num_requests
                    else 0
                    for p in (50, 95, 99)
                },
                "max": entry.max_response_time or 0,
            }
        )
    errors = [
        {"method": e.method, "name": e.name, "error": str(e.error), "count": e.occurrences}
        for e in env.stats.errors.values()
    ]
    exceptions = [
        {"count": e["count"], "message": e["msg"], "traceback": e["traceback"]}
        for e in env.runner.exceptions.values()
    ]
    return {
        "seconds": seconds,
        "stats": stats,
        "errors": errors,
        "exceptions": exceptions,
        "acked": Audit.acked,
        "sent": Audit.sent,
        "files": Audit.files,
        "counts": Audit.counts,
        "steady": Timeline.steady(),
    }


def main(plan_path: str, results_path: str) -> None:
    setup_logging("WARNING")
    Plan.load(plan_path)
    plan = Plan.data
    env = Environment(
        user_classes=[FocalPoint, Secretariat, Analyst, HealthProbe], host=plan["host"]
    )
    runner = env.create_local_runner()
    env.events.request.add_listener(Timeline.record)
    env.events.spawning_complete.add_listener(Timeline.spawned)
    fixed = sum(c.fixed_count for c in env.user_classes)
    runner.start(len(plan["focal_points"]) + fixed, spawn_rate=plan["spawn_rate"])
    started = time.monotonic()

    def progress() -> None:
        while True:
            gevent.sleep(30)
            total = env.stats.total
            print(
                f"locust: {time.monotonic() - started:4.0f} s, {runner.user_count} users, "
                f"{total.num_requests} requests, {total.num_failures} failures, "
                f"{total.current_rps:.1f} req/s",
                flush=True,
            )

    watcher = gevent.spawn(progress)
    gevent.spawn_later(plan["seconds"], runner.quit)
    runner.greenlet.join()
    watcher.kill()
    with open(results_path, "w", encoding="utf-8") as file:
        json.dump(results(env, time.monotonic() - started), file)


if __name__ == "__main__":
    main(*sys.argv[1:3])
