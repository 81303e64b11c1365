-- current_project_budget: fct_project_budget rows of current submissions only (superseded versions hidden).
-- grain: as fct_project_budget; keys: as fct_project_budget.
-- columns-from: fct_project_budget
CREATE OR REPLACE VIEW current_project_budget AS
SELECT f.*
FROM fct_project_budget AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_project_budget IS '当前有效的项目预算：仅含每个单位每个年度最新报送的行（fct_project_budget 的当前视图）。';
