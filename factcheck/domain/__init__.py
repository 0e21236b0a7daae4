"""The factcheck domain: plain Python, no Flask, SQLAlchemy or Celery.

Everything here can be imported, tested and benchmarked without a web app or
a database. Vocabulary and rules come from DOMAIN.md (shared/DOMAIN.md).
"""

from factcheck.domain.compiled_engine import choose

ENGINE_BUILD = choose()  # 'compiled', or 'source' / 'stale': the engine runs as plain Python
