-- ingest_inbox: the inbox folder each load read, so `jixiao verify` checks that folder by default.
-- grain: one row per load that recorded its inbox; key: load_id (loads.load_id).
CREATE TABLE IF NOT EXISTS ingest_inbox (
    load_id      VARCHAR     NOT NULL,
    inbox        VARCHAR     NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE ingest_inbox IS '收件夹记录：每次加载读取的收件夹（绝对路径）；jixiao verify 未指定 --inbox 时检查最近一次加载的收件夹。';
COMMENT ON COLUMN ingest_inbox.load_id IS 'The load that read this inbox (loads.load_id).';
COMMENT ON COLUMN ingest_inbox.inbox IS 'Absolute path of the inbox folder the load read; ledger paths lie under it.';
COMMENT ON COLUMN ingest_inbox.recorded_at IS 'When the load recorded it (UTC).';
