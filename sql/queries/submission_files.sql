-- submission_files: the file name and time received of some submissions (dim_submission).
-- Parameters: $keys (submission keys).
SELECT submission_key, file_name, received_at
FROM dim_submission
WHERE submission_key IN (SELECT unnest($keys::VARCHAR[]))
ORDER BY submission_key
