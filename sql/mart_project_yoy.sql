-- mart_project_yoy: each current project against the same project the year before (同比).
-- grain: one row per current project (submission_key, project_seq); keys: project_key, prev_project_key.
-- Continuing projects are matched as described in current_project_match.
CREATE OR REPLACE VIEW mart_project_yoy AS
WITH previous_years AS (
    SELECT DISTINCT unit_key, fiscal_year + 1 AS fiscal_year
    FROM dim_submission
    WHERE is_current AND kind = 'targets' AND fiscal_year IS NOT NULL
)
SELECT
    u.division_code,
    m.project_key,
    m.prev_project_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    m.fiscal_year,
    make_date(m.fiscal_year, 1, 1)                                                  AS fiscal_year_start,
    m.project_name,
    m.project_code,
    m.prev_project_code,
    m.prev_project_name,
    m.budget_total_yuan,
    m.prev_budget_total_yuan,
    m.budget_total_yuan - m.prev_budget_total_yuan                                  AS budget_change_yuan,
    round(100.0 * (m.budget_total_yuan - m.prev_budget_total_yuan)
          / nullif(m.prev_budget_total_yuan, 0), 2)                                 AS budget_change_pct,
    CASE WHEN m.match_method IS NOT NULL THEN m.match_method
         WHEN y.unit_key IS NOT NULL THEN 'new'
         ELSE 'no_previous_year' END                                                 AS match_method
FROM current_project_match AS m
JOIN dim_unit AS u USING (unit_key)
LEFT JOIN previous_years AS y USING (unit_key, fiscal_year);
COMMENT ON VIEW mart_project_yoy IS '项目同比：每个当前项目与上一年度同一项目（按去年份的项目编码或单位+项目名称匹配）的预算数对比。';
COMMENT ON COLUMN mart_project_yoy.project_key IS 'dim_project.project_key of the current project.';
COMMENT ON COLUMN mart_project_yoy.prev_project_key IS 'dim_project.project_key of the matched project last year; null when none.';
COMMENT ON COLUMN mart_project_yoy.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_project_yoy.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_project_yoy.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN mart_project_yoy.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_project_yoy.fiscal_year IS 'Budget year of the current project.';
COMMENT ON COLUMN mart_project_yoy.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_project_yoy.project_name IS 'Project name (项目名称) this year.';
COMMENT ON COLUMN mart_project_yoy.project_code IS 'Project code (项目编码) this year.';
COMMENT ON COLUMN mart_project_yoy.prev_project_code IS 'Project code of the matched project last year.';
COMMENT ON COLUMN mart_project_yoy.prev_project_name IS 'Project name of the matched project last year.';
COMMENT ON COLUMN mart_project_yoy.budget_total_yuan IS '预算数 this year, yuan.';
COMMENT ON COLUMN mart_project_yoy.prev_budget_total_yuan IS '预算数 of the matched project last year, yuan.';
COMMENT ON COLUMN mart_project_yoy.budget_change_yuan IS 'budget_total_yuan - prev_budget_total_yuan; null for a new project.';
COMMENT ON COLUMN mart_project_yoy.budget_change_pct IS '100 x budget_change_yuan / prev_budget_total_yuan, 2 decimals.';
COMMENT ON COLUMN mart_project_yoy.match_method IS 'How the project was matched: code, name, new (the unit submitted last year, without this project) or no_previous_year.';
