"""Shared machinery of the reliability scenarios: a small org with many officers, the load, the audit.

Used by ``tests/reliability/`` at small sizes and by ``python -m bench.reliability`` at full size.
Everything goes through :class:`services.services.Services` (what a page calls) over a real store:
a SQLite file, or the Google Sheets adapter on the in-process ``sheets_emulator``.

The audit reads the store directly (no cache) and counts what the issue asks for: rows expected and
found, duplicates (a client token stored more than once), misplaced writes (a row holding another
submission's values), history that does not match the rows, and refusals.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

import bootstrap
import demo
from core.clock import PinnedDateClock
from core.errors import ActionNotAllowed, RowNotFound, StaleRow, StorageUnavailable, ThiduaError
from core.model import Actor
from core.ports import Workbook
from schemas.registry import headers
from services.services import Services, records
from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook
from storage.sqlite import SqliteWorkbook
from tests.gsheets.support import emulated
from workflows.loader import load_campaigns, load_catalogue

CAMPAIGN = "HN-2024-KTN"
FORM = "nomination"
TAB = "nominations"
DOMAIN = "reliability.example.vn"
#: Two upper unions; the synthetic grassroots unions are split between them.
PARENTS: tuple[str, ...] = ("HN-CD-KCNCX", "HN-LDLD-HADONG")
#: Reviewers per upper union: three share the first union's rows, two the second's.
REVIEWER_SPLIT: tuple[int, ...] = (3, 2)
#: Workflow actions a reviewer takes on a row in SUBMITTED, with their weights.
REVIEW_MOVES: tuple[tuple[str, int], ...] = (("approve", 6), ("return", 2), ("reject", 1))
REASON = "Đề nghị bổ sung báo cáo thành tích có xác nhận của đơn vị."
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Thu Dung", "Quốc Huy", "Thị Lan", "Đức Mạnh", "Thanh Tâm")


# ------------------------------------------------------------------------------------ the org


def officer(n: int) -> Actor:
    """The unit officer of synthetic grassroots union ``n`` (1-based)."""
    return Actor(f"can.bo.{n:03d}@{DOMAIN}", f"Cán bộ {n:03d}", "UNIT_OFFICER", unit_of(n))


def unit_of(n: int) -> str:
    return f"RL-CDCS-{n:03d}"


def parent_of(n: int) -> str:
    return PARENTS[(n - 1) % len(PARENTS)]


def reviewers() -> list[Actor]:
    """Upper-union reviewers; several per union, so they act on the same rows."""
    out = []
    for parent, count in zip(PARENTS, REVIEWER_SPLIT, strict=True):
        for i in range(count):
            out.append(
                Actor(f"tham.dinh.{i}.{parent.lower()}@{DOMAIN}", f"Thẩm định {i}", "UPPER_REVIEWER", parent)
            )
    return out


def org_rows(units: int) -> dict[str, list[dict[str, Any]]]:
    """The demo's reference tabs (no submissions) plus ``units`` grassroots unions, their officers
    and the reviewers, as rows for :func:`demo.hanoi.seed`."""
    built = demo.build(load_campaigns(), load_catalogue(), bootstrap.DEMO_TODAY)
    keep = ("units", "clusters", "cluster_members", "users", "catalogue", "campaigns", "rules")
    rows = {tab: list(built[tab]) for tab in keep}
    template = next(u for u in rows["units"] if u["level"] == "CDCS")
    for n in range(1, units + 1):
        rows["units"].append(
            dict(
                template,
                id=unit_of(n),
                name_vi=f"Công đoàn cơ sở Thử tải {n:03d}",
                short_name=f"CĐCS Thử tải {n:03d}",
                parent_id=parent_of(n),
            )
        )
    people = [officer(n) for n in range(1, units + 1)] + reviewers()
    rows["users"] += [
        {"id": f"RL-U-{i:04d}", "email": a.email, "full_name": a.name, "role": a.role, "unit_id": a.unit_id,
         "active": True}
        for i, a in enumerate(people, 1)
    ]  # fmt: skip
    return rows


def nomination(name: str) -> dict[str, str]:
    return {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": "Công nhân",
        "award_code": "LDTT",
        "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024.",
    }


def person_name(n: int, k: int) -> str:
    """A distinct, realistic name for submission ``k`` of unit ``n`` (so misplaced values show)."""
    return f"{SURNAMES[(n + k) % len(SURNAMES)]} {GIVEN[(n * 7 + k) % len(GIVEN)]} {n:03d}-{k:02d}"


# ------------------------------------------------------------------------------------ stores


@dataclass
class Backend:
    """A store with the services over it, and the emulator behind it when there is one."""

    name: str
    store: Workbook
    services: Services
    emu: SheetsEmulator | None = None
    key: str = ""
    extra: list[Workbook] = field(default_factory=list)

    def close(self) -> None:
        for wb in [self.store, *self.extra]:
            close = getattr(wb, "close", None)
            if callable(close):
                close()


def make_services(store: Workbook, cache_seconds: float = 5.0) -> Services:
    """Services as the app builds them (one per process), the demo date pinned."""
    return Services(
        store, load_campaigns(), PinnedDateClock(bootstrap.DEMO_TODAY), cache_seconds=cache_seconds
    )


def sqlite_backend(path: Path, units: int) -> Backend:
    store = SqliteWorkbook(path)
    store.ensure_tabs(headers())
    demo.seed(store, org_rows(units))
    return Backend("sqlite-file", store, make_services(store))


def emulator_backend(
    units: int, *, quotas: bool = False, emulator: SheetsEmulator | None = None, **options: Any
) -> Backend:
    """The Google Sheets adapter on a fresh in-process emulator, seeded with the org (quotas off while
    seeding, then as asked, with empty windows and an empty request log)."""
    wb, emu, key = emulated(emulator, quotas=False, **options)
    wb.ensure_tabs(headers())
    demo.seed(wb, org_rows(units))
    emu.quota.enabled = quotas
    emu.reset_quotas()
    emu.log.clear()
    return Backend("gsheets-emulator", wb, make_services(wb), emu=emu, key=key)


# ------------------------------------------------------------------------------------ load


@dataclass
class Ledger:
    """What every simulated user did and saw (thread-safe)."""

    sent: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (unit, full_name)
    created: dict[str, str] = field(default_factory=dict)  # token -> row id first answered
    token_mismatch: list[str] = field(default_factory=list)  # a retry answered with another row
    applied: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (row, trigger, actor)
    stale: list[str] = field(default_factory=list)  # Vietnamese messages of StaleRow refusals
    not_found: int = 0
    not_allowed: list[str] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)  # messages of StorageUnavailable answers
    retries: int = 0
    gave_up: list[str] = field(default_factory=list)  # actions never completed (should stay empty)
    other_errors: list[str] = field(default_factory=list)
    review_ops: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, attr: str, value: Any) -> None:
        with self.lock:
            getattr(self, attr).append(value)


def submit(services: Services, ledger: Ledger, n: int, k: int, *, resend: bool, attempts: int = 20) -> None:
    """Officer ``n`` posts submission ``k`` (retrying failures with the same client token);
    ``resend`` posts it once more afterwards, as a double click or a browser retry would."""
    actor = officer(n)
    token = f"tok-{n:03d}-{k:02d}"
    name = person_name(n, k)
    with ledger.lock:
        ledger.sent[token] = (actor.unit_id, name)
    got: list[str] = []
    for _ in range(2 if resend else 1):
        for attempt in range(attempts):
            try:
                row = services.create(
                    actor, CAMPAIGN, FORM, nomination(name), submit=True, client_token=token
                )
            except StorageUnavailable as exc:
                ledger.note("unavailable", exc.message("vi"))
                with ledger.lock:
                    ledger.retries += 1
                if attempt == attempts - 1:
                    ledger.note("gave_up", f"create {token}")
                continue
            except Exception as exc:  # anything else is a finding
                ledger.note("other_errors", f"create {token}: {type(exc).__name__}: {exc}")
                return
            got.append(str(row["id"]))
            break
    if got:
        with ledger.lock:
            ledger.created[token] = got[0]
            if len(set(got)) > 1:
                ledger.token_mismatch.append(token)


def _landed(store: Workbook, ids: Sequence[str], trigger: str, actor: Actor) -> list[str]:
    """Of ``ids``, those whose history already holds ``trigger`` by ``actor`` (outcome unknown)."""
    for _ in range(20):
        try:
            hist = store.read("history")
        except StorageUnavailable:
            continue
        mine = hist[(hist["actor_email"] == actor.email) & (hist["action"] == trigger)]
        return [i for i in ids if i in set(mine["row_id"])]
    raise AssertionError("the store stayed unavailable while checking an unknown outcome")


def review(
    services: Services,
    ledger: Ledger,
    actor: Actor,
    *,
    until: Callable[[], bool],
    rng: random.Random,
    max_ops: int,
    attempts: int = 20,
) -> None:
    """A reviewer loops: read the queue, pick 1-3 rows (often the same ones as colleagues), act."""
    ops = 0
    while not until() and ops < max_ops:
        try:
            queue = services.queue(actor, TAB)
        except StorageUnavailable:
            with ledger.lock:
                ledger.retries += 1
            continue
        except Exception as exc:
            ledger.note("other_errors", f"queue {actor.email}: {type(exc).__name__}: {exc}")
            return
        if queue.empty:
            time.sleep(0.01)
            continue
        rows = records(queue)
        # Oldest first, as the page sorts them: colleagues see the same head of the queue.
        head = rows[: min(len(rows), 4)]
        trigger = rng.choices([m for m, _ in REVIEW_MOVES], [w for _, w in REVIEW_MOVES])[0]
        picked = rng.sample(head, k=rng.randint(1, min(3, len(head)))) if trigger == "approve" else [head[0]]
        items = [(str(r["id"]), int(r["version"])) for r in picked]
        reason = REASON if trigger != "approve" else ""
        ops += 1
        for attempt in range(attempts):
            try:
                out = services.act_many(actor, TAB, items, trigger, reason)
            except StaleRow as exc:
                ledger.note("stale", exc.message("vi"))
            except RowNotFound:
                with ledger.lock:
                    ledger.not_found += 1
            except ActionNotAllowed as exc:
                ledger.note("not_allowed", exc.message("vi"))
            except StorageUnavailable as exc:
                ledger.note("unavailable", exc.message("vi"))
                with ledger.lock:
                    ledger.retries += 1
                # The write may have landed (a timeout after Google applied it): look before retrying.
                done = _landed(services.store, [i for i, _ in items], trigger, actor)
                if done:
                    with ledger.lock:
                        for rid in done:
                            ledger.applied[(rid, trigger, actor.email)] += 1
                    break
                if attempt == attempts - 1:
                    ledger.note("gave_up", f"{trigger} {items}")
                continue
            except Exception as exc:
                ledger.note("other_errors", f"{trigger} {items}: {type(exc).__name__}: {exc}")
            else:
                with ledger.lock:
                    for r in out:
                        ledger.applied[(str(r["id"]), trigger, actor.email)] += 1
            break
    with ledger.lock:
        ledger.review_ops += ops


@dataclass
class Load:
    """The size of a concurrency run."""

    units: int = 50
    per_officer: int = 2
    resend_every: int = 3  # every n-th submission is posted twice
    reviewer_ops: int = 40  # per reviewer
    seconds: float = 10.0  # reviewers go on at most this long after the last submission (or until no work)
    seed: int = 7


def run_load(
    backend: Backend, load: Load, *, review_services: Services | None = None
) -> tuple[Ledger, float]:
    """Officers (one thread each) submit while reviewers act; returns the ledger and the wall time."""
    ledger = Ledger()
    services = backend.services
    rservices = review_services or services
    submitters_done = threading.Event()
    start = time.monotonic()
    deadline = [float("inf")]
    errors: list[BaseException] = []

    def guard(fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except BaseException as exc:  # surfaced by the caller: a thread must not die silently
                errors.append(exc)

        return run

    def officer_job(n: int) -> Callable[[], None]:
        def job() -> None:
            for k in range(load.per_officer):
                submit(services, ledger, n, k, resend=(n * load.per_officer + k) % load.resend_every == 0)

        return job

    def stop() -> bool:
        if not submitters_done.is_set():
            return False
        return time.monotonic() > deadline[0] or not _work_left(rservices)

    subs = [
        threading.Thread(target=guard(officer_job(n)), name=f"officer-{n}") for n in range(1, load.units + 1)
    ]
    revs = [
        threading.Thread(
            target=guard(
                lambda a=a, i=i: review(
                    rservices,
                    ledger,
                    a,
                    until=stop,
                    rng=random.Random(load.seed * 100 + i),
                    max_ops=load.reviewer_ops,
                )
            ),
            name=f"reviewer-{i}",
        )
        for i, a in enumerate(reviewers())
    ]
    for t in [*subs, *revs]:
        t.start()
    for t in subs:
        t.join()
    deadline[0] = time.monotonic() + load.seconds
    submitters_done.set()
    for t in revs:
        t.join()
    if errors:
        raise errors[0]
    return ledger, time.monotonic() - start


def _work_left(services: Services) -> bool:
    """True while some reviewer still has rows waiting (read through the services' short cache)."""
    try:
        return any(not services.queue(a, TAB).empty for a in reviewers()[:: REVIEWER_SPLIT[0]])
    except ThiduaError:
        return True


# ------------------------------------------------------------------------------------ audit


@dataclass
class Audit:
    """What the store holds after a run, compared with what users sent and were told."""

    rows_expected: int = 0
    rows_found: int = 0
    missing: list[str] = field(default_factory=list)  # tokens without a row
    duplicates: int = 0  # extra rows for a token already stored
    unknown_rows: int = 0  # rows no user sent
    misplaced: list[str] = field(default_factory=list)  # rows whose values belong to another token/unit
    answered_other_row: int = 0  # create() answered a row id that is not the token's stored row
    state_mismatch: list[str] = field(default_factory=list)  # row state != last history to_state
    version_mismatch: list[str] = field(default_factory=list)  # row change without history, or reverse
    orphan_history: int = 0  # history of rows that do not exist
    applied_in_history: int = 0
    applied_reported: int = 0
    unreported_history: list[str] = field(default_factory=list)  # history no user was told of
    reported_not_in_history: list[str] = field(default_factory=list)  # told "done", nothing stored
    double_applied: int = 0  # one reviewer action stored twice

    @property
    def clean(self) -> bool:
        return not (
            self.missing
            or self.duplicates
            or self.unknown_rows
            or self.misplaced
            or self.answered_other_row
            or self.state_mismatch
            or self.version_mismatch
            or self.orphan_history
            or self.unreported_history
            or self.reported_not_in_history
            or self.double_applied
        )

    def problems(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v and k not in ("rows_expected", "rows_found",
                "applied_in_history", "applied_reported")}  # fmt: skip


def audit(store: Workbook, ledger: Ledger) -> Audit:
    """Compare the store with the ledger (read straight from the store, no cache)."""
    data = store.read_many([TAB, "history"])
    noms, hist = data[TAB], data["history"]
    out = Audit(rows_expected=len(ledger.sent), rows_found=len(noms))
    by_token = {tok: g for tok, g in noms.groupby("client_token")} if not noms.empty else {}
    for token, (unit, name) in ledger.sent.items():
        group = by_token.get(token)
        if group is None:
            out.missing.append(token)
            continue
        out.duplicates += len(group) - 1
        for r in records(group):
            if r["full_name"] != name or r["unit_id"] != unit:
                out.misplaced.append(f"{r['id']}: token {token} holds {r['full_name']!r}/{r['unit_id']}")
        answered = ledger.created.get(token)
        if answered is not None and answered not in set(group["id"]):
            out.answered_other_row += 1
    out.answered_other_row += len(ledger.token_mismatch)
    out.unknown_rows = int((~noms["client_token"].isin(list(ledger.sent))).sum()) if not noms.empty else 0
    h = hist[hist["tab"] == TAB]
    ids = set(noms["id"])
    out.orphan_history = int((~h["row_id"].isin(ids)).sum())
    entries = {rid: records(g) for rid, g in h.groupby("row_id")}
    for r in records(noms):
        rh = entries.get(str(r["id"]), [])
        if not rh or rh[-1]["to_state"] != r["state"]:
            got = rh[-1]["to_state"] if rh else None
            out.state_mismatch.append(f"{r['id']}: row {r['state']}, history {got}")
        # create+submit is one write (version 1, two entries); every later action is +1 and one entry.
        if int(r["version"]) != len(rh) - 1:
            out.version_mismatch.append(f"{r['id']}: version {r['version']}, {len(rh)} history entries")
    acted = Counter(
        (str(e["row_id"]), str(e["action"]), str(e["actor_email"]))
        for e in records(h)
        if e["action"] not in ("create", "submit")
    )
    out.applied_in_history = sum(acted.values())
    out.applied_reported = sum(ledger.applied.values())
    out.double_applied = sum(n - 1 for n in acted.values() if n > 1)
    out.unreported_history = [f"{k}" for k in acted if k not in ledger.applied]
    out.reported_not_in_history = [f"{k}" for k in ledger.applied if k not in acted]
    return out


# ------------------------------------------------------------------------------------ helpers


@contextmanager
def simulated_time(emu: SheetsEmulator) -> Iterator[None]:
    """Make the services' read cache follow the emulator's clock instead of the wall clock."""
    import services.services as services_module

    class _Time:
        @staticmethod
        def monotonic() -> float:
            return emu.clock.now()

    real = services_module.time
    services_module.time = _Time  # type: ignore[assignment]
    try:
        yield
    finally:
        services_module.time = real


def before_write(wb: GoogleSheetsWorkbook, action: Callable[[], None]) -> Callable[[], None]:
    """Run ``action`` once, right before the adapter's next ``spreadsheets:batchUpdate`` is sent:
    that is, after it re-read ids and versions. Returns a function that arms it again."""
    session = wb.client.http_client.session
    armed = threading.Event()
    inner = session.get_adapter("https://sheets.googleapis.com/")

    class Gap(requests.adapters.BaseAdapter):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
            url = request.url or ""
            if (
                armed.is_set()
                and request.method == "POST"
                and url.split("?")[0].endswith(":batchUpdate")
                and ("/values:" not in url)
            ):
                armed.clear()
                action()
            return inner.send(request, *args, **kwargs)

        def close(self) -> None:
            inner.close()

    session.mount("https://sheets.googleapis.com/", Gap())
    armed.set()
    return armed.set


def per_minute(emu: SheetsEmulator, start: float) -> list[dict[str, int]]:
    """Requests per simulated minute from the emulator's request log (Sheets endpoints only)."""
    rows: dict[int, Counter[str]] = {}
    for e in emu.log.entries:
        if e.endpoint.startswith("drive:"):
            continue
        minute = int((e.at - start) // 60)
        c = rows.setdefault(minute, Counter())
        c[e.kind] += 1
        if e.status == 429:
            c[f"{e.kind}_429"] += 1
    return [dict(rows[m], minute=m) for m in sorted(rows)]


def max_window(emu: SheetsEmulator, kind: str, *, ok_only: bool = True) -> int:
    """The most ``kind`` requests Google would have counted in any sliding 60-second window."""
    times = sorted(
        e.at
        for e in emu.log.entries
        if e.kind == kind and not e.endpoint.startswith("drive:") and (not ok_only or e.status != 429)
    )
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= 60.0:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


# ------------------------------------------------------------------------------------ quota burst


@dataclass
class Burst:
    """A deadline-day burst measured on the emulator's quota simulator (simulated time)."""

    submissions: int
    window_s: float
    ledger: Ledger
    took_s: float = 0.0  # simulated seconds from the first arrival to the last stored submission
    latencies: list[float] = field(default_factory=list)  # simulated seconds per submission
    user_errors: int = 0  # answers "try again later" users saw
    reads: int = 0
    writes: int = 0
    quota_429: int = 0  # requests Google refused for quota
    max_reads_per_min: int = 0  # accepted reads in the busiest sliding minute
    max_writes_per_min: int = 0
    minutes: list[dict[str, int]] = field(default_factory=list)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0


def deadline_burst(
    *,
    submissions: int = 500,
    window_s: float = 300.0,
    units: int = 50,
    user_wait_s: float = 30.0,
    seed: int = 1,
) -> tuple[Burst, Backend]:
    """``submissions`` from ``units`` officers arriving at random within ``window_s`` simulated seconds,
    served by one app process (one service account, so one quota user) with the app's default read
    cache and the adapter's default group commit. Each submission is its own thread, as each
    Streamlit session is: it starts at its arrival time and its ``create`` runs concurrently with the
    others, so updates queued while a write is in flight (or backing off after a 429) are written
    together. A user told to try later does so ``user_wait_s`` later with the same client token.

    Simulated time: nothing really sleeps. A backoff sleep moves the emulator clock to the sleeper's
    wake-up time (concurrent sleepers do not add up); when no session is running, the clock jumps to
    the next arrival. Emulated calls take no simulated time, so a group only forms from sessions that
    arrived while the one before was backing off: fewer and smaller groups than on Google, where
    every call takes a round trip (a conservative measure)."""
    import heapq

    emu = SheetsEmulator(seed=0)
    clock_lock = threading.Lock()

    def sleep(seconds: float) -> None:  # wake up at now + seconds; concurrent sleeps overlap
        with clock_lock:
            target = emu.clock.now() + seconds
        time.sleep(0)  # let the arrivals the jump makes due be started
        with clock_lock:
            if emu.clock.now() < target:
                emu.clock.advance(target - emu.clock.now())

    backend = emulator_backend(units, emulator=emu, sleep=sleep, quotas=True)
    services = make_services(backend.store)  # the app's default cache, on simulated time
    backend.services = services
    ledger = Ledger()
    burst = Burst(submissions, window_s, ledger)
    rng = random.Random(seed)
    start = emu.clock.now()
    arrivals = sorted(rng.uniform(0, window_s) for _ in range(submissions))
    pending: list[tuple[float, int, float]] = [(start + t, i, start + t) for i, t in enumerate(arrivals)]
    heapq.heapify(pending)
    state = {"running": 0, "done_at": start}
    lock = threading.Lock()
    threads: list[threading.Thread] = []

    def session(i: int, first: float) -> None:
        n, k = i % units + 1, i // units
        actor, token, name = officer(n), f"tok-{n:03d}-{k:02d}", person_name(n, k)
        try:
            row = services.create(actor, CAMPAIGN, FORM, nomination(name), submit=True, client_token=token)
        except StorageUnavailable as exc:
            with lock:
                burst.user_errors += 1
                ledger.unavailable.append(exc.message("vi"))
                heapq.heappush(pending, (emu.clock.now() + user_wait_s, i, first))
                state["running"] -= 1
            return
        except Exception as exc:  # counted by the audit as a submission never stored
            ledger.note("other_errors", f"{type(exc).__name__}: {exc}")
            with lock:
                state["running"] -= 1
            return
        with lock:
            ledger.created.setdefault(token, str(row["id"]))
            burst.latencies.append(emu.clock.now() - first)
            state["done_at"] = max(state["done_at"], emu.clock.now())
            state["running"] -= 1

    with simulated_time(emu):
        while True:
            with lock:
                if not pending and not state["running"]:
                    break
                due = bool(pending) and pending[0][0] <= emu.clock.now()
                if not due and pending and not state["running"]:
                    with clock_lock:  # nobody running: the next arrival comes at once
                        emu.clock.advance(max(0.0, pending[0][0] - emu.clock.now()))
                    due = True
                if due:
                    _, i, first = heapq.heappop(pending)
                    n, k = i % units + 1, i // units
                    ledger.sent[f"tok-{n:03d}-{k:02d}"] = (officer(n).unit_id, person_name(n, k))
                    state["running"] += 1
                    thread = threading.Thread(target=session, args=(i, first), daemon=True)
                    threads.append(thread)
                    thread.start()
                    continue
            time.sleep(0.0005)
    for thread in threads:
        thread.join(timeout=60)
    done_at = state["done_at"]
    sheets = [e for e in emu.log.entries if not e.endpoint.startswith("drive:")]
    burst.took_s = done_at - (start + arrivals[0])
    burst.reads = sum(1 for e in sheets if e.kind == "read")
    burst.writes = sum(1 for e in sheets if e.kind == "write")
    burst.quota_429 = sum(1 for e in sheets if e.status == 429 and not e.fault)
    burst.max_reads_per_min = max_window(emu, "read")
    burst.max_writes_per_min = max_window(emu, "write")
    burst.minutes = per_minute(emu, start)
    return burst, backend
