"""A drawn fixture with some of its text written otherwise: the same form as another issuer or clerk words it.

`relabel(drawer, {"年度金额：": "年度资金额度："})` returns a drawer of the same document with each old text
(a whole run: a cell's label, a paragraph) replaced. The expected JSON is the original's, so only labels,
titles and lines the truth does not hold may change; `write_relabelled` writes <name>.docx + <name>.json.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from tests.docgen.templates import Doc, write_docs


def relabel(drawer: Callable[[], Doc], changes: dict[str, str], name: str) -> Callable[[], Doc]:
    """Return a drawer of `drawer`'s document with every run whose text is a key of `changes` rewritten."""

    def draw() -> Doc:
        doc = drawer()
        runs = {old: f">{escape(old)}</w:t>" for old in changes}
        missing = [old for old, run in runs.items() if not any(run in b for b in doc.blocks)]
        assert not missing, f"{name}: no run reads {missing}"  # a change that changes nothing is a mistake
        blocks = []
        for block in doc.blocks:
            for old, new in changes.items():
                block = block.replace(runs[old], f">{escape(new)}</w:t>")
            blocks.append(block)
        doc.blocks, doc.name = blocks, name
        doc.expected["file"] = f"{name}.docx"
        return doc

    return draw


def write_relabelled(out_dir: Path, drawer: Callable[[], Doc], changes: dict[str, str], name: str) -> Path:
    """Write the relabelled document and its expected JSON; return the .docx path."""
    return write_docs(out_dir, {name: relabel(drawer, changes, name)})[0]


# Families the reader reads by meaning, worded as another issuer might: labels and a line no rule can know
# (`jixiao explain --suggest` onboards them: tests/test_suggest.py, README "Adapting jixiao to your template").
WORDED: dict[str, tuple[str, dict[str, str]]] = {
    "fam_transfer_worded": ("fam_transfer_region",
                            {"年度金额：": "年度资金额度：", "其中：中央补助": "其中：行业补助", "地方资金": "配套拨款"}),
    "fam_relief_worded": ("fam_relief_reference", {"绩效目标申报表（参考模板）": "附2-2-1"}),
    "fam_city_worded": ("fam_city_special", {"项目用款单位自筹": "项目单位配套"}),
}


def write_worded(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Write the worded families (or `names`) as <name>.docx + <name>.json; return the .docx paths."""
    from tests.docgen.families import FAMILIES

    return [write_relabelled(out_dir, FAMILIES[WORDED[n][0]], WORDED[n][1], n) for n in names or list(WORDED)]
