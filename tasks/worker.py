"""The Celery app the worker runs: the Flask app's, with every task module loaded."""

from wsgi import app, celery_app  # noqa: F401

celery_app.autodiscover_tasks(["tasks"], related_name=None, force=True)
