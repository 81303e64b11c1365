-- mart_money_at_risk: the budget behind weak targets, per current project: vague (明显提升 ...),
-- unquantified (no operator and number), self-contradicting (a money cost target above the project's
-- 预算数, or a percentage above 100), and projects without any cost indicator (成本指标).
-- grain: one row per current project (submission_key, project_seq); keys: project_key.
CREATE OR REPLACE VIEW mart_money_at_risk AS
WITH per_project AS (
    SELECT
        t.submission_key,
        t.project_seq,
        count(*)::INTEGER                                                       AS indicators,
        count(*) FILTER (WHERE t.is_vague)::INTEGER                             AS vague_indicators,
        count(*) FILTER (WHERE NOT t.is_quantified)::INTEGER                    AS unquantified_indicators,
        count(*) FILTER (WHERE t.target_unit = '%' AND t.target_value > 100)::INTEGER AS percent_over_100,
        count(*) FILTER (WHERE t.level1_canonical = '成本指标'
                            OR (t.level1_canonical = '产出指标' AND t.level2_canonical = '成本指标'))::INTEGER AS cost_indicators,
        max(t.target_value) FILTER (WHERE t.target_unit = '元' AND (t.level1_canonical = '成本指标'
                            OR (t.level1_canonical = '产出指标' AND t.level2_canonical = '成本指标'))) AS max_cost_yuan
    FROM current_indicator_target AS t
    GROUP BY ALL
),
flags AS (
    SELECT
        b.submission_key, b.project_seq, b.project_key, b.unit_key, b.fiscal_year, b.budget_total_yuan,
        coalesce(p.indicators, 0)                                                 AS indicators,
        coalesce(p.vague_indicators, 0)                                           AS vague_indicators,
        coalesce(p.unquantified_indicators, 0)                                    AS unquantified_indicators,
        coalesce(p.percent_over_100, 0)
          + CASE WHEN p.max_cost_yuan > b.budget_total_yuan THEN 1 ELSE 0 END     AS contradicting_targets,
        coalesce(p.cost_indicators, 0)                                            AS cost_indicators
    FROM current_project_budget AS b
    LEFT JOIN per_project AS p USING (submission_key, project_seq)
)
SELECT
    u.division_code,
    f.project_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    f.fiscal_year,
    make_date(f.fiscal_year, 1, 1)                                                    AS fiscal_year_start,
    d.project_code,
    d.project_name,
    f.budget_total_yuan,
    f.indicators,
    f.vague_indicators,
    f.unquantified_indicators,
    f.contradicting_targets,
    f.cost_indicators,
    f.vague_indicators > 0                                                            AS has_vague,
    f.unquantified_indicators > 0                                                     AS has_unquantified,
    f.contradicting_targets > 0                                                       AS has_contradiction,
    f.cost_indicators = 0                                                             AS lacks_cost_indicator,
    CASE WHEN f.vague_indicators > 0 THEN f.budget_total_yuan ELSE 0 END              AS budget_behind_vague_yuan,
    CASE WHEN f.unquantified_indicators > 0 THEN f.budget_total_yuan ELSE 0 END       AS budget_behind_unquantified_yuan,
    CASE WHEN f.contradicting_targets > 0 THEN f.budget_total_yuan ELSE 0 END         AS budget_behind_contradiction_yuan,
    CASE WHEN f.cost_indicators = 0 THEN f.budget_total_yuan ELSE 0 END               AS budget_without_cost_yuan,
    CASE WHEN f.vague_indicators + f.unquantified_indicators + f.contradicting_targets > 0
              OR f.cost_indicators = 0 THEN f.budget_total_yuan ELSE 0 END            AS budget_at_risk_yuan,
    nullif(concat_ws('、',
        CASE WHEN f.vague_indicators > 0 THEN '表述模糊' END,
        CASE WHEN f.unquantified_indicators > 0 THEN '未量化' END,
        CASE WHEN f.contradicting_targets > 0 THEN '目标自相矛盾' END,
        CASE WHEN f.cost_indicators = 0 THEN '无成本指标' END), '')                     AS risk_reasons
FROM flags AS f
JOIN dim_unit AS u USING (unit_key)
JOIN dim_project AS d USING (project_key);
COMMENT ON VIEW mart_money_at_risk IS '风险资金：每个当前项目的预算数中，落在表述模糊、未量化、自相矛盾的绩效目标之后或缺少成本指标的部分。';
COMMENT ON COLUMN mart_money_at_risk.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN mart_money_at_risk.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_money_at_risk.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_money_at_risk.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN mart_money_at_risk.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_money_at_risk.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_money_at_risk.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_money_at_risk.project_code IS 'Project code (项目编码).';
COMMENT ON COLUMN mart_money_at_risk.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_money_at_risk.budget_total_yuan IS 'The project''s 预算数, yuan.';
COMMENT ON COLUMN mart_money_at_risk.indicators IS 'Indicator rows of the project.';
COMMENT ON COLUMN mart_money_at_risk.vague_indicators IS 'Rows with a vague qualitative target (fct_indicator_target.is_vague).';
COMMENT ON COLUMN mart_money_at_risk.unquantified_indicators IS 'Rows whose target has no operator and number.';
COMMENT ON COLUMN mart_money_at_risk.contradicting_targets IS 'Percentage targets above 100, plus 1 when a money cost target exceeds the project''s 预算数.';
COMMENT ON COLUMN mart_money_at_risk.cost_indicators IS 'Cost indicator rows (成本指标: 一级 from 2021, 二级 under 产出 before).';
COMMENT ON COLUMN mart_money_at_risk.has_vague IS 'True when any target is vague.';
COMMENT ON COLUMN mart_money_at_risk.has_unquantified IS 'True when any target is unquantified.';
COMMENT ON COLUMN mart_money_at_risk.has_contradiction IS 'True when contradicting_targets > 0.';
COMMENT ON COLUMN mart_money_at_risk.lacks_cost_indicator IS 'True when the project has no cost indicator.';
COMMENT ON COLUMN mart_money_at_risk.budget_behind_vague_yuan IS 'The 预算数 when any target is vague, else 0, yuan.';
COMMENT ON COLUMN mart_money_at_risk.budget_behind_unquantified_yuan IS 'The 预算数 when any target is unquantified, else 0, yuan.';
COMMENT ON COLUMN mart_money_at_risk.budget_behind_contradiction_yuan IS 'The 预算数 when a target contradicts itself or the budget, else 0, yuan.';
COMMENT ON COLUMN mart_money_at_risk.budget_without_cost_yuan IS 'The 预算数 when the project has no cost indicator, else 0, yuan.';
COMMENT ON COLUMN mart_money_at_risk.budget_at_risk_yuan IS 'The 预算数 when any of the four applies, else 0, yuan (counted once per project).';
COMMENT ON COLUMN mart_money_at_risk.risk_reasons IS 'The reasons that apply, joined by 、 (表述模糊、未量化、目标自相矛盾、无成本指标); null when none.';
