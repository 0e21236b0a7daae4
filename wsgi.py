"""Entry point for `flask --app wsgi`, gunicorn (`wsgi:app`) and the Celery worker."""

from factcheck.app import create_app

app = create_app()
celery_app = app.extensions["celery"]
