-- rejected_files: every file currently rejected (mart_rejected_files), oldest first: the files sent
-- back. A self-evaluation set aside until the warehouse stores them (transform/admission.py) stays
-- in the mart, but nothing goes back to its unit: no 退回通知, not in 退回文件清单 or the report's 表1.
SELECT *
FROM mart_rejected_files
WHERE rejection_kind IS DISTINCT FROM 'self_evaluation_pending'
ORDER BY received_at, file_name
