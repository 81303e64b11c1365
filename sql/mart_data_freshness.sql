-- mart_data_freshness: what the warehouse holds and since when ("data as of" for dashboards).
-- grain: exactly one row; no keys. A reader sees these values change only when it opens a new
-- connection after a load was published (docs/bi.md).
CREATE OR REPLACE VIEW mart_data_freshness AS
WITH last_load AS (
    SELECT load_id, started_at, finished_at, loaded, rejected
    FROM loads
    ORDER BY finished_at DESC, load_id DESC
    LIMIT 1
),
counts AS (
    SELECT
        (SELECT count(*) FROM loads)::INTEGER                                                        AS loads,
        (SELECT count(*) FROM dim_submission WHERE is_current AND kind = 'targets')::INTEGER                              AS current_submissions,
        (SELECT count(DISTINCT unit_key) FROM dim_submission WHERE is_current AND kind = 'targets')::INTEGER              AS current_units,
        (SELECT max(fiscal_year) FROM dim_submission WHERE is_current AND kind = 'targets')                               AS latest_fiscal_year,
        (SELECT count(*) FROM ingest_ledger WHERE status = 'rejected')::INTEGER                      AS files_rejected
)
SELECT
    l.load_id                                  AS last_load_id,
    l.started_at                               AS last_load_started_at,
    l.finished_at                              AS last_load_finished_at,
    -- Shanghai is UTC+8 all year; plain arithmetic keeps the view free of time-zone extensions.
    CAST(make_timestamp(epoch_us(l.finished_at) + 28800000000) AS DATE) AS data_as_of_date,
    c.loads,
    c.current_submissions,
    c.current_units,
    c.latest_fiscal_year,
    c.files_rejected,
    l.loaded                                   AS last_load_loaded,
    l.rejected                                 AS last_load_rejected
FROM counts AS c
LEFT JOIN last_load AS l ON true;
COMMENT ON VIEW mart_data_freshness IS '数据时效：仓库最近一次加载（批次号、完成时间）、当前有效报送数和拒收文件数，一行，供看板显示“数据截至”。';
COMMENT ON COLUMN mart_data_freshness.last_load_id IS 'loads.load_id of the latest published load; null before the first load.';
COMMENT ON COLUMN mart_data_freshness.last_load_started_at IS 'When that load began (UTC).';
COMMENT ON COLUMN mart_data_freshness.last_load_finished_at IS 'When that load committed, just before publishing (UTC).';
COMMENT ON COLUMN mart_data_freshness.data_as_of_date IS 'The day (Asia/Shanghai) the latest load finished: the "data as of" date.';
COMMENT ON COLUMN mart_data_freshness.loads IS 'Loads ever published into this warehouse.';
COMMENT ON COLUMN mart_data_freshness.current_submissions IS 'Current target submissions (one per unit and budget year; self-evaluations not counted).';
COMMENT ON COLUMN mart_data_freshness.current_units IS 'Units with a current target submission.';
COMMENT ON COLUMN mart_data_freshness.latest_fiscal_year IS 'Latest budget year with a current target submission.';
COMMENT ON COLUMN mart_data_freshness.files_rejected IS 'Files in the ledger with status rejected (every load).';
COMMENT ON COLUMN mart_data_freshness.last_load_loaded IS 'Files the latest load loaded as submissions.';
COMMENT ON COLUMN mart_data_freshness.last_load_rejected IS 'Files the latest load rejected.';
