"""``streamlit run app.py`` with an ``[auth]`` section pointing at the local OIDC provider.

The secrets live in a temporary file handed to Streamlit with ``--secrets.files``: the repository's
own ``.streamlit/`` is never touched, and bootstrap (which reads only the repository's file) does
not see them, so the app must learn from Streamlit itself that an identity provider is configured.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from e2e_steps import streamlit_command

from oidc.provider import OidcProvider

ROOT = Path(__file__).resolve().parents[3]
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class AuthApp:
    url: str
    log_path: Path
    cookie_secret: str


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


def secrets_toml(port: int, provider: OidcProvider, cookie_secret: str) -> str:
    return (
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        f'client_id = "{provider.client_id}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
    )


@contextmanager
def serve_with_auth(workdir: Path, provider: OidcProvider, db: Path, today: str) -> Iterator[AuthApp]:
    """Seed ``db`` with the demo, start the app with ``[auth]`` on a free port, yield its URL."""
    env = {**os.environ, "THIDUA_DB": str(db), "THIDUA_TODAY": today, "NO_PROXY": "127.0.0.1,localhost"}
    env.pop("THIDUA_BACKEND", None)
    seed = subprocess.run(
        [sys.executable, "cli.py", "seed-demo", "--if-empty"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if seed.returncode != 0:
        raise RuntimeError(f"seed-demo failed:\n{seed.stdout}\n{seed.stderr}")
    port = free_port()
    cookie_secret = secrets.token_urlsafe(32)
    secrets_file = workdir / "secrets.toml"
    secrets_file.write_text(secrets_toml(port, provider, cookie_secret), encoding="utf-8")
    log_path = workdir / "streamlit-auth.log"
    command = streamlit_command(port, "--secrets.files", str(secrets_file))
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _healthy(f"{url}/_stcore/health"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError(
                        f"streamlit did not start on {url}:\n{log_path.read_text(errors='replace')}"
                    )
                time.sleep(0.25)
            yield AuthApp(url, log_path, cookie_secret)
        finally:
            _stop(proc)
