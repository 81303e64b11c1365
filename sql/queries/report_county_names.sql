-- report_county_names: the counties (dim_county) with current submissions in the year.
-- Parameters: $year, $division (or NULL).
SELECT DISTINCT k.county_name
FROM mart_unit_scorecard AS c
JOIN dim_county AS k USING (division_code)
WHERE c.fiscal_year = $year AND ($division IS NULL OR c.division_code = $division)
ORDER BY k.county_name
