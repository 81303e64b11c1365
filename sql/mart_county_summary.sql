-- mart_county_summary: one county's budget year at a glance, for province analysts (县区汇总):
-- units, projects, budget, indicators, share quantified and review findings by severity, current
-- submissions only.
-- grain: one row per (division_code, fiscal_year) with a current submission; keys: division_code,
-- fiscal_year.
CREATE OR REPLACE VIEW mart_county_summary AS
WITH subs AS (
    SELECT submission_key, division_code, unit_key, fiscal_year
    FROM dim_submission
    WHERE is_current AND kind = 'targets' AND submission_key <> '00000000000000000000000000000000'
),
units AS (
    SELECT division_code, fiscal_year,
           count(DISTINCT unit_key)::INTEGER AS units,
           count(*)::INTEGER                 AS submissions
    FROM subs
    GROUP BY ALL
),
budgets AS (
    SELECT division_code, fiscal_year,
           count(*)::INTEGER          AS projects,
           sum(budget_total_yuan)     AS budget_total_yuan,
           sum(budget_fiscal_yuan)    AS budget_fiscal_yuan
    FROM current_project_budget
    GROUP BY ALL
),
indicators AS (
    SELECT division_code, fiscal_year,
           count(*)::INTEGER                               AS indicators,
           count(*) FILTER (WHERE is_quantified)::INTEGER  AS quantified
    FROM current_indicator_target
    GROUP BY ALL
),
findings AS (
    SELECT s.division_code, s.fiscal_year,
           count(*) FILTER (WHERE f.severity = 'error')::INTEGER    AS errors,
           count(*) FILTER (WHERE f.severity = 'warning')::INTEGER  AS warnings
    FROM fct_review_finding AS f
    JOIN subs AS s USING (submission_key)
    GROUP BY ALL
)
SELECT
    u.division_code,
    u.fiscal_year,
    make_date(u.fiscal_year, 1, 1) AS fiscal_year_start,
    c.county_name,
    c.prefecture_code,
    c.province_name,
    u.units,
    u.submissions,
    coalesce(b.projects, 0)                                    AS projects,
    b.budget_total_yuan,
    b.budget_fiscal_yuan,
    coalesce(i.indicators, 0)                                  AS indicators,
    coalesce(i.quantified, 0)                                  AS quantified,
    round(100.0 * i.quantified / nullif(i.indicators, 0), 2)   AS quantified_pct,
    coalesce(f.errors, 0)                                      AS errors,
    coalesce(f.warnings, 0)                                    AS warnings,
    coalesce(f.errors, 0) + coalesce(f.warnings, 0)            AS findings
FROM units AS u
LEFT JOIN dim_county AS c USING (division_code)
LEFT JOIN budgets AS b USING (division_code, fiscal_year)
LEFT JOIN indicators AS i USING (division_code, fiscal_year)
LEFT JOIN findings AS f USING (division_code, fiscal_year);
COMMENT ON VIEW mart_county_summary IS '县区汇总（供省级分析）：每个县区每个预算年度的单位数、项目数、预算总额、指标数、定量指标占比和审核发现（错误/警告），仅当前报送。';
COMMENT ON COLUMN mart_county_summary.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code); ''unknown'' for files no code, folder or setting placed.';
COMMENT ON COLUMN mart_county_summary.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_county_summary.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_county_summary.county_name IS 'County name (dim_county.county_name).';
COMMENT ON COLUMN mart_county_summary.prefecture_code IS 'Prefecture (地市) code: first four digits of the division code followed by 00.';
COMMENT ON COLUMN mart_county_summary.province_name IS 'Province name by the first two digits of the division code.';
COMMENT ON COLUMN mart_county_summary.units IS 'Units with a current submission for the year.';
COMMENT ON COLUMN mart_county_summary.submissions IS 'Current submissions for the year (one per unit).';
COMMENT ON COLUMN mart_county_summary.projects IS 'Projects in the current submissions.';
COMMENT ON COLUMN mart_county_summary.budget_total_yuan IS 'Sum of 预算数 of those projects, yuan.';
COMMENT ON COLUMN mart_county_summary.budget_fiscal_yuan IS 'Sum of 财政资金 of those projects, yuan.';
COMMENT ON COLUMN mart_county_summary.indicators IS 'Indicator rows of those projects.';
COMMENT ON COLUMN mart_county_summary.quantified IS 'Indicator rows with a comparable target (operator and number).';
COMMENT ON COLUMN mart_county_summary.quantified_pct IS '100 x quantified / indicators, 2 decimals.';
COMMENT ON COLUMN mart_county_summary.errors IS 'Review findings of severity error in the current submissions.';
COMMENT ON COLUMN mart_county_summary.warnings IS 'Review findings of severity warning in the current submissions.';
COMMENT ON COLUMN mart_county_summary.findings IS 'errors + warnings.';
