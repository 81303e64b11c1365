-- fct_review_finding: one problem a review rule found in one submission (审核发现), at the project
-- or indicator row it is about: one row per defect instance. The same defect in twelve rows or in
-- several projects is twelve rows, each at its own project and row; grouping them for a person
-- (workbook, letter, report) is done in reports/ from these rows, never stored.
-- grain: one row per (rule_id, submission_key, project_seq, indicator_seq), project_seq and
-- indicator_seq null only when the finding concerns the whole submission (unit code, the
-- department part), indicator_seq null when it concerns a whole project; keys: finding_key
-- (computed by warehouse.load), rule_key (md5('rule' || chr(31) || rule_id), computed by DuckDB),
-- submission_key, unit_key, project_key (null or the unknown member for a submission-level finding),
-- indicator_key (null unless the finding is about one indicator row).
-- Loaded by warehouse.load from transform.rules.run_rules, BY NAME; cross-unit rules' findings on
-- current submissions are replaced at every load (warehouse.findings.refresh_cross_unit). Holds
-- history: query current_review_finding for the findings of current submissions.
CREATE TABLE IF NOT EXISTS fct_review_finding (
    finding_key     VARCHAR NOT NULL,
    rule_key        VARCHAR GENERATED ALWAYS AS (md5('rule' || chr(31) || rule_id)) VIRTUAL,
    submission_key  VARCHAR NOT NULL,
    unit_key        VARCHAR NOT NULL,
    division_code   VARCHAR NOT NULL,
    project_key     VARCHAR,
    indicator_key   VARCHAR,
    rule_id         VARCHAR NOT NULL,
    severity        VARCHAR NOT NULL,
    fiscal_year     INTEGER,
    unit_code       VARCHAR,
    project_seq     INTEGER,
    indicator_seq   INTEGER,
    message         VARCHAR NOT NULL,
    suggestion      VARCHAR NOT NULL,
    load_id         VARCHAR NOT NULL,
    source_sha256   VARCHAR NOT NULL,
    source_table    INTEGER,
    source_row      INTEGER
);
COMMENT ON TABLE fct_review_finding IS '审核发现事实：某条审核规则在某份报送的某个项目（或某行指标）上发现的问题，含给单位的整改建议。';
COMMENT ON COLUMN fct_review_finding.finding_key IS 'Surrogate key of the finding over its grain (rule, file sha256, project_seq, indicator_seq), computed by warehouse.load.';
COMMENT ON COLUMN fct_review_finding.rule_key IS 'dim_review_rule.rule_key (md5 of ''rule'' and rule_id, computed by DuckDB).';
COMMENT ON COLUMN fct_review_finding.submission_key IS 'dim_submission.submission_key of the submission reviewed.';
COMMENT ON COLUMN fct_review_finding.unit_key IS 'dim_unit.unit_key of the submitting unit.';
COMMENT ON COLUMN fct_review_finding.project_key IS 'dim_project.project_key; null or the unknown member for a finding about the whole submission (e.g. unit_code_format).';
COMMENT ON COLUMN fct_review_finding.indicator_key IS 'fct_indicator_target.indicator_key of the indicator row; null for project- or submission-level findings.';
COMMENT ON COLUMN fct_review_finding.rule_id IS 'Rule id (dim_review_rule.rule_id), e.g. cost_vs_budget.';
COMMENT ON COLUMN fct_review_finding.severity IS 'error (must be fixed before approval), warning (should be improved) or info (advice kept for the bureau, not sent to the unit by default).';
COMMENT ON COLUMN fct_review_finding.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN fct_review_finding.unit_code IS 'Budget unit code of the submission, as written.';
COMMENT ON COLUMN fct_review_finding.project_seq IS '1-based position of the project in the document; null only for a submission-level finding (never for a defect in a project).';
COMMENT ON COLUMN fct_review_finding.indicator_seq IS '1-based row of the project''s indicator table (第N行) the finding is about; null for project- or submission-level findings.';
COMMENT ON COLUMN fct_review_finding.message IS 'The problem in Chinese, naming the project (名称, 编码) and the indicator row (第N行 三级指标).';
COMMENT ON COLUMN fct_review_finding.suggestion IS 'What the unit should change, in Chinese (整改建议).';
COMMENT ON COLUMN fct_review_finding.load_id IS 'Load that added the finding: the load of its submission, or for a cross-unit rule the latest load that recomputed the year.';
COMMENT ON COLUMN fct_review_finding.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_review_finding.source_table IS '0-based index, in document body order, of the table the finding points at (the indicator''s or the project''s table); null for a submission-level finding.';
COMMENT ON COLUMN fct_review_finding.source_row IS '0-based row of that table''s grid for an indicator finding; null otherwise.';
COMMENT ON COLUMN fct_review_finding.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the submission; ''unknown'' when not found.';
