"""What the tests and the benchmarks share, imported as a package (`from tests.support import ...`).

- paths: the repository, ../shared and the reference article
- databases: the migrated template per engine, PostgreSQL admin helpers, cloning a saved state
- factories: the one way to make a user (and an API token for one)
- web: the CSRF token of a page and logging in through the real form
- processes: gunicorn, a Celery worker and a redis-server of our own, started as an operator would
- polling: waiting until something is true, with a plain message when it never is
- synthetic: many events of realistic claims, inserted in batches (benchmarks and worker tests)
"""
