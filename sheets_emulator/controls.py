"""Test controls: a settable clock, per-minute quotas, injected faults and a request log."""

from __future__ import annotations

import fnmatch
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field


class Clock:
    """Monotonic seconds that tests can advance by hand, so quota windows pass without sleeping."""

    def __init__(self, start: float | None = None, manual: bool = True) -> None:
        self.manual = manual
        self._now = time.time() if start is None else start

    def now(self) -> float:
        return self._now if self.manual else time.time()

    def advance(self, seconds: float) -> None:
        self._now += seconds


@dataclass
class QuotaConfig:
    """Google's default Sheets quotas, reads and writes counted apart, per user and per project per minute."""

    per_user_per_minute: int = 60
    per_project_per_minute: int = 300
    enabled: bool = True


class Quotas:
    """Sliding one-minute windows per (scope, kind); a request over any limit is answered with 429."""

    def __init__(self, clock: Clock, config: QuotaConfig | None = None) -> None:
        self.clock = clock
        self.config = config or QuotaConfig()
        self._windows: dict[tuple[str, str], deque[float]] = {}

    def _window(self, key: tuple[str, str], now: float) -> deque[float]:
        win = self._windows.setdefault(key, deque())
        cutoff = now - 60.0
        while win and win[0] <= cutoff:
            win.popleft()
        return win

    def check(self, user: str, kind: str, now: float | None = None) -> tuple[str, str] | None:
        """Count one request at ``now`` (the clock's time by default); return (quota metric, limit
        name) when exhausted, None when it fits."""
        if not self.config.enabled:
            return None
        now = self.clock.now() if now is None else now
        user_win = self._window((f"user:{user}", kind), now)
        project_win = self._window(("project", kind), now)
        metric = "Read requests" if kind == "read" else "Write requests"
        if len(user_win) >= self.config.per_user_per_minute:
            return metric, f"{metric} per minute per user"
        if len(project_win) >= self.config.per_project_per_minute:
            return metric, f"{metric} per minute"
        user_win.append(now)
        project_win.append(now)
        return None

    def reset(self) -> None:
        self._windows.clear()


@dataclass
class FaultRule:
    """Answer the next `remaining` calls matching `endpoint` (glob over endpoint names) with `fault`."""

    endpoint: str
    fault: str
    remaining: int


@dataclass
class Faults:
    """Injected failures: "429", "500", "503" or "timeout", scripted per endpoint or drawn at random."""

    rng: random.Random = field(default_factory=lambda: random.Random(0))
    rules: list[FaultRule] = field(default_factory=list)
    probability: float = 0.0
    random_kinds: tuple[str, ...] = ("429", "500")
    random_endpoints: str = "*"
    # When True a timeout happens after the request was applied: the client cannot know it succeeded.
    timeout_after_apply: bool = False
    # Over HTTP a timeout holds the connection this long before dropping it (beyond the client's timeout
    # the client sees a real ReadTimeout; 0 drops at once and the client sees a ConnectionError).
    http_hang_seconds: float = 0.0

    def script(self, endpoint: str, *faults: str) -> None:
        """Queue faults in order for one endpoint, e.g. script("values:batchUpdate", "429", "429")."""
        for f in faults:
            self.rules.append(FaultRule(endpoint, str(f), 1))

    def fail_next(self, endpoint: str, times: int = 1, fault: str = "429") -> None:
        self.rules.append(FaultRule(endpoint, str(fault), times))

    def randomly(
        self,
        probability: float,
        kinds: tuple[str, ...] = ("429", "500"),
        seed: int | None = None,
        endpoints: str = "*",
    ) -> None:
        """Fail each matching call with the given probability, reproducibly from `seed`."""
        self.probability = probability
        self.random_kinds = kinds
        self.random_endpoints = endpoints
        if seed is not None:
            self.rng = random.Random(seed)

    def clear(self) -> None:
        self.rules.clear()
        self.probability = 0.0

    def draw(self, endpoint: str) -> str | None:
        for rule in self.rules:
            if rule.remaining > 0 and fnmatch.fnmatchcase(endpoint, rule.endpoint):
                rule.remaining -= 1
                if rule.remaining == 0:
                    self.rules.remove(rule)
                return rule.fault
        matches = self.probability > 0 and fnmatch.fnmatchcase(endpoint, self.random_endpoints)
        if matches and self.rng.random() < self.probability:
            return self.rng.choice(self.random_kinds)
        return None


@dataclass
class Network:
    """A model of the network between the app and Google: each call waits ``latency`` seconds plus
    its request and response bytes at ``bandwidth`` bytes per second. Off by default (tests); the
    benches turn it on (150 ms and 20 MB/s unless told otherwise) so their times mean something
    for a real deployment."""

    enabled: bool = False
    latency: float = 0.150
    bandwidth: float = 20_000_000.0

    def seconds(self, bytes_in: int, bytes_out: int) -> float:
        if not self.enabled:
            return 0.0
        return self.latency + (bytes_in + bytes_out) / max(self.bandwidth, 1.0)


@dataclass(frozen=True)
class LogEntry:
    """One served request, for counting calls and bytes in tests and benchmarks."""

    method: str
    path: str
    endpoint: str
    kind: str
    bytes_in: int
    bytes_out: int
    status: int
    fault: str | None = None
    at: float = 0.0
    #: seconds the network model added to this call (0 when the model is off)
    network: float = 0.0


class RequestLog:
    """Thread-safe append-only list of LogEntry with small helpers for assertions."""

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []
        self._lock = threading.Lock()

    def add(self, entry: LogEntry) -> None:
        with self._lock:
            self.entries.append(entry)

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()

    def count(self, endpoint: str = "*", kind: str | None = None, status: int | None = None) -> int:
        return len(self.filter(endpoint, kind, status))

    def filter(
        self, endpoint: str = "*", kind: str | None = None, status: int | None = None
    ) -> list[LogEntry]:
        return [
            e
            for e in self.entries
            if fnmatch.fnmatchcase(e.endpoint, endpoint)
            and (kind is None or e.kind == kind)
            and (status is None or e.status == status)
        ]

    def network_seconds(self, endpoint: str = "*") -> float:
        """Seconds the network model added over matching requests."""
        return sum(e.network for e in self.filter(endpoint))

    def bytes(self, endpoint: str = "*") -> tuple[int, int]:
        """(bytes in, bytes out) over matching requests."""
        sel = self.filter(endpoint)
        return sum(e.bytes_in for e in sel), sum(e.bytes_out for e in sel)

    def __len__(self) -> int:
        return len(self.entries)
