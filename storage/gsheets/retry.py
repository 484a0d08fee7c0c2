"""Bounded retries with backoff and jitter, and the mapping of errors retrying cannot fix.

:class:`_Calls` is the bottom layer of :class:`storage.gsheets.GoogleSheetsWorkbook`: the
connection (key, HTTP client, account) and the retry policy every call goes through.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import google.auth.exceptions
import gspread
import requests
from gspread.exceptions import APIError

from core.errors import StorageUnavailable
from storage.gsheets.errors import _TRANSIENT, _describe, _status, _WriteFailed, person_error

log = logging.getLogger(__name__)

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"

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
        if _status(last) == 429:
            raise StorageUnavailable("gsheets.quota", attempts=self._attempts) from last
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
        """Errors retrying cannot fix: 403 and 404 named for a person (not shared, API not enabled,
        no such spreadsheet), a key the token endpoint refused; a 400 passed on as it is, for the
        caller to read (a guard refused, a range past a shrunken grid) or to name (:meth:`_person`)."""
        if isinstance(exc, APIError) and _status(exc) in (403, 404):
            return self._person(exc)
        if isinstance(exc, google.auth.exceptions.RefreshError):  # the token endpoint refused the key
            return StorageUnavailable("gsheets.token_refused", account=self._account or "?")
        return exc

    def _person(self, exc: BaseException) -> BaseException:
        """``exc`` as the error a person reads, with its fix (see :func:`errors.person_error`)."""
        return person_error(exc, account=self._account, spreadsheet=self.key)

    # -- calls gspread has no method for -----------------------------------------------------------

    def _post(self, url: str, body: Mapping[str, Any], params: dict[str, Any] | None = None) -> Any:
        """POST ``body`` as compact JSON (no spaces: a batch of 100 rows is some kilobytes lighter)."""
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        response = self._http.request(
            "post", url, params=params, data=data, headers={"Content-Type": "application/json; charset=UTF-8"}
        )
        return response.json() if response.content else {}

    def _batch_update(self, body: Mapping[str, Any]) -> Any:
        """spreadsheets.batchUpdate, with only the spreadsheet id in the reply (``fields``): the
        replies of hundreds of metadata requests are never read."""
        return self._post(f"{SHEETS}/{self.key}:batchUpdate", body, {"fields": "spreadsheetId"})

    def _by_filter(
        self, filters: list[dict[str, Any]], params: Mapping[str, Any], fields: str | None = None
    ) -> Any:
        """values:batchGetByDataFilter: ranges chosen by grid range, A1 range or row tag."""
        body = {"dataFilters": filters, **params}
        query = {"fields": fields} if fields else None
        return self._post(f"{SHEETS}/{self.key}/values:batchGetByDataFilter", body, query)

    def _search(self, filters: list[dict[str, Any]], fields: str) -> list[dict[str, Any]]:
        """developerMetadata:search: the matching metadata (only the ``fields`` asked for)."""
        reply = self._post(
            f"{SHEETS}/{self.key}/developerMetadata:search", {"dataFilters": filters}, {"fields": fields}
        )
        return [m.get("developerMetadata", {}) for m in reply.get("matchedDeveloperMetadata", [])]
