"""Drive the real server: gunicorn on a free local port, a real login, wrk against each page."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import IO

REPORT_LUA = Path(__file__).resolve().parent / "report.lua"


@dataclass(frozen=True)
class Load:
    threads: int
    connections: int
    duration: int
    warmup: int

    def wrk_args(self, duration: int) -> list[str]:
        return [f"-t{self.threads}", f"-c{self.connections}", f"-d{duration}s", "--timeout", "10s"]


@dataclass(frozen=True)
class Measure:
    median_ms: float
    p95_ms: float
    requests_per_second: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(root: Path, port: int, workers: int, log: IO[str]) -> Iterator[subprocess.Popen]:
    """Serve the project with this process's environment (the settings bench/run.py set)."""
    command = [sys.executable, "-m", "gunicorn", "mutualis.wsgi:application"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/sante/", server)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start-up; see the log file.")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s.")


class PlainHttpPolicy(DefaultCookiePolicy):
    """With DEBUG=0 the session and CSRF cookies are Secure; the bench talks plain HTTP to 127.0.0.1."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


def opener(jar: CookieJar) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def status_of(opener: urllib.request.OpenerDirector, request: urllib.request.Request | str) -> int:
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def log_in(base: str, login_path: str, email: str, password: str) -> str:
    """Post the real login form and return the Cookie header of the logged-in session."""
    jar = CookieJar(policy=PlainHttpPolicy())
    browser = opener(jar)
    status_of(browser, base + login_path)
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = urllib.parse.urlencode({"username": email, "password": password, "csrfmiddlewaretoken": csrf})
    status = status_of(browser, urllib.request.Request(base + login_path, data=form.encode()))
    cookies = {cookie.name: cookie.value for cookie in jar}
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Login as {email} failed (HTTP {status}).")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def check_page(url: str, cookie: str | None) -> None:
    """wrk counts only 4xx/5xx as errors: make sure the page really answers 200 (not a redirect to login)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    status = status_of(opener(CookieJar()), request)
    if status != 200:
        raise RuntimeError(f"{url} answers HTTP {status}, expected 200.")


def run_wrk(url: str, cookie: str | None, load: Load, log: IO[str]) -> Measure:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    if load.warmup:
        subprocess.run(["wrk", *load.wrk_args(load.warmup), *headers, url], check=True, capture_output=True)
    command = ["wrk", *load.wrk_args(load.duration), "--latency", "-s", str(REPORT_LUA), *headers, url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    log.write(f"$ wrk ... {url}\n{output}\n")
    figures = dict(re.findall(r"(\w+)=(\d+)", output.split("BENCH ", 1)[1]))
    return Measure(
        median_ms=int(figures["p50"]) / 1000,
        p95_ms=int(figures["p95"]) / 1000,
        requests_per_second=int(figures["requests"]) / (int(figures["duration_us"]) / 1e6),
        errors=int(figures["status_errors"]) + int(figures["socket_errors"]),
    )


def peak_rss_mb(master_pid: int) -> list[float]:
    """VmHWM (peak resident set) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return sorted(peaks)
