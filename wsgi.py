"""WSGI entry point: `gunicorn wsgi:app`."""

import gc

from casebook import create_app

app = create_app()

# What start-up made (the app, its routes, translation catalogs, holiday tables, imported modules) lives as long as
# the process: frozen out of the garbage collector's full passes, which otherwise walked all of it every few hundred
# requests, 126 ms each, and were the p99 of every page under load (benchmarks/README.md).
gc.collect()
gc.freeze()
