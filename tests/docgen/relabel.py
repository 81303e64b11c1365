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
