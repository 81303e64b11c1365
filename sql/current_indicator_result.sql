-- current_indicator_result: fct_indicator_result rows of current self-evaluations only (superseded versions hidden).
-- grain: as fct_indicator_result; keys: as fct_indicator_result.
-- columns-from: fct_indicator_result
CREATE OR REPLACE VIEW current_indicator_result AS
SELECT f.*
FROM fct_indicator_result AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_indicator_result IS '当前有效的指标完成情况：仅含每个单位每个年度最新一份自评的指标行（fct_indicator_result 的当前视图）。';
