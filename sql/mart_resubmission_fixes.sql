-- mart_resubmission_fixes: for each current submission that replaced an earlier one of the same
-- unit and year, which findings of the earlier version are gone (fixed), which remain and which
-- are new. Findings are matched by rule, project (编码, else 名称) and 三级指标 name, since rows
-- and projects may move between versions.
-- grain: one row per (current submission, rule, project, indicator name) found in either version;
-- keys: submission_key, previous_submission_key, rule_id, project_match, indicator_match.
CREATE OR REPLACE VIEW mart_resubmission_fixes AS
WITH pairs AS (
    SELECT cur.submission_key, cur.division_code, cur.unit_key, cur.unit_code, cur.unit_name, cur.fiscal_year,
           cur.file_name, prev.submission_key AS previous_submission_key,
           prev.file_name AS previous_file_name
    FROM dim_submission AS cur
    JOIN dim_submission AS prev ON prev.superseded_by_key = cur.submission_key
    WHERE cur.is_current AND cur.kind = 'targets'
),
located AS (
    SELECT f.submission_key, f.rule_id, f.severity, f.message,
           coalesce(nullif(trim(p.project_code), ''), p.project_name, '') AS project_match,
           coalesce(t.indicator_name, '')                                  AS indicator_match,
           p.project_code, p.project_name
    FROM fct_review_finding AS f
    LEFT JOIN fct_project_budget AS b
           ON b.submission_key = f.submission_key AND b.project_seq = f.project_seq
    LEFT JOIN dim_project AS p ON p.project_key = b.project_key
    LEFT JOIN fct_indicator_target AS t
           ON t.submission_key = f.submission_key AND t.project_seq = f.project_seq
          AND t.indicator_seq = f.indicator_seq
    WHERE f.submission_key IN (SELECT submission_key FROM pairs)
       OR f.submission_key IN (SELECT previous_submission_key FROM pairs)
),
before AS (
    SELECT p.submission_key, l.rule_id, l.project_match, l.indicator_match,
           any_value(l.severity) AS severity, any_value(l.message) AS message,
           any_value(l.project_code) AS project_code, any_value(l.project_name) AS project_name
    FROM pairs AS p JOIN located AS l ON l.submission_key = p.previous_submission_key
    GROUP BY ALL
),
after AS (
    SELECT l.submission_key, l.rule_id, l.project_match, l.indicator_match,
           any_value(l.severity) AS severity, any_value(l.message) AS message,
           any_value(l.project_code) AS project_code, any_value(l.project_name) AS project_name
    FROM located AS l
    WHERE l.submission_key IN (SELECT submission_key FROM pairs)
    GROUP BY ALL
),
compared AS (
    SELECT coalesce(a.submission_key, b.submission_key)      AS submission_key,
           coalesce(a.rule_id, b.rule_id)                    AS rule_id,
           coalesce(a.severity, b.severity)                  AS severity,
           coalesce(a.project_match, b.project_match)        AS project_match,
           coalesce(a.indicator_match, b.indicator_match)    AS indicator_match,
           coalesce(a.project_code, b.project_code)          AS project_code,
           coalesce(a.project_name, b.project_name)          AS project_name,
           CASE WHEN a.rule_id IS NULL THEN 'fixed'
                WHEN b.rule_id IS NULL THEN 'new'
                ELSE 'remaining' END                         AS status,
           b.message                                         AS previous_message,
           a.message                                         AS current_message
    FROM before AS b
    FULL JOIN after AS a
           ON a.submission_key = b.submission_key AND a.rule_id = b.rule_id
          AND a.project_match = b.project_match AND a.indicator_match = b.indicator_match
)
SELECT
    p.division_code,
    p.submission_key,
    p.previous_submission_key,
    p.unit_key,
    p.unit_code,
    p.unit_name,
    p.fiscal_year,
    p.file_name,
    p.previous_file_name,
    c.rule_id,
    c.severity,
    c.project_match,
    c.indicator_match,
    c.project_code,
    c.project_name,
    c.status,
    CASE c.status WHEN 'fixed' THEN '已改正' WHEN 'new' THEN '新出现' ELSE '仍存在' END AS status_name,
    c.previous_message,
    c.current_message
FROM compared AS c
JOIN pairs AS p USING (submission_key);
COMMENT ON VIEW mart_resubmission_fixes IS '重新报送整改情况：单位重新报送后，上一版本的审核发现哪些已改正、哪些仍存在、哪些新出现。';
COMMENT ON COLUMN mart_resubmission_fixes.submission_key IS 'dim_submission.submission_key of the current (re-)submission.';
COMMENT ON COLUMN mart_resubmission_fixes.previous_submission_key IS 'submission_key of the version it replaced.';
COMMENT ON COLUMN mart_resubmission_fixes.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_resubmission_fixes.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_resubmission_fixes.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_resubmission_fixes.unit_name IS 'Unit name as written in the current submission.';
COMMENT ON COLUMN mart_resubmission_fixes.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_resubmission_fixes.file_name IS 'File of the current submission.';
COMMENT ON COLUMN mart_resubmission_fixes.previous_file_name IS 'File of the version it replaced.';
COMMENT ON COLUMN mart_resubmission_fixes.rule_id IS 'Review rule of the finding.';
COMMENT ON COLUMN mart_resubmission_fixes.severity IS 'Severity (the current one when the finding remains).';
COMMENT ON COLUMN mart_resubmission_fixes.project_match IS 'How the project is matched across versions: its code, else its name; empty for a unit-level finding.';
COMMENT ON COLUMN mart_resubmission_fixes.indicator_match IS '三级指标 name the finding is on; empty for a project- or unit-level finding.';
COMMENT ON COLUMN mart_resubmission_fixes.project_code IS 'Project code (项目编码).';
COMMENT ON COLUMN mart_resubmission_fixes.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_resubmission_fixes.status IS 'fixed (in the earlier version only), remaining (in both) or new (in the current version only).';
COMMENT ON COLUMN mart_resubmission_fixes.status_name IS 'status in Chinese: 已改正, 仍存在, 新出现.';
COMMENT ON COLUMN mart_resubmission_fixes.previous_message IS 'The finding''s message in the earlier version; null when new.';
COMMENT ON COLUMN mart_resubmission_fixes.current_message IS 'The finding''s message in the current version; null when fixed.';
