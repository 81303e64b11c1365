-- current_selfeval_project: fct_selfeval_project rows of current self-evaluations only (superseded versions hidden).
-- grain: as fct_selfeval_project; keys: as fct_selfeval_project.
-- columns-from: fct_selfeval_project
CREATE OR REPLACE VIEW current_selfeval_project AS
SELECT f.*
FROM fct_selfeval_project AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_selfeval_project IS '当前有效的绩效自评项目：仅含每个单位每个年度最新一份自评（fct_selfeval_project 的当前视图）。';
