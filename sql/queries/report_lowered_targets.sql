-- report_lowered_targets: targets lowered from last year, at most $limit, each row carrying how
-- many there are in all (mart_target_changes). Parameters: $year, $division (or NULL), $limit.
SELECT unit_code, unit_name, project_name, indicator_name, prev_target_raw, target_raw,
       count(*) OVER ()::INTEGER AS lowered_total
FROM mart_target_changes
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
  AND direction = 'lowered'
ORDER BY unit_code, project_name, indicator_name
LIMIT $limit
