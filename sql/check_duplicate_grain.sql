-- check_duplicate_grain: more than one row for one grain (the key named in each table's header comment),
-- for every fact and dimension (tests/test_grain.py fails when a dim_ or fct_ object is missing here).
-- Must return zero rows. Columns: problem, subject (table: key), rows.
WITH dupes AS (
    SELECT 'dim_unit: ' || unit_key AS subject, count(*) AS n FROM dim_unit GROUP BY unit_key
    UNION ALL SELECT 'dim_unit: ' || division_code || ' ' || unit_code, count(*) FROM dim_unit GROUP BY division_code, unit_code
    UNION ALL SELECT 'dim_county: ' || division_code, count(*) FROM dim_county GROUP BY division_code
    UNION ALL SELECT 'dim_project: ' || project_key, count(*) FROM dim_project GROUP BY project_key
    UNION ALL SELECT 'dim_indicator_category: ' || category_key, count(*) FROM dim_indicator_category GROUP BY category_key
    UNION ALL SELECT 'dim_submission: ' || submission_key, count(*) FROM dim_submission GROUP BY submission_key
    UNION ALL SELECT 'dim_submission: ' || sha256, count(*) FROM dim_submission GROUP BY sha256
    UNION ALL SELECT 'fct_project_budget: ' || submission_key || '#' || project_seq, count(*) FROM fct_project_budget GROUP BY submission_key, project_seq
    UNION ALL SELECT 'fct_indicator_target: ' || indicator_key, count(*) FROM fct_indicator_target GROUP BY indicator_key
    UNION ALL SELECT 'fct_indicator_target: ' || submission_key || '#' || project_seq || '#' || indicator_seq, count(*) FROM fct_indicator_target GROUP BY submission_key, project_seq, indicator_seq
    UNION ALL SELECT 'fct_spending_plan: ' || submission_key || '#' || project_seq || '#' || checkpoint_seq, count(*) FROM fct_spending_plan GROUP BY submission_key, project_seq, checkpoint_seq
    UNION ALL SELECT 'fct_department_goal: ' || submission_key || '#' || item_seq, count(*) FROM fct_department_goal GROUP BY submission_key, item_seq
    UNION ALL SELECT 'dim_department: ' || division_code || ' ' || department_code, count(*) FROM dim_department GROUP BY division_code, department_code
    UNION ALL SELECT 'dim_review_rule: ' || rule_key, count(*) FROM dim_review_rule GROUP BY rule_key
    UNION ALL SELECT 'dim_review_rule: ' || rule_id, count(*) FROM dim_review_rule GROUP BY rule_id
    UNION ALL SELECT 'fct_extraction_warning: ' || submission_key || '#' || warning_seq, count(*) FROM fct_extraction_warning GROUP BY submission_key, warning_seq
    UNION ALL SELECT 'fct_review_finding: ' || finding_key, count(*) FROM fct_review_finding GROUP BY finding_key
    UNION ALL SELECT 'fct_review_finding: ' || rule_id || '#' || submission_key || '#' || coalesce(project_seq::VARCHAR, '-') || '#' || coalesce(indicator_seq::VARCHAR, '-'), count(*) FROM fct_review_finding GROUP BY rule_id, submission_key, project_seq, indicator_seq
    UNION ALL SELECT 'fct_selfeval_project: ' || submission_key || '#' || project_seq, count(*) FROM fct_selfeval_project GROUP BY submission_key, project_seq
    UNION ALL SELECT 'fct_selfeval_project: ' || evaluation_key, count(*) FROM fct_selfeval_project GROUP BY evaluation_key
    UNION ALL SELECT 'fct_selfeval_budget_line: ' || submission_key || '#' || project_seq || '#' || line_seq, count(*) FROM fct_selfeval_budget_line GROUP BY submission_key, project_seq, line_seq
    UNION ALL SELECT 'fct_indicator_result: ' || result_key, count(*) FROM fct_indicator_result GROUP BY result_key
    UNION ALL SELECT 'fct_indicator_result: ' || submission_key || '#' || project_seq || '#' || indicator_seq, count(*) FROM fct_indicator_result GROUP BY submission_key, project_seq, indicator_seq
    UNION ALL SELECT 'fct_selfeval_project_link: ' || selfeval_submission_key || '#' || coalesce(selfeval_project_seq::VARCHAR, 'target ' || target_submission_key || '#' || target_project_seq), count(*) FROM fct_selfeval_project_link GROUP BY ALL
    UNION ALL SELECT 'fct_selfeval_indicator_link: ' || link_key, count(*) FROM fct_selfeval_indicator_link GROUP BY link_key
    UNION ALL SELECT 'fct_selfeval_finding: ' || finding_key, count(*) FROM fct_selfeval_finding GROUP BY finding_key
    UNION ALL SELECT 'dim_selfeval_rule: ' || rule_id, count(*) FROM dim_selfeval_rule GROUP BY rule_id
    UNION ALL SELECT 'ingest_ledger: ' || path || ' ' || sha256, count(*) FROM ingest_ledger GROUP BY path, sha256
    UNION ALL SELECT 'loads: ' || load_id, count(*) FROM loads GROUP BY load_id
)
SELECT 'duplicate grain' AS problem, subject, n AS rows
FROM dupes
WHERE n > 1
ORDER BY subject;
