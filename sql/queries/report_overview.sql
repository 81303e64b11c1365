-- report_overview: the year's units, projects, indicators, budget (元 and 万元), quantified share
-- and findings of current submissions (mart_unit_scorecard). Parameters: $year, $division (or NULL).
SELECT count(*)::INTEGER                                              AS units,
       coalesce(sum(projects), 0)::INTEGER                            AS projects,
       coalesce(sum(indicators), 0)::INTEGER                          AS indicators,
       sum(budget_total_yuan)                                         AS budget_total_yuan,
       round(sum(budget_total_yuan) / 10000, 2)                       AS budget_total_wan,
       round(100.0 * sum(quantified) / nullif(sum(indicators), 0), 2) AS quantified_pct,
       coalesce(sum(errors), 0)::INTEGER                              AS errors,
       coalesce(sum(warnings), 0)::INTEGER                            AS warnings
FROM mart_unit_scorecard
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
