-- selfeval_only_units: each unit's (or only $unit's) current self-evaluation of $year, else of its latest
-- year, for which no current target submission of the same county, unit and year was received: what
-- the unit is sent instead of a scorecard (current_selfeval_submission, dim_submission).
-- Parameters: $unit (or NULL), $year (or NULL: a unit's latest year, and only when it has no later targets).
WITH targets AS (
    SELECT division_code, unit_code, fiscal_year
    FROM dim_submission
    WHERE is_current AND kind = 'targets'
),
alone AS (
    SELECT s.division_code, s.unit_code, s.unit_name, s.fiscal_year, s.submission_key, s.project_count AS projects,
           s.file_name, s.received_at
    FROM current_selfeval_submission AS s
    ANTI JOIN targets AS t USING (division_code, unit_code, fiscal_year)
    WHERE ($unit IS NULL OR s.unit_code = $unit) AND ($year IS NULL OR s.fiscal_year = $year)
)
SELECT a.*
FROM alone AS a
WHERE $year IS NOT NULL OR NOT EXISTS (
    SELECT 1 FROM targets AS t
    WHERE t.division_code = a.division_code AND t.unit_code = a.unit_code AND t.fiscal_year > a.fiscal_year)
QUALIFY $year IS NOT NULL
     OR a.fiscal_year IS NOT DISTINCT FROM max(a.fiscal_year) OVER (PARTITION BY a.division_code, coalesce(a.unit_code, a.submission_key))
ORDER BY a.unit_code, a.fiscal_year
