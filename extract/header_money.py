"""The fiscal share when the money is written by who pays it (中央补助, 地方资金, 省级配套资金).

Such sources (`fiscal_source`, named by `extract.label_meaning`) are all government money. Without a
财政拨款 line they *are* the fiscal share: their sum. Beside a written 财政拨款 they are either its
breakdown (they add up to it) or its siblings (财政拨款 + sources + 其他资金 = 资金总额): the figures
decide, and where they decide nothing the written 财政拨款 is kept and the choice is a `guessed` warning.
Each source is also kept in `extra` as written, so the split by payer is not lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.labels import extra_key, label_key
from extract.values import parse_money

if TYPE_CHECKING:
    from extract.header import Header


def fiscal_from_sources(head: Header, written: float | None, default_multiplier: int) -> float | None:
    """Return the fiscal share given the written 财政拨款 (or None) and the header's fiscal sources."""
    mult = head.label_unit or head.money_unit or default_multiplier
    amounts = [parse_money(text, m or mult) for _, text, m in head.fiscal_sources]
    for label, text, _ in head.fiscal_sources:
        if text.strip():
            head.extra.setdefault(extra_key(label), text)
    known = [a for a in amounts if a is not None]
    if not known:
        return written
    sources = round(sum(known), 2)
    if written is None or abs(written - sources) < 0.005:
        return sources if written is None else written  # the sources are the fiscal share, or its breakdown
    total = parse_money(head.text("total"), head.multipliers.get("total") or mult)
    other = parse_money(head.text("other"), head.multipliers.get("other") or mult) or 0.0
    other += sum(a for t, m in head.other_parts if (a := parse_money(t, m or mult)) is not None)
    if total is not None and abs(written + sources + other - total) < 0.005:
        return round(written + sources, 2)  # 财政拨款 | 中央补助 side by side: both are fiscal
    names = "、".join(label_key(label) for label, _, _ in head.fiscal_sources)
    head.notes.append(("guessed", "财政拨款", f"写有财政拨款（{written:.2f}元）和{names}（合计{sources:.2f}元），"
                                           f"两者既不相等、相加也不等于资金总额；财政拨款按前者读取，{names}保留在 extra，请核对"))
    return written
