"""With CASEBOOK_REDIS_URL, several worker processes share one login throttle (Redis on 127.0.0.1:6379).

Two separate Python processes stand for two gunicorn workers; the per-address limit (here 5 failures) is
reached across both. Each attempt names another username, so the per-username delay (shared through the
database's security log) plays no part. CI starts Redis; without it this test fails rather than skips.
"""

import subprocess
import sys
import uuid

WORKER = r"""
import sys
from flask_migrate import upgrade
from casebook import create_app

db_url, prefix, username, attempts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
app = create_app({
    "ENV_NAME": "testing",
    "SQLALCHEMY_DATABASE_URI": db_url,
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "RATELIMIT_KEY_PREFIX": prefix,
    "LOGIN_LIMIT_PER_IP": "5 per 15 minutes",
})
with app.app_context():
    upgrade()
client = app.test_client()
codes = [client.post("/login", data={"username": f"{username}-{i}", "password": "wrong"}).status_code
         for i in range(attempts)]
print(" ".join(map(str, codes)))
"""


def _worker(db_url: str, prefix: str, username: str, attempts: int) -> list[int]:
    result = subprocess.run(
        [sys.executable, "-c", WORKER, db_url, prefix, username, str(attempts)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [int(code) for code in result.stdout.split()]


def test_two_worker_processes_share_the_limit(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'workers.db'}"
    prefix = f"casebook-test-{uuid.uuid4().hex}"
    assert _worker(db_url, prefix, f"first-{uuid.uuid4().hex[:8]}", 3) == [200, 200, 200]
    assert _worker(db_url, prefix, f"second-{uuid.uuid4().hex[:8]}", 3) == [200, 200, 429]
