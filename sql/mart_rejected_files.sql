-- mart_rejected_files: every file currently rejected (退回文件), with what to tell its unit: the
-- reason in Chinese only (no English gloss, no server path) and what to do. A rejection stops
-- being current when a readable file later arrives at the same path, or when its unit (when
-- known) has a current submission received after it. The ledger's reason, as recorded for the
-- logs, is kept in ledger_reason.
-- grain: one row per (path, sha256) of ingest_ledger with status rejected; keys: path, sha256.
-- unit_code: the one read from the file, else a unit whose code starts or whose name is in the
-- file name.
CREATE OR REPLACE VIEW mart_rejected_files AS
WITH rejected AS (
    SELECT l.*
    FROM ingest_ledger AS l
    WHERE l.status = 'rejected'
      AND NOT EXISTS (SELECT 1 FROM ingest_ledger AS later
                      WHERE later.path = l.path AND later.status <> 'rejected'
                        AND later.first_seen_at > l.first_seen_at)
),
units AS (
    SELECT unit_key, division_code, unit_code, unit_name
    FROM dim_unit WHERE unit_code <> 'unknown' AND unit_name IS NOT NULL
),
guessed AS (
    SELECT r.*,
           (SELECT u.unit_key FROM units AS u
            WHERE (r.unit_code IS NOT NULL AND u.unit_code = r.unit_code)
               OR (r.unit_code IS NULL AND (starts_with(r.file_name, u.unit_code)
                                            OR contains(r.file_name, u.unit_name)))
            ORDER BY starts_with(r.file_name, u.unit_code) DESC, length(u.unit_name) DESC,
                     u.division_code
            LIMIT 1) AS guessed_unit_key
    FROM rejected AS r
),
cleaned AS (
    SELECT g.*,
           trim(regexp_replace(regexp_replace(regexp_replace(coalesce(g.reason, ''),
                 '\s*\([\x00-\x7F]*\)\s*$', ''),                              -- English gloss
                 '(?:[A-Za-z]:)?(?:[\\/][^\s\\/，。；：]+){2,}', '', 'g'),      -- server paths
                 '^[^：\s]+\.(?:docx|docm|doc|wps)[：:]\s*', ''))              -- "<file>: " prefix
               AS clerk_text
    FROM guessed AS g
)
SELECT
    u.division_code,
    c.path,
    c.sha256,
    c.file_name,
    coalesce(u.unit_code, c.unit_code)                                      AS unit_code,
    u.unit_name,
    c.fiscal_year,
    c.first_seen_at                                                         AS received_at,
    c.last_seen_at,
    c.rejection_kind,
    coalesce(nullif(regexp_extract(c.clerk_text, '^(.*?)[；;，,。]?\s*请', 1), ''),
             nullif(c.clerk_text, ''), '文件无法读取')                       AS reason,
    coalesce(nullif(regexp_extract(c.clerk_text, '(请.*)$', 1), ''),
             '请用 Word/WPS 打开文件，另存为 .docx 后重新报送。')            AS what_to_do,
    c.reason                                                                AS ledger_reason
FROM cleaned AS c
LEFT JOIN units AS u ON u.unit_key = c.guessed_unit_key
WHERE NOT EXISTS (SELECT 1 FROM dim_submission AS s
                  WHERE s.is_current AND s.unit_key = c.guessed_unit_key
                    AND s.received_at > c.first_seen_at);
COMMENT ON VIEW mart_rejected_files IS '退回文件清单：当前被拒收的每个文件（文件名、单位（已知时）、收到时间、中文原因和处理办法），发给报送单位。';
COMMENT ON COLUMN mart_rejected_files.path IS 'Path of the file when it was seen (for the bureau; not sent to units).';
COMMENT ON COLUMN mart_rejected_files.sha256 IS 'Hex sha256 of the file''s bytes.';
COMMENT ON COLUMN mart_rejected_files.file_name IS 'Name of the rejected file.';
COMMENT ON COLUMN mart_rejected_files.division_code IS 'County (dim_county.division_code) of the unit when known.';
COMMENT ON COLUMN mart_rejected_files.unit_code IS 'Unit the file came from when known: read from the file, else a unit whose code starts or whose name appears in the file name; null when unknown.';
COMMENT ON COLUMN mart_rejected_files.unit_name IS 'That unit''s name (dim_unit).';
COMMENT ON COLUMN mart_rejected_files.fiscal_year IS 'Budget year read from the file, when it was read.';
COMMENT ON COLUMN mart_rejected_files.received_at IS 'When the file was first seen (UTC).';
COMMENT ON COLUMN mart_rejected_files.last_seen_at IS 'When a load last saw it (UTC).';
COMMENT ON COLUMN mart_rejected_files.rejection_kind IS 'Short stable code of the rejection (empty, not_word, corrupt, encrypted, ...).';
COMMENT ON COLUMN mart_rejected_files.reason IS 'Why it was rejected, in Chinese for the clerk: no English gloss, no server path.';
COMMENT ON COLUMN mart_rejected_files.what_to_do IS 'What the unit should do (请…), in Chinese.';
COMMENT ON COLUMN mart_rejected_files.ledger_reason IS 'The reason as the ledger recorded it for the logs (may carry an English gloss).';
