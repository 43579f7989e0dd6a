"""Saves and sign-ins on SQLite while a big police import runs in another process.

bench/sqlite_busy.py builds the database and a 200 MB street file from the real Kent file,
starts `saferplan import_police` in a child process and, while it runs, sends progress updates
and sign-ins through Django's test client; it reports what happened as JSON.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "sqlite_busy.py"


def test_updates_and_sign_ins_wait_their_turn_while_an_import_runs(shared_data):
    run = subprocess.run(
        # Requests one after another with little pause, so that at least 25 fall within the
        # import however fast the machine runs it.
        [sys.executable, str(BENCH), "--megabytes", "200", "--every", "0.05", "--json"],
        env={**os.environ, "SAFERPLAN_SHARED_DATA": str(shared_data)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.splitlines()[-1])
    assert figures["import_exit"] == 0, figures["import_output"]
    assert figures["answered_during_import"] >= 25
    assert figures["statuses"] == [302]
    assert figures["updates_ok"] == figures["updates_sent"] >= 20
    assert figures["updates_saved"] == figures["updates_sent"]
    assert figures["sign_ins_ok"] == figures["sign_ins_sent"] >= 5
