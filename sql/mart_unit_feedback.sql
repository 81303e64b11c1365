-- mart_unit_feedback: what a clerk sends back to each unit: the current findings of its current
-- submission, with the problem, the suggestion and where it is (项目, 指标行), most serious first.
-- grain: one row per current review finding; keys: finding_key, division_code, unit_key,
-- submission_key (a unit is (division_code, unit_code)).
-- problem is the message without its place (the project's name and code, the row: they have their
-- own columns), so the same problem in several rows reads the same and reports/ can say it once;
-- is_sent says whether `jixiao feedback` sends it by default (errors and warnings; info is advice).
CREATE OR REPLACE VIEW mart_unit_feedback AS
SELECT
    s.division_code,
    f.finding_key,
    s.unit_key,
    s.unit_code,
    s.unit_name,
    s.fiscal_year,
    s.submission_key,
    s.file_name,
    s.received_at,
    f.severity,
    CASE f.severity WHEN 'error' THEN '错误' WHEN 'warning' THEN '警告' ELSE '提示' END AS severity_name,
    CASE f.severity WHEN 'error' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END                AS severity_rank,
    f.rule_id,
    r.description                                                                      AS rule_description,
    f.project_seq,
    p.project_code,
    p.project_name,
    f.indicator_seq,
    t.indicator_name,
    regexp_replace(f.message, '^项目「.*?」（编码 [^）]*）(第[0-9]+行 三级指标「[^」]*」)?[：]?', '')
                                                                                       AS problem,
    f.message,
    f.suggestion,
    f.severity <> 'info'                                                               AS is_sent
FROM current_review_finding AS f
JOIN dim_submission AS s USING (submission_key)
LEFT JOIN dim_review_rule AS r USING (rule_id)
LEFT JOIN fct_project_budget AS b
       ON b.submission_key = f.submission_key AND b.project_seq = f.project_seq
LEFT JOIN dim_project AS p ON p.project_key = b.project_key
LEFT JOIN fct_indicator_target AS t
       ON t.submission_key = f.submission_key AND t.project_seq = f.project_seq
      AND t.indicator_seq = f.indicator_seq;
COMMENT ON VIEW mart_unit_feedback IS '单位审核意见：每个单位当前报送的审核发现（问题、建议、所在项目和指标行），即审核意见表发给单位的内容。';
COMMENT ON COLUMN mart_unit_feedback.finding_key IS 'fct_review_finding.finding_key.';
COMMENT ON COLUMN mart_unit_feedback.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_unit_feedback.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_unit_feedback.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_unit_feedback.unit_name IS 'Unit name as written in the current submission.';
COMMENT ON COLUMN mart_unit_feedback.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_unit_feedback.submission_key IS 'dim_submission.submission_key of the current submission reviewed.';
COMMENT ON COLUMN mart_unit_feedback.file_name IS 'Name of the file reviewed (the current submission).';
COMMENT ON COLUMN mart_unit_feedback.received_at IS 'When that file was first seen (UTC).';
COMMENT ON COLUMN mart_unit_feedback.severity IS 'error, warning or info.';
COMMENT ON COLUMN mart_unit_feedback.severity_name IS '严重程度 in Chinese: 错误 (must be fixed), 警告 (should be improved), 提示 (advice).';
COMMENT ON COLUMN mart_unit_feedback.severity_rank IS '1 error, 2 warning, 3 info: sort by it to put the most serious first.';
COMMENT ON COLUMN mart_unit_feedback.rule_id IS 'Review rule (dim_review_rule.rule_id).';
COMMENT ON COLUMN mart_unit_feedback.rule_description IS 'What the rule checks (审核要点).';
COMMENT ON COLUMN mart_unit_feedback.project_seq IS '1-based position of the project in the file; null for a unit-level finding.';
COMMENT ON COLUMN mart_unit_feedback.project_code IS 'Project code (项目编码) as written.';
COMMENT ON COLUMN mart_unit_feedback.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_unit_feedback.indicator_seq IS 'Indicator row (第N行) the finding is about; null for a project- or unit-level finding.';
COMMENT ON COLUMN mart_unit_feedback.indicator_name IS '三级指标 of that row.';
COMMENT ON COLUMN mart_unit_feedback.problem IS 'The problem in Chinese without its place (project name and code, 第N行 三级指标): the same defect in several rows reads the same.';
COMMENT ON COLUMN mart_unit_feedback.message IS 'The full message, naming the project (名称, 编码) and the rows.';
COMMENT ON COLUMN mart_unit_feedback.suggestion IS 'What the unit should change (整改建议).';
COMMENT ON COLUMN mart_unit_feedback.is_sent IS 'True for errors and warnings, which jixiao feedback sends by default; info findings only with --severity info.';
