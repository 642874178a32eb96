"""WSGI entry point: `gunicorn wsgi:app`."""

from casebook import create_app

app = create_app()
