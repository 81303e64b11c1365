-- dim_submission: one loaded file's content (a unit's submission for a budget year), current or superseded.
-- grain: one row per submission (distinct file bytes); keys: submission_key = md5('submission', sha256),
-- natural sha256; the submission's identity is (division_code, unit_code, fiscal_year, kind): a re-submission
-- supersedes only that county's unit-year of the same kind (a self-evaluation never supersedes targets). version numbers a unit-year's submissions in load order; exactly one is_current per
-- unit and year (check_ledger_vs_facts). The unknown member has submission_key '000…0'.
CREATE TABLE IF NOT EXISTS dim_submission (
    submission_key      VARCHAR     NOT NULL,
    sha256              VARCHAR     NOT NULL,
    file_name           VARCHAR,
    path                VARCHAR,
    size_bytes          BIGINT,
    division_code       VARCHAR     NOT NULL,
    division_source     VARCHAR,
    county_name         VARCHAR,
    unit_key            VARCHAR     NOT NULL,
    unit_code           VARCHAR,
    unit_name           VARCHAR,
    kind                VARCHAR     NOT NULL DEFAULT 'targets',
    fiscal_year         INTEGER,
    version             INTEGER     NOT NULL,
    is_current          BOOLEAN     NOT NULL,
    superseded_by_key   VARCHAR,
    received_at         TIMESTAMPTZ,
    loaded_at           TIMESTAMPTZ,
    superseded_at       TIMESTAMPTZ,
    project_count       INTEGER     NOT NULL,
    indicator_count     INTEGER     NOT NULL,
    extract_seconds     DOUBLE,
    load_id             VARCHAR     NOT NULL
);
INSERT INTO dim_submission (submission_key, sha256, division_code, unit_key, unit_code, version, is_current,
                            project_count, indicator_count, load_id)
SELECT '00000000000000000000000000000000', 'unknown', 'unknown', '00000000000000000000000000000000', 'unknown',
       0, false, 0, 0, 'schema'
WHERE NOT EXISTS (SELECT 1 FROM dim_submission WHERE submission_key = '00000000000000000000000000000000');
COMMENT ON TABLE dim_submission IS '报送维度：一个已入库文件的内容（某单位某年度的报送），含被替代的历史版本；is_current 标出当前版本。';
COMMENT ON COLUMN dim_submission.submission_key IS 'Surrogate key: md5 of ''submission'' and the sha256; 32 zeros for the unknown member.';
COMMENT ON COLUMN dim_submission.sha256 IS 'Hex sha256 of the file''s bytes (the submission id).';
COMMENT ON COLUMN dim_submission.file_name IS 'Base name of the file when loaded.';
COMMENT ON COLUMN dim_submission.path IS 'Path of the file when loaded.';
COMMENT ON COLUMN dim_submission.size_bytes IS 'File size in bytes.';
COMMENT ON COLUMN dim_submission.unit_key IS 'dim_unit.unit_key of the submitting unit; the unknown unit for a self-evaluation of unknown county (current_selfeval_submission gives the unit of the targets it links to).';
COMMENT ON COLUMN dim_submission.unit_code IS 'Budget unit code (预算单位编码) read from the file.';
COMMENT ON COLUMN dim_submission.unit_name IS 'Unit name as written in this file.';
COMMENT ON COLUMN dim_submission.kind IS 'targets (绩效目标 submission) or self_evaluation (year-end 绩效自评, facts in fct_selfeval_project, fct_selfeval_budget_line, fct_indicator_result).';
COMMENT ON COLUMN dim_submission.fiscal_year IS 'Budget year (预算年度) read from the file.';
COMMENT ON COLUMN dim_submission.version IS '1 for the unit-year''s first loaded submission, 2 for the next, ... (load order, then batch order).';
COMMENT ON COLUMN dim_submission.is_current IS 'True for the latest submission of its county, unit, year and kind; marts and current_ views show only these.';
COMMENT ON COLUMN dim_submission.superseded_by_key IS 'submission_key of the newer submission that replaced this one.';
COMMENT ON COLUMN dim_submission.received_at IS 'When the file was first seen by a load (UTC).';
COMMENT ON COLUMN dim_submission.loaded_at IS 'When the load that added this submission committed (UTC).';
COMMENT ON COLUMN dim_submission.superseded_at IS 'When a newer submission replaced this one (UTC).';
COMMENT ON COLUMN dim_submission.project_count IS 'Projects extracted from the file; equals its fct_project_budget rows.';
COMMENT ON COLUMN dim_submission.indicator_count IS 'Indicator rows extracted from the file; equals its fct_indicator_target rows.';
COMMENT ON COLUMN dim_submission.extract_seconds IS 'Seconds spent extracting the file.';
COMMENT ON COLUMN dim_submission.load_id IS 'Load that added this submission.';
COMMENT ON COLUMN dim_submission.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the submission; ''unknown'' when not found.';
COMMENT ON COLUMN dim_submission.division_source IS 'How the county was found: codes (项目编码 first six digits), path (a 6-digit folder), setting (division), lake (the lake partition), unknown.';
COMMENT ON COLUMN dim_submission.county_name IS 'County name found in the unit or file name (文安县…), else the county_name setting.';
