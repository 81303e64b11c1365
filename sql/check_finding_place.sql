-- check_finding_place: every review finding is at its place (issue 21): a finding about an indicator
-- row names its project, and the project and row it names exist in the same submission.
-- Must return zero rows. Columns: problem, subject (finding_key), rows.
SELECT 'finding on a row without its project' AS problem, finding_key AS subject, 1 AS rows
FROM fct_review_finding
WHERE indicator_seq IS NOT NULL AND project_seq IS NULL
UNION ALL
SELECT 'finding names a project the submission does not have', f.finding_key, 1
FROM fct_review_finding AS f
LEFT JOIN fct_project_budget AS b USING (submission_key, project_seq)
WHERE f.project_seq IS NOT NULL AND b.submission_key IS NULL
UNION ALL
SELECT 'finding names an indicator row the project does not have', f.finding_key, 1
FROM fct_review_finding AS f
LEFT JOIN fct_indicator_target AS t USING (submission_key, project_seq, indicator_seq)
WHERE f.indicator_seq IS NOT NULL AND t.submission_key IS NULL
ORDER BY 1, 2;
