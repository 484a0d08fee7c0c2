"""Benchmarks: run with ``python -m bench.<name>``; each writes its table into docs/benchmarks.md.

Performance is measured here, never asserted in tests.
"""
