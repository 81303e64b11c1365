-- report_submissions: files received for the year: current submissions, versions loaded,
-- re-submissions, and first versions received by $deadline (the county's date in $timezone; NULL
-- when no deadline is set) (dim_submission). Parameters: $year, $division (or NULL), $deadline (or
-- NULL), $timezone (an IANA name, the setting `timezone`).
SELECT count(*) FILTER (WHERE is_current)::INTEGER                   AS current,
       count(*)::INTEGER                                             AS loaded_versions,
       count(*) FILTER (WHERE version > 1 AND is_current)::INTEGER   AS resubmitted,
       CASE WHEN $deadline::DATE IS NOT NULL THEN
            count(*) FILTER (WHERE version = 1
                             AND (received_at AT TIME ZONE $timezone)::DATE <= $deadline::DATE)
       END::INTEGER                                                  AS on_time,
       $deadline::DATE                                               AS deadline
FROM dim_submission
WHERE fiscal_year = $year
  AND submission_key <> '00000000000000000000000000000000'
  AND ($division IS NULL OR division_code = $division)
