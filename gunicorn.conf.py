"""Gunicorn's settings for Family ORS, read from the working directory by `gunicorn wsgi:app`
(README, Production, says why each is so).

- Each worker serves its requests in threads (gthread): while some wait on PostgreSQL, others
  run, and `/healthz` is answered in a thread of its own instead of queueing behind every
  save. GUNICORN_THREADS (8) threads per worker, WEB_CONCURRENCY (2) workers; the database
  pool of a worker (5 connections and 10 more at need) covers its threads.
- The application is built once, in the master, then forked (`preload_app`): the workers share
  its pages, and `gc.freeze()` just before the fork takes it out of the garbage collector's full
  passes (app/serving.py), which walked it all every few dozen requests.
- faulthandler prints every thread's Python stack to the error log if a worker dies of a fatal
  signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE), instead of a bare "was sent SIGSEGV".
- ORS_GC_PROBE=1 logs each full collection of each worker and a summary when it stops;
  ORS_GC_PROBE=saveall also lists by type what the collections found in reference cycles.
- GUNICORN_TIMEOUT (60 s) before a silent worker is replaced; no access log of gunicorn's: the
  application writes one line per request itself (LOG_FORMAT, json in production).
- greenlet is not loaded (below).
- HEALTH_BIND=host:port opens the health door (app/serving.py): a process of the master's
  that answers GET /healthz there, never queued behind the workers' saves; for the load
  balancer's probes.
"""

import faulthandler
import gc
import os
import sys

# greenlet is left out of the server: SQLAlchemy imports it, when installed, for its asyncio
# extension only, which the application does not use (RQ's worker, a process of its own, falls
# back to threads without it). It is one of the C extensions suspected of the rare start-up
# crash of issue 17 (not proven: README, Production); the server does without it at no cost.
sys.modules.setdefault("greenlet", None)

wsgi_app = "wsgi:app"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
preload_app = True
# A worker silent this long (a request stuck past any reasonable page) is killed and replaced;
# on a restart or reload, workers finish their requests for `graceful_timeout` first.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5  # behind nginx's keepalive upstream connections
# The access log is the application's request log (LOG_FORMAT, app/main/requestlog.py): one
# line per request with its id, the user and the time, which gunicorn's own cannot know.
accesslog = None
errorlog = "-"

# No collection while the application is built in the master: the objects freed then would
# leave holes in pages that the workers' own objects would later fill, copying those pages.
gc.disable()

_probe = None


def when_ready(server):
    """In the master, the application built: build also what the first requests would; open
    the health door when HEALTH_BIND asks (before the workers are forked: the master has no
    thread of its own to hand them)."""
    from app import serving  # here: the application's folder is on sys.path by now

    if server.cfg.preload_app:
        serving.warm_up(server.app.wsgi())
        config = server.app.wsgi().config
    else:
        from config import Config

        config = vars(Config)
    server.health_door = serving.open_door(
        config["SQLALCHEMY_DATABASE_URI"],
        redis_url=config.get("REDIS_URL"),
        queue_names=serving.queue_names(config),
    )
    if server.health_door is not None:
        server.log.info("health door on %s (HEALTH_BIND)", os.environ["HEALTH_BIND"])


def on_exit(server):
    """In the master, at the end: the health door closes with it."""
    from app import serving

    serving.close_door(getattr(server, "health_door", None))


def pre_fork(server, worker):
    """In the master, before each fork: what exists now is start-up, frozen for good."""
    gc.freeze()
    gc.enable()


def post_fork(server, worker):
    """In the worker, first thing."""
    # The worker's own signal handlers (SIGABRT on timeout) are set after this: they stay.
    faulthandler.enable(all_threads=True)
    gc.enable()
    from app import serving

    mode = serving.probe_mode()
    if mode:
        global _probe
        _probe = serving.FullCollections(saveall=mode == "saveall").install()


def post_worker_init(worker):
    """In the worker, its application loaded (here without preload_app): frozen too."""
    gc.freeze()


def post_request(worker, req, environ, resp):
    if _probe:
        for line in _probe.after_request():
            worker.log.info("gc probe %s: %s", worker.pid, line)


def worker_exit(server, worker):
    if _probe:
        worker.log.info("gc probe %s: %s", worker.pid, _probe.summary())
        if _probe.saveall:
            for line in _probe.cycles():
                worker.log.info("gc probe %s cycles: %s", worker.pid, line)
