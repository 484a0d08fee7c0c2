"""Cold start: `streamlit run` to a usable first page in Chromium, on an already seeded demo.

    python -m bench.cold_start            # median of 3 runs

Each run starts a fresh server process on a free port (the store is seeded once beforehand, as
`make run` does on first start) and measures: process start -> health check answers, and
process start -> the sign-in page's title is visible in headless Chromium (Debian's package).
Target: first page under 10 s.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.report import write_section

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_run(db: Path) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "THIDUA_DB": str(db), "THIDUA_TODAY": "2024-12-05"}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
           "--server.port", str(port), "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - start > 90:
                raise RuntimeError("server did not start within 90 s")
        healthy = time.perf_counter() - start
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("heading", name="Đăng nhập").first.wait_for(timeout=60_000)
            first_page = time.perf_counter() - start
            browser.close()
        return healthy, first_page
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cold.sqlite"
        env = {**os.environ, "THIDUA_DB": str(db), "THIDUA_TODAY": "2024-12-05"}
        subprocess.run([sys.executable, "cli.py", "seed-demo", "--if-empty"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        runs = [one_run(db) for _ in range(3)]
    health = statistics.median(r[0] for r in runs)
    first = statistics.median(r[1] for r in runs)
    body = (
        "Command: `python -m bench.cold_start`. Median of 3 fresh server processes on a seeded demo "
        "(3,100+ submissions).\n\n"
        "| measure | seconds | target |\n|---|---:|---|\n"
        f"| `streamlit run` → health check answers | {health:.1f} | — |\n"
        f"| `streamlit run` → sign-in page visible in Chromium | {first:.1f} | < 10 s |\n"
    )
    print(body)
    write_section("Cold start to first page", body)


if __name__ == "__main__":
    main()
