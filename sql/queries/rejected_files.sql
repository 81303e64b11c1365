-- rejected_files: every file currently rejected (mart_rejected_files), oldest first.
SELECT *
FROM mart_rejected_files
ORDER BY received_at, file_name
