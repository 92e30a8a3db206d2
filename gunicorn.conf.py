"""Gunicorn reads this file from the working directory (the image's /app) by itself.

With PROMETHEUS_MULTIPROC_DIR set, every worker writes its metrics there (config.metrics):
the directory is emptied when gunicorn starts, and a dead worker's live gauges retired.
"""

import os
import shutil
from pathlib import Path


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


# No gunicornc control socket: nobody uses it in a pod, and it would be written under $HOME
# (read-only in the image).
control_socket_disable = True
