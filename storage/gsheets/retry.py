"""Bounded retries with backoff and jitter, and the mapping of errors retrying cannot fix.

:class:`_Calls` is the bottom layer of :class:`storage.gsheets.GoogleSheetsWorkbook`: the
connection (key, HTTP client, account) and the retry policy every call goes through.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import google.auth.exceptions
import gspread
import requests
from gspread.exceptions import APIError

from core.errors import StorageUnavailable
from storage.gsheets.errors import _TRANSIENT, _describe, _status, _WriteFailed

log = logging.getLogger(__name__)

T = TypeVar("T")
#: What :meth:`_Calls._retry` returns when a write reported an error but had landed.
_LANDED: Any = object()


class _Calls:
    """The spreadsheet's key, the HTTP client and the retry policy (set by the workbook)."""

    key: str
    client: gspread.Client
    _http: gspread.http_client.HTTPClient
    _account: str
    _attempts: int
    _backoff: float
    _max_backoff: float
    _sleep: Callable[[float], None]
    _rng: random.Random
    _lock: threading.RLock

    # -- retries ------------------------------------------------------------------------------------

    def _retry(self, call: Callable[[], T], *, landed: Callable[[], bool] | None = None) -> T:
        """Run ``call`` with bounded retries on 429/5xx/timeouts, exponential backoff and jitter.

        A failure inside a write (:class:`_WriteFailed`) whose outcome is unknown (5xx, timeout)
        is followed by ``landed()``: when the write did land, the operation is done (and returns
        ``None``, the caller's result being rebuilt from what it sent); otherwise it is retried.
        """
        last: BaseException | None = None
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(self._delay(attempt - 1))
            try:
                return call()
            except _WriteFailed as failed:
                cause = failed.cause
                if not self._transient(cause):
                    fatal = self._fatal(cause)
                    raise fatal from (None if fatal is cause else cause)
                last = cause
                if landed is not None and _status(cause) != 429:
                    try:
                        done = landed()
                    except StorageUnavailable as exc:
                        raise StorageUnavailable("gsheets.outcome_unknown", detail=_describe(cause)) from exc
                    if done:
                        log.warning("write reported %s but had landed; not repeated", _describe(cause))
                        return _LANDED
            except Exception as exc:
                if not self._transient(exc):
                    fatal = self._fatal(exc)
                    if fatal is exc:
                        raise
                    raise fatal from exc
                last = exc
            log.warning("Google Sheets: %s (attempt %d of %d)", _describe(last), attempt + 1, self._attempts)
        assert last is not None
        # Google's token endpoint did not answer: the service account never got a token (issue 23)
        token = isinstance(last, google.auth.exceptions.TransportError)
        raise StorageUnavailable(
            "gsheets.token_unreachable" if token else "gsheets.unavailable",
            attempts=self._attempts,
            detail=_describe(last),
        ) from last

    def _delay(self, attempt: int) -> float:
        """Exponential backoff with jitter: 2, 4, 8, 16, 32 s (by default) plus up to 1 s, capped.

        The five waits of the default six attempts add up to a little over a minute, so a burst
        over Google's per-minute quota is waited out rather than reported.
        """
        return float(min(self._max_backoff, self._backoff * 2**attempt + self._rng.random()))

    @staticmethod
    def _transient(exc: BaseException) -> bool:
        if isinstance(exc, APIError):
            return _status(exc) in _TRANSIENT
        return isinstance(
            exc,
            requests.exceptions.Timeout
            | requests.exceptions.ConnectionError
            | google.auth.exceptions.TransportError,  # the token endpoint did not answer
        )

    def _fatal(self, exc: BaseException) -> BaseException:
        """Errors retrying cannot fix: named for a person (403, 404) or passed on as they are."""
        if isinstance(exc, APIError):
            if _status(exc) == 403:
                return StorageUnavailable(
                    "gsheets.forbidden", account=self._account or "?", spreadsheet=self.key
                )
            if _status(exc) == 404:
                return StorageUnavailable("gsheets.not_found", spreadsheet=self.key)
        if isinstance(exc, google.auth.exceptions.RefreshError):  # the token endpoint refused the key
            return StorageUnavailable("gsheets.token_refused", account=self._account or "?")
        return exc
