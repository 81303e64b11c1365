"""Run-level drawing of one field's text: the many ways Word and WPS store the same visible text."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.docgen import ooxml as ox
from tests.docgen.options import RenderOptions

RPR_ALT = (
    '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:hint="eastAsia"/>'
    '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
)


@dataclass
class Ctx:
    """Drawing state for one document: options, a counter for w:id values, extra list numbers."""

    opts: RenderOptions
    next_id: int = 100
    nums: list[str] = field(default_factory=list)
    next_num: int = 10

    def new_id(self) -> int:
        """Return a fresh id for content controls, revisions and bookmarks."""
        self.next_id += 1
        return self.next_id

    def new_list(self, abstract_id: int) -> int:
        """Return a numId restarting list format `abstract_id` at 1 (one per numbered list)."""
        self.next_num += 1
        self.nums.append(ox.restart_num(self.next_num, abstract_id))
        return self.next_num

    def p_attrs(self) -> str:
        """Return paragraph attributes WPS/Word 2010+ add (rsid, w14:paraId), or ''."""
        if not self.opts.wps:
            return ""
        i = self.new_id()
        return f' w:rsidR="00{i:06X}" w:rsidRDefault="00{i:06X}" w14:paraId="{i:08X}" w14:textId="77777777"'

    def tr_attrs(self) -> str:
        """Return row attributes Word adds (rsid), or ''."""
        return f' w:rsidR="00{self.new_id():06X}"' if self.opts.wps else ""


def _halves(text: str) -> tuple[str, str]:
    k = max(1, len(text) // 2)
    return text[:k], text[k:]


def runs(ctx: Ctx, fld: str, text: str, rpr: str = ox.RPR) -> str:
    """Return run-level XML showing `text` for field `fld`, drawn in the style options give it."""
    style = ctx.opts.decorate.get(fld, "plain")
    if not text or style == "plain":
        return ox.r(text, rpr)
    a, b = _halves(text)
    if style == "split":
        # Runs broken by formatting changes: text continues across w:r boundaries.
        return ox.r(a, rpr) + ox.r(b, RPR_ALT) if b else ox.r(a, rpr)
    if style == "tracked":
        # A reviewer replaced part of the value: the deleted digits must not be read.
        deleted = "8" if any(c.isdigit() for c in text) else "删除文字"
        return (
            ox.r(a, rpr)
            + ox.del_run(deleted, ctx.new_id())
            + (ox.ins_run(b, ctx.new_id(), rpr) if b else "")
        )
    if style == "sdt_run":
        return ox.r(a, rpr) + ox.sdt(ox.r(b, rpr) if b else "", "文本", ctx.new_id())
    if style == "proof":
        bid = ctx.new_id()
        return (
            ox.r(a, rpr)
            + '<w:proofErr w:type="spellStart"/>'
            + f'<w:bookmarkStart w:id="{bid}" w:name="_GoBack"/>'
            + ox.r(b, rpr)
            + f'<w:bookmarkEnd w:id="{bid}"/><w:proofErr w:type="spellEnd"/>'
        )
    if style == "smarttag":
        return (
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">'
            '<w:smartTagPr><w:attr w:name="UnitName" w:val="个"/></w:smartTagPr>'
            f"{ox.r(a, rpr)}</w:smartTag>{ox.r(b, rpr)}"
        )
    if style == "hyperlink":
        return f'{ox.r(a, rpr)}<w:hyperlink w:anchor="_Toc1" w:history="1">{ox.r(b, rpr)}</w:hyperlink>'
    raise ValueError(f"unknown run style {style!r}")


def para(ctx: Ctx, fld: str, text: str | None, jc: str = "center", rpr: str = ox.RPR) -> str:
    """Return one paragraph for a field value; None is empty, or a placeholder control if asked."""
    ppr = ox.jc_ppr(jc)
    if text is None:
        if fld in ctx.opts.placeholder_fields:
            return ox.p(ox.placeholder_run(ctx.new_id()), ppr, ctx.p_attrs())
        return ox.p("", ppr, ctx.p_attrs())
    return ox.p(runs(ctx, fld, text, rpr), ppr, ctx.p_attrs())
