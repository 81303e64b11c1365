-- dim_review_rule: the review rules (审核规则) the finance bureau applies, as registered in
-- transform/rules (RULES); every load rewrites the rows from the code.
-- grain: one row per rule; keys: rule_key = md5('rule' || chr(31) || rule_id) (transform/keys.py
-- convention, computed by DuckDB), natural rule_id. The unknown member has rule_id 'unknown'.
CREATE TABLE IF NOT EXISTS dim_review_rule (
    rule_key     VARCHAR GENERATED ALWAYS AS (md5('rule' || chr(31) || rule_id)) VIRTUAL,
    rule_id      VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL,
    description  VARCHAR NOT NULL
);
INSERT INTO dim_review_rule (rule_id, severity, description)
SELECT 'unknown', 'warning', '未知规则（已不在当前代码中登记的规则）'
WHERE NOT EXISTS (SELECT 1 FROM dim_review_rule WHERE rule_id = 'unknown');
COMMENT ON TABLE dim_review_rule IS '审核规则维度：财政局对每份报送执行的审核规则（transform/rules 中登记的规则），含 unknown 成员。';
COMMENT ON COLUMN dim_review_rule.rule_key IS 'Surrogate key: md5 of ''rule'' and the rule id joined by chr(31), as transform/keys.py computes keys.';
COMMENT ON COLUMN dim_review_rule.rule_id IS 'Rule id as in docs/domain.md, e.g. cost_vs_budget; ''unknown'' for the unknown member.';
COMMENT ON COLUMN dim_review_rule.severity IS 'error, warning or info, or two of them (error/warning, warning/info) for a rule that raises both (each finding carries its own severity).';
COMMENT ON COLUMN dim_review_rule.description IS 'What the rule checks, in Chinese (审核要点).';
