"""The Celery app the worker and Beat run: the Flask app's, with every task module loaded.

celery -A tasks.worker:celery_app worker
celery -A tasks.worker:celery_app beat
"""

import gc

import tasks.intake  # noqa: F401
import tasks.reconcile  # noqa: F401  (registers the tasks)
import tasks.reports  # noqa: F401
from wsgi import app, celery_app  # noqa: F401

# The ~200,000 objects the imports leave live as long as the process: moved out of the
# collector's sight, a full collection during a rebuild no longer walks them all (a fifth
# of a rebuild's time went there), and forked pool children share their pages.
gc.freeze()
