-- fct_selfeval_budget_line: one money line (年度资金总额, 财政拨款, 上年结转, 其他资金 …) of an evaluated project.
-- grain: one row per (submission_key, project_seq, line_seq); keys: evaluation_key (fct_selfeval_project), submission_key, unit_key.
CREATE TABLE IF NOT EXISTS fct_selfeval_budget_line (
    evaluation_key      VARCHAR NOT NULL,
    submission_key      VARCHAR NOT NULL,
    project_seq         INTEGER NOT NULL,
    line_seq            INTEGER NOT NULL,
    unit_key            VARCHAR NOT NULL,
    division_code       VARCHAR NOT NULL,
    fiscal_year         INTEGER,
    line                VARCHAR NOT NULL,
    label               VARCHAR,
    initial_yuan        DOUBLE,
    full_year_yuan      DOUBLE,
    spent_yuan          DOUBLE,
    execution_rate_pct  DOUBLE,
    load_id             VARCHAR NOT NULL,
    source_sha256       VARCHAR NOT NULL,
    source_table        INTEGER
);
COMMENT ON TABLE fct_selfeval_budget_line IS '自评资金事实：自评表“项目资金”中的一行（年度资金总额、财政拨款、上年结转、其他资金等）：年初预算数、全年预算数、全年执行数。';
COMMENT ON COLUMN fct_selfeval_budget_line.evaluation_key IS 'fct_selfeval_project.evaluation_key.';
COMMENT ON COLUMN fct_selfeval_budget_line.submission_key IS 'dim_submission.submission_key of the self-evaluation.';
COMMENT ON COLUMN fct_selfeval_budget_line.project_seq IS 'Position of the project in the document; 0 for the department part.';
COMMENT ON COLUMN fct_selfeval_budget_line.line_seq IS '1-based position of the line in the money block.';
COMMENT ON COLUMN fct_selfeval_budget_line.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_selfeval_budget_line.division_code IS 'County (6-digit 行政区划 code) of the submission.';
COMMENT ON COLUMN fct_selfeval_budget_line.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN fct_selfeval_budget_line.line IS 'total (年度资金总额), fiscal (财政拨款), carryover (上年结转), other (any other source).';
COMMENT ON COLUMN fct_selfeval_budget_line.label IS 'The line''s label as written.';
COMMENT ON COLUMN fct_selfeval_budget_line.initial_yuan IS '年初预算数, yuan.';
COMMENT ON COLUMN fct_selfeval_budget_line.full_year_yuan IS '全年预算数 / 调整后预算数, yuan.';
COMMENT ON COLUMN fct_selfeval_budget_line.spent_yuan IS '全年执行数 / 预算执行数, yuan.';
COMMENT ON COLUMN fct_selfeval_budget_line.execution_rate_pct IS 'spent_yuan / full_year_yuan (else initial_yuan) x 100, two decimals.';
COMMENT ON COLUMN fct_selfeval_budget_line.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_selfeval_budget_line.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_selfeval_budget_line.source_table IS '0-based index of the table holding the money block.';
