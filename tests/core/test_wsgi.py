"""The WSGI entry point gunicorn loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wsgi_app_freezes_its_start_up_objects(tmp_path):
    # In a process of its own: importing wsgi creates the app from the environment, as gunicorn does.
    probe = "import gc, wsgi; print(wsgi.app.name, gc.get_freeze_count())"
    env = {"CASEBOOK_DATABASE_URL": f"sqlite:///{tmp_path / 'wsgi.db'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    name, frozen = done.stdout.split()
    assert name == "casebook" and int(frozen) > 10_000  # the app's objects, not a handful
