"""Entry point for `flask --app wsgi` and `gunicorn wsgi:app` (APP_CONFIG=production)."""

from app import create_app

app = create_app()
