-- mart_selfeval_audit: the 自评复核 findings of current self-evaluations, one row per finding, with both values.
-- grain: one row per finding_key of a current self-evaluation (current_selfeval_finding); keys: finding_key,
-- division_code, unit_code, project_code, rule_id. stated_value is what the unit wrote, expected_value what the
-- form's own numbers or the start-of-year target give. is_sent: errors and warnings (info is advice).
CREATE OR REPLACE VIEW mart_selfeval_audit AS
SELECT
    s.division_code,
    s.unit_code,
    s.unit_name,
    left(s.unit_code, 3)                                                                AS department_code,
    f.fiscal_year,
    make_date(f.fiscal_year, 1, 1)                                                      AS fiscal_year_start,
    coalesce(pl.project_code, f.project_code)                                           AS project_code,
    coalesce(pl.project_name, f.project_name)                                           AS project_name,
    f.rule_id,
    r.description                                                                       AS rule_description,
    f.severity,
    CASE f.severity WHEN 'error' THEN '错误' WHEN 'warning' THEN '警告' ELSE '提示' END AS severity_name,
    CASE f.severity WHEN 'error' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END                AS severity_rank,
    f.project_seq,
    f.indicator_seq,
    f.target_indicator_seq,
    f.indicator_name,
    trim(f.row_label)                                                                   AS row_label,
    f.stated_value,
    f.expected_value,
    f.message,
    f.suggestion,
    f.severity IN ('error', 'warning')                                                  AS is_sent,
    f.finding_key,
    f.submission_key,
    s.file_name
FROM current_selfeval_finding AS f
JOIN current_selfeval_submission AS s USING (submission_key)
LEFT JOIN dim_selfeval_rule AS r USING (rule_id)
LEFT JOIN fct_selfeval_project_link AS pl
       ON pl.selfeval_submission_key = f.submission_key AND pl.selfeval_project_seq = f.project_seq;
COMMENT ON VIEW mart_selfeval_audit IS '自评复核发现：当前绩效自评中复核规则发现的每个问题：项目、行次、规则、填报值与应有值。';
COMMENT ON COLUMN mart_selfeval_audit.division_code IS 'County (6-digit 行政区划 code): the file''s, else that of the targets it is linked to.';
COMMENT ON COLUMN mart_selfeval_audit.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_selfeval_audit.unit_name IS 'Unit name as written in the self-evaluation.';
COMMENT ON COLUMN mart_selfeval_audit.department_code IS 'Department: the first three digits of the unit code.';
COMMENT ON COLUMN mart_selfeval_audit.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN mart_selfeval_audit.fiscal_year_start IS 'January 1 of the budget year, for BI time filters.';
COMMENT ON COLUMN mart_selfeval_audit.project_code IS '项目编码: the linked target project''s (a national self-evaluation form has none), else as written.';
COMMENT ON COLUMN mart_selfeval_audit.project_name IS '项目名称: the linked target project''s, else as written.';
COMMENT ON COLUMN mart_selfeval_audit.rule_id IS 'dim_selfeval_rule.rule_id.';
COMMENT ON COLUMN mart_selfeval_audit.rule_description IS 'What the rule checks (复核要点).';
COMMENT ON COLUMN mart_selfeval_audit.severity IS 'error, warning or info.';
COMMENT ON COLUMN mart_selfeval_audit.severity_name IS '错误, 警告 or 提示.';
COMMENT ON COLUMN mart_selfeval_audit.severity_rank IS '1 error, 2 warning, 3 info.';
COMMENT ON COLUMN mart_selfeval_audit.project_seq IS 'Project position in the self-evaluation; null for a target project left out.';
COMMENT ON COLUMN mart_selfeval_audit.indicator_seq IS 'Row of the self-evaluated project; null for a project-level finding or a target row left out.';
COMMENT ON COLUMN mart_selfeval_audit.target_indicator_seq IS 'Row of the target project (for a row left out or restated).';
COMMENT ON COLUMN mart_selfeval_audit.indicator_name IS '三级指标 of the row.';
COMMENT ON COLUMN mart_selfeval_audit.row_label IS 'Where, in words (第3行 三级指标「…」, 预算执行率, 总分, 年初目标第5行 …).';
COMMENT ON COLUMN mart_selfeval_audit.stated_value IS 'What the unit wrote.';
COMMENT ON COLUMN mart_selfeval_audit.expected_value IS 'What the numbers or the start-of-year target give.';
COMMENT ON COLUMN mart_selfeval_audit.message IS 'The finding in Chinese.';
COMMENT ON COLUMN mart_selfeval_audit.suggestion IS 'What to correct, in Chinese.';
COMMENT ON COLUMN mart_selfeval_audit.is_sent IS 'True for errors and warnings, which the feedback sends by default.';
COMMENT ON COLUMN mart_selfeval_audit.finding_key IS 'fct_selfeval_finding.finding_key.';
COMMENT ON COLUMN mart_selfeval_audit.submission_key IS 'dim_submission.submission_key of the self-evaluation.';
COMMENT ON COLUMN mart_selfeval_audit.file_name IS 'The self-evaluation file.';
