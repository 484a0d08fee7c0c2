"""A throwaway PostgreSQL server for the tests and benches: Debian's ``postgresql`` binaries,
``initdb`` in a temporary directory, a Unix socket only (no TCP port), run as the ``postgres`` user
when we are root, removed when stopped.

    python -m tests.pgserver run -- python -m pytest -q   # what `make test` does
    python -m tests.pgserver run -- bash                   # a server to try things by hand

``run`` starts a server, runs the command with ``THIDUA_TEST_DSN`` set to the server's connection
string, and stops the server afterwards whatever the command's outcome (its exit code is kept).
Tests find the server through ``THIDUA_TEST_DSN``; without it the ``postgres_dsn`` fixture
(``tests/conftest.py``) starts its own with :class:`ThrowawayPostgres`, and fails loudly when no
PostgreSQL binaries are installed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType

#: Where the tests look for the server's connection string.
ENV = "THIDUA_TEST_DSN"
#: Where the binaries are looked for besides ``THIDUA_PG_BINDIR`` and the ``PATH``.
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"


class NoPostgres(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``: ``THIDUA_PG_BINDIR``, Debian's
    newest ``/usr/lib/postgresql/<version>/bin``, or the one ``pg_ctl`` on the ``PATH`` lives in."""
    given = os.environ.get("THIDUA_PG_BINDIR")
    candidates = [Path(given)] if given else []
    candidates += sorted(
        (Path(p) for p in glob.glob(DEBIAN_BINDIRS)),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.name.split(".")],
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise NoPostgres(
        "PostgreSQL server binaries not found (initdb, pg_ctl, postgres). `make test` installs Debian's "
        "`postgresql` package; by hand: `apt-get install postgresql`, or set THIDUA_PG_BINDIR, or point "
        f"{ENV} at a server whose database the tests may write into."
    )


class ThrowawayPostgres:
    """One PostgreSQL cluster in a temporary directory, listening on a Unix socket only.

    ``durable=False`` (tests): ``fsync`` and ``full_page_writes`` off, nothing is meant to survive
    a power cut of the machine (a server stopped with ``-m immediate`` still loses no commit). The
    benches use ``durable=True``: the settings a real server has.
    """

    def __init__(self, *, durable: bool = False, root: Path | None = None) -> None:
        self.bindir = find_bindir()
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="thidua-pg-", dir=root or "/tmp"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = 5432
        self._as_postgres = os.geteuid() == 0
        self.started = False

    @property
    def dsn(self) -> str:
        return f"host={self.socket_dir} port={self.port} user=postgres dbname=postgres"

    def dsn_for(self, dbname: str) -> str:
        return f"host={self.socket_dir} port={self.port} user=postgres dbname={dbname}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        """initdb (first time), start, wait until it accepts connections; returns the DSN."""
        self.socket_dir.mkdir(exist_ok=True)
        if self._as_postgres:
            pw = pwd.getpwnam("postgres")
            for path in (self.root, self.socket_dir):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        if not self.data.exists():
            try:
                self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                          "--no-locale", "--no-instructions")  # fmt: skip
            except subprocess.CalledProcessError as exc:
                raise RuntimeError(f"initdb failed: {exc.stderr or exc.stdout}") from exc
            settings = [
                "listen_addresses = ''",
                f"unix_socket_directories = '{self.socket_dir}'",
                f"port = {self.port}",
                "max_connections = 300",
                "shared_buffers = 256MB",
            ]
            if not self.durable:  # commits still wait for their WAL write: a killed server loses none
                settings += ["fsync = off", "full_page_writes = off"]
            with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
                conf.write("\n# thidua throwaway server\n" + "\n".join(settings) + "\n")
        self._ctl("start")
        self.started = True
        return self.dsn

    def _ctl(self, action: str, *extra: str) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", *extra, action)
        except subprocess.CalledProcessError as exc:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl {action} failed: {exc.stderr or exc.stdout}\n{tail}") from exc

    def restart(self, mode: str = "fast") -> None:
        """Stop (``fast``: sessions are cut; ``immediate``: a crash) and start again."""
        self._ctl("stop", "-m", mode)
        self._ctl("start")

    def stop_only(self, mode: str = "fast") -> None:
        self._ctl("stop", "-m", mode)

    def start_again(self) -> None:
        self._ctl("start")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.dsn_for(name)

    def stop(self) -> None:
        """Stop the server (if running) and remove its directory."""
        try:
            if self.started and (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        finally:
            self.started = False
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] != "run" or argv[1] != "--":
        print("usage: python -m tests.pgserver run -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    server = ThrowawayPostgres()
    try:
        dsn = server.start()
        print(f"PostgreSQL for the tests: {server.bindir} at {server.socket_dir}", file=sys.stderr)
        return subprocess.call(argv[2:], env={**os.environ, ENV: dsn})
    except KeyboardInterrupt:
        return 130
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
