"""One app server of the PostgreSQL reliability scenario (``tests/reliability/pg_cluster.py``).

    python -m tests.reliability.pg_app CONFIG.json

Builds :class:`core.services.Services` over :class:`storage.postgres.PostgresWorkbook` as the app
does (5 s read cache, change marks from ``LISTEN``), then runs its share of the users: officers
(one thread each) submitting with client tokens, every third post sent twice, and reviewers acting
on their queues. Everything a user sends and is told is written at once to a JSON-lines ledger
(flushed per line, so a ``SIGKILL`` loses nothing already told), which the orchestrator audits.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

from core.errors import ActionNotAllowed, RowNotFound, StaleRow, StorageUnavailable
from services.services import Services, records
from storage.postgres import PostgresWorkbook
from tests.reliability.harness import (
    CAMPAIGN,
    FORM,
    REVIEW_MOVES,
    TAB,
    make_services,
    nomination,
    officer,
    person_name,
    reviewers,
)


class Journal:
    """The ledger as JSON lines, one per event, flushed as written."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def __call__(self, kind: str, **fields: Any) -> None:
        line = json.dumps({"kind": kind, "t": round(time.time(), 3), **fields}, ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()


def submit(services: Services, log: Journal, n: int, k: int, *, resend: bool, skip: set[str]) -> None:
    actor, token, name = officer(n), f"tok-{n:03d}-{k:02d}", person_name(n, k)
    if token in skip:  # told "saved" by the server that died: not sent again
        return
    log("sent", token=token, unit=actor.unit_id, name=name)
    for _ in range(2 if resend else 1):
        for _attempt in range(50):
            try:
                row = services.create(
                    actor, CAMPAIGN, FORM, nomination(name), submit=True, client_token=token
                )
            except StorageUnavailable as exc:
                log("unavailable", message=exc.message("vi"))
                time.sleep(0.2)
                continue
            except Exception as exc:
                log("error", what=f"create {token}: {type(exc).__name__}: {exc}")
                return
            log("created", token=token, id=str(row["id"]))
            break
        else:
            log("gave_up", what=f"create {token}")


def landed(store: PostgresWorkbook, ids: list[str], trigger: str, email: str) -> list[str] | None:
    try:
        hist = store.read("history")
    except StorageUnavailable:
        return None
    mine = hist[(hist["actor_email"] == email) & (hist["action"] == trigger)]
    return [i for i in ids if i in set(mine["row_id"])]


def review(services: Services, log: Journal, index: int, *, stop: Any, ops: int, seed: int) -> None:
    actor = reviewers()[index]
    rng = random.Random(seed * 100 + index)
    done = 0
    while done < ops and not stop():
        try:
            queue = services.queue(actor, TAB)
        except StorageUnavailable:
            time.sleep(0.1)
            continue
        if queue.empty:
            time.sleep(0.05)
            continue
        rows = records(queue)
        head = rows[: min(len(rows), 4)]
        trigger = rng.choices([m for m, _ in REVIEW_MOVES], [w for _, w in REVIEW_MOVES])[0]
        picked = rng.sample(head, k=rng.randint(1, min(3, len(head)))) if trigger == "approve" else [head[0]]
        items = [(str(r["id"]), int(r["version"])) for r in picked]
        reason = "" if trigger == "approve" else "Đề nghị bổ sung báo cáo thành tích có xác nhận của đơn vị."
        done += 1
        log("trying", ids=[i for i, _ in items], trigger=trigger, actor=actor.email)
        for _attempt in range(50):
            try:
                out = services.act_many(actor, TAB, items, trigger, reason)
            except StaleRow as exc:
                log("stale", message=exc.message("vi"))
            except RowNotFound:
                log("not_found")
            except ActionNotAllowed as exc:
                log("not_allowed", message=exc.message("vi"))
            except StorageUnavailable as exc:
                log("unavailable", message=exc.message("vi"))
                found = landed(services.store, [i for i, _ in items], trigger, actor.email)  # type: ignore[arg-type]
                if found:
                    log("applied", ids=found, trigger=trigger, actor=actor.email)
                    break
                if found is None:
                    time.sleep(0.2)
                continue
            except Exception as exc:
                log("error", what=f"{trigger} {items}: {type(exc).__name__}: {exc}")
            else:
                log("applied", ids=[str(r["id"]) for r in out], trigger=trigger, actor=actor.email)
            break
        else:
            log("gave_up", what=f"{trigger} {items}")
        log("answered", ids=[i for i, _ in items], trigger=trigger, actor=actor.email)
    log("review_ops", n=done)


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    log = Journal(Path(config["ledger"]))
    control = Path(config["control"])
    store = PostgresWorkbook(config["dsn"], schema=config["schema"], retry_seconds=60.0)
    services = make_services(store)
    log("started", name=config["name"])
    per = int(config["per_officer"])
    every = int(config["resend_every"])
    finish_by = [float("inf")]

    def stop() -> bool:
        everyone_done = control / "submitters-done"
        if not everyone_done.exists():
            return False
        if finish_by[0] == float("inf"):
            finish_by[0] = time.monotonic() + float(config["seconds"])
        if time.monotonic() > finish_by[0]:
            return True
        try:  # nothing left for this server's reviewers
            return all(services.queue(reviewers()[i], TAB).empty for i in config["reviewers"])
        except StorageUnavailable:
            return False

    skip = set(config.get("skip", []))

    def officer_job(n: int) -> None:
        for k in range(per):
            submit(services, log, n, k, resend=(n * per + k) % every == 0, skip=skip)

    subs = [threading.Thread(target=officer_job, args=(n,)) for n in config["officers"]]
    revs = [
        threading.Thread(
            target=review,
            args=(services, log, i),
            kwargs={"stop": stop, "ops": int(config["reviewer_ops"]), "seed": int(config["seed"])},
        )
        for i in config["reviewers"]
    ]
    for t in [*subs, *revs]:
        t.start()
    for t in subs:
        t.join()
    log("submitters_done")
    for t in revs:
        t.join()
    log(
        "stats",
        calls=store.calls,
        failed_calls=store.failed_calls,
        retries=store.retries,
        landed=store.landed,
    )
    log("finished")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
