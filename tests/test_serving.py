"""The server of issue 17: gunicorn's settings and hooks (gunicorn.conf.py), the probe of full
garbage collections (app/serving.py), and no reference cycle left by rendering a questionnaire
(what the full collections had to reclaim)."""

from __future__ import annotations

import gc
import runpy

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
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["wsgi_app"] == "wsgi:app"
    assert settings["preload_app"] is True
    assert settings["worker_class"] == "gthread" and settings["threads"] >= 2
    for hook in ("when_ready", "pre_fork", "post_fork", "post_worker_init", "worker_exit"):
        assert callable(settings[hook])
    gc.enable()  # the file disables the collector while a master builds the application
