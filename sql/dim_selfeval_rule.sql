-- dim_selfeval_rule: the 自评复核 rules (re-check of year-end self-evaluations), as registered in
-- transform/selfeval/rules.py (RULES); every load rewrites the rows from the code.
-- grain: one row per rule; keys: natural rule_id.
CREATE TABLE IF NOT EXISTS dim_selfeval_rule (
    rule_id      VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL,
    description  VARCHAR NOT NULL
);
COMMENT ON TABLE dim_selfeval_rule IS '自评复核规则维度：财政局对单位绩效自评表执行的复核规则（transform/selfeval/rules.py 中登记）。';
COMMENT ON COLUMN dim_selfeval_rule.rule_id IS 'Rule id, e.g. selfeval_full_score_on_missed.';
COMMENT ON COLUMN dim_selfeval_rule.severity IS 'error (must be corrected), warning (should be), info (advice, not sent by default).';
COMMENT ON COLUMN dim_selfeval_rule.description IS 'What the rule checks, in Chinese (复核要点).';
