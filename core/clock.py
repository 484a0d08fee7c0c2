"""Clocks: the real one, and a pinned-date one for the demo and tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class SystemClock:
    """Now, in Hanoi time."""

    def now(self) -> pd.Timestamp:
        return pd.Timestamp(dt.datetime.now(TZ))


class PinnedDateClock:
    """Today is a fixed date (the demo lives inside its campaigns); the time of day is real."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def now(self) -> pd.Timestamp:
        real = dt.datetime.now(TZ)
        return pd.Timestamp(dt.datetime.combine(self.day, real.time(), tzinfo=TZ))


class FixedClock:
    """A frozen instant, for tests; ``advance`` moves it on."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at if at.tzinfo else at.replace(tzinfo=TZ)

    def now(self) -> pd.Timestamp:
        return pd.Timestamp(self.at)

    def advance(self, **delta: float) -> None:
        self.at = self.at + dt.timedelta(**delta)
