-- report_selfeval_departments: per department (first three digits of the unit code), the targets met
-- and the money executed in the self-evaluations of budget year $evaluated (mart_selfeval_unit_summary,
-- dim_department), lowest share met first. Parameters: $evaluated, $division (or NULL).
WITH d AS (
    SELECT department_code, count(*) AS units, sum(quantified_results) AS judged, sum(targets_met) AS met,
           round(100.0 * sum(targets_met) / nullif(sum(quantified_results), 0), 1) AS met_pct,
           round(sum(budget_full_year_yuan) / 10000, 2) AS budget_wan,
           round(sum(executed_yuan) / 10000, 2) AS executed_wan,
           round(100.0 * sum(executed_yuan) / nullif(sum(budget_full_year_yuan), 0), 1) AS execution_pct,
           sum(errors) AS errors, sum(warnings) AS warnings
    FROM mart_selfeval_unit_summary
    WHERE fiscal_year = $evaluated AND ($division IS NULL OR division_code = $division)
    GROUP BY department_code
),
names AS (SELECT DISTINCT department_code, department_name FROM dim_department)
SELECT d.*, n.department_name
FROM d LEFT JOIN names AS n USING (department_code)
ORDER BY d.met_pct NULLS LAST, d.department_code
