-- check_unknown_members: every dimension holds its "unknown" member (key of 32 zeros).
-- Must return zero rows. Columns: problem, subject, rows.
WITH members AS (
    SELECT 'dim_unit' AS dim, count(*) AS n FROM dim_unit WHERE unit_key = '00000000000000000000000000000000'
    UNION ALL SELECT 'dim_project', count(*) FROM dim_project WHERE project_key = '00000000000000000000000000000000'
    UNION ALL SELECT 'dim_indicator_category', count(*) FROM dim_indicator_category WHERE category_key = '00000000000000000000000000000000'
    UNION ALL SELECT 'dim_submission', count(*) FROM dim_submission WHERE submission_key = '00000000000000000000000000000000'
    UNION ALL SELECT 'dim_county', count(*) FROM dim_county WHERE division_code = 'unknown'
)
SELECT 'dimension without its unknown member' AS problem, dim AS subject, 1 AS rows
FROM members
WHERE n <> 1;
