-- report_yoy: this year's and last year's units, projects and budget (万元) with the change
-- (mart_unit_budget). Parameters: $year, $division (or NULL).
WITH y AS (
    SELECT count(DISTINCT unit_key) FILTER (WHERE fiscal_year = $year)::INTEGER     AS units,
           count(DISTINCT unit_key) FILTER (WHERE fiscal_year = $year - 1)::INTEGER AS prev_units,
           sum(projects) FILTER (WHERE fiscal_year = $year)::INTEGER                AS projects,
           sum(projects) FILTER (WHERE fiscal_year = $year - 1)::INTEGER            AS prev_projects,
           sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year)                AS budget,
           sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year - 1)            AS prev_budget
    FROM mart_unit_budget
    WHERE fiscal_year IN ($year, $year - 1) AND ($division IS NULL OR division_code = $division)
)
SELECT units, prev_units, projects, prev_projects,
       round(budget / 10000, 2) AS budget_wan, round(prev_budget / 10000, 2) AS prev_budget_wan,
       round((budget - prev_budget) / 10000, 2) AS change_wan,
       round(100.0 * (budget - prev_budget) / nullif(prev_budget, 0), 2) AS change_pct
FROM y
