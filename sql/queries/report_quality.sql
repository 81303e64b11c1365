-- report_quality: per department, the year's indicators, quantified and vague shares and
-- duplicated rows, weakest first (mart_unit_quality, dim_department).
-- Parameters: $year, $division (or NULL).
WITH d AS (
    SELECT department_code, sum(indicators)::INTEGER AS indicators,
           sum(quantified)::INTEGER AS quantified, sum(vague)::INTEGER AS vague,
           sum(duplicates)::INTEGER AS duplicates
    FROM mart_unit_quality
    WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
    GROUP BY department_code
),
names AS (SELECT DISTINCT department_code, department_name FROM dim_department)
SELECT d.department_code, n.department_name, d.indicators, d.quantified, d.vague, d.duplicates,
       round(100.0 * d.quantified / nullif(d.indicators, 0), 2) AS quantified_pct,
       round(100.0 * d.vague / nullif(d.indicators, 0), 2)      AS vague_pct
FROM d LEFT JOIN names AS n USING (department_code)
ORDER BY quantified_pct NULLS FIRST, d.department_code
