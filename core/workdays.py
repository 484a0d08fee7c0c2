"""Working days in Việt Nam (ngày làm việc): Monday to Friday, less the public holidays.

The public comment of a proposed list lasts a number of working days (≥ 10 for state honours,
NĐ 152/2025 Điều 44; 7 for Hà Nội's titles, QĐ 71/2025 Điều 5). Holidays, the lunar New Year
included, come from the ``holidays`` package (its Vietnamese calendar, substituted days off too).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=[year]).keys())


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday and not a Vietnamese public holiday (or a substituted day off)."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def first_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the next working day."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def period_end(start: dt.date, working_days: int) -> dt.date:
    """The last working day of a period of ``working_days`` working days starting on ``start``
    (a start on a weekend or holiday counts from the next working day)."""
    day = first_working_day(start)
    counted = 1
    while counted < working_days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from ``start`` to ``end``, both included (0 when ``end`` is before ``start``)."""
    n, day = 0, start
    while day <= end:
        n += is_working_day(day)
        day += dt.timedelta(days=1)
    return n
