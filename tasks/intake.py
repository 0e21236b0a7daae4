"""Intake jobs: thin wrappers that take ids and call the services."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy.exc import DBAPIError, OperationalError

from factcheck.services import intake


@shared_task(
    acks_late=True, autoretry_for=(OperationalError, DBAPIError), retry_backoff=True, max_retries=8
)
def analyse_article(article_id: int) -> None:
    """Metadata findings and suggested claims for a newly stored article."""
    intake.analyse_article(article_id)
