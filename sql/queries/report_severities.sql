-- report_severities: current findings of the year by severity (current_review_finding).
-- Parameters: $year, $division (or NULL).
SELECT severity, count(*)::INTEGER AS findings
FROM current_review_finding
WHERE fiscal_year = $year AND ($division IS NULL OR division_code = $division)
GROUP BY severity
ORDER BY severity
