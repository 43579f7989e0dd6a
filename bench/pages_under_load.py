"""Benchmark: every page of the demo under load, against the sign-in page, through gunicorn.

Builds the demo (`saferplan demo --no-serve`) in the database DATABASE_URL names (PostgreSQL is
what is measured; the demo's rows are replaced), collects the static files and starts gunicorn
with --workers workers on a free loopback port, configured as in production (DEBUG off). Signed in
as Thanet's coordinator, it finds the demo's pages by following links from the partnership's home
page (one page of each shape: one action, one meeting; no downloads, no sign-out), then sends each
page --requests requests from --threads threads, for at most --seconds seconds, and prints the
requests per second of each page and its ratio to the sign-in page (fetched signed out, measured
the same way straight before each page, so that both see the same load on the machine). The
target is a ratio of at least 0.25 for every page.

    DATABASE_URL=postgres://... uv run --with gunicorn python bench/pages_under_load.py \
        [--workers 4] [--threads 4] [--seconds 0.5] [--requests 300]
"""

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
COORDINATOR, PASSWORD = "coordinator@thanet.example", "saferplan-demo"
NOT_PAGES = re.compile(r"\.(csv|xlsx|docx|pdf|ics)$|/export/|/sign-out/|/static/|/media/|/admin/")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--requests", type=int, default=300)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the demo is built there.")
    with tempfile.TemporaryDirectory(prefix="saferplan-load-") as folder:
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SAFERPLAN_VAR_DIR": folder,
            "LOG_LEVEL": "WARNING",
        }
        saferplan = [sys.executable, "-m", "saferplan"]
        started = time.perf_counter()
        subprocess.run([*saferplan, "demo", "--no-serve"], env=env, check=True, capture_output=True)
        subprocess.run([*saferplan, "collectstatic", "--no-input", "-v", "0"], env=env, check=True)
        print(f"Demo built and static files collected in {time.perf_counter() - started:.0f} s")
        port = free_port()
        server = subprocess.Popen(
            [
                *[sys.executable, "-m", "gunicorn", "saferplan.wsgi"],
                *["--workers", str(options.workers), "--bind", f"127.0.0.1:{port}"],
                "--log-level=warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for(port)
            measure(port, options)
        finally:
            server.terminate()
            server.wait(timeout=30)


def measure(port, options):
    signed_out = Session(port)
    sign_in = signed_out.get("/account/sign-in/")[0]
    assert sign_in == 200, sign_in
    session = Session(port)
    session.sign_in()
    pages = find_pages(session, "/p/thanet/")
    print(f"\n{'page':<58}{'req/s':>8}{'sign-in':>9}{'ratio':>7}")
    slow = []
    for path in pages:
        baseline = load(port, "/account/sign-in/", {}, options)
        rate = load(port, path, session.cookies, options)
        ratio = rate / baseline
        if ratio < 0.25:
            slow.append(path)
        print(f"{path:<58}{rate:>8.1f}{baseline:>9.1f}{ratio:>7.2f}")
    print(f"\n{len(pages)} pages; under a quarter of the sign-in page's rate: {len(slow)}")
    for path in slow:
        print(f"  {path}")


def load(port, path, cookies, options):
    """Requests per second for `path`: --threads threads, each on its own connection."""
    done, deadline = [], time.perf_counter() + options.seconds
    share = max(1, options.requests // options.threads)

    def hammer():
        session = Session(port, cookies)
        for _ in range(share):
            if time.perf_counter() > deadline:
                break
            status = session.get(path)[0]
            assert status == 200, (path, status)
            done.append(1)

    threads = [threading.Thread(target=hammer) for _ in range(options.threads)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(done) / (time.perf_counter() - started)


def find_pages(session, start):
    """The pages linked from `start` and from them, one of each shape (numbers alike)."""
    found, shapes, queue = [], set(), [start]
    while queue:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", path)
        if shape in shapes:
            continue
        shapes.add(shape)
        status, body = session.get(path)
        if status != 200:  # a form that redirects, a page for another role
            continue
        found.append(path)
        for tag in re.findall(r"<a\s[^>]*>", body):
            href = re.search(r'href="(/[^"#]*)"', tag)
            if not href or re.search(r"\sdownload[\s>=]", tag):  # a file, not a page
                continue
            link = unescape(href[1])
            if not NOT_PAGES.search(urlsplit(link).path) and link.startswith(("/p/", "/account/")):
                queue.append(link)
    return found


class Session:
    """One keep-alive connection with its cookies, as a browser tab has."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, content, response.headers

    def get(self, path):
        status, content, _ = self.request("GET", path)
        return status, content

    def sign_in(self):
        _, page = self.get("/account/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": COORDINATOR, "password": PASSWORD}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _, response = self.request("POST", "/account/sign-in/", urlencode(form), headers)
        assert status == 302 and "sign-in" not in response["Location"], "could not sign in"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on port {port} within {seconds} s")


if __name__ == "__main__":
    main()
