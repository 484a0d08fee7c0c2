"""Replay recorded gspread cassettes against a fresh emulator and compare normalised responses.

Run as a script for the per-endpoint pass rate: `python -m tests.emulator.replay [DIR_OR_FILES...]`
(default: the shared cassette folder, minus the cassettes skipped on purpose).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sheets_emulator import SheetsEmulator

#: Recorded real traffic (gspread's test suite, MIT: cassettes/LICENSE-gspread.txt), vendored so the
#: replay never depends on files outside the repository.
CASSETTES = Path(__file__).resolve().parent / "cassettes"
ID_KEYS = {"id", "spreadsheetId", "sheetId", "protectedRangeId", "namedRangeId", "metadataId"}
VOLATILE_KEYS = {"createdTime", "modifiedTime", "spreadsheetUrl", "webViewLink", "etag"}
# Endpoints whose body is compared on status only, with the reason.
STATUS_ONLY = {
    "PUT /upload/drive/v2/files/{id}": "Drive v2 file resource: ~40 Drive-internal fields (exportLinks, "
    "etags, permissions) that nothing reads; the import itself is checked by the reads that follow",
}


@dataclass
class Outcome:
    """The result of replaying one cassette: per-interaction endpoint and pass/fail, first mismatch."""

    name: str
    results: list[tuple[str, bool]] = field(default_factory=list)
    first_failure: str | None = None

    @property
    def passed(self) -> bool:
        return all(ok for _, ok in self.results)


def endpoint_of(method: str, uri: str) -> str:
    path = urlsplit(uri).path
    path = re.sub(r"/spreadsheets/[^/:]+", "/spreadsheets/{id}", path)
    path = re.sub(r"/files/[^/]+", "/files/{id}", path)
    path = re.sub(r"/values/[^:]+", "/values/{range}", path)
    path = re.sub(r"/sheets/\d+", "/sheets/{sheetId}", path)
    return f"{method} {path}"


def _learn(recorded: Any, actual: Any, ids: dict[str, str]) -> None:
    """Walk both bodies in parallel and remember recorded id -> emulator id."""
    if isinstance(recorded, dict) and isinstance(actual, dict):
        for key, value in recorded.items():
            if key in ID_KEYS and key in actual and not isinstance(value, dict | list):
                if str(value) != str(actual[key]):
                    ids[str(value)] = str(actual[key])
            elif key in actual:
                _learn(value, actual[key], ids)
    elif isinstance(recorded, list) and isinstance(actual, list):
        for r, a in zip(recorded, actual, strict=False):
            _learn(r, a, ids)


def _remap(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ID_KEYS and not isinstance(v, dict | list) and str(v) in ids:
                new = ids[str(v)]
                out[k] = int(new) if isinstance(v, int) and new.lstrip("-").isdigit() else new
            else:
                out[k] = _remap(v, ids)
        return out
    if isinstance(value, list):
        return [_remap(v, ids) for v in value]
    return value


def normalise(value: Any) -> Any:
    """Blank out what is random or time-dependent: ids, timestamps, URLs, editor e-mail addresses."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k in ID_KEYS and not isinstance(v, dict | list):
                out[k] = "<id>"
            elif k in VOLATILE_KEYS:
                out[k] = "<volatile>"
            elif k == "editors" and isinstance(v, dict) and "users" in v:
                out[k] = {"users": ["<user>"]}
            else:
                out[k] = normalise(v)
        return out
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def _body(text: str) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _diff(expected: Any, actual: Any, path: str = "$") -> str | None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        if set(expected) != set(actual):
            return f"{path}: keys {sorted(expected)} != {sorted(actual)}"
        for k in expected:
            d = _diff(expected[k], actual[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: length {len(expected)} != {len(actual)}: {json.dumps(actual)[:300]}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            d = _diff(e, a, f"{path}[{i}]")
            if d:
                return d
        return None
    if expected != actual:
        return f"{path}: {expected!r} != {actual!r}"
    return None


def replay(path: Path) -> Outcome:
    """Replay one cassette in order against a fresh emulator with quotas off."""
    emu = SheetsEmulator(seed=1)
    emu.quota.enabled = False
    session = emu.session()
    ids: dict[str, str] = {}
    outcome = Outcome(path.name)
    data = json.loads(path.read_text(encoding="utf-8"))
    for n, inter in enumerate(data["interactions"]):
        req, resp = inter["request"], inter["response"]
        uri = req["uri"]
        for old, new in sorted(ids.items(), key=lambda kv: -len(kv[0])):
            if len(old) > 8:
                uri = uri.replace(old, new).replace(quote(old, safe=""), quote(new, safe=""))
        uri = re.sub(r"/sheets/(\d+)", lambda m: "/sheets/" + ids.get(m.group(1), m.group(1)), uri)
        body = req.get("body")
        payload: bytes | None = None
        if body:
            text = body if isinstance(body, str) else json.dumps(body)
            parsed = _body(text)
            payload = json.dumps(_remap(parsed, ids)).encode() if isinstance(parsed, dict) else text.encode()
        headers = {"Content-Type": "application/json"} if payload else {}
        actual = session.request(req["method"], uri, data=payload, headers=headers)
        expected_status = resp["status"]["code"]
        expected = _body(resp["body"]["string"])
        got = _body(actual.text)
        _learn(expected, got, ids)
        problem: str | None = None
        if actual.status_code != expected_status:
            problem = f"status {expected_status} != {actual.status_code}: {actual.text[:300]}"
        endpoint = endpoint_of(req["method"], req["uri"])
        if problem is None and isinstance(expected, dict | list) and endpoint not in STATUS_ONLY:
            problem = _diff(normalise(expected), normalise(got))
        outcome.results.append((endpoint, problem is None))
        if problem and outcome.first_failure is None:
            outcome.first_failure = f"#{n} {req['method']} {unquote(req['uri'])[:160]}: {problem}"
    return outcome


def main(argv: list[str] | None = None) -> None:
    import sys

    from .test_cassette_replay import SKIPPED

    args = sys.argv[1:] if argv is None else argv
    per_endpoint: Counter[str] = Counter()
    per_endpoint_ok: Counter[str] = Counter()
    passed = 0
    if args:
        paths = [Path(a) for a in args]
        files = sorted(f for p in paths for f in (p.glob("*.json") if p.is_dir() else [p]))
        skipped: dict[str, str] = {}
    else:
        files = sorted(CASSETTES.glob("*.json"))
        skipped = SKIPPED
    for f in files:
        if f.name in skipped:
            continue
        out = replay(f)
        passed += out.passed
        for ep, ok in out.results:
            per_endpoint[ep] += 1
            per_endpoint_ok[ep] += ok
        if not out.passed:
            print(f"FAIL {f.name}: {out.first_failure}")
    print(f"\n{passed} of {len(files)} cassettes replay cleanly ({len(skipped)} skipped)")
    for ep, total in per_endpoint.most_common():
        print(f"{per_endpoint_ok[ep]:5d}/{total:<5d} {ep}")


if __name__ == "__main__":
    main()
