-- report_yoy_departments: budget per department this year and last (万元) with the change,
-- biggest change first (mart_unit_budget, dim_department). Parameters: $year, $division (or NULL).
WITH d AS (
    SELECT department_code,
           round(sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year) / 10000, 2)     AS budget_wan,
           round(sum(budget_total_yuan) FILTER (WHERE fiscal_year = $year - 1) / 10000, 2) AS prev_budget_wan
    FROM mart_unit_budget
    WHERE fiscal_year IN ($year, $year - 1) AND ($division IS NULL OR division_code = $division)
    GROUP BY department_code
),
names AS (SELECT DISTINCT department_code, department_name FROM dim_department)
SELECT d.department_code, n.department_name, d.prev_budget_wan, d.budget_wan,
       round(coalesce(d.budget_wan, 0) - coalesce(d.prev_budget_wan, 0), 2) AS change_wan,
       round(100.0 * (d.budget_wan - d.prev_budget_wan) / nullif(d.prev_budget_wan, 0), 2) AS change_pct
FROM d LEFT JOIN names AS n USING (department_code)
ORDER BY abs(change_wan) DESC, d.department_code
