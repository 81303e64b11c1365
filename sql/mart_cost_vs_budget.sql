-- mart_cost_vs_budget: cost targets (成本指标: 二级 under 产出 before 2021, 一级 from 2021) against the
-- project's 预算数, current submissions.
-- grain: one row per cost indicator row (submission_key, project_seq, indicator_seq); keys: division_code, indicator_key.
CREATE OR REPLACE VIEW mart_cost_vs_budget AS
WITH costs AS (
    SELECT t.*
    FROM current_indicator_target AS t
    WHERE t.level1_canonical = '成本指标'
       OR (t.level1_canonical = '产出指标' AND t.level2_canonical = '成本指标')
)
SELECT
    c.division_code,
    c.indicator_key,
    c.project_key,
    u.unit_code,
    d.project_code,
    d.project_name,
    c.fiscal_year,
    c.project_seq,
    c.indicator_seq,
    c.indicator_name,
    c.target_raw,
    c.target_op,
    c.target_value,
    c.target_unit,
    b.budget_total_yuan,
    CASE WHEN c.target_unit = '元' THEN c.target_value END                          AS cost_yuan,
    CASE WHEN c.target_unit = '元'
         THEN round(100.0 * c.target_value / nullif(b.budget_total_yuan, 0), 2) END AS cost_share_of_budget_pct,
    coalesce(c.target_unit = '%', false)                                           AS is_percent,
    coalesce(c.target_unit = '元' AND c.target_value > b.budget_total_yuan, false) AS exceeds_budget
FROM costs AS c
JOIN dim_unit AS u USING (unit_key)
JOIN dim_project AS d USING (project_key)
JOIN current_project_budget AS b USING (submission_key, project_seq);
COMMENT ON VIEW mart_cost_vs_budget IS '成本指标与预算对比：每个当前成本指标的金额与项目预算数之比，标出超预算和以百分比表述的成本指标。';
COMMENT ON COLUMN mart_cost_vs_budget.indicator_key IS 'fct_indicator_target.indicator_key.';
COMMENT ON COLUMN mart_cost_vs_budget.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN mart_cost_vs_budget.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_cost_vs_budget.project_code IS 'Project code (项目编码).';
COMMENT ON COLUMN mart_cost_vs_budget.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_cost_vs_budget.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_cost_vs_budget.project_seq IS '1-based position of the project in its file.';
COMMENT ON COLUMN mart_cost_vs_budget.indicator_seq IS '1-based position of the row in the project.';
COMMENT ON COLUMN mart_cost_vs_budget.indicator_name IS '三级指标 as written.';
COMMENT ON COLUMN mart_cost_vs_budget.target_raw IS '指标值 as written (≤102.11万元).';
COMMENT ON COLUMN mart_cost_vs_budget.target_op IS 'Comparison of the target.';
COMMENT ON COLUMN mart_cost_vs_budget.target_value IS 'Target number (yuan when target_unit is 元).';
COMMENT ON COLUMN mart_cost_vs_budget.target_unit IS 'Target unit: 元, %, or another literal unit.';
COMMENT ON COLUMN mart_cost_vs_budget.budget_total_yuan IS 'The project''s 预算数, yuan.';
COMMENT ON COLUMN mart_cost_vs_budget.cost_yuan IS 'The cost target in yuan when given in money; null otherwise.';
COMMENT ON COLUMN mart_cost_vs_budget.cost_share_of_budget_pct IS '100 x cost_yuan / budget_total_yuan, 2 decimals.';
COMMENT ON COLUMN mart_cost_vs_budget.is_percent IS 'True when the cost target is a percentage rather than money.';
COMMENT ON COLUMN mart_cost_vs_budget.exceeds_budget IS 'True when cost_yuan exceeds the project''s 预算数.';
COMMENT ON COLUMN mart_cost_vs_budget.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
