-- report_yoy_projects: the year's projects added, dropped and continued since last year
-- (mart_unit_yoy). Parameters: $year, $division (or NULL).
SELECT sum(projects_added)::INTEGER AS added, sum(projects_dropped)::INTEGER AS dropped,
       sum(projects_continued)::INTEGER AS continued
FROM mart_unit_yoy
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
