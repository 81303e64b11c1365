-- ingest_ledger: every file ever seen, by path and content, with what became of it.
-- grain: one row per (path, sha256); keys: path, sha256. Seeing the same bytes at the same path
-- again updates last_seen_at / last_load_id / times_seen only, so re-running an inbox adds no rows.
CREATE TABLE IF NOT EXISTS ingest_ledger (
    path                  VARCHAR     NOT NULL,
    sha256                VARCHAR     NOT NULL,
    file_name             VARCHAR     NOT NULL,
    size_bytes            BIGINT,
    status                VARCHAR     NOT NULL,
    rejection_kind        VARCHAR,
    reason                VARCHAR,
    division_code         VARCHAR,
    unit_code             VARCHAR,
    fiscal_year           INTEGER,
    submission_key        VARCHAR,
    superseded_by_sha256  VARCHAR,
    times_seen            INTEGER     NOT NULL,
    first_seen_at         TIMESTAMPTZ NOT NULL,
    last_seen_at          TIMESTAMPTZ NOT NULL,
    status_changed_at     TIMESTAMPTZ NOT NULL,
    load_id               VARCHAR     NOT NULL,
    last_load_id          VARCHAR     NOT NULL
);
COMMENT ON TABLE ingest_ledger IS '文件台账：见过的每个文件（路径+内容）及其去向：loaded 已入库 / rejected 拒收 / duplicate 重复 / superseded 已被新版本替代 / withdrawn 已撤回。';
COMMENT ON COLUMN ingest_ledger.path IS 'Path of the file when it was seen, as given to the load.';
COMMENT ON COLUMN ingest_ledger.sha256 IS 'Hex sha256 of the file''s bytes (the submission id when loaded).';
COMMENT ON COLUMN ingest_ledger.file_name IS 'Base name of the file.';
COMMENT ON COLUMN ingest_ledger.size_bytes IS 'File size in bytes.';
COMMENT ON COLUMN ingest_ledger.status IS 'loaded (its submission is current), superseded (a newer file for the same unit and year replaced it; its rows stay as history), rejected (could not be read; see reason), duplicate (same bytes already seen; nothing added), withdrawn (its submission was withdrawn on request, jixiao withdraw: who and why in ingest_withdrawal; its rows stay as history).';
COMMENT ON COLUMN ingest_ledger.rejection_kind IS 'Short stable code of a rejection (empty, not_word, corrupt, encrypted, ...); null otherwise.';
COMMENT ON COLUMN ingest_ledger.reason IS 'Why the file was rejected or withdrawn, or which file it duplicates or what superseded it, in words a finance clerk can act on.';
COMMENT ON COLUMN ingest_ledger.unit_code IS 'Budget unit code (预算单位编码) read from the file, when it was read.';
COMMENT ON COLUMN ingest_ledger.fiscal_year IS 'Budget year read from the file, when it was read.';
COMMENT ON COLUMN ingest_ledger.submission_key IS 'dim_submission.submission_key of the file''s content when loaded or superseded; null otherwise.';
COMMENT ON COLUMN ingest_ledger.superseded_by_sha256 IS 'sha256 of the newer file that superseded this one (status superseded).';
COMMENT ON COLUMN ingest_ledger.times_seen IS 'How many loads saw this path with these bytes.';
COMMENT ON COLUMN ingest_ledger.first_seen_at IS 'When a load first saw this path with these bytes (UTC).';
COMMENT ON COLUMN ingest_ledger.last_seen_at IS 'When a load last saw this path with these bytes (UTC).';
COMMENT ON COLUMN ingest_ledger.status_changed_at IS 'When status last changed (loaded -> superseded or withdrawn) (UTC).';
COMMENT ON COLUMN ingest_ledger.load_id IS 'Load that first saw this path with these bytes (loads.load_id).';
COMMENT ON COLUMN ingest_ledger.last_load_id IS 'Load that last saw this path with these bytes, or last changed its status.';
COMMENT ON COLUMN ingest_ledger.division_code IS 'County (6-digit 行政区划 code) of a loaded or superseded file; null for rejected and duplicate files.';
