"""The fixture generator itself: real, deterministic .docx files that draw the features they claim."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from lxml import etree

from tests.docgen.county import write_county
from tests.docgen.render import document
from tests.docgen.variants import VARIANTS
from tests.paths import SCHEMA_PATH

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# What each variant must visibly contain, as XPath over word/document.xml (each must match).
FEATURES: dict[str, list[str]] = {
    "seed_like": [
        "//w:tbl/w:tr/w:tc[w:tcPr/w:vMerge[@w:val='restart']]",
        "//w:gridCol[@w:w='60']",
        "//w:t[.='单位：元']",
    ],
    "combined_table": ["//w:tbl[.//w:t[.='项目编码'] and .//w:t[.='一级指标']]"],
    "combined_side_label": [
        "//w:tbl[.//w:t[.='项目编码'] and .//w:t[.='绩效指标'] and .//w:t[.='一级指标']]"
    ],
    "split_table_repeated_header": [
        "//w:p[w:r/w:br[@w:type='page']][preceding-sibling::*[1][self::w:tbl]]"
        "/following-sibling::*[1][self::w:tbl][w:tr[1]//w:t[.='一级指标']]"
    ],
    "split_table_no_header": [
        "//w:p[w:r/w:br[@w:type='page']]/following-sibling::*[1][self::w:tbl]"
        "/w:tr[1]/w:tc[1]/w:tcPr/w:vMerge[not(@w:val)]"
    ],
    "alt_columns": [
        "//w:t[.='指标内容']",
        "//w:t[.='年度指标值']",
        "//w:t[.='备注']",
        "//w:tr[.//w:t[.='三级指标']]/w:tc[3]/w:tcPr/w:gridSpan[@w:val='2']",
    ],
    "level_text_repeated": ["//w:tbl[.//w:t[.='一级指标']][not(.//w:vMerge)]"],
    "level_first_row_only": [
        "//w:tbl[.//w:t[.='一级指标']][not(.//w:vMerge)]/w:tr[3]/w:tc[1][not(.//w:t)]"
    ],
    "money_wan": [
        "//w:t[.='单位：万元']",
        "//w:t[.='25.50']",
        "//w:t[.='其中：财政\u3000资金']",
        "//w:t[.='项目名称\u00a0']",
    ],
    "money_thousands": ["//w:t[.='1,234,567.00']"],
    "money_fullwidth": ["//w:t[.='２５９３７１']"],
    "extra_fields": [
        "//w:t[.='主管部门']",
        "//w:t[.='项目负责人']",
        "//w:t[.='资金总额']",
        "//w:t[.='财政拨款']",
        "//w:t[.='事业收入']",
    ],
    "content_controls": [
        "/w:document/w:body/w:sdt/w:sdtContent/w:tbl",
        "//w:tbl/w:sdt/w:sdtContent/w:tr",
        "//w:tr/w:sdt/w:sdtContent/w:tc",
        "//w:p/w:sdt/w:sdtContent/w:r",
        "//w:sdt[w:sdtPr/w:showingPlcHdr]",
    ],
    "tracked_changes": ["//w:tc//w:del/w:r/w:delText", "//w:tc//w:ins/w:r/w:t"],
    "auto_numbering": [
        "//w:tc/w:p[w:pPr/w:numPr]",
        "/w:document/w:body/w:p[w:pPr/w:numPr][contains(., '绩效目标表')]",
    ],
    "soft_breaks": ["//w:tc/w:p/w:r/w:br[not(@w:type)]"],
    "unit_in_paragraph": [
        "/w:document/w:body/w:p[contains(., '单位名称：') and contains(., '单位编码：306001')]"
    ],
    "unit_in_paragraph_plain": [
        "/w:document/w:body/w:p[. = '306001 文安县机床市场管理委员会本级']"
    ],
    "long_term": ["//w:p[.='长期绩效指标']", "//w:p[.='年度绩效指标']", "//w:t[.='长期目标']"],
    "long_term_title_rows": ["//w:tbl/w:tr[1][.='长期绩效指标']", "//w:t[.='中长期目标']"],
    "no_department_section": ["/w:document/w:body[not(.//w:t[contains(., '部门整体绩效目标')])]"],
    "taxonomy_2021": [
        "//w:t[.='经济成本指标']",
        "//w:t[.='生态环境成本指标']",
        "//w:t[.='环境效益']",
    ],
    # exactly one table (the header block) between the titles of projects 2 and 3
    "missing_indicator_table": [
        "count(//w:p[contains(., '3.专项')]/preceding-sibling::w:tbl)"
        " - count(//w:p[contains(., '2.李村')]/preceding-sibling::w:tbl) = 1"
    ],
    "wps_flavour": [
        "/w:document[@*[local-name()='Ignorable']]",
        "//w:proofErr",
        "//w:smartTag",
        "//w:hyperlink",
        "//w:fldSimple",
        "//w:bookmarkStart",
        "//w:p[@w:rsidR]",
    ],
    "trailing_blank_rows": [
        "//w:tbl/w:tr[last()][not(.//w:t)]",
        "//w:t[.='306001 文安县机床市场管理委员会本级']",
    ],
    "merged_every_direction": [
        "//w:tr[1][.//w:t[.='绩效指标']]/w:tc[1]/w:tcPr/w:gridSpan[@w:val='3']",
        "//w:tc[.//w:t[.='调查问卷']]/w:tcPr/w:vMerge[@w:val='restart']",
        "//w:tc[.//w:t[.='按监理公司、县财政局验收合格率']]/w:tcPr/w:gridSpan[@w:val='2']",
    ],
    "split_merged_two_row_header": [
        "//w:p[w:r/w:br[@w:type='page']]/following-sibling::*[1][self::w:tbl]"
        "/w:tr[1][.//w:t[.='绩效指标']]/following-sibling::w:tr[1][.//w:t[.='一级指标']]"
    ],
    "combined_two_row_header": [
        "//w:tbl[.//w:t[.='项目编码']]/w:tr[w:tc[1]//w:t[.='绩效指标']]"
        "/following-sibling::w:tr[1][.//w:t[.='一级指标']]"
    ],
    "split_merged_cells_across_break": [
        "//w:p[w:r/w:br[@w:type='page']]/following-sibling::*[1][self::w:tbl]"
        "/w:tr[1]/w:tc[4]/w:tcPr/w:vMerge[not(@w:val)]"
    ],
    "more_notations": ["//w:t[.='不少于4次']", "//w:t[.='９８％']"],
}

# domain.md 'Target values': every notation seen in real files appears in some variant.
DOMAIN_NOTATIONS = [
    "≥95百分比",
    "≥ 90 %",
    ">=95%",
    "＞90%",
    "不低于95%",
    "92%以上",
    "100%",
    "1个",
    "1座",
    "30年以上",
    "≤102.11万元",
    "25.93万元",
    "按时完成",
    "明显提升",
    "2022年12月31日前",
]


def _xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_every_variant_has_feature_checks() -> None:
    assert sorted(FEATURES) == sorted(VARIANTS)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_is_a_real_docx_drawing_its_feature(variants_dir: Path, name: str) -> None:
    path = variants_dir / f"{name}.docx"
    assert docx.Document(str(path)).paragraphs  # python-docx opens it
    root = _xml(path)
    for xpath in FEATURES[name]:
        assert root.xpath(xpath, namespaces=NS), f"{name}.docx lacks {xpath}"


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_bytes_are_deterministic(variants_dir: Path, name: str) -> None:
    assert document(VARIANTS[name]()) == (variants_dir / f"{name}.docx").read_bytes()


def test_domain_notations_all_drawn(variants_dir: Path) -> None:
    raws = set()
    for name in VARIANTS:
        exp = json.loads((variants_dir / f"{name}.json").read_text(encoding="utf-8"))
        raws |= {i["target_raw"] for p in exp["projects"] for i in p["indicators"]}
    assert not [n for n in DOMAIN_NOTATIONS if n not in raws]


def test_placeholder_and_deleted_text_are_not_expected(variants_dir: Path) -> None:
    exp = json.loads((variants_dir / "content_controls.json").read_text(encoding="utf-8"))
    assert exp["projects"][0]["budget_other"] is None
    assert exp["projects"][0]["indicators"][1]["basis"] is None
    exp = json.loads((variants_dir / "tracked_changes.json").read_text(encoding="utf-8"))
    assert exp["projects"][0]["budget_total"] == 259371.0


def test_county_inbox(tmp_path: Path) -> None:
    man = write_county(tmp_path, units=12, seed=3, resubmissions=2, duplicates=1)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == sorted(e.file for e in man.entries)
    counts = man.counts()
    assert (counts["loaded"], counts["superseded"], counts["duplicate"], counts["rejected"]) == (
        12,
        2,
        1,
        4,
    )
    assert {e.rejection_kind for e in man.by_status("rejected")} == {
        "empty",
        "not_word",
        "corrupt",
        "html_doc",
    }
    codes = [e.unit_code for e in man.by_status("loaded")]
    assert len(set(codes)) == 12 and all(c and len(c) == 6 and c.isdigit() for c in codes)
    for e in man.entries:
        data = (tmp_path / e.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e.sha256
        if e.expected is None:
            continue
        jsonschema.validate(e.expected, SCHEMA)
        assert e.expected["file"] == e.file and e.expected["sha256"] == e.sha256
        assert 2 <= len(e.expected["projects"]) <= 12
        for pr in e.expected["projects"]:
            assert (
                pr["code"].startswith("13102622P")
                and len(pr["code"]) == 21
                and pr["code"][-1].isalpha()
            )
        docx.Document(str(tmp_path / e.file))
    for e in man.by_status("superseded"):
        newer = next(x for x in man.entries if x.file == e.superseded_by)
        assert newer.unit_code == e.unit_code and newer.file.endswith("_v2.docx")
        assert newer.expected != e.expected
    for e in man.by_status("duplicate"):
        original = next(x for x in man.entries if x.file == e.duplicate_of)
        assert original.sha256 == e.sha256


def test_county_is_reproducible(tmp_path: Path) -> None:
    a = write_county(tmp_path / "a", units=5, seed=7)
    b = write_county(tmp_path / "b", units=5, seed=7)
    assert [(e.file, e.sha256) for e in a.entries] == [(e.file, e.sha256) for e in b.entries]
