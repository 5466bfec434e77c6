"""Mutualis benchmark: France at scale (every EPCI, every commune), served by gunicorn, measured with wrk.

Usage: `make bench`, or `.venv/bin/python bench/run.py [--rebuild] [--pages health,login] [--duration 15]`.
SQLite under var/bench/ by default; BENCH_DATABASE_URL=postgres://… measures PostgreSQL instead.
The report goes to bench/results/<date>-<database>.md, the raw wrk and gunicorn output beside it (.log).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "bench.sqlite3"

# Production settings, except plain HTTP on 127.0.0.1 and no login throttling. The same
# environment serves this process (loading, query counts) and the gunicorn server.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "mutualis.settings",
    "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "AXES_ENABLED": "0",
}

if __name__ == "__main__":
    os.environ.update(SERVER_ENV)
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench.suite import main

    main(ROOT)
