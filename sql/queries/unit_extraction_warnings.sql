-- unit_extraction_warnings: what the extractor could not read with confidence in some submissions
-- (mart_extraction_warnings). Parameters: $keys (submission keys).
SELECT submission_key, file_name, location, message, kind
FROM mart_extraction_warnings
WHERE submission_key IN (SELECT unnest($keys::VARCHAR[]))
ORDER BY submission_key, warning_seq
