"""The benchmark replaces only its own section of docs/benchmarks.md, and its validators agree."""

from __future__ import annotations

from pathlib import Path

from bench.validation_bench import HEADING, make_rows, pandera_path, plain_python, write_docs


def test_write_docs_creates_the_file_or_replaces_only_its_section(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"
    write_docs(f"{HEADING}\n\nfirst\n", path)
    assert path.read_text(encoding="utf-8").startswith("# Benchmarks")
    path.write_text(
        f"# Benchmarks\n\n## Storage\n\nkeep\n\n{HEADING}\n\nold\n\n## Later\n\nkeep too\n", encoding="utf-8"
    )
    write_docs(f"{HEADING}\n\nnew\n", path)
    text = path.read_text(encoding="utf-8")
    assert (
        "old" not in text
        and "new" in text
        and text.count("keep") == 2
        and text.index("new") < text.index("Later")
    )


def test_the_plain_validator_and_the_pandera_path_find_the_same_problems() -> None:
    rows = make_rows(400)
    assert plain_python(rows) == pandera_path(rows) > 0
