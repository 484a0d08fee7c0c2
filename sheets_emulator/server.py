"""The emulator over real HTTP on loopback, for tools that cannot take a requests.Session."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .api import SHEETS_HOST, Api


def make_handler(api: Api) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Maps every verb onto Api.handle; the path decides Sheets or Drive (/drive/... is Drive)."""

        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            host = "www.googleapis.com" if self.path.startswith(("/drive/", "/upload/")) else SHEETS_HOST
            reply = api.handle(self.command, f"https://{host}{self.path}", body, dict(self.headers.items()))
            if reply.network:  # the network model, on top of loopback's own (tiny) latency
                time.sleep(reply.network)
            if reply.fault == "timeout":
                if api.faults.http_hang_seconds > 0:
                    time.sleep(api.faults.http_hang_seconds)
                self.close_connection = True  # the client sees the connection drop with no answer
                return
            payload = reply.wire()
            self.send_response(reply.status)
            self.send_header(
                "Content-Type", reply.headers.get("Content-Type", "application/json; charset=UTF-8")
            )
            if "Content-Encoding" in reply.headers:
                self.send_header("Content-Encoding", reply.headers["Content-Encoding"])
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        def log_message(self, format: str, *args: object) -> None:
            return None  # the Api keeps its own request log

    return Handler


def make_server(api: Api, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A ThreadingHTTPServer bound to host:port (0 picks a free port); call serve_forever() to run it."""
    server = ThreadingHTTPServer((host, port), make_handler(api))
    server.daemon_threads = True
    return server


def serve_in_thread(
    api: Api, host: str = "127.0.0.1", port: int = 0
) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Start a server in a daemon thread; stop it with server.shutdown(); server.server_close()."""
    server = make_server(api, host, port)
    thread = threading.Thread(target=server.serve_forever, name="sheets-emulator", daemon=True)
    thread.start()
    return server, thread
