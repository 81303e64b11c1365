-- mart_extraction_warnings: what the extractor was unsure of in the current submissions (提取提醒),
-- with the unit and the file, for an operator checking new templates and for the unit's feedback.
-- grain: one row per (submission_key, warning_seq) of current submissions; keys: submission_key, warning_seq.
CREATE OR REPLACE VIEW mart_extraction_warnings AS
SELECT
    s.division_code,
    s.unit_code,
    s.unit_name,
    w.fiscal_year,
    s.file_name,
    w.warning_seq,
    w.kind,
    w.location,
    w.message,
    w.submission_key,
    w.load_id
FROM fct_extraction_warning AS w
JOIN dim_submission AS s USING (submission_key)
WHERE s.is_current;
COMMENT ON VIEW mart_extraction_warnings IS '提取提醒：当前有效报送中提取时未能确定读懂的内容，按单位、文件列出，供核对新模板和反馈单位。';
COMMENT ON COLUMN mart_extraction_warnings.division_code IS 'County (行政区划) code (dim_county.division_code).';
COMMENT ON COLUMN mart_extraction_warnings.unit_code IS 'Budget unit code (dim_submission.unit_code).';
COMMENT ON COLUMN mart_extraction_warnings.unit_name IS 'Unit name as written in the file.';
COMMENT ON COLUMN mart_extraction_warnings.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN mart_extraction_warnings.file_name IS 'Base name of the file.';
COMMENT ON COLUMN mart_extraction_warnings.warning_seq IS 'Order of the warning in the file.';
COMMENT ON COLUMN mart_extraction_warnings.kind IS 'Kind of warning (fct_extraction_warning.kind).';
COMMENT ON COLUMN mart_extraction_warnings.location IS 'Where in the file.';
COMMENT ON COLUMN mart_extraction_warnings.message IS 'What to check, in Chinese.';
COMMENT ON COLUMN mart_extraction_warnings.submission_key IS 'dim_submission.submission_key.';
COMMENT ON COLUMN mart_extraction_warnings.load_id IS 'Load that added the warning.';
