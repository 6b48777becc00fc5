"""Django's manage.py for the peer project (`migrate`, `shell`, …), run with the peer's venv."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerproj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
