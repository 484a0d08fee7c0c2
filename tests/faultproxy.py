"""A TCP proxy on 127.0.0.1 in front of a PostgreSQL Unix socket that cuts connections on purpose.

The app connects to the proxy (``host=127.0.0.1 port=<proxy.port>``); every byte goes to the
server and back unchanged until the proxy cuts the connection, both ways at once, as a network
failure or a load balancer would:

* ``drop``: each message the client sends is, with this probability, the last: half of the cuts
  happen before the message reaches the server (it never ran), half right after (the server ran
  it, e.g. a ``COMMIT``, but its answer is lost);
* :meth:`cut_next`: cut deterministically at the next client message containing some bytes
  (``b"COMMIT"``), before or after forwarding it.

Counts what it did (:attr:`messages`, :attr:`cuts`). Nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from dataclasses import dataclass


@dataclass
class _Cut:
    needle: bytes
    after: bool


class FaultProxy:
    """``127.0.0.1:<port>`` -> ``<socket_dir>/.s.PGSQL.<server_port>``."""

    def __init__(self, socket_dir: str, server_port: int = 5432, *, drop: float = 0.0, seed: int = 0) -> None:
        self.target = f"{socket_dir}/.s.PGSQL.{server_port}"
        self.drop = drop
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._cut: _Cut | None = None
        self.messages = 0
        self.cuts = 0
        self.cuts_after = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._closing = threading.Event()
        self._conns: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="faultproxy", daemon=True)
        self._thread.start()

    def dsn(self, user: str = "postgres", dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user={user} dbname={dbname}"

    def cut_next(self, needle: bytes, *, after: bool) -> None:
        """Cut the connection at the next client message containing ``needle``: before it is
        forwarded (``after=False``: the server never sees it) or right after (its answer is lost)."""
        with self._lock:
            self._cut = _Cut(needle, after)

    def armed(self) -> bool:
        with self._lock:
            return self._cut is not None

    def cut_all(self) -> None:
        """Cut every open connection now."""
        with self._lock:
            conns = list(self._conns)
        for s in conns:
            _close(s)

    def close(self) -> None:
        self._closing.set()
        _close(self._listener)
        self.cut_all()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                server.connect(self.target)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._conns.update((client, server))
            # set before a message is forwarded whose answer must be lost: the server's side then
            # drops whatever comes back, however the two threads are scheduled
            cut = threading.Event()
            threading.Thread(target=self._pump, args=(client, server, True, cut), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False, cut), daemon=True).start()

    def _decide(self, chunk: bytes) -> str:
        """'pass', 'before' or 'after' for a chunk the client sent."""
        with self._lock:
            self.messages += 1
            cut = self._cut
            if cut is not None and cut.needle in chunk:
                self._cut = None
                self.cuts += 1
                self.cuts_after += cut.after
                return "after" if cut.after else "before"
            # never the start-up packet (no type byte): a refused connection is another failure
            if self.drop and chunk[:1].isalpha() and self._rng.random() < self.drop:
                self.cuts += 1
                after = self._rng.random() < 0.5
                self.cuts_after += after
                return "after" if after else "before"
        return "pass"

    def _pump(self, src: socket.socket, dst: socket.socket, from_client: bool, cut: threading.Event) -> None:
        try:
            while True:
                chunk = src.recv(65536)
                if not chunk or cut.is_set():
                    break
                decision = self._decide(chunk) if from_client else "pass"
                if decision == "before":
                    break
                if decision == "after":
                    cut.set()  # the answer to this message never reaches the client
                dst.sendall(chunk)
                if decision == "after":
                    break
        except OSError:
            pass
        finally:
            for s in (src, dst):
                _close(s)
            with self._lock:
                self._conns.discard(src)
                self._conns.discard(dst)


def _close(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        s.close()
