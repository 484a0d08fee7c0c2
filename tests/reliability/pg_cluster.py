"""Three app servers on one PostgreSQL, with connections cut, a server killed and the database
restarted while officers submit and reviewers act.

Used by ``tests/reliability/test_postgres_cluster.py`` (small) and ``python -m bench.reliability
--only postgres`` (full size). What happens:

1. a throwaway PostgreSQL (``tests/pgserver.py``) gets the reliability org (``harness.org_rows``);
2. a :class:`tests.faultproxy.FaultProxy` sits between the app servers and the database and cuts
   connections: each message an app sends is the last of its connection with probability ``drop``
   (half before the server sees it, half after: the server ran it, its answer is lost);
3. three app server processes (``tests/reliability/pg_app.py``) share the officers and reviewers;
4. once ``kill_after`` submissions were confirmed, one server is killed (``SIGKILL``) and a new
   one takes its users (as a reverse proxy sends the browsers of a dead server to a live one):
   their submissions not yet confirmed are posted again with the same client tokens;
5. once ``restart_after`` were confirmed, the database is stopped ``-m immediate`` (a crash) and
   started again;
6. after everyone is done, :func:`harness.audit` compares the database with every ledger.

A move a reviewer of the killed server had clicked but not been answered for may or may not be
stored: such moves are counted apart (``in_flight``), never as lost or doubled.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.ports import Workbook
from schemas.registry import headers
from storage.postgres import PostgresWorkbook
from tests.faultproxy import FaultProxy
from tests.pgserver import ThrowawayPostgres
from tests.reliability.harness import Audit, Ledger, audit, org_rows, reviewers

REPO = Path(__file__).resolve().parents[2]
SCHEMA = "thidua"
SERVERS = 3


@dataclass
class ClusterLoad:
    units: int = 50
    per_officer: int = 1
    resend_every: int = 3
    reviewer_ops: int = 20
    seconds: float = 3.0  # reviewers go on at most this long after the last submission
    drop: float = 0.015  # per message an app sends: about 20 % of the servers' database calls meet a cut
    kill_after: int = 12  # confirmed submissions before one server is killed
    restart_after: int = 30  # confirmed submissions before the database restarts
    seed: int = 7
    durable: bool = False


@dataclass
class ClusterRun:
    """What happened and what the audit found."""

    load: ClusterLoad
    ledger: Ledger
    audit: Audit
    wall: float = 0.0
    killed_at: int = -1  # confirmed submissions when the server was killed
    restarted_at: int = -1
    restart_seconds: float = 0.0
    in_flight: int = 0  # moves clicked on the killed server, never answered
    in_flight_stored: int = 0
    calls: int = 0
    failed_calls: int = 0
    retries: int = 0
    landed: int = 0
    cuts: int = 0
    messages: int = 0
    history_rows: int = 0
    history_expected: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.audit.clean and not self.errors and self.history_rows == self.history_expected


def _split(items: list[int], parts: int) -> list[list[int]]:
    return [items[i::parts] for i in range(parts)]


def _events(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:  # the last line of a killed process may be cut short
            continue
    return out


class _App:
    def __init__(self, tmp: Path, name: str, config: dict[str, Any]) -> None:
        self.name = name
        self.ledger = tmp / f"{name}.jsonl"
        cfg = tmp / f"{name}.json"
        cfg.write_text(json.dumps({**config, "name": name, "ledger": str(self.ledger)}), encoding="utf-8")
        self.stderr = (tmp / f"{name}.err").open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.pg_app", str(cfg)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )

    def events(self) -> list[dict[str, Any]]:
        return _events(self.ledger)

    def confirmed(self) -> int:
        return sum(1 for e in self.events() if e["kind"] == "created")

    def has(self, kind: str) -> bool:
        return any(e["kind"] == kind for e in self.events())


def run_cluster(tmp: Path, load: ClusterLoad, *, timeout: float = 600.0) -> ClusterRun:
    """Run the scenario in ``tmp`` (ledgers and logs stay there) and audit it."""
    started = time.monotonic()
    server = ThrowawayPostgres(durable=load.durable)
    proxy: FaultProxy | None = None
    apps: list[_App] = []
    try:
        server.start()
        seed_store = PostgresWorkbook(server.dsn, schema=SCHEMA, listen=False)
        seed_store.ensure_tabs(headers())
        import demo

        demo.seed(seed_store, org_rows(load.units))
        seed_store.close()
        proxy = FaultProxy(str(server.socket_dir), server.port, drop=load.drop, seed=load.seed)
        control = tmp / "control"
        control.mkdir()
        officers = _split(list(range(1, load.units + 1)), SERVERS)
        revs = _split(list(range(len(reviewers()))), SERVERS)
        base = {
            "dsn": proxy.dsn(),
            "schema": SCHEMA,
            "control": str(control),
            "per_officer": load.per_officer,
            "resend_every": load.resend_every,
            "reviewer_ops": load.reviewer_ops,
            "seconds": load.seconds,
            "seed": load.seed,
        }
        configs = [dict(base, officers=officers[i], reviewers=revs[i]) for i in range(SERVERS)]
        apps = [_App(tmp, f"app{i}", configs[i]) for i in range(SERVERS)]
        run = ClusterRun(load, Ledger(), Audit())
        victim = apps[1]
        replaced = False
        deadline = started + timeout
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("the scenario did not finish in time")
            confirmed = sum(a.confirmed() for a in apps)
            if not replaced and confirmed >= load.kill_after:
                victim.proc.send_signal(signal.SIGKILL)
                victim.proc.wait(timeout=30)
                run.killed_at = confirmed
                done = {e["token"] for e in victim.events() if e["kind"] == "created"}
                # the dead server's users go on from a live one: what they were not told was saved,
                # they send again, with the same client tokens
                again = dict(configs[1], skip=sorted(done))
                apps.append(_App(tmp, "app1-after-kill", again))
                replaced = True
            if replaced and run.restarted_at < 0 and confirmed >= load.restart_after:
                t0 = time.monotonic()
                server.stop_only("immediate")
                server.start_again()
                run.restart_seconds = time.monotonic() - t0
                run.restarted_at = confirmed
            live = [a for a in apps if a is not victim]
            if replaced and all(a.has("submitters_done") for a in live):
                (control / "submitters-done").touch()
            if replaced and all(a.proc.poll() is not None for a in live):
                break
            time.sleep(0.1)
        if run.restarted_at < 0:  # the load finished before the restart point: restart at the end
            run.errors.append("the database restart came after the load (raise the load)")
        for a in apps:
            if a is not victim and a.proc.returncode != 0:
                run.errors.append(
                    f"{a.name} exited with {a.proc.returncode}: {(tmp / f'{a.name}.err').read_text()[-500:]}"
                )
        run.cuts, run.messages = proxy.cuts, proxy.messages
        proxy.close()
        proxy = None
        _collect(run, apps, victim)
        store = PostgresWorkbook(server.dsn, schema=SCHEMA, listen=False)
        try:
            _audit(run, store, victim)
        finally:
            store.close()
        run.wall = time.monotonic() - started
        return run
    finally:
        for a in apps:
            if a.proc.poll() is None:
                a.proc.kill()
                a.proc.wait(timeout=30)
            a.stderr.close()
        if proxy is not None:
            proxy.close()
        server.stop()


def _collect(run: ClusterRun, apps: list[_App], victim: _App) -> None:
    ledger = run.ledger
    created: dict[str, list[str]] = {}
    for a in apps:
        for e in a.events():
            kind = e["kind"]
            if kind == "sent":
                ledger.sent[e["token"]] = (e["unit"], e["name"])
            elif kind == "created":
                created.setdefault(e["token"], []).append(e["id"])
            elif kind == "applied":
                for rid in e["ids"]:
                    ledger.applied[(rid, e["trigger"], e["actor"])] += 1
            elif kind == "stale":
                ledger.stale.append(e["message"])
            elif kind == "unavailable":
                ledger.unavailable.append(e["message"])
                ledger.retries += 1
            elif kind == "gave_up":
                ledger.gave_up.append(e["what"])
            elif kind == "error":
                ledger.other_errors.append(e["what"])
            elif kind == "review_ops":
                ledger.review_ops += int(e["n"])
            elif kind == "stats":
                run.calls += int(e["calls"])
                run.failed_calls += int(e["failed_calls"])
                run.retries += int(e["retries"])
                run.landed += int(e["landed"])
    for token, ids in created.items():
        ledger.created[token] = ids[0]
        if len(set(ids)) > 1:
            ledger.token_mismatch.append(token)
    if ledger.other_errors:
        run.errors.extend(ledger.other_errors[:3])
    if ledger.gave_up:
        run.errors.append(f"{len(ledger.gave_up)} actions given up")


def _in_flight(victim: _App) -> Counter[tuple[str, str, str]]:
    """Moves the killed server's reviewers clicked and were never answered for."""
    open_clicks: Counter[tuple[str, str, str]] = Counter()
    for e in victim.events():
        if e["kind"] in ("trying", "answered"):
            for rid in e["ids"]:
                key = (rid, e["trigger"], e["actor"])
                open_clicks[key] += 1 if e["kind"] == "trying" else -1
    return +open_clicks


def _audit(run: ClusterRun, store: Workbook, victim: _App) -> None:
    result = audit(store, run.ledger)
    flying = _in_flight(victim)
    run.in_flight = sum(flying.values())
    flying_keys = {str(k) for k in flying}  # the audit names moves by their tuple's text
    stored = [k for k in result.unreported_history if k in flying_keys]
    run.in_flight_stored = len(stored)
    result.unreported_history = [k for k in result.unreported_history if k not in stored]
    run.audit = result
    hist = store.read("history")
    noms = store.read("nominations")
    mine = hist[hist["tab"] == "nominations"]
    run.history_rows = len(mine)
    # every row: its create and submit, then one entry per move (= version - 1)
    run.history_expected = int(2 * len(noms) + (noms["version"].astype(int) - 1).sum())
