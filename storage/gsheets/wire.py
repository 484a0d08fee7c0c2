"""What the adapter's calls look like on the wire: compact, compressed replies.

Google's replies are pretty-printed JSON unless a call says ``prettyPrint=false`` (a standard
parameter of every Google API), and come uncompressed unless the caller both sends
``Accept-Encoding: gzip`` and has ``gzip`` in its ``User-Agent`` (Google's performance guide; the
recorded gspread traffic, with requests' plain ``python-requests/x`` agent, came uncompressed).
A tab's values are mostly short codes, each on its own indented line when pretty-printed: a
review page's read at 9,277 submissions is several times smaller compact, and gzip divides that
again (docs/benchmarks.md, *Page views on Google Sheets*). Nothing about the replies' content
changes; requests decompresses them.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import requests
from gspread.http_client import HTTPClient

#: Every call's user agent: the "gzip" in it is what makes Google compress its replies.
USER_AGENT = f"thidua python-requests/{requests.__version__} (gzip)"
_HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}


class LeanHTTPClient(HTTPClient):
    """gspread's HTTP client asking for compact, gzip-compressed replies on every call."""

    def request(
        self,
        method: str,
        endpoint: str,
        params: Any = None,
        data: bytes | None = None,
        json: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: MutableMapping[str, str] | None = None,
    ) -> requests.Response:
        if params is None or isinstance(params, Mapping):
            params = {**(params or {}), "prettyPrint": "false"}
        sent = {**_HEADERS, **(headers or {})}
        return super().request(method, endpoint, params, data, json, files, headers=sent)


def lean(http: HTTPClient) -> HTTPClient:
    """``http`` as a :class:`LeanHTTPClient` on the same session, credentials and timeout."""
    if isinstance(http, LeanHTTPClient):
        return http
    out = LeanHTTPClient(getattr(http, "auth", None), session=http.session)  # type: ignore[arg-type]
    out.timeout = http.timeout
    return out
