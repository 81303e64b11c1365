-- report_selfeval_rules: the 自评复核 findings of the self-evaluations of budget year $evaluated by rule,
-- most frequent first (mart_selfeval_audit): findings, units and the rule's description.
-- Parameters: $evaluated, $division (or NULL).
SELECT rule_id, any_value(rule_description) AS description, any_value(severity) AS severity,
       count(*) AS findings, count(DISTINCT unit_code) AS units
FROM mart_selfeval_audit
WHERE fiscal_year = $evaluated AND ($division IS NULL OR division_code = $division)
GROUP BY rule_id
ORDER BY findings DESC, rule_id
