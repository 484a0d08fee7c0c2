"""Reliability scenarios at full size: load, faults, human edits, quotas, crashes. Prints the results
table and writes it into docs/reliability.md (between the ``results`` markers).

    python -m bench.reliability                 # every scenario (about 5 minutes on 2 cores)
    python -m bench.reliability --only quota    # scenarios whose name contains "quota" (their rows updated)
    python -m bench.reliability --no-write      # print only

The scenarios are those of ``tests/reliability/`` (same harness), with larger counts. Every row of the
table is a run of the real services over a real store: a SQLite file, or the Google Sheets adapter on
the in-process ``sheets_emulator``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gspread

from bench.report import machine
from core.errors import StaleRow
from storage.gsheets import GoogleSheetsWorkbook
from storage.sqlite import SqliteWorkbook
from tests.gsheets.support import no_sleep
from tests.reliability.harness import (
    Audit,
    Backend,
    Ledger,
    Load,
    audit,
    before_write,
    deadline_burst,
    emulator_backend,
    make_services,
    officer,
    person_name,
    reviewers,
    run_load,
    sqlite_backend,
)

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


@dataclass
class Row:
    """One line of the results table."""

    scenario: str
    load: str
    faults: str
    expected: int
    found: int
    duplicates: int
    misplaced: int
    stale: int
    other: str = "none"
    seconds: float = 0.0

    def cells(self) -> list[str]:
        return [
            self.scenario,
            self.load,
            self.faults,
            str(self.expected),
            str(self.found),
            str(self.duplicates),
            str(self.misplaced),
            str(self.stale),
            self.other,
            f"{self.seconds:.0f}",
        ]


HEAD = [
    "Scenario",
    "Load held",
    "Faults injected",
    "Rows expected",
    "Rows found",
    "Duplicates",
    "Misplaced writes",
    "Stale refusals",
    "Other findings",
    "Wall s",
]


def other_findings(result: Audit, ledger: Ledger) -> str:
    """Everything the audit flags beyond the table's columns, short."""
    parts = []
    if result.missing:
        parts.append(f"{len(result.missing)} submissions missing")
    if result.unknown_rows:
        parts.append(f"{result.unknown_rows} rows nobody sent")
    if result.answered_other_row:
        parts.append(f"{result.answered_other_row} resends answered with another row")
    if result.state_mismatch:
        parts.append(f"{len(result.state_mismatch)} states not matching history")
    if result.version_mismatch:
        parts.append(f"{len(result.version_mismatch)} rows whose version does not match their history")
    if result.orphan_history:
        parts.append(f"{result.orphan_history} history entries without a row")
    if result.double_applied:
        parts.append(f"{result.double_applied} moves stored twice")
    if result.unreported_history or result.reported_not_in_history:
        parts.append(
            f"{len(result.unreported_history)} moves stored but not reported, "
            f"{len(result.reported_not_in_history)} reported but not stored"
        )
    if ledger.gave_up:
        parts.append(f"{len(ledger.gave_up)} actions given up")
    if ledger.other_errors:
        parts.append(f"{len(ledger.other_errors)} unexpected errors: {ledger.other_errors[0][:80]}")
    return "; ".join(parts) or "none"


def load_row(name: str, backend: Backend, load: Load, faults: str = "none", **kw: object) -> Row:
    started = time.monotonic()
    ledger, wall = run_load(backend, load, **kw)  # type: ignore[arg-type]
    if backend.emu is not None:
        backend.emu.faults.clear()
    result = audit(backend.store, ledger)
    posts = sum(1 for n in range(1, load.units + 1) for k in range(load.per_officer))
    resends = sum(
        1
        for n in range(1, load.units + 1)
        for k in range(load.per_officer)
        if (n * load.per_officer + k) % load.resend_every == 0
    )
    applied = result.applied_reported
    held = (
        f"{load.units} submitters × {load.per_officer} ({posts} rows, {resends} resent), 5 reviewers "
        f"{wall:.0f} s: {ledger.review_ops} clicks, {applied} moves applied"
    )
    if ledger.retries:
        held += f", {ledger.retries} user retries"
    return Row(
        name,
        held,
        faults,
        result.rows_expected,
        result.rows_found,
        result.duplicates,
        len(result.misplaced),
        len(ledger.stale),
        other_findings(result, ledger),
        time.monotonic() - started,
    )


# ------------------------------------------------------------------------------------ scenarios


def sqlite_one(tmp: Path, cache: float) -> Row:
    backend = sqlite_backend(tmp / f"one-{cache}.sqlite", 50)
    backend.services = make_services(backend.store, cache_seconds=cache)
    try:
        label = "SQLite file, one process" + (", app's 5 s read cache" if cache else ", read cache off")
        return load_row(label, backend, Load(units=50, per_officer=4, seconds=10.0, reviewer_ops=60))
    finally:
        backend.close()


def sqlite_two(tmp: Path) -> Row:
    path = tmp / "two.sqlite"
    backend = sqlite_backend(path, 50)
    backend.services = make_services(backend.store, cache_seconds=0.0)
    other = SqliteWorkbook(path)
    backend.extra.append(other)
    try:
        return load_row(
            "SQLite file, reviewers on a 2nd connection (2 processes), cache off",
            backend,
            Load(units=50, per_officer=4, seconds=10.0, reviewer_ops=60, seed=11),
            review_services=make_services(other, cache_seconds=0.0),
        )
    finally:
        backend.close()


def sheets_one(cache: float) -> Row:
    backend = emulator_backend(50)
    backend.services = make_services(backend.store, cache_seconds=cache)
    try:
        label = "Google adapter on emulator, one process" + (", app's 5 s cache" if cache else ", cache off")
        return load_row(label, backend, Load(units=50, per_officer=2, seconds=10.0, reviewer_ops=60))
    finally:
        backend.close()


def sheets_two() -> Row:
    backend = emulator_backend(50)
    backend.services = make_services(backend.store, cache_seconds=0.0)
    assert backend.emu is not None
    second = GoogleSheetsWorkbook(
        backend.key, client=gspread.Client(auth=None, session=backend.emu.session()), sleep=no_sleep
    )
    backend.extra.append(second)
    try:
        return load_row(
            "Google adapter, reviewers in a 2nd app instance (2 adapters), cache off",
            backend,
            Load(units=50, per_officer=2, seconds=10.0, reviewer_ops=60, seed=13),
            review_services=make_services(second, cache_seconds=0.0),
        )
    finally:
        backend.close()


def sheets_colleague_in_gap(rows: int = 10) -> Row:
    """Was B5: for each of ``rows`` submissions, a reviewer in this app instance approves while a
    colleague in a 2nd instance returns the same row inside this instance's read/write gap."""
    from tests.reliability.harness import CAMPAIGN, FORM, REASON, TAB, nomination

    started = time.monotonic()
    backend = emulator_backend(10)
    emu = backend.emu
    assert emu is not None and isinstance(backend.store, GoogleSheetsWorkbook)
    here = make_services(backend.store, cache_seconds=0.0)
    there_store = GoogleSheetsWorkbook(
        backend.key, client=gspread.Client(auth=None, session=emu.session()), sleep=no_sleep
    )
    backend.extra.append(there_store)
    there = make_services(there_store, cache_seconds=0.0)
    first, second = reviewers()[:2]  # both review the first upper union's units (odd numbers)
    ledger = Ledger()
    ids = []
    for k in range(rows):
        n = 2 * (k % 5) + 1
        token, name = f"tok-{n:03d}-{k:02d}", person_name(n, k)
        ledger.sent[token] = (officer(n).unit_id, name)
        ids.append(str(here.create(officer(n), CAMPAIGN, FORM, nomination(name), client_token=token)["id"]))
    target = [""]
    theirs = [0]

    def colleague() -> None:
        before = len(emu.log)
        there.act(second, TAB, target[0], 1, "return", REASON)
        ledger.applied[(target[0], "return", second.email)] += 1
        theirs[0] += len(emu.log) - before

    arm = before_write(backend.store, colleague)
    emu.log.clear()
    try:
        for i, rid in enumerate(ids):
            target[0] = rid
            if i:
                arm()
            try:
                here.act(first, TAB, rid, 1, "approve")
                ledger.applied[(rid, "approve", first.email)] += 1
            except StaleRow as exc:
                ledger.stale.append(exc.message("vi"))
        mine = [e for e in emu.log.entries if not e.endpoint.startswith("drive:")]
        reads = sum(1 for e in mine if e.kind == "read")
        writes = sum(1 for e in mine if e.kind == "write")
        refused = sum(1 for e in mine if e.kind == "write" and e.status == 400)
        result = audit(backend.store, ledger)
        return Row(
            "Google adapter, a colleague's click in a 2nd instance inside this instance's gap (was B5)",
            f"{rows} rows × (approve here, return there inside the gap)",
            f"both instances: {reads} reads + {writes} writes for {2 * rows} clicks, {refused} writes "
            f"refused by the tag guard; each losing click {(reads + writes - theirs[0]) / rows:.0f} calls, "
            f"each winning click {theirs[0] / rows:.0f} (the guard adds a refused write and a re-read "
            "to the loser, nothing to the winner)",
            result.rows_expected,
            result.rows_found,
            result.duplicates,
            len(result.misplaced),
            len(ledger.stale),
            other_findings(result, ledger),
            time.monotonic() - started,
        )
    finally:
        backend.close()


def sheets_faults(after_apply: bool) -> Row:
    backend = emulator_backend(50, max_attempts=2)
    backend.services = make_services(backend.store, cache_seconds=0.0)
    emu = backend.emu
    assert emu is not None
    emu.faults.timeout_after_apply = after_apply
    emu.faults.randomly(0.2, kinds=("429", "500", "timeout"), seed=3 + after_apply, endpoints="*")
    try:
        row = load_row(
            "Google adapter, 20% faults" + (" (timeouts after Google applied)" if after_apply else ""),
            backend,
            Load(units=50, per_officer=2, seconds=10.0, reviewer_ops=60, seed=5),
        )
        calls = len(emu.log)
        hit = sum(1 for e in emu.log.entries if e.fault or e.status in (429, 500))
        kinds = "429/500/timeout" + (" after apply" if after_apply else "")
        row.faults = f"{hit} of {calls} calls ({hit / calls:.0%}): {kinds}; adapter attempts 2"
        return row
    finally:
        backend.close()


def human_edits(in_gap: bool) -> Row:
    """Each edit on a fresh sheet with five submissions, then a reviewer's approval of the third."""
    from tests.reliability import test_human_edits as he

    started = time.monotonic()
    expected = found = misplaced = stale = 0
    details = []
    for edit in he.EDITS:
        backend = emulator_backend(10)
        try:
            sheet, names, target = he.setup(backend)
            assert backend.emu is not None and isinstance(backend.store, GoogleSheetsWorkbook)
            human = backend.emu.human(backend.key)
            if in_gap:
                before_write(backend.store, lambda e=edit, h=human, s=sheet: he.EDITS[e](h, s))
            else:
                he.EDITS[edit](human, sheet)
            try:
                backend.services.act(
                    reviewers()[0], he.TAB, str(target["id"]), int(target["version"]), "approve"
                )
                approved = True
            except StaleRow:
                approved, stale = False, stale + 1
            deleted = {rid for rid, n in names.items() if n == person_name(he.UNITS[0], 0)}
            rows = sheet.records()
            gone = deleted if edit.startswith("delete") else set()
            expected += len(names) - len(gone)
            found += sum(1 for r in rows if r.get("id"))
            wrong = 0
            for r in rows:
                rid = str(r.get("id") or "")
                should = "IN_COUNCIL" if (rid == target["id"] and approved) else "SUBMITTED"
                if not rid or r.get("full_name") != names.get(rid) or r.get("state") != should:
                    wrong += 1
            if wrong:
                misplaced += 1
                details.append(f"{edit} ({wrong} rows wrong)")
        finally:
            backend.close()
    timing = "inside the adapter's read/write gap" if in_gap else "between the page read and the click"
    return Row(
        f"Human edits {timing}",
        "4 edits × (5 rows, 1 approval)",
        "insert 2 rows above, sort by name desc, delete an unrelated row, edit a cell of the same row",
        expected,
        found,
        0,
        misplaced,
        stale,
        ("misplaced after: " + ", ".join(details)) if details else "none",
        time.monotonic() - started,
    )


def quota_burst() -> Row:
    started = time.monotonic()
    logging.getLogger("storage.gsheets").setLevel(logging.ERROR)  # one warning per 429 otherwise
    burst, backend = deadline_burst(submissions=500, window_s=300.0, units=50)
    try:
        assert backend.emu is not None
        backend.emu.quota.enabled = False
        result = audit(backend.store, burst.ledger)
        per_sub = (burst.reads - burst.quota_429) / burst.submissions
        return Row(
            "Deadline burst, 1 service account's quotas, concurrent sessions, group commit, simulated clock",
            f"500 submissions from 50 officers in 5 simulated min; served in {burst.took_s / 60:.1f} min, "
            f"p95 wait {burst.p95 / 60:.1f} min",
            f"Google's quotas: {burst.quota_429} × 429; busiest minute {burst.max_reads_per_min} reads / "
            f"{burst.max_writes_per_min} writes (limit 60); {per_sub:.2f} reads + "
            f"{burst.writes / burst.submissions:.2f} writes per submission "
            f"({burst.submissions / max(burst.writes, 1):.1f} submissions per write)",
            result.rows_expected,
            result.rows_found,
            result.duplicates,
            len(result.misplaced),
            len(burst.ledger.stale),
            other_findings(result, burst.ledger) + f"; {burst.user_errors} errors shown to users",
            time.monotonic() - started,
        )
    finally:
        backend.close()


CRASH_CHILD = """
import sys
from storage.sqlite import SqliteWorkbook
from tests.reliability.harness import CAMPAIGN, FORM, make_services, nomination, officer, person_name
services = make_services(SqliteWorkbook(sys.argv[1]), cache_seconds=0.0)
for k in range(10_000):
    n = k % 4 + 1
    token = f"tok-{n:03d}-{k:02d}"
    services.create(officer(n), CAMPAIGN, FORM, nomination(person_name(n, k)), client_token=token)
    print(token, flush=True)
"""


def sqlite_crash(tmp: Path, kills: int = 6) -> Row:
    started = time.monotonic()
    expected = found = dup = mis = 0
    problems: list[str] = []
    for i in range(kills):
        path = tmp / f"crash-{i}.sqlite"
        sqlite_backend(path, 4).close()
        proc = subprocess.Popen(
            [sys.executable, "-c", CRASH_CHILD, str(path)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        confirmed = []
        assert proc.stdout is not None
        while len(confirmed) < 5 + 3 * i:
            line = proc.stdout.readline().strip()
            if not line:
                raise RuntimeError(f"the submitting process stopped early (exit {proc.wait()})")
            confirmed.append(line)
        time.sleep(0.002 * i)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        ledger = Ledger()
        with SqliteWorkbook(path) as wb:
            tokens = list(wb.read("nominations")["client_token"])
            for token in set(tokens):
                n, k = (int(x) for x in token.split("-")[1:])
                ledger.sent[token] = (officer(n).unit_id, person_name(n, k))
            result = audit(wb, ledger)
        expected += len(confirmed)
        found += len(set(confirmed) & set(tokens))
        dup += len(tokens) - len(set(tokens))
        mis += len(result.misplaced)
        if not result.clean:
            problems.append(other_findings(result, ledger))
    return Row(
        "SQLite: process killed (SIGKILL) while submitting",
        f"{kills} kills after 5..{5 + 3 * (kills - 1)} confirmed submissions",
        "SIGKILL at an unplanned point",
        expected,
        found,
        dup,
        mis,
        0,
        "; ".join(problems) or "integrity_check ok; every row has its history",
        time.monotonic() - started,
    )


def postgres_cluster(tmp: Path) -> Row:
    """Three app servers on one PostgreSQL (tests/reliability/pg_cluster.py), full size."""
    from tests.reliability.pg_cluster import ClusterLoad, run_cluster

    folder = tmp / "pg-cluster"
    folder.mkdir()
    load = ClusterLoad(
        units=50, per_officer=4, reviewer_ops=60, seconds=10.0, kill_after=40, restart_after=110
    )
    started = time.monotonic()
    run = run_cluster(folder, load, timeout=1800.0)
    result, ledger = run.audit, run.ledger
    posts = load.units * load.per_officer
    resends = sum(
        1
        for n in range(1, load.units + 1)
        for k in range(load.per_officer)
        if (n * load.per_officer + k) % load.resend_every == 0
    )
    held = (
        f"3 app processes; {load.units} submitters × {load.per_officer} ({posts} rows, {resends} resent), "
        f"5 reviewers: {ledger.review_ops} clicks, {result.applied_reported} moves applied"
    )
    share = run.failed_calls / run.calls if run.calls else 0.0
    faults = (
        f"{run.cuts} connections cut ({run.cuts} of {run.messages} messages) under {run.failed_calls} of "
        f"{run.calls} database calls ({share:.0%}), each retried ({run.retries} retries, {run.landed} found "
        f"already committed); app process SIGKILLed after {run.killed_at} confirmed submissions, its users "
        f"moved to a new process; database stopped -m immediate and restarted after {run.restarted_at} "
        f"({run.restart_seconds:.1f} s down)"
    )
    other = other_findings(result, ledger)
    notes = [
        f"history {run.history_rows} rows = {run.history_expected} expected",
        f"{run.in_flight} clicks in flight on the killed process ({run.in_flight_stored} stored)",
    ]
    if run.errors:
        notes.append("; ".join(run.errors)[:200])
    return Row(
        "PostgreSQL, 3 app processes, 20% connection cuts, one process killed, database restarted",
        held,
        faults,
        result.rows_expected,
        result.rows_found,
        result.duplicates,
        len(result.misplaced),
        len(ledger.stale),
        ("" if other == "none" else other + "; ") + "; ".join(notes),
        time.monotonic() - started,
    )


def scenarios(tmp: Path) -> dict[str, Callable[[], Row]]:
    return {
        "sqlite-one-cache-off": lambda: sqlite_one(tmp, 0.0),
        "sqlite-one-default-cache": lambda: sqlite_one(tmp, 5.0),
        "sqlite-two-processes": lambda: sqlite_two(tmp),
        "sheets-one-cache-off": lambda: sheets_one(0.0),
        "sheets-one-default-cache": lambda: sheets_one(5.0),
        "sheets-two-instances": sheets_two,
        "sheets-colleague-in-gap": sheets_colleague_in_gap,
        "sheets-faults-before-apply": lambda: sheets_faults(False),
        "sheets-faults-after-apply": lambda: sheets_faults(True),
        "human-edits-before-click": lambda: human_edits(False),
        "human-edits-in-gap": lambda: human_edits(True),
        "quota-burst": quota_burst,
        "sqlite-crash": lambda: sqlite_crash(tmp),
        "postgres-three-servers": lambda: postgres_cluster(tmp),
    }


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    for r in rows:
        lines.append("| " + " | ".join(c.replace("|", "/") for c in r.cells()) + " |")
    return "\n".join(lines)


def merge(rows: list[Row], stamp: str, only: str) -> str:
    """The results table as written, with ``rows`` replacing the rows of the same scenario (or
    added at the end) and ``stamp`` saying when they were measured: ``--only`` updates its own
    rows and keeps the others as measured."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    found = re.search(re.escape(START) + r"(.*?)" + re.escape(END), text, flags=re.S)
    old = found.group(1).strip().splitlines() if found else []
    stamps = [line for line in old if line.startswith("_") and f"--only {only}`" not in line]
    lines = [line for line in old if line.startswith("| ") and not line.startswith("| Scenario")]
    mine = {r.scenario: "| " + " | ".join(c.replace("|", "/") for c in r.cells()) + " |" for r in rows}
    kept = [line for line in lines if line.split(" | ")[0][2:] not in mine]
    head = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    return "\n".join([*stamps, stamp, "", *head, *kept, *mine.values()])


def write(body: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Reliability\n\n{START}\n{END}\n"
    block = f"{START}\n{body.strip()}\n{END}"
    text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reliability", description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="run the scenarios whose name contains this text")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave docs/ alone")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in scenarios(Path(tmp)).items():
            if args.only and args.only not in name:
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            rows.append(run())
            print(f"  {rows[-1].cells()}", file=sys.stderr, flush=True)
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    stamp = f"_Measured {when} on {machine()} with `python -m bench.reliability`._"
    body = f"{stamp}\n\n{table(rows)}"
    print(body)
    if not args.no_write and not args.only:
        write(body)
    elif not args.no_write and rows:  # its rows replaced, the others kept as measured
        command = f"python -m bench.reliability --only {args.only}"
        write(
            merge(
                rows, f"_Rows of `{args.only}` measured {when} on {machine()} with `{command}`._", args.only
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
