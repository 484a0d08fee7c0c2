"""Read an uploaded file away from everyone else's pages: one low-priority worker process.

Parsing a spreadsheet is CPU work that holds Python's global lock; in the app's own process a
large file (300,000 rows, 81 s) slowed every other session's page to seconds (issue 23). The page
therefore reads uploads here: in a separate process (``python -m services.intake_worker``, so it
cannot take the app's lock), one file at a time (the machine keeps a core for the pages), at a
lowered CPU priority and under a memory limit. A file still being read after :data:`READ_SECONDS`
is stopped with a message; uploads arriving while :data:`MAX_WAITING` are queued are told to try
again in a few minutes. The process stays up between uploads (it starts in a second or two).
``cli.py`` reads in its own process already and calls :func:`services.intake.read_upload` directly.

The worker speaks pickles over its stdin/stdout: a request is ``(filename, data, campaign, form,
lang, max_bytes, max_rows)``; the answer ``("ok", Upload)`` or ``("error", UploadRejected)``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from services.intake import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, Upload, UploadRejected, read_upload
from workflows.spec import CampaignSpec

log = logging.getLogger("thidua.intake")

#: A read taking longer is stopped (the row cap keeps an honest file well under it).
READ_SECONDS = 120.0
#: Uploads waiting for the worker beyond the one being read; more are refused (intake.busy).
MAX_WAITING = 3
#: The worker's address space: a file that would need more fails there, the app stays up.
MEMORY_BYTES = 2 * 1024**3
#: How much lower than the app the worker runs (``nice``).
NICENESS = 10
_ROOT = Path(__file__).resolve().parents[1]
_HEADER = struct.Struct(">Q")


def _send(stream: IO[bytes], obj: Any) -> None:
    body = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the worker closed its pipe")
    size = _HEADER.unpack(head)[0]
    body = stream.read(size)
    if len(body) < size:
        raise EOFError("the worker closed its pipe")
    return pickle.loads(body)


class _Worker:
    """The worker process, started on first use and again after it was stopped or died."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()  # one read at a time
        self.slots = threading.BoundedSemaphore(MAX_WAITING + 1)

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "services.intake_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=_ROOT,
                env={
                    **os.environ,
                    "PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")])),
                },
            )
        return self.process

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)

    def pid(self) -> int:
        """The worker's process id, once it is ready (started if needed)."""
        with self.lock:
            process = self._start()
            assert process.stdin is not None and process.stdout is not None
            _send(process.stdin, ("ping",))
            _status, pid = _receive(process.stdout)
            return int(pid)

    def read(self, request: tuple[Any, ...], seconds: float) -> Upload:
        if not self.slots.acquire(blocking=False):
            raise UploadRejected("intake.busy")
        try:
            with self.lock:
                process = self._start()
                assert process.stdin is not None and process.stdout is not None
                try:
                    _send(process.stdin, request)
                    deadline = time.monotonic() + seconds
                    while True:
                        ready, _, _ = select.select(
                            [process.stdout], [], [], max(0.0, deadline - time.monotonic())
                        )
                        if ready:
                            break
                        if time.monotonic() >= deadline:
                            log.warning(
                                "reading %s took over %.0f s; the worker was stopped", request[0], seconds
                            )
                            self.stop()
                            raise UploadRejected("intake.too_slow", filename=request[0], seconds=int(seconds))
                    status, answer = _receive(process.stdout)
                except (EOFError, BrokenPipeError, OSError, pickle.UnpicklingError):
                    log.warning("the worker reading %s died (memory limit?)", request[0])
                    self.stop()
                    raise UploadRejected(
                        "intake.too_large",
                        filename=request[0],
                        size_mb=f"{len(request[1]) / 1024 / 1024:.1f}",
                        max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
                    ) from None
            if status == "ok":
                assert isinstance(answer, Upload)
                return answer
            raise answer
        finally:
            self.slots.release()


_worker = _Worker()


def read_isolated(
    filename: str,
    data: bytes,
    *,
    campaign: CampaignSpec | None,
    form: str | None,
    lang: str = "vi",
    seconds: float = READ_SECONDS,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_UPLOAD_ROWS,
) -> Upload:
    """:func:`services.intake.read_upload` in the worker process; the same result or refusal."""
    return _worker.read((filename, data, campaign, form, lang, max_bytes, max_rows), seconds)


def worker_pid() -> int:
    """The process id of the worker that reads uploads (for the tests and the health page)."""
    return _worker.pid()


def _serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:  # pragma: no cover - runs in the worker
    """The worker's loop: lowered priority, capped memory, one request after another."""
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    while True:
        try:
            request = _receive(stdin)
        except EOFError:
            return
        if request == ("ping",):
            _send(stdout, ("ok", os.getpid()))
            continue
        filename, data, campaign, form, lang, max_bytes, max_rows = request
        try:
            upload = read_upload(
                filename,
                data,
                campaign=campaign,
                form=form,
                lang=lang,
                max_bytes=max_bytes,
                max_rows=max_rows,
            )
        except UploadRejected as exc:
            _send(stdout, ("error", exc))
        else:
            _send(stdout, ("ok", upload))


if __name__ == "__main__":  # pragma: no cover
    _serve(sys.stdin.buffer, sys.stdout.buffer)
