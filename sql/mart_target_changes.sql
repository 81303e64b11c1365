-- mart_target_changes: indicators of continuing projects whose target (指标值) changed from last year.
-- grain: one row per current indicator row of a matched project whose 指标值 text differs from its
-- counterpart's; keys: indicator_key, prev_indicator_key. An indicator's counterpart is the row of
-- the matched project (current_project_match) with the same 一级, 二级 (canonical when recognised),
-- 三级 name and horizon, the n-th such row matching the n-th. direction: raised / lowered when both
-- targets are numbers in the same unit and the number went up / down, changed otherwise.
CREATE OR REPLACE VIEW mart_target_changes AS
WITH rows_numbered AS (
    SELECT t.*,
           coalesce(t.level1_canonical, t.level1, '') AS l1_key,
           coalesce(t.level2_canonical, t.level2, '') AS l2_key,
           row_number() OVER (
               PARTITION BY t.submission_key, t.project_seq, coalesce(t.level1_canonical, t.level1, ''),
                            coalesce(t.level2_canonical, t.level2, ''), coalesce(t.indicator_name, ''), t.horizon
               ORDER BY t.indicator_seq) AS occurrence
    FROM current_indicator_target AS t
),
pairs AS (
    SELECT m.project_key, m.unit_key, m.fiscal_year, m.project_code, m.project_name, m.match_method,
           c.indicator_key, p.indicator_key AS prev_indicator_key, c.indicator_seq,
           c.level1, c.level2, c.indicator_name, c.horizon,
           p.target_raw AS prev_target_raw, c.target_raw,
           p.target_value AS prev_target_value, c.target_value,
           p.target_unit AS prev_target_unit, c.target_unit
    FROM current_project_match AS m
    JOIN rows_numbered AS c
      ON c.submission_key = m.submission_key AND c.project_seq = m.project_seq
    JOIN rows_numbered AS p
      ON p.submission_key = m.prev_submission_key AND p.project_seq = m.prev_project_seq
     AND p.l1_key = c.l1_key AND p.l2_key = c.l2_key
     AND coalesce(p.indicator_name, '') = coalesce(c.indicator_name, '')
     AND p.horizon = c.horizon AND p.occurrence = c.occurrence
    WHERE c.target_raw IS DISTINCT FROM p.target_raw
)
SELECT
    u.division_code,
    x.indicator_key,
    x.prev_indicator_key,
    x.project_key,
    u.unit_code,
    u.unit_name,
    x.fiscal_year,
    make_date(x.fiscal_year, 1, 1) AS fiscal_year_start,
    x.project_code,
    x.project_name,
    x.indicator_seq,
    x.level1,
    x.level2,
    x.indicator_name,
    x.horizon,
    x.prev_target_raw,
    x.target_raw,
    x.prev_target_value,
    x.target_value,
    x.target_unit,
    CASE WHEN x.target_value IS NULL OR x.prev_target_value IS NULL
              OR x.target_unit IS DISTINCT FROM x.prev_target_unit THEN 'changed'
         WHEN x.target_value > x.prev_target_value THEN 'raised'
         WHEN x.target_value < x.prev_target_value THEN 'lowered'
         ELSE 'changed' END AS direction,
    x.match_method
FROM pairs AS x
JOIN dim_unit AS u USING (unit_key);
COMMENT ON VIEW mart_target_changes IS '指标目标变化：延续项目中指标值与上一年度不同的指标，标明调高（raised）、调低（lowered）或其他变化（changed）。';
COMMENT ON COLUMN mart_target_changes.indicator_key IS 'fct_indicator_target.indicator_key of this year''s row.';
COMMENT ON COLUMN mart_target_changes.prev_indicator_key IS 'fct_indicator_target.indicator_key of last year''s row.';
COMMENT ON COLUMN mart_target_changes.project_key IS 'dim_project.project_key of the current project.';
COMMENT ON COLUMN mart_target_changes.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_target_changes.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_target_changes.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN mart_target_changes.fiscal_year IS 'Budget year of the current row.';
COMMENT ON COLUMN mart_target_changes.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_target_changes.project_code IS 'Project code (项目编码) this year.';
COMMENT ON COLUMN mart_target_changes.project_name IS 'Project name (项目名称) this year.';
COMMENT ON COLUMN mart_target_changes.indicator_seq IS '1-based position of the row in this year''s project.';
COMMENT ON COLUMN mart_target_changes.level1 IS '一级指标 as written this year.';
COMMENT ON COLUMN mart_target_changes.level2 IS '二级指标 as written this year.';
COMMENT ON COLUMN mart_target_changes.indicator_name IS '三级指标 as written.';
COMMENT ON COLUMN mart_target_changes.horizon IS 'annual or long_term.';
COMMENT ON COLUMN mart_target_changes.prev_target_raw IS '指标值 last year, as written.';
COMMENT ON COLUMN mart_target_changes.target_raw IS '指标值 this year, as written.';
COMMENT ON COLUMN mart_target_changes.prev_target_value IS 'Target number last year (money in yuan).';
COMMENT ON COLUMN mart_target_changes.target_value IS 'Target number this year (money in yuan).';
COMMENT ON COLUMN mart_target_changes.target_unit IS 'Target unit this year (%, 元, 个 ...).';
COMMENT ON COLUMN mart_target_changes.direction IS 'raised or lowered (same unit, number up or down), changed (any other change of the text).';
COMMENT ON COLUMN mart_target_changes.match_method IS 'How the project was matched to last year''s: code or name.';
