"""The Celery app the worker and Beat run: the Flask app's, with every task module loaded.

celery -A tasks.worker:celery_app worker
celery -A tasks.worker:celery_app beat
"""

import tasks.intake  # noqa: F401
import tasks.reconcile  # noqa: F401  (registers the tasks)
import tasks.reports  # noqa: F401
from wsgi import app, celery_app  # noqa: F401
