-- check_orphan_keys: rows whose surrogate key or load id points at no row of its dimension / loads.
-- Must return zero rows. Columns: problem, subject (table.column = value), rows.
WITH orphans AS (
    SELECT 'fct_project_budget.submission_key' AS col, f.submission_key AS val FROM fct_project_budget f ANTI JOIN dim_submission d USING (submission_key)
    UNION ALL SELECT 'fct_project_budget.project_key', f.project_key FROM fct_project_budget f ANTI JOIN dim_project d USING (project_key)
    UNION ALL SELECT 'fct_project_budget.unit_key', f.unit_key FROM fct_project_budget f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'fct_project_budget.load_id', f.load_id FROM fct_project_budget f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'fct_indicator_target.submission_key', f.submission_key FROM fct_indicator_target f ANTI JOIN dim_submission d USING (submission_key)
    UNION ALL SELECT 'fct_indicator_target.project_key', f.project_key FROM fct_indicator_target f ANTI JOIN dim_project d USING (project_key)
    UNION ALL SELECT 'fct_indicator_target.unit_key', f.unit_key FROM fct_indicator_target f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'fct_indicator_target.category_key', f.category_key FROM fct_indicator_target f ANTI JOIN dim_indicator_category d USING (category_key)
    UNION ALL SELECT 'fct_indicator_target.load_id', f.load_id FROM fct_indicator_target f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'fct_indicator_target.(submission_key, project_seq)', f.submission_key || '#' || f.project_seq FROM fct_indicator_target f ANTI JOIN fct_project_budget d USING (submission_key, project_seq)
    UNION ALL SELECT 'fct_spending_plan.submission_key', f.submission_key FROM fct_spending_plan f ANTI JOIN dim_submission d USING (submission_key)
    UNION ALL SELECT 'fct_spending_plan.project_key', f.project_key FROM fct_spending_plan f ANTI JOIN dim_project d USING (project_key)
    UNION ALL SELECT 'fct_spending_plan.unit_key', f.unit_key FROM fct_spending_plan f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'fct_spending_plan.load_id', f.load_id FROM fct_spending_plan f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'fct_department_goal.submission_key', f.submission_key FROM fct_department_goal f ANTI JOIN dim_submission d USING (submission_key)
    UNION ALL SELECT 'fct_department_goal.unit_key', f.unit_key FROM fct_department_goal f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'fct_department_goal.load_id', f.load_id FROM fct_department_goal f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'fct_selfeval_project.submission_key', f.submission_key FROM fct_selfeval_project f ANTI JOIN dim_submission d USING (submission_key)
    UNION ALL SELECT 'fct_selfeval_project.unit_key', f.unit_key FROM fct_selfeval_project f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'fct_selfeval_project.load_id', f.load_id FROM fct_selfeval_project f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'fct_selfeval_budget_line.evaluation_key', f.evaluation_key FROM fct_selfeval_budget_line f ANTI JOIN fct_selfeval_project d USING (evaluation_key)
    UNION ALL SELECT 'fct_indicator_result.evaluation_key', f.evaluation_key FROM fct_indicator_result f ANTI JOIN fct_selfeval_project d USING (evaluation_key)
    UNION ALL SELECT 'fct_indicator_result.load_id', f.load_id FROM fct_indicator_result f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'fct_selfeval_indicator_link.result_key', f.result_key FROM fct_selfeval_indicator_link f ANTI JOIN fct_indicator_result d USING (result_key) WHERE f.result_key IS NOT NULL
    UNION ALL SELECT 'fct_selfeval_indicator_link.indicator_key', f.indicator_key FROM fct_selfeval_indicator_link f ANTI JOIN fct_indicator_target d USING (indicator_key) WHERE f.indicator_key IS NOT NULL
    UNION ALL SELECT 'fct_selfeval_project_link.project_key', f.project_key FROM fct_selfeval_project_link f ANTI JOIN dim_project d USING (project_key) WHERE f.project_key IS NOT NULL
    UNION ALL SELECT 'fct_selfeval_finding.submission_key', f.submission_key FROM fct_selfeval_finding f ANTI JOIN dim_submission d USING (submission_key)
    UNION ALL SELECT 'dim_project.unit_key', f.unit_key FROM dim_project f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'dim_submission.unit_key', f.unit_key FROM dim_submission f ANTI JOIN dim_unit d USING (unit_key)
    UNION ALL SELECT 'dim_submission.division_code', f.division_code FROM dim_submission f ANTI JOIN dim_county d USING (division_code)
    UNION ALL SELECT 'dim_unit.division_code', f.division_code FROM dim_unit f ANTI JOIN dim_county d USING (division_code)
    UNION ALL SELECT 'dim_unit.(unit_key, division_code)', f.unit_key FROM dim_submission f ANTI JOIN dim_unit d USING (unit_key, division_code) WHERE f.unit_key <> '00000000000000000000000000000000'
    UNION ALL SELECT 'fct_project_budget.(submission_key, division_code)', f.submission_key FROM fct_project_budget f ANTI JOIN dim_submission d USING (submission_key, division_code)
    UNION ALL SELECT 'dim_submission.load_id', f.load_id FROM dim_submission f ANTI JOIN loads d USING (load_id) WHERE f.load_id <> 'schema'
    UNION ALL SELECT 'ingest_ledger.load_id', f.load_id FROM ingest_ledger f ANTI JOIN loads d USING (load_id)
    UNION ALL SELECT 'ingest_ledger.submission_key', f.submission_key FROM ingest_ledger f ANTI JOIN dim_submission d USING (submission_key) WHERE f.submission_key IS NOT NULL
)
SELECT 'orphan key' AS problem, col || ' = ' || coalesce(val, 'NULL') AS subject, count(*) AS rows
FROM orphans
GROUP BY ALL
ORDER BY subject;
