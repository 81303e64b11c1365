"""Readable comparison of an extracted submission with its expected JSON."""

from __future__ import annotations

from typing import Any


def _norm(value: Any) -> Any:
    # Money is compared to the fen: 259300.00000000003 and 259300.0 are the same amount.
    if isinstance(value, float):
        return round(value, 2)
    return value


def differences(
    expected: Any, actual: Any, path: str = "$", ignore: frozenset[str] = frozenset()
) -> list[str]:
    """Return one line per difference between `expected` and `actual` ('$.projects[0].name: ...')."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for key in expected.keys() | actual.keys():
            if key in ignore:
                continue
            sub = f"{path}.{key}"
            if key not in actual:
                out.append(f"{sub}: missing (expected {expected[key]!r})")
            elif key not in expected:
                out.append(f"{sub}: unexpected key (got {actual[key]!r})")
            else:
                out += differences(expected[key], actual[key], sub, ignore)
        return sorted(out)
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        if len(expected) != len(actual):
            out.append(f"{path}: expected {len(expected)} items, got {len(actual)}")
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out += differences(e, a, f"{path}[{i}]", ignore)
        return out
    if (
        isinstance(expected, int | float)
        and isinstance(actual, int | float)
        and not isinstance(expected, bool)
    ):
        same = _norm(float(expected)) == _norm(float(actual)) and type(expected) is type(actual)
        # ints stay ints (seq, fiscal_year, month); floats stay floats (money, values)
        if not same:
            return [f"{path}: expected {expected!r}, got {actual!r}"]
        return []
    if expected != actual:
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def report(name: str, diffs: list[str], limit: int = 40) -> str:
    """Return a failure message listing the first `limit` differences for file `name`."""
    head = f"{name}: {len(diffs)} difference(s) from the expected extraction"
    lines = diffs[:limit] + ([f"... and {len(diffs) - limit} more"] if len(diffs) > limit else [])
    return "\n".join([head, *("  " + d for d in lines)])
