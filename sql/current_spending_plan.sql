-- current_spending_plan: fct_spending_plan rows of current submissions only (superseded versions hidden).
-- grain: as fct_spending_plan; keys: as fct_spending_plan.
-- columns-from: fct_spending_plan
CREATE OR REPLACE VIEW current_spending_plan AS
SELECT f.*
FROM fct_spending_plan AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_spending_plan IS '当前有效的资金支出计划：仅含每个单位每个年度最新报送的行（fct_spending_plan 的当前视图）。';
