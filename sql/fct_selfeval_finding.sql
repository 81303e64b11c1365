-- fct_selfeval_finding: one problem the 自评复核 rules found in a self-evaluation, with both values.
-- grain: one row per finding_key = md5('selfeval_finding', rule_id, submission_key, project_seq, indicator_seq,
-- target_submission_key, target_project_seq, target_indicator_seq) (nulls as ''): one per defect instance (an
-- indicator row, a project's money or score, a target row or project left out). keys: submission_key (the
-- self-evaluation), unit_key. The current self-evaluations' findings are recomputed at every load for the
-- years it touches (warehouse/selfeval.py); superseded self-evaluations keep theirs as history.
CREATE TABLE IF NOT EXISTS fct_selfeval_finding (
    finding_key            VARCHAR NOT NULL,
    rule_id                VARCHAR NOT NULL,
    severity               VARCHAR NOT NULL,
    submission_key         VARCHAR NOT NULL,
    unit_key               VARCHAR NOT NULL,
    division_code          VARCHAR NOT NULL,
    fiscal_year            INTEGER,
    project_seq            INTEGER,
    indicator_seq          INTEGER,
    target_submission_key  VARCHAR,
    target_project_seq     INTEGER,
    target_indicator_seq   INTEGER,
    project_code           VARCHAR,
    project_name           VARCHAR,
    indicator_name         VARCHAR,
    row_label              VARCHAR,
    stated_value           VARCHAR,
    expected_value         VARCHAR,
    message                VARCHAR NOT NULL,
    suggestion             VARCHAR,
    load_id                VARCHAR NOT NULL
);
COMMENT ON TABLE fct_selfeval_finding IS '自评复核发现：复核规则在一份绩效自评中发现的一个问题，注明项目、行次、填报值与应有值。';
COMMENT ON COLUMN fct_selfeval_finding.finding_key IS 'Surrogate key over the grain (rule, self-evaluation, project, row, target row).';
COMMENT ON COLUMN fct_selfeval_finding.rule_id IS 'dim_selfeval_rule.rule_id.';
COMMENT ON COLUMN fct_selfeval_finding.severity IS 'error, warning or info.';
COMMENT ON COLUMN fct_selfeval_finding.submission_key IS 'dim_submission.submission_key of the self-evaluation.';
COMMENT ON COLUMN fct_selfeval_finding.unit_key IS 'dim_unit.unit_key: the unit of the targets the self-evaluation is linked to, else its own (the unknown unit when its county is unknown).';
COMMENT ON COLUMN fct_selfeval_finding.division_code IS 'County (6-digit 行政区划 code): the file''s, else that of the targets it is linked to; ''unknown'' when neither.';
COMMENT ON COLUMN fct_selfeval_finding.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN fct_selfeval_finding.project_seq IS 'Project position in the self-evaluation (0: department part); null for a target project left out.';
COMMENT ON COLUMN fct_selfeval_finding.indicator_seq IS 'Row position in the self-evaluated project; null for a project-level finding or a target row left out.';
COMMENT ON COLUMN fct_selfeval_finding.target_submission_key IS 'The target submission of a linked or left-out row or project.';
COMMENT ON COLUMN fct_selfeval_finding.target_project_seq IS 'Project position in the target submission.';
COMMENT ON COLUMN fct_selfeval_finding.target_indicator_seq IS 'Row position in the target project.';
COMMENT ON COLUMN fct_selfeval_finding.project_code IS '项目编码.';
COMMENT ON COLUMN fct_selfeval_finding.project_name IS '项目名称.';
COMMENT ON COLUMN fct_selfeval_finding.indicator_name IS '三级指标 of the row; null for a project-level finding.';
COMMENT ON COLUMN fct_selfeval_finding.row_label IS 'Where, in words: 第3行 三级指标「…」, 预算执行率, 总分, 年初目标第5行 ….';
COMMENT ON COLUMN fct_selfeval_finding.stated_value IS 'What the unit wrote (得分, 执行率, 总分, restated target ...).';
COMMENT ON COLUMN fct_selfeval_finding.expected_value IS 'What the form''s numbers or the start-of-year target give.';
COMMENT ON COLUMN fct_selfeval_finding.message IS 'The finding in Chinese, naming the project and row.';
COMMENT ON COLUMN fct_selfeval_finding.suggestion IS 'What to correct, in Chinese.';
COMMENT ON COLUMN fct_selfeval_finding.load_id IS 'Load that found it.';
