-- schema_version: the warehouse schema versions applied to this file, oldest first.
-- grain: one row per (version, sql_digest) applied; keys: version, sql_digest.
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER     NOT NULL,
    sql_digest  VARCHAR     NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE schema_version IS '仓库结构版本记录：每次应用新的 sql/ 定义时追加一行（jixiao 的 SCHEMA_VERSION 与 sql/*.sql 内容摘要）。';
COMMENT ON COLUMN schema_version.version IS 'Schema version number (warehouse.schema.SCHEMA_VERSION) the code applied.';
COMMENT ON COLUMN schema_version.sql_digest IS 'sha256 of every sql/*.sql file that defines an object, in apply order: shows which definitions built this file.';
COMMENT ON COLUMN schema_version.applied_at IS 'When this version was first applied (UTC).';
