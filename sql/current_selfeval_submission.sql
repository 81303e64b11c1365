-- current_selfeval_submission: the current self-evaluations (绩效自评) with the county they belong to.
-- grain: one row per current dim_submission row of kind self_evaluation; keys: submission_key.
-- division_code is the file's county, or, when that is unknown (a national 项目支出绩效自评表 carries no
-- 项目编码), the county of the target submission it is linked to (fct_selfeval_project_link), and
-- unit_key that county's unit. A self-evaluation of unknown county makes no unit of its own
-- (dim_submission holds the unknown unit for it): linked to no one county's targets, it keeps the
-- unknown unit and county, and its selfeval_county_unknown finding says so.
CREATE OR REPLACE VIEW current_selfeval_submission AS
WITH linked AS (
    SELECT selfeval_submission_key AS submission_key, any_value(division_code) AS division_code,
           any_value(unit_key) AS unit_key
    FROM fct_selfeval_project_link
    GROUP BY selfeval_submission_key
)
SELECT
    s.submission_key,
    CASE WHEN s.division_code = 'unknown' THEN coalesce(l.division_code, s.division_code)
         ELSE s.division_code END                                    AS division_code,
    s.division_code                                                  AS file_division_code,
    CASE WHEN s.division_code = 'unknown' THEN coalesce(l.unit_key, s.unit_key)
         ELSE s.unit_key END                                         AS unit_key,
    s.unit_code,
    s.unit_name,
    s.fiscal_year,
    s.file_name,
    s.received_at,
    s.project_count,
    s.indicator_count
FROM dim_submission AS s
LEFT JOIN linked AS l USING (submission_key)
WHERE s.is_current AND s.kind = 'self_evaluation';
COMMENT ON VIEW current_selfeval_submission IS '当前有效的绩效自评报送：每个单位每个年度最新一份自评，及其所属县区（文件本身无法确定时取所对应绩效目标的县区）。';
COMMENT ON COLUMN current_selfeval_submission.submission_key IS 'dim_submission.submission_key.';
COMMENT ON COLUMN current_selfeval_submission.division_code IS 'County of the self-evaluation: the file''s, else (file county unknown) the county of the target submission it is linked to.';
COMMENT ON COLUMN current_selfeval_submission.file_division_code IS 'County as found from the file alone (dim_submission.division_code).';
COMMENT ON COLUMN current_selfeval_submission.unit_key IS 'dim_unit.unit_key of the unit: the file''s, else (file county unknown) that of the targets it is linked to; the unknown unit when neither.';
COMMENT ON COLUMN current_selfeval_submission.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN current_selfeval_submission.unit_name IS 'Unit name as written in the self-evaluation.';
COMMENT ON COLUMN current_selfeval_submission.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN current_selfeval_submission.file_name IS 'The self-evaluation file.';
COMMENT ON COLUMN current_selfeval_submission.received_at IS 'When the file was first seen (UTC).';
COMMENT ON COLUMN current_selfeval_submission.project_count IS 'Projects evaluated in the file.';
COMMENT ON COLUMN current_selfeval_submission.indicator_count IS 'Indicator rows of its projects.';
