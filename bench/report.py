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
    """The commit the numbers are measured at (``+`` when the work tree has uncommitted changes)."""
    root = DOC.parents[1]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}{'+' if dirty else ''}"


def write_section(title: str, body: str) -> None:
    """Replace (or add) the ``## title`` section of docs/benchmarks.md."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    stamp = (
        f"_Measured {dt.date.today().isoformat()} at {commit()} on {machine()}; load average {load:.1f} when "
        "the section was written (the machine is shared: compare figures within one table)._\n\n"
    )
    section = f"## {title}\n\n{stamp}{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    found = pattern.search(text)
    text = pattern.sub(section + "\n", text) if found else text.rstrip() + "\n\n" + section
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text.rstrip() + "\n", encoding="utf-8")
