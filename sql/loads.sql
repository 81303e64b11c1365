-- loads: every load ever published into this warehouse (dlt-style load table).
-- grain: one row per load; key: load_id. Every fact, dimension and ledger row carries a load_id from here.
CREATE TABLE IF NOT EXISTS loads (
    load_id         VARCHAR     NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NOT NULL,
    schema_version  INTEGER     NOT NULL,
    files_seen      INTEGER     NOT NULL,
    new_files       INTEGER     NOT NULL,
    loaded          INTEGER     NOT NULL,
    rejected        INTEGER     NOT NULL,
    duplicate       INTEGER     NOT NULL,
    superseded      INTEGER     NOT NULL,
    projects        INTEGER     NOT NULL,
    indicators      INTEGER     NOT NULL,
    findings        INTEGER     NOT NULL
);
COMMENT ON TABLE loads IS '加载批次表：每次发布到仓库的加载一行（仿 dlt 的 loads 表）；所有事实、维度和台账行都带 load_id。';
COMMENT ON COLUMN loads.load_id IS 'Load id: UTC timestamp plus random suffix (20261127T210316Z-1a2b3c), sortable by time.';
COMMENT ON COLUMN loads.started_at IS 'When the load began building its copy of the warehouse (UTC).';
COMMENT ON COLUMN loads.finished_at IS 'When the load committed, just before publishing (UTC).';
COMMENT ON COLUMN loads.schema_version IS 'schema_version.version the load ran under.';
COMMENT ON COLUMN loads.files_seen IS 'Files in the batch, every status.';
COMMENT ON COLUMN loads.new_files IS 'Files whose bytes (sha256) the warehouse had never seen before this load.';
COMMENT ON COLUMN loads.loaded IS 'Files loaded as submissions by this load.';
COMMENT ON COLUMN loads.rejected IS 'Files rejected (unreadable, not a submission ...) by this load.';
COMMENT ON COLUMN loads.duplicate IS 'Files whose bytes were already known (earlier load or earlier in the batch): nothing added.';
COMMENT ON COLUMN loads.superseded IS 'Earlier submissions (same unit and fiscal year) that this load superseded.';
COMMENT ON COLUMN loads.projects IS 'fct_project_budget rows this load added.';
COMMENT ON COLUMN loads.indicators IS 'fct_indicator_target rows this load added.';
COMMENT ON COLUMN loads.findings IS 'Current review findings of the submissions this load added, cross-unit ones included (all severities).';
