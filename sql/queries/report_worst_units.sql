-- report_worst_units: the units of the year with the most errors (then findings), at most $limit
-- (mart_unit_scorecard). Parameters: $year, $division (or NULL), $limit.
SELECT unit_code, unit_name, projects, errors, warnings, findings, quality_score
FROM mart_unit_scorecard
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division) AND findings > 0
ORDER BY errors DESC, findings DESC, unit_code
LIMIT $limit
