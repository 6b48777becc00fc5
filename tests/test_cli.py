"""The Flask CLI: demo load (idempotent, keeps users' changes), users create and grant."""

import sqlalchemy as sa

from app.auth import services
from app.auth.models import User
from app.directory.models import Membership
from app.extensions import db


def test_demo_load_is_idempotent_and_keeps_user_changes(app, runner):
    with app.app_context():
        user = services.user_by_email("fp.sen@demo.test")
        user.name = "Mamadou Diop (changed)"
        user.locale = "en"
        db.session.commit()
        users_before = db.session.scalar(sa.select(sa.func.count(User.id)))
        memberships_before = db.session.scalar(sa.select(sa.func.count(Membership.id)))
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Demo loaded: nothing new." in result.output
    with app.app_context():
        user = services.user_by_email("fp.sen@demo.test")
        assert user.name == "Mamadou Diop (changed)" and user.locale == "en"
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == users_before
        assert db.session.scalar(sa.select(sa.func.count(Membership.id))) == memberships_before


def test_demo_load_refuses_production(app, runner):
    app.config["DEMO_ALLOWED"] = False
    try:
        result = runner.invoke(args=["demo", "load"])
    finally:
        app.config["DEMO_ALLOWED"] = True
    assert result.exit_code != 0
    assert "production" in result.output


def test_users_create_and_grant(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "new.sec@demo.test",
            "--name",
            "New Sec",
            "--password",
            "a-long-password",
        ]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=["users", "grant", "new.sec@demo.test", "secretariat", "--instrument", "AEWA"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=["users", "grant", "new.sec@demo.test", "focal_point", "--instrument", "AEWA"]
    )
    assert result.exit_code != 0 and "needs a country" in result.output
    with app.app_context():
        user = services.user_by_email("new.sec@demo.test")
        assert [(g.role, g.instrument.code) for g in user.grants] == [("secretariat", "AEWA")]
        assert services.check_password(user, "a-long-password")
