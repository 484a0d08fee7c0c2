"""Group commit: updates queued together share one read and one all-or-nothing write batch."""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from typing import Any

from gspread.exceptions import APIError

from core.errors import StaleRow, StorageUnavailable, ThiduaError
from core.ports import AlreadyStored
from storage.gsheets.cells import _COLUMN_PARAMS, quote_title
from storage.gsheets.errors import _HeaderMoved, _Replan, _status, _WriteFailed
from storage.gsheets.plan import _GroupState, _Planning, _Ticket
from storage.gsheets.retry import _LANDED

log = logging.getLogger(__name__)


class _Committing(_Planning):
    """Queue, plan and write updates in groups (the callers are Streamlit sessions: threads)."""

    _group_max: int
    _group_wait: float
    _queue: list[_Ticket]
    _committing: bool
    _group_cond: threading.Condition

    def _group_commit(self, ticket: _Ticket) -> list[dict[str, Any]]:
        """Queue ``ticket``'s update; updates queued together share one read and one write.

        The first caller to find no group in flight leads: it waits ``group_wait`` seconds for
        more callers (0: only those that queued while the previous group was being written), takes
        up to ``group_max`` queued updates, plans and writes them (:meth:`_run_group`) and wakes
        their callers. Each caller gets its own outcome: its rows, or its own exception.
        """
        with self._group_cond:
            self._queue.append(ticket)
            while not ticket.done and self._committing:
                self._group_cond.wait()
            lead = not ticket.done
            if lead:
                self._committing = True
        if lead:
            try:
                if self._group_wait:
                    self._sleep(self._group_wait)
                while not ticket.done:
                    with self._group_cond:
                        group = self._queue[: self._group_max]
                        del self._queue[: len(group)]
                    self._run_group(group)
                    with self._group_cond:
                        self._group_cond.notify_all()
            finally:
                with self._group_cond:
                    self._committing = False
                    self._group_cond.notify_all()
        if ticket.error is not None:
            raise ticket.error
        assert ticket.result is not None
        return ticket.result

    def _run_group(self, tickets: list[_Ticket]) -> None:
        """Plan and write ``tickets`` together; every ticket ends done (its rows or its error).

        A batchUpdate is all-or-nothing, so when Google refuses it (a tag guard failed) and the
        error names the refused request, that ticket is set aside and planned alone afterwards
        (with its own bounded re-plans, as an update planned alone always was); the others are read
        and planned again without it. A refusal naming no request re-plans all, at most 3 times.
        """
        try:
            self._run_groups(tickets)
        finally:  # whatever happened, no caller is left waiting
            for t in tickets:
                if not t.done:
                    t.finish(error=StorageUnavailable("gsheets.unavailable", attempts=1, detail="aborted"))

    def _run_groups(self, tickets: list[_Ticket]) -> None:
        with self._lock:
            groups = [tickets]
            while groups:
                group = [t for t in groups.pop(0) if not t.done]
                tries = 0
                while group:
                    tries += 1
                    try:
                        deferred = self._commit_group(group)
                    except _Replan as refused:
                        culprit = refused.culprit
                        log.info("write batch refused (%s); reading again", refused)
                        if culprit is not None and len(group) > 1:
                            group = [t for t in group if t is not culprit and not t.done]
                            groups.append([culprit])
                            tries -= 1  # bounded by the group's size: each round sets one aside
                            continue
                    except _HeaderMoved as moved:
                        log.info("tab %s: the header moved; reading again", moved)
                    except Exception as exc:  # unavailable, 403, 404...: every caller still waiting is told
                        for t in group:
                            if not t.done:
                                t.finish(error=exc)
                        group = []
                        continue
                    else:
                        groups += [[t] for t in deferred]
                        group = []
                        continue
                    group = [t for t in group if not t.done]
                    if tries >= 3:
                        for t in group:
                            t.finish(
                                error=StorageUnavailable(
                                    "gsheets.unavailable",
                                    attempts=3,
                                    detail="the rows or the header keep moving",
                                )
                            )
                        group = []

    def _commit_group(self, group: list[_Ticket]) -> list[_Ticket]:
        """One read and one write for ``group``, with bounded retries; returns the tickets deferred
        to a later write (a second update with the same ``once`` key as one in this group)."""
        state = _GroupState()

        def landed() -> bool:
            return bool(state.written) and self._update_landed(state.written[0].plan)

        result = self._retry(lambda: self._group_once(group, state), landed=landed)
        if result is _LANDED:
            for t in state.written:
                self._finish_written(t)
        return state.deferred

    def _finish_written(self, ticket: _Ticket) -> None:
        """A written update's rows as stored; a failure there is that caller's alone."""
        try:
            ticket.finish(result=self._after_update(ticket.plan))
        except Exception as exc:
            ticket.finish(error=exc)

    def _group_once(self, group: list[_Ticket], state: _GroupState) -> None:
        """Re-read ids, versions, headers and ``once`` columns of every update (1 call), check each
        one (its own error on failure), then write all that passed (1 call)."""
        state.written, state.deferred = [], []
        live: list[_Ticket] = []
        ranges: dict[str, int] = {}  # range -> index in the batchGet

        def want(rng: str) -> int:
            return ranges.setdefault(rng, len(ranges))

        probes: dict[str, int] = {}
        for t in group:
            if t.done:
                continue
            try:
                self._prepare(t.plan)
            except (ThiduaError, AlreadyStored, ValueError) as exc:
                t.finish(error=exc)
                continue
            live.append(t)
            for tab_ in t.plan.probe_tabs:
                probes[tab_] = want(f"{quote_title(tab_)}!1:1")
            t.plan.reads = [want(r) for r in t.plan.ranges]
        if not live:
            return
        # 1. one batchGet for every update of the group
        reply = self._http.values_batch_get(self.key, list(ranges), dict(_COLUMN_PARAMS))
        got = [vr.get("values") or [] for vr in reply.get("valueRanges", [])]
        got += [[]] * (len(ranges) - len(got))
        for t_, at in probes.items():
            seen = ["" if not c or c[0] is None else str(c[0]).strip() for c in got[at]]
            while seen and seen[-1] == "":
                seen.pop()
            if seen != (self._tab(t_).header or []):
                self._tab(t_).header = seen
                raise _HeaderMoved(t_)
        # 2. each update checked on its own; within the group the first update of a row or of a
        #    ``once`` key wins, as if the later one had arrived just after it.
        changed: set[tuple[str, str]] = set()
        onces: set[str] = set()
        offsets: Counter[str] = Counter()
        change_reqs: list[dict[str, Any]] = []
        insert_reqs: list[dict[str, Any]] = []
        owner: list[_Ticket | None] = []  # request index -> the ticket it belongs to
        inserts_owner: list[_Ticket | None] = []
        for t in live:
            plan = t.plan
            key = f"{plan.tab}\0{plan.once_key()}" if plan.once else ""
            if key and key in onces:
                state.deferred.append(t)  # planned after this write: it will find the row stored
                continue
            try:
                rows_of, current, ends = self._check_plan(plan, [got[i] for i in plan.reads])
                taken = [c.id for c in plan.changes if (plan.tab, c.id) in changed]
                if taken:
                    raise StaleRow(taken, plan.tab)
            except (ThiduaError, AlreadyStored, ValueError) as exc:
                t.finish(error=exc)
                continue
            if key:
                onces.add(key)
            changed.update((plan.tab, c.id) for c in plan.changes)
            shifted = {t_: end + offsets[t_] for t_, end in ends.items()}
            for t_, rows in plan.new_rows.items():
                offsets[t_] += len(rows)
            mine, theirs = self._plan_requests(plan, rows_of, current, shifted)
            change_reqs += mine
            owner += [t] * len(mine)
            insert_reqs += theirs
            inserts_owner += [t] * len(theirs)
            state.written.append(t)
        if not state.written:
            return
        # 3. one spreadsheets.batchUpdate, all or nothing: every guard and changed cell first (rows
        #    above the last id), then each update's new rows under the last id, in queue order.
        body = {"requests": change_reqs + insert_reqs}
        owner += inserts_owner
        try:
            self._http.batch_update(self.key, body)
        except APIError as exc:
            if _status(exc) == 400:
                found = re.search(r"requests\[(\d+)\]", str(exc))
                culprit = owner[int(found.group(1))] if found and int(found.group(1)) < len(owner) else None
                for t in state.written if culprit is None else [culprit]:
                    t.plan.refused = {i: (t.plan.positions[i], t.plan.versions[i]) for i in t.plan.positions}
                raise _Replan(str(exc), culprit) from exc
            raise _WriteFailed(exc) from exc
        except Exception as exc:
            raise _WriteFailed(exc) from exc
        for t in state.written:
            self._finish_written(t)
