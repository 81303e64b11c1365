-- report_counties: one row per county (省级汇总) of the year (mart_county_summary).
-- Parameters: $year.
SELECT division_code, county_name, units, projects,
       round(budget_total_yuan / 10000, 2) AS budget_total_wan, quantified_pct, errors, warnings
FROM mart_county_summary
WHERE fiscal_year = $year
ORDER BY division_code
