-- current_selfeval_budget_line: fct_selfeval_budget_line rows of current self-evaluations only (superseded versions hidden).
-- grain: as fct_selfeval_budget_line; keys: as fct_selfeval_budget_line.
-- columns-from: fct_selfeval_budget_line
CREATE OR REPLACE VIEW current_selfeval_budget_line AS
SELECT f.*
FROM fct_selfeval_budget_line AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_selfeval_budget_line IS '当前有效的自评资金行：仅含每个单位每个年度最新一份自评（fct_selfeval_budget_line 的当前视图）。';
