"""Inline-XML unit tests of the table grid model and the visible-text rules."""

from __future__ import annotations

from lxml import etree

from extract.grid import distinct, table_grid
from extract.wordml import W_NS, body_blocks, drop_invisible, paragraph_text

NS = f'xmlns:w="{W_NS}"'


def xml(body: str) -> etree._Element:
    root = etree.fromstring(f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    drop_invisible(root)
    return root


SPAN2, SPAN3 = '<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="3"/>'
HM_RESTART, HM_CONT = '<w:hMerge w:val="restart"/>', "<w:hMerge/>"
GRID_BEFORE = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
ROW_DEL = '<w:trPr><w:del w:id="1"/></w:trPr>'


def tc(text: str = "", pr: str = "") -> str:
    return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def grid_of(rows: str) -> list[list[str]]:
    tbl = xml(f"<w:tbl>{rows}</w:tbl>").find(f".//{{{W_NS}}}tbl")
    return [[c.text for c in row] for row in table_grid(tbl)]


def test_grid_span_repeats_the_cell_across_columns() -> None:
    g = grid_of(f"<w:tr>{tc('a', SPAN2)}{tc('b')}</w:tr><w:tr>{tc('1')}{tc('2')}{tc('3')}</w:tr>")
    assert g == [["a", "a", "b"], ["1", "2", "3"]]


def test_vmerge_continuation_takes_the_text_above() -> None:
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    g = grid_of(f"<w:tr>{tc('产出指标', restart)}{tc('数量')}</w:tr><w:tr>{tc('', cont)}{tc('质量')}</w:tr>")
    assert g == [["产出指标", "数量"], ["产出指标", "质量"]]


def test_table_starting_with_a_continuation_does_not_fail() -> None:
    tbl = xml(f"<w:tbl><w:tr>{tc('', '<w:vMerge/>')}{tc('x')}</w:tr></w:tbl>").find(f".//{{{W_NS}}}tbl")
    grid = table_grid(tbl)
    assert grid[0][0].text == "" and grid[0][0].continued
    assert grid[0][1].text == "x"


def test_distinct_lists_a_merged_cell_once() -> None:
    tbl = xml(f"<w:tbl><w:tr>{tc('a', SPAN3)}{tc('b')}</w:tr></w:tbl>").find(f".//{{{W_NS}}}tbl")
    assert [c.text for c in distinct(table_grid(tbl)[0])] == ["a", "b"]


def test_ragged_rows_and_grid_before_are_padded() -> None:
    g = grid_of(f"<w:tr>{GRID_BEFORE}{tc('b')}</w:tr><w:tr>{tc('1')}{tc('2')}{tc('3')}</w:tr>")
    assert g == [["", "b", ""], ["1", "2", "3"]]


def test_content_controls_around_rows_cells_and_runs_are_transparent() -> None:
    rows = (
        f"<w:sdt><w:sdtContent><w:tr>{tc('r1')}"
        f"<w:sdt><w:sdtContent>{tc('c2')}</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
        "<w:tr><w:tc><w:p><w:sdt><w:sdtContent><w:r><w:t>run</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc>"
        f"{tc('x')}</w:tr>"
    )
    assert grid_of(rows) == [["r1", "c2"], ["run", "x"]]


def test_placeholder_text_of_a_content_control_is_not_content() -> None:
    p = ("<w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字</w:t></w:r>"
         "</w:sdtContent></w:sdt></w:p>")
    assert paragraph_text(xml(p).find(f".//{{{W_NS}}}p")) == ""


def test_tracked_insertions_count_and_deletions_do_not() -> None:
    p = ("<w:p><w:r><w:t>预算</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>"
         "<w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>")
    assert paragraph_text(xml(p).find(f".//{{{W_NS}}}p")) == "预算新"


def test_deleted_row_disappears() -> None:
    rows = f"<w:tr>{tc('keep')}</w:tr><w:tr>{ROW_DEL}{tc('gone')}</w:tr>"
    assert grid_of(rows) == [["keep"]]


def test_soft_break_is_a_line_and_page_break_is_not_text() -> None:
    p = '<w:p><w:r><w:t>1.甲</w:t><w:br/><w:t>2.乙</w:t><w:br w:type="page"/><w:t>丙</w:t></w:r></w:p>'
    assert paragraph_text(xml(p).find(f".//{{{W_NS}}}p")) == "1.甲\n2.乙丙"
    g = grid_of("<w:tr><w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:t> b </w:t></w:r></w:p><w:p/></w:tc></w:tr>")
    assert g == [["a\nb"]]


def test_body_blocks_walks_through_body_level_content_controls_in_order() -> None:
    root = xml("<w:p/><w:sdt><w:sdtContent><w:tbl/><w:p/></w:sdtContent></w:sdt><w:tbl/>")
    tags = [etree.QName(b).localname for b in body_blocks(root[0])]
    assert tags == ["p", "tbl", "p", "tbl"]


def test_legacy_hmerge_continues_the_left_cell() -> None:
    g = grid_of(f"<w:tr>{tc('a', HM_RESTART)}{tc('', HM_CONT)}{tc('b')}</w:tr>")
    assert g == [["a", "a", "b"]]


def test_nested_table_becomes_lines_of_its_cell() -> None:
    from extract.grid import flatten_nested_tables

    inner = f"<w:tbl><w:tr>{tc('甲')}{tc('乙')}</w:tr><w:tr>{tc('丙')}{tc('')}</w:tr></w:tbl>"
    root = xml(f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>上</w:t></w:r></w:p>{inner}<w:p/></w:tc>{tc('右')}</w:tr></w:tbl>")
    flatten_nested_tables(root)
    (outer,) = root.iter(f"{{{W_NS}}}tbl")
    assert [[c.text for c in row] for row in table_grid(outer)] == [["上\n甲 乙\n丙", "右"]]


def test_prepare_document_drops_hidden_text_and_flattens_a_nested_table_in_one_go() -> None:
    from extract.grid import prepare_document

    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>说明</w:t></w:r>'
    inner = f"<w:tbl><w:tr>{tc('甲')}{tc('乙')}</w:tr></w:tbl>"
    root = etree.fromstring(
        f"<w:document {NS}><w:body><w:p>{hidden}<w:r><w:t>正文</w:t></w:r></w:p>"
        f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl></w:body></w:document>")
    prepare_document(root)
    assert len(root.findall(f".//{{{W_NS}}}tbl")) == 1  # the nested table became paragraphs
    outer = root.find(f".//{{{W_NS}}}tbl")
    assert [c.text for c in table_grid(outer)[0]] == ["外\n甲 乙"]
    assert paragraph_text(root.find(f".//{{{W_NS}}}p")) == "正文"


def test_prepare_document_leaves_a_document_without_nested_tables_as_drop_invisible_does() -> None:
    from extract.grid import prepare_document

    body = f"<w:tbl><w:tr>{tc('a')}{tc('b')}</w:tr></w:tbl><w:p><w:del><w:r><w:t>x</w:t></w:r></w:del></w:p>"
    ours = etree.fromstring(f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    prepare_document(ours)
    assert etree.tostring(ours) == etree.tostring(xml(body))


def test_distinct_keeps_its_answer_for_a_grid_row_and_computes_it_for_a_plain_list() -> None:
    tbl = xml(f"<w:tbl><w:tr>{tc('a', SPAN2)}{GRID_BEFORE}{tc('b')}</w:tr></w:tbl>").find(f".//{{{W_NS}}}tbl")
    row = table_grid(tbl)[0]
    first = distinct(row)
    assert distinct(row) is first and [c.text for c in first] == ["a", "b"]
    assert [c.text for c in distinct(list(row))] == ["a", "b"] and distinct(list(row)) is not first
