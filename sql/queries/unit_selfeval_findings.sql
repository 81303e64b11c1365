-- unit_selfeval_findings: the 自评复核 findings of the current self-evaluation of the same county, unit
-- and year as some target submissions, or of some self-evaluations themselves, most serious first, then
-- in document order (mart_selfeval_audit).
-- Parameters: $keys (target submission keys, as unit_scorecards returns them, or self-evaluation keys, as
-- selfeval_only_units does), $severities.
SELECT t.submission_key, a.severity, a.project_name, a.project_code, a.row_label, a.stated_value,
       a.expected_value, regexp_replace(a.message, '^(项目「.*?」（编码 [^）]*）|部门整体自评)', '') AS problem,
       a.message, a.suggestion, a.rule_id, a.project_seq, a.indicator_seq, a.file_name
FROM dim_submission AS t
JOIN mart_selfeval_audit AS a
  ON a.submission_key = t.submission_key
  OR (t.kind = 'targets' AND a.division_code = t.division_code AND a.unit_code = t.unit_code
      AND a.fiscal_year = t.fiscal_year)
WHERE t.submission_key IN (SELECT unnest($keys::VARCHAR[]))
  AND a.severity IN (SELECT unnest($severities::VARCHAR[]))
ORDER BY t.submission_key, a.severity_rank, a.project_seq NULLS FIRST, a.indicator_seq NULLS FIRST,
         a.target_indicator_seq NULLS FIRST, a.rule_id
