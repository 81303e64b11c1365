-- mart_unit_yoy: each unit's current submission against its current submission of the year before (同比).
-- grain: one row per current submission, i.e. per (unit_code, fiscal_year); keys: unit_key, unit_code,
-- fiscal_year. Projects are matched as in current_project_match; the prev_ columns and the project
-- counts are null when the unit has no current submission for the year before.
CREATE OR REPLACE VIEW mart_unit_yoy AS
WITH subs AS (
    SELECT submission_key, unit_key, fiscal_year
    FROM dim_submission
    WHERE is_current AND kind = 'targets' AND fiscal_year IS NOT NULL
),
budgets AS (
    SELECT submission_key, count(*)::INTEGER AS projects, sum(budget_total_yuan) AS budget_total_yuan
    FROM current_project_budget
    GROUP BY ALL
),
matched AS (
    SELECT submission_key,
           count(*) FILTER (WHERE match_method IS NOT NULL)::INTEGER AS continued,
           count(*) FILTER (WHERE match_method IS NULL)::INTEGER     AS added
    FROM current_project_match
    GROUP BY ALL
),
dropped AS (
    SELECT q.submission_key, count(*)::INTEGER AS dropped
    FROM current_project_budget AS q
    WHERE NOT EXISTS (SELECT 1 FROM current_project_match AS m
                      WHERE m.prev_submission_key = q.submission_key AND m.prev_project_seq = q.project_seq)
    GROUP BY ALL
)
SELECT
    u.division_code,
    u.unit_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    s.fiscal_year,
    make_date(s.fiscal_year, 1, 1)                                                     AS fiscal_year_start,
    p.fiscal_year IS NOT NULL                                                          AS has_previous_year,
    coalesce(b.projects, 0)                                                            AS projects,
    pb.projects                                                                        AS prev_projects,
    b.budget_total_yuan,
    pb.budget_total_yuan                                                               AS prev_budget_total_yuan,
    b.budget_total_yuan - pb.budget_total_yuan                                         AS budget_change_yuan,
    round(100.0 * (b.budget_total_yuan - pb.budget_total_yuan) / nullif(pb.budget_total_yuan, 0), 2) AS budget_change_pct,
    CASE WHEN p.fiscal_year IS NOT NULL THEN coalesce(m.added, 0) END                  AS projects_added,
    CASE WHEN p.fiscal_year IS NOT NULL THEN coalesce(d.dropped, 0) END                AS projects_dropped,
    CASE WHEN p.fiscal_year IS NOT NULL THEN coalesce(m.continued, 0) END              AS projects_continued
FROM subs AS s
JOIN dim_unit AS u USING (unit_key)
LEFT JOIN subs AS p ON p.unit_key = s.unit_key AND p.fiscal_year = s.fiscal_year - 1
LEFT JOIN budgets AS b ON b.submission_key = s.submission_key
LEFT JOIN budgets AS pb ON pb.submission_key = p.submission_key
LEFT JOIN matched AS m ON m.submission_key = s.submission_key
LEFT JOIN dropped AS d ON d.submission_key = p.submission_key;
COMMENT ON VIEW mart_unit_yoy IS '单位同比：每个单位每个年度当前报送与上一年度当前报送的预算数合计、项目数及新增、取消、延续项目数对比。';
COMMENT ON COLUMN mart_unit_yoy.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_unit_yoy.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_unit_yoy.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_unit_yoy.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN mart_unit_yoy.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_unit_yoy.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_unit_yoy.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_unit_yoy.has_previous_year IS 'True when the unit has a current submission for fiscal_year - 1.';
COMMENT ON COLUMN mart_unit_yoy.projects IS 'Projects in this year''s current submission.';
COMMENT ON COLUMN mart_unit_yoy.prev_projects IS 'Projects in last year''s current submission.';
COMMENT ON COLUMN mart_unit_yoy.budget_total_yuan IS 'Sum of 预算数 this year, yuan.';
COMMENT ON COLUMN mart_unit_yoy.prev_budget_total_yuan IS 'Sum of 预算数 last year, yuan.';
COMMENT ON COLUMN mart_unit_yoy.budget_change_yuan IS 'budget_total_yuan - prev_budget_total_yuan.';
COMMENT ON COLUMN mart_unit_yoy.budget_change_pct IS '100 x budget_change_yuan / prev_budget_total_yuan, 2 decimals.';
COMMENT ON COLUMN mart_unit_yoy.projects_added IS 'Projects this year without a match last year.';
COMMENT ON COLUMN mart_unit_yoy.projects_dropped IS 'Projects last year without a match this year.';
COMMENT ON COLUMN mart_unit_yoy.projects_continued IS 'Projects this year matched to a project last year.';
