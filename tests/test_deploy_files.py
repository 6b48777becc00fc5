"""The deploy/ folder (README, Production) holds what it says: nginx accepts deploy/nginx.conf
(`nginx -t`, with a certificate of this test's own in place of the server's), its static alias
is the application's static folder and its body limit is above the application's; the units
start commands that exist; the environment file sets only documented variables."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.analysis.cli import analysis_cli
from app.cli import mail_cli
from config import Config

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SERVER_ROOT = "/srv/family-ors/"  # where the units and nginx.conf expect the application


def tool(name: str) -> str:
    """A command of the machine; a skip on a laptop without it, a failure in CI (.ci/run
    installs it)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return found


def test_nginx_accepts_the_sample(tmp_path):
    nginx, openssl = tool("nginx"), tool("openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=ors.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx.conf").read_text()
    site = re.sub(r"/etc/letsencrypt/live/[^;]+/fullchain\.pem", str(cert), site)
    site = re.sub(r"/etc/letsencrypt/live/[^;]+/privkey\.pem", str(key), site)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_nginx_serves_the_apps_static_folder_and_lets_its_uploads_through():
    site = (DEPLOY / "nginx.conf").read_text()
    alias = re.search(r"location /static/ \{\s*alias ([^;]+);", site).group(1)
    assert alias.startswith(SERVER_ROOT)
    assert (ROOT / alias.removeprefix(SERVER_ROOT) / "css" / "app.css").is_file()
    body = re.search(r"client_max_body_size (\d+)m;", site).group(1)
    assert int(body) * 2**20 > Config.MAX_CONTENT_LENGTH
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site


def test_the_units_start_what_exists():
    commands = {}
    for unit in DEPLOY.glob("*.service"):
        for line in unit.read_text().splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=")):
                commands.setdefault(unit.name, []).append(line.split("=", 1)[1].split())
    assert set(commands) == {
        "family-ors-web.service", "family-ors-worker.service", "family-ors-backup.service",
        "family-ors-mail.service",
    }  # fmt: skip
    for argv in [argv for found in commands.values() for argv in found]:
        assert argv[0].startswith(SERVER_ROOT), argv
        local = ROOT / argv[0].removeprefix(SERVER_ROOT)
        if local.parts[len(ROOT.parts)] == ".venv":
            assert local.name in ("gunicorn", "flask"), argv
        else:
            assert local.is_file() and os.access(local, os.X_OK), argv
        if argv[1:3] == ["--app", "wsgi"] and argv[3] == "analysis":
            assert argv[4] in analysis_cli.commands
        if argv[1:3] == ["--app", "wsgi"] and argv[3] == "mail":
            assert argv[4] in mail_cli.commands
    for unit in DEPLOY.glob("*.service"):
        assert "EnvironmentFile=/etc/family-ors/family-ors.env" in unit.read_text()
    for timer in ("family-ors-backup.timer", "family-ors-mail.timer"):
        assert (DEPLOY / timer).is_file()


def test_the_environment_file_sets_only_documented_variables():
    readme = (ROOT / "README.md").read_text()
    names = re.findall(r"^([A-Z_]+)=", (DEPLOY / "family-ors.env.example").read_text(), re.M)
    assert "SECRET_KEY" in names and "DATABASE_URL" in names
    for name in names:
        assert f"`{name}`" in readme, f"{name} is not in the README's configuration table"
