"""Write one benchmark's Markdown section into docs/benchmarks.md, replacing only that section."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Numbers measured on this project's development machine; each section says the command that
produced it. Targets are stated next to each figure. Performance is never asserted inside tests.
"""


def machine() -> str:
    """One line describing where the numbers come from."""
    cpus = os.cpu_count() or 0
    py = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{py}, {cpus} CPU, {platform.system()} {platform.machine()}"


def commit() -> str:
    """The commit the code being measured is at, with ``-dirty`` when the work tree has changes
    not committed yet (this results file aside), so a figure is never pinned to code it did not run."""
    root = Path(__file__).resolve().parents[1]

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout.strip()

    try:
        head = git("rev-parse", "--short=10", "HEAD")
        changed = git(
            "status", "--porcelain", "--untracked-files=no", "--", ".", f":!{DOC.relative_to(root)}"
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git work tree)"
    return f"{head}-dirty" if changed else head


def write_section(title: str, body: str) -> None:
    """Replace (or add) the ``## title`` section of docs/benchmarks.md, stamped with the date,
    the machine, the load and the commit measured."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    stamp = (
        f"_Measured {dt.date.today().isoformat()} at commit `{commit()}` on {machine()}; load average "
        f"{load:.1f} when the section was written (the machine is shared: compare figures within "
        "one table)._\n\n"
    )
    section = f"## {title}\n\n{stamp}{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    found = pattern.search(text)
    text = pattern.sub(section + "\n", text) if found else text.rstrip() + "\n\n" + section
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text.rstrip() + "\n", encoding="utf-8")
