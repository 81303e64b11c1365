-- fct_spending_plan: a project's spending plan (资金支出计划): cumulative share spent by each checkpoint.
-- grain: one row per (submission_key, project_seq, checkpoint_seq); keys: submission_key, project_key, unit_key.
CREATE TABLE IF NOT EXISTS fct_spending_plan (
    submission_key       VARCHAR NOT NULL,
    project_seq          INTEGER NOT NULL,
    checkpoint_seq       INTEGER NOT NULL,
    project_key          VARCHAR NOT NULL,
    unit_key             VARCHAR NOT NULL,
    division_code        VARCHAR NOT NULL,
    fiscal_year          INTEGER,
    checkpoint           VARCHAR,
    month                INTEGER,
    cumulative_pct       DOUBLE,
    implied_amount_yuan  DOUBLE,
    load_id              VARCHAR NOT NULL,
    source_sha256        VARCHAR NOT NULL,
    source_table         INTEGER
);
COMMENT ON TABLE fct_spending_plan IS '资金支出计划事实：项目 × 时间节点（3月底、6月底…）的累计支出比例及折算金额。';
COMMENT ON COLUMN fct_spending_plan.submission_key IS 'dim_submission.submission_key.';
COMMENT ON COLUMN fct_spending_plan.project_seq IS '1-based position of the project in the document.';
COMMENT ON COLUMN fct_spending_plan.checkpoint_seq IS '1-based position of the checkpoint in the plan.';
COMMENT ON COLUMN fct_spending_plan.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN fct_spending_plan.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_spending_plan.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN fct_spending_plan.checkpoint IS 'Checkpoint as written, e.g. 6月底.';
COMMENT ON COLUMN fct_spending_plan.month IS 'Month of the checkpoint, 1-12.';
COMMENT ON COLUMN fct_spending_plan.cumulative_pct IS 'Cumulative share of the budget to be spent by the checkpoint, percent (25% -> 25.0).';
COMMENT ON COLUMN fct_spending_plan.implied_amount_yuan IS 'budget_total_yuan x cumulative_pct / 100, rounded to the fen.';
COMMENT ON COLUMN fct_spending_plan.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_spending_plan.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_spending_plan.source_table IS '0-based index of the table holding the project''s header (and its plan).';
COMMENT ON COLUMN fct_spending_plan.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the submission; ''unknown'' when not found.';
