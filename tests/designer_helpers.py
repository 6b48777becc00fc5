"""What the designer tests share: a draft built by a module's `_build()`, committed for the
test client, with its nodes' ids by name."""

from __future__ import annotations

from collections.abc import Callable

from app.extensions import db


def committed_ids(app, build: Callable[[], dict]) -> dict[str, int]:
    """`build()` run and committed (to the test's savepoint); node ids by name, without "q"."""
    with app.app_context():
        nodes = build()
        db.session.commit()
        return {name: node.id for name, node in nodes.items() if name != "q"}
