"""Charts for the county report, drawn with matplotlib as PNG bytes, Chinese labels in a CJK font.

The font comes with the project: the `noto-cjk-sans-otc` package (Noto Sans CJK, SIL OFL 1.1)
installs its .ttc file next to the code, so a fresh machine draws Chinese without fetching
anything. It is registered with matplotlib by path; when it is missing, a few system CJK fonts
are tried, and without any the report stops with a message saying what to install (matplotlib
would otherwise draw every Chinese character as an empty box).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure

# System fonts tried after the bundled one (Debian's fonts-noto-cjk and fonts-wqy-microhei).
SYSTEM_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
FONT_ENV = "JIXIAO_CJK_FONT"  # a font file of the user's choice wins over the bundled one
WIDTH_IN, DPI = 6.3, 180  # 16 cm wide: the text width of an A4 page with the report's margins
FISCAL, OTHER, ERROR, WARNING, NEUTRAL = "#2F5597", "#9DC3E6", "#C00000", "#F4B183", "#7F7F7F"


class FontMissing(RuntimeError):
    """No font that can draw Chinese was found."""


def cjk_font_path() -> Path:
    """Return the CJK font file the charts use: $JIXIAO_CJK_FONT, the bundled Noto, else a system font."""
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        if Path(chosen).is_file():
            return Path(chosen)
        raise FontMissing(f"{FONT_ENV}={chosen}: 字体文件不存在 (font file not found)")
    try:
        bundled = resources.files("noto_cjk_sans_otc") / "NotoSansCJK-Regular.ttc"
        if bundled.is_file():
            return Path(str(bundled))
    except ModuleNotFoundError:
        pass
    for candidate in SYSTEM_CJK_FONTS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing(
        "找不到可显示中文的字体，图表无法绘制（no CJK font）：请重新安装 jixiao 的依赖"
        "（pip install noto-cjk-sans-otc，make venv 会安装），或安装 fonts-noto-cjk，"
        f"或把 {FONT_ENV} 设为一个中文字体文件（.ttf/.otf/.ttc）。"
    )


@cache
def cjk_family() -> str:
    """Register the CJK font with matplotlib by path and return its family name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


def _draw(rows: float, draw: Callable[[Axes], None]) -> bytes:
    """Return the PNG of one chart: `draw` fills the axes; the height grows with the bar count."""
    height = max(2.8, min(8.5, 0.9 + 0.32 * rows)) if rows else 3.4
    style = {"font.family": [cjk_family()], "axes.unicode_minus": False, "font.size": 9}
    with rc_context(style):
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
        ax = fig.add_subplot()
        ax.spines[["top", "right"]].set_visible(False)
        draw(ax)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def _stacked_bars(
    labels: Sequence[str], parts: Sequence[tuple[Sequence[float], str, str]], xlabel: str, title: str
) -> bytes:
    """Return horizontal bars stacked from (values, colour, legend) parts, first label on top."""

    def draw(ax: Axes) -> None:
        y = list(range(len(labels)))[::-1]
        left = [0.0] * len(labels)
        for values, color, name in parts:
            ax.barh(y, values, left=left, color=color, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(y, labels)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        ax.legend(loc="lower right", frameon=False)

    return _draw(len(labels), draw)


def budget_bars(labels: Sequence[str], fiscal: Sequence[float], other: Sequence[float], title: str) -> bytes:
    """Return a horizontal stacked bar chart of budget (万元) by fund source, first label on top."""
    return _stacked_bars(labels, [(fiscal, FISCAL, "财政资金"), (other, OTHER, "其他资金")], "预算数（万元）", title)


def share_bars(
    labels: Sequence[str], pcts: Sequence[float], overall: float | None, title: str, overall_label: str
) -> bytes:
    """Return bars of a percentage per group with the overall value as a dashed line."""

    def draw(ax: Axes) -> None:
        y = list(range(len(labels)))[::-1]
        colors = [FISCAL if overall is None or p >= overall else WARNING for p in pcts]
        ax.barh(y, pcts, color=colors)
        if overall is not None:
            # the benchmark is labelled at the top of its line, clear of the bars
            ax.axvline(overall, color=ERROR, linestyle="--", linewidth=1.2)
            ax.set_ylim(-0.6, len(labels) + 0.2)
            ax.text(overall, len(labels) - 0.35, f"{overall_label} {overall:.1f}%", color=ERROR,
                    ha="center", va="bottom", backgroundcolor="white")
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 100)
        ax.set_xlabel("定量指标占比（%）")
        ax.set_title(title)

    return _draw(len(labels), draw)


def findings_bars(labels: Sequence[str], errors: Sequence[int], warnings: Sequence[int], title: str) -> bytes:
    """Return a horizontal stacked bar chart of findings by rule (错误, 警告)."""
    return _stacked_bars(labels, [(errors, ERROR, "错误"), (warnings, WARNING, "警告")], "审核发现（条）", title)


def met_bars(labels: Sequence[str], judged: Sequence[int], met: Sequence[int], title: str) -> bytes:
    """Return stacked horizontal bars per group: targets met and missed (among those that can be judged)."""

    def draw(ax: Axes) -> None:
        y = list(range(len(labels)))[::-1]
        missed = [j - m for j, m in zip(judged, met, strict=True)]
        ax.barh(y, met, color=FISCAL, label="达标")
        ax.barh(y, missed, left=met, color=ERROR, label="未达标")
        for row, (j, m) in zip(y, zip(judged, met, strict=True), strict=True):
            if j:
                ax.text(j, row, f" {100 * m / j:.0f}%", va="center")
        ax.set_yticks(y, labels)
        ax.set_xlabel("可判定的定量指标（条）")
        ax.set_title(title)
        ax.legend(loc="lower right", frameon=False)

    return _draw(len(labels), draw)


def yoy_bars(
    labels: Sequence[str], prev: Sequence[float], cur: Sequence[float], years: tuple[int, int], title: str
) -> bytes:
    """Return paired horizontal bars: last year's and this year's budget (万元) per group."""

    def draw(ax: Axes) -> None:
        y = list(range(len(labels)))[::-1]
        ax.barh([v + 0.2 for v in y], prev, height=0.4, color=OTHER, label=f"{years[0]}年")
        ax.barh([v - 0.2 for v in y], cur, height=0.4, color=FISCAL, label=f"{years[1]}年")
        ax.set_yticks(y, labels)
        ax.set_xlabel("预算数（万元）")
        ax.set_title(title)
        ax.legend(loc="lower right", frameon=False)

    return _draw(len(labels) * 1.4, draw)


def score_histogram(scores: Sequence[float], title: str) -> bytes:
    """Return a histogram of the units' quality scores (质量得分, 0–100)."""

    def draw(ax: Axes) -> None:
        ax.hist(list(scores), bins=list(range(0, 105, 5)), color=FISCAL, edgecolor="white")
        ax.set_xlim(0, 100)
        ax.set_xlabel("质量得分")
        ax.set_ylabel("单位数")
        ax.set_title(title)

    return _draw(0, draw)
