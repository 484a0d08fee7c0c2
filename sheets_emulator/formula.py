"""A deliberately tiny formula evaluator: arithmetic, cell references and SUM/MIN/MAX/AVERAGE/COUNT.

Anything else evaluates to None and the caller shows the formula text: the emulator is a storage
fake, not a spreadsheet engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .a1 import A1Error, Bounds, parse_bounds, split_title

RangeReader = Callable[[str | None, Bounds], list[object]]

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)"
    r"|(?P<func>[A-Za-z]+)(?=\s*\()"
    r"|(?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?\$?[A-Za-z]{1,3}\$?\d*(?::\$?[A-Za-z]{1,3}\$?\d*)?)"
    r"|(?P<op>[-+*/^(),:]))"
)
_FUNCS = {"SUM", "MIN", "MAX", "AVERAGE", "COUNT"}


class _Unsupported(Exception):
    pass


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise _Unsupported(text[pos:])
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind).strip()))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], read: RangeReader) -> None:
        self.toks = tokens
        self.i = 0
        self.read = read

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise _Unsupported("end")
        self.i += 1
        return tok

    def expr(self) -> float:
        value = self.term()
        while (tok := self.peek()) and tok[1] in "+-" and tok[0] == "op":
            self.take()
            rhs = self.term()
            value = value + rhs if tok[1] == "+" else value - rhs
        return value

    def term(self) -> float:
        value = self.unary()
        while (tok := self.peek()) and tok[1] in "*/" and tok[0] == "op":
            self.take()
            rhs = self.unary()
            if tok[1] == "/":
                if rhs == 0:
                    raise _Unsupported("#DIV/0!")
                value = value / rhs
            else:
                value = value * rhs
        return value

    def unary(self) -> float:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.take()
            v = self.unary()
            return -v if tok[1] == "-" else v
        return self.power()

    def power(self) -> float:
        base = self.atom()
        tok = self.peek()
        if tok and tok == ("op", "^"):
            self.take()
            return float(base ** self.unary())
        return base

    def _range_values(self, ref: str) -> list[object]:
        try:
            title, part = split_title(ref)
            bounds = parse_bounds(part or "")
        except A1Error as exc:
            raise _Unsupported(ref) from exc
        return self.read(title, bounds)

    def atom(self) -> float:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "op" and text == "(":
            value = self.expr()
            if self.take() != ("op", ")"):
                raise _Unsupported("paren")
            return value
        if kind == "func":
            if text.upper() not in _FUNCS:
                raise _Unsupported(text)
            return self.call(text.upper())
        if kind == "ref":
            values = self._range_values(text)
            if len(values) != 1:
                raise _Unsupported(text)
            v = values[0]
            if v is None or v == "":
                return 0.0
            if isinstance(v, bool):
                return float(v)
            if isinstance(v, int | float):
                return float(v)
            raise _Unsupported("#VALUE!")
        raise _Unsupported(text)

    def call(self, name: str) -> float:
        self.take()
        nums: list[float] = []
        while True:
            tok = self.peek()
            if tok == ("op", ")"):
                self.take()
                break
            if tok and tok[0] == "ref" and ":" in tok[1]:
                self.take()
                for v in self._range_values(tok[1]):
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        nums.append(float(v))
            else:
                nums.append(self.expr())
            tok = self.peek()
            if tok == ("op", ","):
                self.take()
        if name == "SUM":
            return sum(nums)
        if name == "COUNT":
            return float(len(nums))
        if not nums:
            if name == "AVERAGE":
                raise _Unsupported("#DIV/0!")
            return 0.0
        if name == "MIN":
            return min(nums)
        if name == "MAX":
            return max(nums)
        return sum(nums) / len(nums)


def evaluate(formula: str, read: RangeReader) -> float | None:
    """Value of a simple formula, or None when it uses anything beyond the supported subset."""
    body = formula[1:] if formula.startswith("=") else formula
    try:
        parser = _Parser(_tokens(body), read)
        value = parser.expr()
        if parser.peek() is not None:
            return None
        return value
    except (_Unsupported, RecursionError, OverflowError, ValueError):
        return None
