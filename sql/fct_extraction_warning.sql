-- fct_extraction_warning: one thing the extractor could not read with confidence in a loaded file
-- (a column or label not understood, text placed nowhere, an indicator row without a name or target,
-- a project without a budget, unreadable money): the file's `warnings` of the extraction contract.
-- grain: one row per (submission_key, warning_seq); keys: submission_key, unit_key.
CREATE TABLE IF NOT EXISTS fct_extraction_warning (
    submission_key  VARCHAR NOT NULL,
    warning_seq     INTEGER NOT NULL,
    unit_key        VARCHAR NOT NULL,
    division_code   VARCHAR NOT NULL,
    fiscal_year     INTEGER,
    kind            VARCHAR NOT NULL,
    location        VARCHAR,
    message         VARCHAR,
    load_id         VARCHAR NOT NULL,
    source_sha256   VARCHAR NOT NULL
);
COMMENT ON TABLE fct_extraction_warning IS '提取提醒事实：入库文件中未能确定读懂的内容（未识别的列或标签、未归位的文字、缺名称或指标值的指标行、无预算的项目、无法识别的金额）。';
COMMENT ON COLUMN fct_extraction_warning.submission_key IS 'dim_submission.submission_key.';
COMMENT ON COLUMN fct_extraction_warning.warning_seq IS '1, 2 ... in the order the extractor noted them (document order).';
COMMENT ON COLUMN fct_extraction_warning.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_extraction_warning.division_code IS 'County (行政区划) code of the submission (dim_county.division_code).';
COMMENT ON COLUMN fct_extraction_warning.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN fct_extraction_warning.kind IS 'column_unknown, text_unplaced, table_unknown, indicator_no_name, indicator_no_target, project_no_budget, money_unreadable, money_part_unknown.';
COMMENT ON COLUMN fct_extraction_warning.location IS 'Where in the file, in words (项目“…” 表2第5行).';
COMMENT ON COLUMN fct_extraction_warning.message IS 'What was not understood and what to check, for the unit.';
COMMENT ON COLUMN fct_extraction_warning.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_extraction_warning.source_sha256 IS 'sha256 of the source file.';
