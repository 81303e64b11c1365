-- report_departments: the year's budget per department (主管部门) in 万元 by fund source, with its
-- share, largest first (mart_unit_budget, dim_department). Parameters: $year, $division (or NULL).
WITH d AS (
    SELECT department_code, count(*)::INTEGER AS units, sum(projects)::INTEGER AS projects,
           round(sum(budget_total_yuan) / 10000, 2)  AS budget_total_wan,
           round(sum(budget_fiscal_yuan) / 10000, 2) AS budget_fiscal_wan,
           round(sum(budget_other_yuan) / 10000, 2)  AS budget_other_wan
    FROM mart_unit_budget
    WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
    GROUP BY department_code
),
names AS (SELECT DISTINCT department_code, department_name FROM dim_department)
SELECT d.department_code, n.department_name, d.units, d.projects, d.budget_total_wan,
       d.budget_fiscal_wan, d.budget_other_wan,
       round(100.0 * d.budget_total_wan / nullif(sum(d.budget_total_wan) OVER (), 0), 2) AS share_pct
FROM d LEFT JOIN names AS n USING (department_code)
ORDER BY d.budget_total_wan DESC NULLS LAST, d.department_code
