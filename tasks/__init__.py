"""Celery tasks: thin wrappers that take ids and call a service.

The worker starts with `celery -A tasks.worker:celery_app worker`.
"""
