-- mart_spending_pace: each current project's spending plan against the 序时进度 pace
-- (3月底 25%, 6月底 50%, 9月底/10月底 75%, 12月底 100%; other months month/12).
-- grain: one row per (submission_key, project_seq, checkpoint_seq) of a current submission; keys: division_code, project_key, checkpoint_seq.
CREATE OR REPLACE VIEW mart_spending_pace AS
WITH plans AS (
    SELECT s.submission_key, s.project_seq, s.checkpoint_seq, s.project_key, s.division_code, s.unit_key, s.fiscal_year,
           s.checkpoint, s.month, s.cumulative_pct, s.implied_amount_yuan
    FROM current_spending_plan AS s
),
paced AS (
    SELECT *,
           CASE month WHEN 3 THEN 25.0 WHEN 6 THEN 50.0 WHEN 9 THEN 75.0 WHEN 10 THEN 75.0 WHEN 12 THEN 100.0
                ELSE round(month * 100.0 / 12, 2) END AS pace_pct
    FROM plans
)
SELECT
    p.division_code,
    p.project_key,
    u.unit_code,
    d.project_code,
    d.project_name,
    p.fiscal_year,
    p.project_seq,
    p.checkpoint_seq,
    p.checkpoint,
    p.month,
    p.cumulative_pct                         AS planned_pct,
    p.pace_pct,
    round(p.cumulative_pct - p.pace_pct, 2)  AS gap_pct,
    p.cumulative_pct < p.pace_pct            AS is_below_pace,
    p.implied_amount_yuan,
    b.budget_total_yuan
FROM paced AS p
JOIN dim_unit AS u USING (unit_key)
JOIN dim_project AS d USING (project_key)
JOIN current_project_budget AS b USING (submission_key, project_seq);
COMMENT ON VIEW mart_spending_pace IS '支出进度：每个当前项目各时间节点的计划累计支出比例与序时进度（25/50/75/100）的对比。';
COMMENT ON COLUMN mart_spending_pace.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN mart_spending_pace.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_spending_pace.project_code IS 'Project code (项目编码).';
COMMENT ON COLUMN mart_spending_pace.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_spending_pace.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_spending_pace.project_seq IS '1-based position of the project in its file.';
COMMENT ON COLUMN mart_spending_pace.checkpoint_seq IS '1-based position of the checkpoint in the plan.';
COMMENT ON COLUMN mart_spending_pace.checkpoint IS 'Checkpoint as written (6月底).';
COMMENT ON COLUMN mart_spending_pace.month IS 'Month of the checkpoint.';
COMMENT ON COLUMN mart_spending_pace.planned_pct IS 'Planned cumulative share spent, percent.';
COMMENT ON COLUMN mart_spending_pace.pace_pct IS 'The 序时进度 share for that month, percent.';
COMMENT ON COLUMN mart_spending_pace.gap_pct IS 'planned_pct - pace_pct: negative when the plan lags the pace.';
COMMENT ON COLUMN mart_spending_pace.is_below_pace IS 'True when planned_pct < pace_pct.';
COMMENT ON COLUMN mart_spending_pace.implied_amount_yuan IS 'Budget x planned share, yuan.';
COMMENT ON COLUMN mart_spending_pace.budget_total_yuan IS 'The project''s 预算数, yuan.';
COMMENT ON COLUMN mart_spending_pace.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
