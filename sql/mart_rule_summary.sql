-- mart_rule_summary: how often each review rule fires over the current submissions of a budget
-- year (审核规则汇总), and how many units it touches.
-- grain: one row per (division_code, rule_id, fiscal_year) for every registered rule and every county and
-- budget year with a current submission (rules that found nothing show 0); keys: division_code, rule_key,
-- rule_id, fiscal_year.
CREATE OR REPLACE VIEW mart_rule_summary AS
WITH subs AS (
    SELECT submission_key, division_code, unit_key, fiscal_year
    FROM dim_submission
    WHERE is_current AND kind = 'targets'
),
years AS (
    SELECT division_code, fiscal_year, count(DISTINCT unit_key)::INTEGER AS units
    FROM subs
    GROUP BY ALL
),
counts AS (
    SELECT f.rule_id,
           s.division_code,
           s.fiscal_year,
           count(*)::INTEGER                                                  AS findings,
           count(*) FILTER (WHERE f.severity = 'error')::INTEGER              AS errors,
           count(*) FILTER (WHERE f.severity = 'warning')::INTEGER            AS warnings,
           count(*) FILTER (WHERE f.severity = 'info')::INTEGER               AS infos,
           count(DISTINCT s.unit_key)::INTEGER                                AS units_affected,
           count(DISTINCT f.submission_key || '#' || f.project_seq)::INTEGER  AS projects_affected,
           count(DISTINCT f.submission_key || '#' || f.project_seq || '#' || f.indicator_seq)::INTEGER
                                                                              AS rows_affected
    FROM current_review_finding AS f
    JOIN subs AS s USING (submission_key)
    GROUP BY ALL
)
SELECT
    y.division_code,
    r.rule_key,
    r.rule_id,
    r.severity,
    r.description,
    y.fiscal_year,
    make_date(y.fiscal_year, 1, 1) AS fiscal_year_start,
    coalesce(c.findings, 0)                                                AS findings,
    coalesce(c.errors, 0)                                                  AS errors,
    coalesce(c.warnings, 0)                                                AS warnings,
    coalesce(c.infos, 0)                                                   AS infos,
    coalesce(c.units_affected, 0)                                          AS units_affected,
    coalesce(c.projects_affected, 0)                                       AS projects_affected,
    coalesce(c.rows_affected, 0)                                           AS rows_affected,
    y.units                                                                AS units,
    round(100.0 * coalesce(c.units_affected, 0) / nullif(y.units, 0), 2)   AS units_affected_pct
FROM dim_review_rule AS r
CROSS JOIN years AS y
LEFT JOIN counts AS c
       ON c.rule_id = r.rule_id AND c.division_code = y.division_code
      AND c.fiscal_year IS NOT DISTINCT FROM y.fiscal_year
WHERE r.rule_id <> 'unknown' OR c.findings > 0;
COMMENT ON VIEW mart_rule_summary IS '审核规则汇总：每条审核规则在每个预算年度当前报送中的发现数（错误/警告）、涉及单位数和项目数。';
COMMENT ON COLUMN mart_rule_summary.rule_key IS 'dim_review_rule.rule_key.';
COMMENT ON COLUMN mart_rule_summary.rule_id IS 'Rule id, e.g. cost_vs_budget.';
COMMENT ON COLUMN mart_rule_summary.severity IS 'Severity the rule raises (error, warning, info, or two of them: error/warning, warning/info).';
COMMENT ON COLUMN mart_rule_summary.description IS 'What the rule checks (审核要点).';
COMMENT ON COLUMN mart_rule_summary.fiscal_year IS 'Budget year of the current submissions counted.';
COMMENT ON COLUMN mart_rule_summary.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_rule_summary.findings IS 'Findings of the rule in current submissions of the year.';
COMMENT ON COLUMN mart_rule_summary.errors IS 'Of which severity error.';
COMMENT ON COLUMN mart_rule_summary.warnings IS 'Of which severity warning.';
COMMENT ON COLUMN mart_rule_summary.infos IS 'Of which severity info (not sent to units by default).';
COMMENT ON COLUMN mart_rule_summary.units_affected IS 'Distinct units with at least one finding of the rule.';
COMMENT ON COLUMN mart_rule_summary.projects_affected IS 'Distinct projects (submission, project_seq) with a finding of the rule; submission-level findings not counted.';
COMMENT ON COLUMN mart_rule_summary.rows_affected IS 'Distinct indicator rows (submission, project_seq, indicator_seq) with a finding of the rule; project- and submission-level findings not counted.';
COMMENT ON COLUMN mart_rule_summary.units IS 'Units with a current submission in the year.';
COMMENT ON COLUMN mart_rule_summary.units_affected_pct IS '100 x units_affected / units, 2 decimals.';
COMMENT ON COLUMN mart_rule_summary.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) whose current submissions are counted.';
