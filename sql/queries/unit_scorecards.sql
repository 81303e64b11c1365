-- unit_scorecards: each unit's (or only $unit's) current submission of $year, else of its latest
-- year, with the file reviewed (mart_unit_scorecard, dim_submission).
-- Parameters: $unit (or NULL), $year (or NULL). A file without a unit code is its own unit here:
-- such files share the unknown unit, and each still gets its workbook and letter.
SELECT c.division_code, c.unit_code, c.unit_name, c.fiscal_year, c.submission_key, c.projects, c.indicators,
       c.budget_total_yuan, c.quality_score, c.errors, c.warnings, c.infos, c.findings,
       c.quantified_pct, s.file_name, s.received_at
FROM mart_unit_scorecard AS c
JOIN dim_submission AS s USING (submission_key)
WHERE ($unit IS NULL OR c.unit_code = $unit) AND ($year IS NULL OR c.fiscal_year = $year)
QUALIFY $year IS NOT NULL
     OR c.fiscal_year IS NOT DISTINCT FROM max(c.fiscal_year) OVER (PARTITION BY coalesce(c.unit_code, c.submission_key))
ORDER BY c.unit_code, c.fiscal_year
