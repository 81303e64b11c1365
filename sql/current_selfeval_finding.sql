-- current_selfeval_finding: fct_selfeval_finding rows of current self-evaluations only (superseded versions hidden).
-- grain: as fct_selfeval_finding; keys: as fct_selfeval_finding.
-- columns-from: fct_selfeval_finding
CREATE OR REPLACE VIEW current_selfeval_finding AS
SELECT f.*
FROM fct_selfeval_finding AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_selfeval_finding IS '当前有效的自评复核发现：仅含每个单位每个年度最新一份自评的复核问题（fct_selfeval_finding 的当前视图）。';
