"""How long a hostile campaign YAML takes to be refused (issue 23), and what it is refused for.

    python -m bench.yaml_limits                 # prints the table
    python -m bench.yaml_limits --write-docs    # ... and updates docs/benchmarks.md

Each text goes through ``workflows.loader.parse_text`` (what the admin page's editor and
``campaign_admin.save`` call on every change): wall time and the peak memory Python allocated
(tracemalloc) until the refusal. The shipped 2024 campaign is the baseline that must still load.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from workflows.loader import CAMPAIGNS_DIR, parse_text
from workflows.spec import SpecError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Hostile campaign YAML (issue 23)"
SHIPPED = (CAMPAIGNS_DIR / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")


def alias_bomb() -> str:
    """~9 KB of YAML (as reported): 9 levels of 9 aliases, 9^9 strings once expanded."""
    lines = ["x-bomb:", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return (
        "\n".join(lines)
        + "\n"
        + SHIPPED.replace('  vi: "Bình xét thi đua, khen thưởng năm 2024"', "  vi: *a8", 1)
    )


CASES: dict[str, Callable[[], str]] = {
    "shipped 2024 campaign (must load)": lambda: SHIPPED,
    "alias bomb (9^9 values)": alias_bomb,
    "sla_days: 99999999999999999999": lambda: SHIPPED.replace(
        "sla_days: 15", "sla_days: 99999999999999999999", 1
    ),
    "20 MB file": lambda: SHIPPED + "\n# " + "x" * 20_000_000,
    "nesting 5,000 deep": lambda: SHIPPED.replace(
        "kind: THUONG_XUYEN", "kind: " + "[" * 5000 + "]" * 5000, 1
    ),
}


def measure() -> list[tuple[str, float, float, str]]:
    rows = []
    parse_text(SHIPPED, "warm.yaml")  # imports and the catalogue read once, outside the timings
    for name, make in CASES.items():
        text = make()
        tracemalloc.start()
        began = time.perf_counter()
        try:
            parse_text(text, "bench.yaml")
            outcome = "loaded"
        except SpecError as exc:
            outcome = f"refused: {exc.problem} at '{exc.key or '(file)'}'"
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        rows.append((name, seconds, peak, outcome))
    return rows


def table(rows: list[tuple[str, float, float, str]]) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    out = [
        HEADING,
        "",
        f"_Measured at commit {commit.strip() or '?'} on CPython {platform.python_version()}, "
        f"{platform.machine()}, with `python -m bench.yaml_limits` (wall time and tracemalloc peak until the "
        "refusal; the machine was shared with other work)._ Reported before the limits: the alias bomb "
        "50 s and 1.7 GB per check, the 20 MB file 23 s per check, the huge `sla_days` saved and then "
        "every reviewer's queue failing, the deep nesting shown as an unexpected error.",
        "",
        "| campaign text | seconds | peak MB | outcome |",
        "|---|---|---|---|",
    ]
    out += [f"| {n} | {s:.3f} | {m:.1f} | {o} |" for n, s, m, o in rows]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    text = table(measure())
    print(text)
    if args.write_docs:
        docs = DOCS.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(HEADING) + r".*?(?=\n## |\Z)", re.S)
        docs = (
            pattern.sub(text.rstrip("\n"), docs)
            if pattern.search(docs)
            else docs.rstrip("\n") + "\n\n" + text
        )
        DOCS.write_text(docs, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
