-- fct_project_budget: the budget of one project in one submission (项目预算数).
-- grain: one row per (submission_key, project_seq); keys: submission_key, project_key, unit_key.
CREATE TABLE IF NOT EXISTS fct_project_budget (
    submission_key      VARCHAR NOT NULL,
    project_seq         INTEGER NOT NULL,
    project_key         VARCHAR NOT NULL,
    unit_key            VARCHAR NOT NULL,
    division_code       VARCHAR NOT NULL,
    fiscal_year         INTEGER,
    budget_total_yuan   DOUBLE,
    budget_fiscal_yuan  DOUBLE,
    budget_other_yuan   DOUBLE,
    indicator_count     INTEGER NOT NULL,
    taxonomy_version    VARCHAR NOT NULL,
    load_id             VARCHAR NOT NULL,
    source_sha256       VARCHAR NOT NULL,
    source_table        INTEGER
);
COMMENT ON TABLE fct_project_budget IS '项目预算事实：一次报送中一个项目的预算数、财政资金、其他资金（元）。';
COMMENT ON COLUMN fct_project_budget.submission_key IS 'dim_submission.submission_key of the file the project comes from.';
COMMENT ON COLUMN fct_project_budget.project_seq IS '1-based position of the project''s 绩效目标表 in the document.';
COMMENT ON COLUMN fct_project_budget.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN fct_project_budget.unit_key IS 'dim_unit.unit_key of the submitting unit.';
COMMENT ON COLUMN fct_project_budget.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN fct_project_budget.budget_total_yuan IS '预算数 in yuan (万元 converted).';
COMMENT ON COLUMN fct_project_budget.budget_fiscal_yuan IS '其中：财政资金 (财政拨款) in yuan.';
COMMENT ON COLUMN fct_project_budget.budget_other_yuan IS '其他资金 in yuan (all non-fiscal money); null when blank.';
COMMENT ON COLUMN fct_project_budget.indicator_count IS 'Indicator rows of the project (its fct_indicator_target rows).';
COMMENT ON COLUMN fct_project_budget.taxonomy_version IS 'pre2021 or 2021: the indicator taxonomy the project''s table follows.';
COMMENT ON COLUMN fct_project_budget.load_id IS 'Load that added the row (loads.load_id).';
COMMENT ON COLUMN fct_project_budget.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_project_budget.source_table IS '0-based index, in document body order, of the table holding the project''s header.';
COMMENT ON COLUMN fct_project_budget.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the submission; ''unknown'' when not found.';
