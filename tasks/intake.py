"""Intake jobs: thin wrappers that take ids and call the services."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy.exc import DBAPIError, OperationalError

from factcheck.services import intake, url_intake


@shared_task(
    acks_late=True, autoretry_for=(OperationalError, DBAPIError), retry_backoff=True, max_retries=8
)
def analyse_article(article_id: int) -> None:
    """Metadata findings and suggested claims for a newly stored article."""
    intake.analyse_article(article_id)


@shared_task(
    acks_late=True, autoretry_for=(OperationalError, DBAPIError), retry_backoff=True, max_retries=8
)
def fetch_article(fetch_id: int) -> None:
    """Fetch an article asked for by its URL and store it (or say why not on its fetch row)."""
    url_intake.run_fetch(fetch_id)
