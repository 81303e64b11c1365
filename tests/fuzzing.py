"""Mutations of real .docx files for the fuzz test and benchmarks/fuzz_long.py.

A mutation is a list of (operation, seed) steps applied to one base document: byte flips
anywhere in the zip, or edits of word/document.xml (rows and cells deleted or duplicated,
merges and spans in odd places, grids removed, tables nested, text emptied or mangled,
elements truncated), re-zipped with every other member unchanged. Each step's seed picks
its targets, so a failing case replays exactly and hypothesis can shrink the step list.
"""

from __future__ import annotations

import copy
import io
import random
import zipfile
from collections.abc import Callable
from typing import Any

from lxml import etree

from extract.batch import FileOutcome
from tests.paths import SCHEMA_PATH, SEED_DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


def base_documents() -> dict[str, bytes]:
    """Return the real seed submission and one generated file per layout variant, by name."""
    from tests.docgen.render import document
    from tests.docgen.variants import VARIANTS

    docs = {name: document(VARIANTS[name]()) for name in sorted(VARIANTS)}
    if SEED_DOCX.is_file():
        docs = {"seed_306001_2022": SEED_DOCX.read_bytes(), **docs}
    return docs


def _pick(rng: random.Random, root: etree._Element, tag: str) -> etree._Element | None:
    found = list(root.iter(q(tag)))
    return rng.choice(found) if found else None


def _set_tcpr(tc: etree._Element, child: str, value: str | None) -> None:
    tcpr = tc.find(q("tcPr"))
    if tcpr is None:
        tcpr = etree.Element(q("tcPr"))
        tc.insert(0, tcpr)
    for old in tcpr.findall(q(child)):
        tcpr.remove(old)
    el = etree.SubElement(tcpr, q(child))
    if value is not None:
        el.set(q("val"), value)


def _remove(el: etree._Element | None) -> None:
    if el is not None and el.getparent() is not None:
        el.getparent().remove(el)  # type: ignore[union-attr]


def _duplicate(el: etree._Element | None, times: int = 1) -> None:
    if el is not None and el.getparent() is not None:
        for _ in range(times):
            el.addnext(copy.deepcopy(el))


def _op_delete_row(rng: random.Random, root: etree._Element) -> None:
    _remove(_pick(rng, root, "tr"))


def _op_duplicate_row(rng: random.Random, root: etree._Element) -> None:
    _duplicate(_pick(rng, root, "tr"), rng.randint(1, 3))


def _op_delete_cell(rng: random.Random, root: etree._Element) -> None:
    _remove(_pick(rng, root, "tc"))


def _op_duplicate_cell(rng: random.Random, root: etree._Element) -> None:
    _duplicate(_pick(rng, root, "tc"), rng.randint(1, 2))


def _op_odd_span(rng: random.Random, root: etree._Element) -> None:
    tc = _pick(rng, root, "tc")
    if tc is not None:
        value = rng.choice(["0", "-1", "2", "3", "50", "99999", "2147483647", "abc", "", "1.5"])
        where = rng.choice(["gridSpan", "gridSpan", "gridBefore", "gridAfter"])
        row = tc.getparent()
        if where == "gridSpan" or row is None or row.tag != q("tr"):
            _set_tcpr(tc, "gridSpan", value)
        else:  # skipped grid columns belong to the row's properties
            trpr = row.find(q("trPr"))
            if trpr is None:
                trpr = etree.Element(q("trPr"))
                row.insert(0, trpr)
            etree.SubElement(trpr, q(where)).set(q("val"), value)


def _op_odd_vmerge(rng: random.Random, root: etree._Element) -> None:
    tables = list(root.iter(q("tbl")))
    if not tables:
        return
    table = rng.choice(tables)
    rows = table.findall(q("tr"))
    if not rows:
        return
    # Often the first row (a continue with nothing above) or the last (a restart with nothing below).
    row = rng.choice([rows[0], rows[-1], rng.choice(rows)])
    cells = row.findall(q("tc"))
    if cells:
        _set_tcpr(rng.choice(cells), "vMerge", rng.choice([None, "continue", "restart", "bogus"]))


def _op_hmerge(rng: random.Random, root: etree._Element) -> None:
    tc = _pick(rng, root, "tc")
    if tc is not None:
        _set_tcpr(tc, "hMerge", rng.choice([None, "restart", "continue"]))


def _op_remove_grid(rng: random.Random, root: etree._Element) -> None:
    grid = _pick(rng, root, "tblGrid")
    if grid is not None:
        if rng.random() < 0.5:
            _remove(grid)
        else:
            cols = grid.findall(q("gridCol"))
            if cols:
                _remove(rng.choice(cols))


def _op_nest_table(rng: random.Random, root: etree._Element) -> None:
    tables = list(root.iter(q("tbl")))
    cells = list(root.iter(q("tc")))
    if tables and cells:
        inner = copy.deepcopy(rng.choice(tables))
        rng.choice(cells).append(inner)


def _op_mangle_text(rng: random.Random, root: etree._Element) -> None:
    texts = list(root.iter(q("t")))
    if not texts:
        return
    for t in rng.sample(texts, min(len(texts), rng.randint(1, 5))):
        t.text = rng.choice([
            "", " ", "≥≥≥", "%%", "１２３．４５％", "≤-0", "1e400", "NaN", "∞", "合计", "项目名称",
            "一级指标", "产出指标", "单位：万元", "-", "9" * 400, "年度绩效目标", "\u3000\u00a0",
            (t.text or "") * rng.randint(2, 50),
        ])


# Long repetitive texts: what makes a backtracking regular expression take exponential time.
_REGEX_BAIT = ("1" * 5000 + "x", "1." * 3000, "1,000," * 2000, "，" * 5000, "年" * 5000,
               " " * 10000 + "a", "(" * 3000, "≥" * 3000 + "1", "12月底" * 2000, "1、" * 3000,
               "0" * 400 + "%", "￥" * 3000 + "万元", "（一）" * 2000, "≤≥<>=" * 1000)


def _op_regex_bait(rng: random.Random, root: etree._Element) -> None:
    texts = list(root.iter(q("t")))
    for t in rng.sample(texts, min(len(texts), rng.randint(1, 3))):
        t.text = rng.choice(_REGEX_BAIT)


def _op_delete_element(rng: random.Random, root: etree._Element) -> None:
    everything = [el for el in root.iter() if el is not root and isinstance(el.tag, str)]
    if everything:
        _remove(rng.choice(everything))


def _op_duplicate_element(rng: random.Random, root: etree._Element) -> None:
    candidates = [el for tag in ("tbl", "p", "tr", "tc", "sdt", "r") for el in root.iter(q(tag))]
    if candidates:
        _duplicate(rng.choice(candidates), rng.randint(1, 3))


def _op_drop_attribute(rng: random.Random, root: etree._Element) -> None:
    with_attrs = [el for el in root.iter() if isinstance(el.tag, str) and el.attrib]
    if with_attrs:
        el = rng.choice(with_attrs)
        del el.attrib[rng.choice(list(el.attrib))]


def _op_swap_rows(rng: random.Random, root: etree._Element) -> None:
    table = _pick(rng, root, "tbl")
    rows = table.findall(q("tr")) if table is not None else []
    if len(rows) >= 2:
        a, b = rng.sample(rows, 2)
        a_next = a.getnext()
        b.addprevious(a)
        if a_next is not None and a_next is not b:
            a_next.addprevious(b)


def _op_symbol(rng: random.Random, root: etree._Element) -> None:
    """Insert a w:sym (Insert > Symbol) with an odd font and character code into a run."""
    run = _pick(rng, root, "r")
    if run is not None:
        sym = etree.SubElement(run, q("sym"))
        sym.set(q("font"), rng.choice(["Symbol", "Wingdings", "Arial", "", "SYMBOL"]))
        sym.set(q("char"), rng.choice(["F0B3", "B3", "3E", "D800", "DFFF", "110000", "FFFFFFFF",
                                       "-1", "0", "zz", "", "F0FF", "1F600", "FFFE"]))


_WRAPPERS = ("sdt", "sdt_placeholder", "sdt_bare", "customXml", "smartTag", "ins", "del", "moveFrom",
             "alternate")
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _op_wrap(rng: random.Random, root: etree._Element) -> None:
    """Wrap a row, cell, paragraph, run or table in a container Word or WPS writes around them."""
    candidates = [el for tag in ("tr", "tc", "p", "r", "tbl") for el in root.iter(q(tag))]
    if not candidates:
        return
    el = rng.choice(candidates)
    parent = el.getparent()
    if parent is None:
        return
    kind = rng.choice(_WRAPPERS)
    if kind == "alternate":
        outer = etree.Element(f"{{{MC}}}AlternateContent")
        inner = etree.SubElement(outer, f"{{{MC}}}Choice" if rng.random() < 0.5 else f"{{{MC}}}Fallback")
    elif kind.startswith("sdt"):
        outer = etree.Element(q("sdt"))
        sdt_pr = etree.SubElement(outer, q("sdtPr"))
        if kind == "sdt_placeholder":
            etree.SubElement(sdt_pr, q("showingPlcHdr"))
        inner = outer if kind == "sdt_bare" else etree.SubElement(outer, q("sdtContent"))
    else:
        outer = inner = etree.Element(q(kind))
    parent.replace(el, outer)
    inner.append(el)


XML_OPS: dict[str, Callable[[random.Random, etree._Element], None]] = {
    "symbol": _op_symbol,
    "regex_bait": _op_regex_bait,
    "wrap": _op_wrap,
    "delete_row": _op_delete_row,
    "duplicate_row": _op_duplicate_row,
    "delete_cell": _op_delete_cell,
    "duplicate_cell": _op_duplicate_cell,
    "odd_span": _op_odd_span,
    "odd_vmerge": _op_odd_vmerge,
    "hmerge": _op_hmerge,
    "remove_grid": _op_remove_grid,
    "nest_table": _op_nest_table,
    "mangle_text": _op_mangle_text,
    "delete_element": _op_delete_element,
    "duplicate_element": _op_duplicate_element,
    "drop_attribute": _op_drop_attribute,
    "swap_rows": _op_swap_rows,
}
# Byte-level steps run after the XML edits (they act on the serialised XML or the zip).
BYTE_OPS = ("truncate_xml", "flip_zip_bytes", "flip_xml_bytes", "drop_member")
OPS = tuple(XML_OPS) + BYTE_OPS


def _flip(rng: random.Random, data: bytes, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        if out:
            out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def mutate(docx: bytes, steps: list[tuple[str, int]]) -> bytes:
    """Return `docx` with the mutation steps applied (XML edits first, then byte-level ones)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    names = [info.filename for info, _ in members]
    main = "word/document.xml" if "word/document.xml" in names else names[0]
    xml_steps = [(op, seed) for op, seed in steps if op in XML_OPS]
    byte_steps = [(op, seed) for op, seed in steps if op in BYTE_OPS]
    parts = dict((info.filename, data) for info, data in members)
    if xml_steps:
        root = etree.fromstring(parts[main])
        for op, seed in xml_steps:
            XML_OPS[op](random.Random(seed), root)
        parts[main] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    dropped: set[str] = set()
    for op, seed in byte_steps:
        rng = random.Random(seed)
        if op == "truncate_xml":
            parts[main] = parts[main][: rng.randrange(max(1, len(parts[main])))]
        elif op == "flip_xml_bytes":
            parts[main] = _flip(rng, parts[main], rng.randint(1, 8))
        elif op == "drop_member":
            dropped.add(rng.choice(names))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, _ in members:
            if info.filename not in dropped:
                zf.writestr(info, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
    data = buf.getvalue()
    for op, seed in byte_steps:
        if op == "flip_zip_bytes":
            rng = random.Random(seed)
            data = _flip(rng, data, rng.randint(1, 12))
    return data


_VALIDATOR: Any = None


def _contract_errors(submission: Any) -> list[str]:
    """Return how the record breaks extraction.schema.json (or plain JSON: NaN, infinity)."""
    global _VALIDATOR
    import json

    import jsonschema

    from extract.api import to_contract

    if _VALIDATOR is None:
        _VALIDATOR = jsonschema.Draft202012Validator(
            json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        )
    record = to_contract(submission)
    try:
        json.dumps(record, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError) as exc:
        return [f"not valid JSON in UTF-8: {exc}"]
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _VALIDATOR.iter_errors(record)
    ]


def problem(outcome: FileOutcome) -> str | None:
    """Return what is wrong with an outcome under fuzzing (None when it is a clean result).

    Wrong: an 'internal' rejection (an exception the extractor did not expect), a file neither
    extracted nor rejected with a reason, or a record that breaks the extraction contract.
    """
    if outcome.rejection_kind == "internal":
        return f"internal error: {outcome.rejection_reason}"
    if outcome.submission is None and not (outcome.rejection_kind and outcome.rejection_reason):
        return "neither extracted nor rejected with a reason"
    if outcome.submission is not None and outcome.rejection_kind is not None:
        return "both extracted and rejected"
    if outcome.submission is not None and (errors := _contract_errors(outcome.submission)):
        return "record breaks the contract: " + "; ".join(errors[:3])
    return None
