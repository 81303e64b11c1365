-- report_appendix: one row per unit of the year: projects, budget (万元), quality, findings, score
-- (mart_unit_scorecard, mart_unit_quality). Parameters: $year, $division (or NULL).
SELECT c.unit_code, c.unit_name, c.projects, round(c.budget_total_yuan / 10000, 2) AS budget_total_wan,
       c.indicators, c.quantified_pct, q.vague, c.errors, c.warnings, c.quality_score
FROM mart_unit_scorecard AS c
LEFT JOIN mart_unit_quality AS q USING (unit_key, fiscal_year)
WHERE c.fiscal_year = $year AND ($division IS NULL OR c.division_code = $division)
ORDER BY c.unit_code
