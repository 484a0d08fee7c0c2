"""docs/rules.md from ``workflows/rules.yaml``: each rule, its value per period, its source.

``python -m schemas.rules_doc`` rewrites the page; a test fails when the page and the file differ,
so the page never drifts from the defaults the app seeds. (Admins edit the ``rules`` tab: the page
documents the shipped defaults, not a federation's later edits.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from schemas.rules import RULES_FILE, default_rule_rows

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

HEADER = """# Rules: each rule, its value per period, its source

Generated from [`workflows/rules.yaml`](../workflows/rules.yaml) by `python -m schemas.rules_doc`
(a test keeps this page and the file in step). The app seeds the `rules` tab from that file; a
federation edits the tab (admin page or the sheet), never history: a rule that changes gets a
closing date on its old row and a new row from the day the new value takes effect.

How to read it:

- **From / To**: the period the value is in force (both days included; blank *To* = still in
  force). This is the rule's effective date (`valid_from`, what an issue may call `effective_from`).
  A check reads the value in force on its own date: the campaign's closing day for a nomination's
  prerequisites and dossier, the meeting's day for a vote, the document's date for the decree it
  cites, the decision's date for a cash reward. So a 2023 or 2024 campaign keeps evaluating with
  the rows of its time after a rule changes.
- **Value**: numbers use a decimal point; shares may carry a comparison (`>= 0.70`, `> 0.50`);
  a blank value means the rule is not applied (e.g. no CSTĐCS cap from 1/7/2025).
- **Status**: `CONFIRMED` (an official or secondary copy of the text says it), `OLD-RULE` (an
  earlier text; whether it was carried over is not confirmed), `UNCONFIRMED` (keep it editable and
  check it), `CONFIG` (a local choice).
- **Source**: the legal text and article (`source`), and a link where one is known (`source_url`).

Sources per line are also in `../shared/DOMAIN.md` and `../shared/DOMAIN-2025.md` of the project.
"""


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def render(rows: Sequence[Mapping[str, Any]]) -> str:
    """The page for ``rows`` (the YAML's order: codes by first appearance, periods oldest first)."""
    order: list[str] = []
    by_code: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        code = str(r["code"])
        if code not in by_code:
            order.append(code)
            by_code[code] = []
        by_code[code].append(r)
    out = [HEADER, "## Index\n", " ".join(f"[`{c}`](#{c.replace('.', '').lower()})" for c in order), ""]
    for code in order:
        out.append(f"## `{code}`\n")
        out.append("| From | To | Value | Status | Source | Note |")
        out.append("|---|---|---|---|---|---|")
        for r in sorted(by_code[code], key=lambda r: str(r["valid_from"])):
            source = _cell(r.get("source"))
            url = _cell(r.get("source_url"))
            if url:
                source = f"{source} ([link]({url}))" if source else f"[link]({url})"
            value = _cell(r.get("value"))
            shown = f"`{value}`" if value else "(blank)"
            out.append(
                f"| {_cell(r['valid_from'])} | {_cell(r.get('valid_to'))} | {shown} "
                f"| {_cell(r.get('status'))} | {source} | {_cell(r.get('note'))} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(path: Path = DOC) -> Path:
    """Write the page from the shipped rules file."""
    path.write_text(render(default_rule_rows(RULES_FILE)), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(main())
