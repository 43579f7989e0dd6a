"""Benchmark: how long a freshly started web process takes to answer its first request.

Runs the README's deploy command (gunicorn with --preload) on a migrated SQLite database in a
temporary folder, with production settings, and times the whole thing from the start of the
process to the first answer of the sign-in page, then a second request. Against it, in the same
run, the floor: a bare `python -c "import django"` from start to exit. The two alternate
--rounds times (default 5); prints each round, then the medians.

    uv run --with gunicorn python bench/first_request.py [--rounds 5]
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchdb import start_django

ROOT = Path(__file__).resolve().parents[1]
README = ["--workers=4", "--preload", "--timeout=60", "--log-level=warning"]  # as README.md


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production(folder):
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-benchmark-secret-key-that-is-long-enough-for-django-checks-x1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SAFERPLAN_VAR_DIR": folder,
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }


def bare_django():
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import django"], check=True)
    return time.monotonic() - started


def first_request(env):
    """Seconds from starting gunicorn to its first answer, and to its second."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/account/sign-in/"
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "saferplan.wsgi", f"--bind=127.0.0.1:{port}", *README],
        cwd=ROOT,
        env=env,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=60) as answer:
                    assert answer.status == 200, answer.status
                break
            except urllib.error.HTTPError:
                raise
            except (ConnectionError, urllib.error.URLError):
                if server.poll() is not None:
                    raise SystemExit("gunicorn stopped before answering") from None
                time.sleep(0.02)
        first = time.monotonic() - started
        with urllib.request.urlopen(url, timeout=60):
            pass
        return first, time.monotonic() - started - first
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        raise SystemExit(
            "run it with gunicorn: uv run --with gunicorn python bench/first_request.py"
        ) from None
    folder = start_django()
    env = production(folder.name)
    subprocess.run(
        [sys.executable, "-m", "saferplan", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
    )
    floors, firsts, seconds = [], [], []
    for round_ in range(1, options.rounds + 1):
        floors.append(bare_django())
        first, second = first_request(env)
        firsts.append(first)
        seconds.append(second)
        print(
            f"round {round_}: import django {floors[-1]:.2f} s; "
            f"gunicorn start to first answer {first:.2f} s, second answer {second:.3f} s"
        )
    print(
        f"median of {options.rounds}: import django {statistics.median(floors):.2f} s; "
        f"start to first answer {statistics.median(firsts):.2f} s; "
        f"second answer {statistics.median(seconds):.3f} s"
    )


if __name__ == "__main__":
    main()
