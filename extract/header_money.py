"""Money the header's labels leave to the figures: the fiscal share by who pays it, a money row with a label unknown.

Such sources (`fiscal_source`, named by `extract.label_meaning`) are all government money. Without a
财政拨款 line they *are* the fiscal share: their sum. Beside a written 财政拨款 they are either its
breakdown (they add up to it) or its siblings (财政拨款 + sources + 其他资金 = 资金总额): the figures
decide, and where they decide nothing the written 财政拨款 is kept and the choice is a `guessed` warning.
A breakdown, or sources not counted, are kept in `extra` as written; sources counted in the share are not
(`checks` reads an amount in `extra` as one the budget did not take).

A row of money labels over their amounts with one label nobody knows (资金总额 | 某某配套 | 其他) is still
that row: the known amounts are read, the unknown one is kept in `extra` and said (money_part_unknown).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from extract.labels import MONEY_FIELDS, extra_key, label_key
from extract.trace import LABEL, VALUE
from extract.values import parse_money

if TYPE_CHECKING:
    from extract.grid import Cell


class Header(Protocol):
    """What these helpers read and write of `extract.header.Header` (named here so header_money needs
    nothing of the module that calls it)."""

    multipliers: dict[str, int]
    other_parts: list[tuple[str, int | None]]
    fiscal_sources: list[tuple[str, str, int | None]]
    notes: list[tuple[str, str, str]]
    extra: dict[str, str]
    money_unit: int | None
    label_unit: int | None

    def text(self, key: str) -> str | None: ...


class _Kind(Protocol):
    """What a header cell is, as `extract.header._Kind` says it: its kind and the field it names."""

    @property
    def kind(self) -> str: ...

    @property
    def field(self) -> str | None: ...


def fiscal_from_sources(head: Header, written: float | None, default_multiplier: int) -> float | None:
    """Return the fiscal share given the written 财政拨款 (or None) and the header's fiscal sources."""
    mult = head.label_unit or head.money_unit or default_multiplier
    amounts = [parse_money(text, m or mult) for _, text, m in head.fiscal_sources]
    known = [a for a in amounts if a is not None]
    if not known:
        return written
    sources = round(sum(known), 2)
    total = parse_money(head.text("total"), head.multipliers.get("total") or mult)
    other = parse_money(head.text("other"), head.multipliers.get("other") or mult) or 0.0
    other += sum(a for t, m in head.other_parts if (a := parse_money(t, m or mult)) is not None)
    names = "、".join(label_key(label) for label, _, _ in head.fiscal_sources)
    if written is None:  # the sources are the fiscal share; said when the total does not agree
        if total is not None and abs(sources + other - total) >= 0.005:
            head.notes.append(("guessed", "财政拨款", f"财政拨款按{names}之和（{sources:.2f}元）读取，但与资金总额"
                                                   f"（{total:.2f}元）减其他资金不符，请核对"))
        return sources
    if total is not None and abs(written - sources) >= 0.005 and abs(written + sources + other - total) < 0.005:
        return round(written + sources, 2)  # 财政拨款 | 中央补助 side by side: both are fiscal
    for label, text, _ in head.fiscal_sources:  # its breakdown, or not counted: kept as written
        if text.strip():
            head.extra.setdefault(extra_key(label), text)
    if abs(written - sources) < 0.005:
        return written  # the sources are its breakdown
    head.notes.append(("guessed", "财政拨款", f"写有财政拨款（{written:.2f}元）和{names}（合计{sources:.2f}元），"
                                           f"两者既不相等、相加也不等于资金总额；财政拨款按前者读取，{names}保留在 extra，请核对"))
    return written


def money_row_with_unknown(labels: Sequence[tuple[Cell, _Kind]], below: list[Cell]) -> bool:
    """Return whether a row of labels over their values is money although some labels are unknown
    (资金总额 | 申请市财政资金 | 某某配套 | 其他): at least two known labels, every known one money, each
    unknown one a short label without figures, and every value under it an amount or blank."""
    known = [k for _, k in labels if k.kind == "field"]
    if len(known) < 2 or any(k.field not in MONEY_FIELDS for k in known):
        return False
    unknown = [(c, below[c.col]) for c, k in labels if k.kind != "field"]
    return all(not label.text[:1].isdigit() and len(label.text) <= 16 and "\n" not in label.text
               and parse_money(label.text, 1) is None
               and (not value.lines or parse_money(value.text, 1) is not None) for label, value in unknown)


def unknown_money(head: Header, label: Cell, value: Cell) -> None:
    """Keep the amount of a money label nobody knows in `extra`, and say it is in no share (money_part_unknown)."""
    label.fate, value.fate = (LABEL, "project.extra"), (VALUE, "project.extra")
    if value.lines:
        head.extra[extra_key(label.text)] = value.text
        head.notes.append(("money_part_unknown", label_key(label.text),
                           f"资金构成中的“{label_key(label.text)}：{value.text}”无法归入财政拨款或其他资金，未计入"))
