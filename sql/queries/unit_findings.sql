-- unit_findings: the findings of some submissions as a clerk sends them, most serious first, then
-- in document order (mart_unit_feedback). Parameters: $keys (submission keys), $severities.
SELECT submission_key, severity, project_name, project_code, problem, suggestion, message,
       rule_id, project_seq, indicator_seq, indicator_name
FROM mart_unit_feedback
WHERE submission_key IN (SELECT unnest($keys::VARCHAR[]))
  AND severity IN (SELECT unnest($severities::VARCHAR[]))
ORDER BY submission_key, severity_rank, project_seq NULLS FIRST, indicator_seq NULLS FIRST, rule_id
