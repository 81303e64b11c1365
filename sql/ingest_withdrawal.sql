-- ingest_withdrawal: every submission withdrawn on request (撤回报送), with who asked, why and when.
-- grain: one row per withdrawal; key: load_id (each withdrawal is published as its own load), natural
-- sha256. The withdrawn submission keeps its dim_submission row (is_current false), its facts and its
-- findings as history; its ledger rows say status withdrawn. `jixiao withdraw` writes it.
CREATE TABLE IF NOT EXISTS ingest_withdrawal (
    submission_key  VARCHAR     NOT NULL,
    sha256          VARCHAR     NOT NULL,
    path            VARCHAR,
    division_code   VARCHAR     NOT NULL,
    unit_code       VARCHAR,
    fiscal_year     INTEGER,
    withdrawn_by    VARCHAR     NOT NULL,
    reason          VARCHAR     NOT NULL,
    withdrawn_at    TIMESTAMPTZ NOT NULL,
    load_id         VARCHAR     NOT NULL
);
COMMENT ON TABLE ingest_withdrawal IS '撤回记录：应单位或财政局要求撤回的报送，谁撤回、为何、何时；被撤回的报送作为历史保留。';
COMMENT ON COLUMN ingest_withdrawal.submission_key IS 'dim_submission.submission_key of the withdrawn submission.';
COMMENT ON COLUMN ingest_withdrawal.sha256 IS 'Hex sha256 of the withdrawn file''s bytes.';
COMMENT ON COLUMN ingest_withdrawal.path IS 'Path of the file when it was loaded.';
COMMENT ON COLUMN ingest_withdrawal.division_code IS 'County (6-digit 行政区划 code) of the submission.';
COMMENT ON COLUMN ingest_withdrawal.unit_code IS 'Budget unit code (预算单位编码) of the submission.';
COMMENT ON COLUMN ingest_withdrawal.fiscal_year IS 'Budget year (预算年度) of the submission.';
COMMENT ON COLUMN ingest_withdrawal.withdrawn_by IS 'Who withdrew it (jixiao withdraw --by, default the operating-system user).';
COMMENT ON COLUMN ingest_withdrawal.reason IS 'Why it was withdrawn, as given (jixiao withdraw --reason).';
COMMENT ON COLUMN ingest_withdrawal.withdrawn_at IS 'When the withdrawal was published (UTC).';
COMMENT ON COLUMN ingest_withdrawal.load_id IS 'loads.load_id of the withdrawal (<timestamp>-<suffix>-withdraw).';
