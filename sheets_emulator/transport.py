"""A requests transport adapter that answers Google API URLs in-process, with no sockets."""

from __future__ import annotations

import gzip
import time
from collections.abc import Mapping
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

if TYPE_CHECKING:
    from .api import Api

EMULATED_PREFIXES = ("https://sheets.googleapis.com/", "https://www.googleapis.com/")


class EmulatorAdapter(BaseAdapter):
    """Turns a PreparedRequest into an Api.handle call and the Reply into a requests.Response."""

    def __init__(self, api: Api, headers: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.api = api
        self.extra_headers = dict(headers or {})

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None, **kwargs: Any
    ) -> requests.Response:
        body = request.body
        raw = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        if not isinstance(raw, bytes):  # a file-like upload body
            raw = raw.read() if hasattr(raw, "read") else b""
        headers = {**self.extra_headers, **dict(request.headers)}
        reply = self.api.handle(request.method or "GET", request.url or "", raw, headers)
        if reply.network:  # the network model: latency and bytes on the wire, outside the API's lock
            time.sleep(reply.network)
        if reply.fault == "timeout":
            raise requests.exceptions.ReadTimeout(f"Read timed out (injected by the emulator): {request.url}")
        response = requests.Response()
        response.status_code = reply.status
        response.reason = {
            200: "OK",
            204: "No Content",
            400: "Bad Request",
            403: "Forbidden",
            404: "Not Found",
            429: "Too Many Requests",
            500: "Internal Server Error",
            503: "Service Unavailable",
        }.get(reply.status, "")
        wire = reply.wire()
        # what urllib3 does for a gzip body (the client's cost): the bytes counted are the wire's
        response._content = gzip.decompress(wire) if reply.headers.get("Content-Encoding") == "gzip" else wire
        response.headers = CaseInsensitiveDict(
            {
                "Content-Type": "application/json; charset=UTF-8",
                "Content-Length": str(len(wire)),
                # every Google reply says when the server answered (RFC 7231), by the emulator's clock
                "Date": formatdate(self.api.clock.now(), usegmt=True),
                **reply.headers,
            }
        )
        response.encoding = "utf-8"
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        return None


class OfflineAdapter(BaseAdapter):
    """Refuses every URL the emulator does not serve, so a test can never reach the network by mistake."""

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None, **kwargs: Any
    ) -> requests.Response:
        raise requests.exceptions.ConnectionError(f"sheets_emulator session is offline: {request.url}")

    def close(self) -> None:
        return None


class EmulatorSession(requests.Session):
    """A requests.Session whose Google traffic is served by the emulator and everything else refused."""

    def __init__(self, api: Api, user: str | None = None) -> None:
        super().__init__()
        headers = {"X-Emulator-User": user} if user else {}
        self.mount("https://", OfflineAdapter())
        self.mount("http://", OfflineAdapter())
        adapter = EmulatorAdapter(api, headers)
        for prefix in EMULATED_PREFIXES:
            self.mount(prefix, adapter)
