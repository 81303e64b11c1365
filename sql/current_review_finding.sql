-- current_review_finding: fct_review_finding rows of current submissions only (superseded versions
-- hidden). Marts, scorecards and feedback workbooks read this view: fct_review_finding also holds
-- the findings of every superseded version, so counting it directly double-counts history.
-- Cross-unit findings (boilerplate_across_units, project_code_duplicate, project_code_format) of
-- current submissions are recomputed over the whole year at every load (warehouse.findings).
-- grain: as fct_review_finding; keys: as fct_review_finding.
-- columns-from: fct_review_finding
CREATE OR REPLACE VIEW current_review_finding AS
SELECT f.*
FROM fct_review_finding AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_review_finding IS '当前有效的审核发现：仅含每个单位每个年度最新报送的审核发现（fct_review_finding 的当前视图；跨单位规则每次入库按全年当前报送重算）。';
