-- report_missing_level1: each required 一级 category and how many of the year's projects lack it,
-- most often missing first (mart_project_coverage). Parameters: $year, $division (or NULL).
WITH p AS (
    SELECT unnest(string_split(level1_missing, '、')) AS level1
    FROM mart_project_coverage
    WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
      AND level1_missing IS NOT NULL
)
SELECT level1, count(*)::INTEGER AS projects
FROM p
GROUP BY level1
ORDER BY projects DESC, level1
