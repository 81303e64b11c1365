-- current_indicator_target: fct_indicator_target rows of current submissions only (superseded versions hidden).
-- grain: as fct_indicator_target; keys: as fct_indicator_target.
-- columns-from: fct_indicator_target
CREATE OR REPLACE VIEW current_indicator_target AS
SELECT f.*
FROM fct_indicator_target AS f
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW current_indicator_target IS '当前有效的绩效指标：仅含每个单位每个年度最新报送的行（fct_indicator_target 的当前视图）。';
