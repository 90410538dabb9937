"""gunicorn settings, read by ``gunicorn wsgi:app`` from this folder.

Every setting can be overridden on the command line or through
``GUNICORN_CMD_ARGS``; the worker count follows the machine.
"""

import multiprocessing
import os

# Each worker ranks on one core: numerical libraries must not start a thread
# pool per worker that competes with the other workers (and spins while idle).
# Set before the app, and so numpy, is imported in the workers.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

bind = os.environ.get("JEJARING_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("JEJARING_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("JEJARING_THREADS", 4))
# Longer than a client's think time, so kept-alive connections are reused
# rather than closed under the client's next request.
keepalive = 10
