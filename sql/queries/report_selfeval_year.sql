-- report_selfeval_year: the budget year whose self-evaluations the report's chapter covers: the year
-- before $year when any are loaded (the usual case: last year's results beside this year's targets),
-- else $year itself; no row when neither is. Parameters: $year, $division (or NULL).
SELECT max(fiscal_year) FILTER (WHERE fiscal_year = $year - 1) AS previous_year,
       max(fiscal_year) FILTER (WHERE fiscal_year = $year)     AS same_year
FROM mart_selfeval_unit_summary
WHERE fiscal_year IN ($year - 1, $year) AND ($division IS NULL OR division_code = $division)
HAVING count(*) > 0
