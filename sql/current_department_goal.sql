-- current_department_goal: fct_department_goal rows of current submissions only (superseded versions hidden).
-- grain: as fct_department_goal; keys: as fct_department_goal.
-- columns-from: fct_department_goal
CREATE OR REPLACE VIEW current_department_goal AS
SELECT f.*
FROM fct_department_goal AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_department_goal IS '当前有效的部门分项绩效目标：仅含每个单位每个年度最新报送的行（fct_department_goal 的当前视图）。';
