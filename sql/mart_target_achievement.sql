-- mart_target_achievement: was each target met? One row per indicator row of a current self-evaluation
-- (绩效自评), with the target set at the start of the year where the row links to one.
-- grain: one row per result_key (fct_indicator_result of a current self-evaluation); keys: result_key,
-- division_code, unit_code, indicator_key (the linked target row, null when none).
-- met follows docs/domain.md: a quantitative row is met when its actual value reaches its target (at least
-- the target for >=, >, and = outside cost rows; at most for <=, <, and = on cost rows; a strict bound is
-- reached at its value); null when either
-- side is qualitative. justified_score: actual / target x 分值 (more is better) or target / actual x 分值 (less
-- is better), within 0..分值.
CREATE OR REPLACE VIEW mart_target_achievement AS
SELECT
    s.division_code,
    s.unit_code,
    s.unit_name,
    left(s.unit_code, 3)                                      AS department_code,
    r.fiscal_year,
    make_date(r.fiscal_year, 1, 1)                            AS fiscal_year_start,
    coalesce(pl.project_code, p.project_code)                 AS project_code,
    coalesce(pl.project_name, p.project_name)                 AS project_name,
    p.subject,
    r.result_key,
    l.indicator_key,
    r.project_seq,
    r.indicator_seq,
    coalesce(r.level1_canonical, r.level1)                    AS level1,
    coalesce(r.level2_canonical, r.level2)                    AS level2,
    r.indicator_name,
    t.target_raw                                              AS start_target_raw,
    r.target_raw,
    r.target_op,
    r.target_value,
    r.target_unit,
    r.adjusted_target_raw,
    r.actual_raw,
    r.actual_value,
    r.met,
    r.weight,
    r.score                                                   AS self_score,
    r.justified_score,
    round(r.score - r.justified_score, 2)                     AS score_gap,
    r.deviation,
    coalesce(l.link_status, 'not_linked')                     AS link_status,
    s.file_name
FROM current_indicator_result AS r
JOIN current_selfeval_submission AS s USING (submission_key)
JOIN fct_selfeval_project AS p USING (evaluation_key)
LEFT JOIN fct_selfeval_indicator_link AS l ON l.link_key = r.result_key
LEFT JOIN fct_selfeval_project_link AS pl ON pl.evaluation_key = r.evaluation_key
LEFT JOIN fct_indicator_target AS t ON t.indicator_key = l.indicator_key;
COMMENT ON VIEW mart_target_achievement IS '目标完成情况：当前绩效自评中的每行指标：年初目标、自评重述的指标值、实际完成值、是否达标、自评得分与按数字应得分。';
COMMENT ON COLUMN mart_target_achievement.division_code IS 'County (6-digit 行政区划 code): the file''s, else that of the targets it is linked to (current_selfeval_submission).';
COMMENT ON COLUMN mart_target_achievement.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_target_achievement.unit_name IS 'Unit name as written in the self-evaluation.';
COMMENT ON COLUMN mart_target_achievement.department_code IS 'Department: the first three digits of the unit code.';
COMMENT ON COLUMN mart_target_achievement.fiscal_year IS 'Budget year evaluated.';
COMMENT ON COLUMN mart_target_achievement.fiscal_year_start IS 'January 1 of the budget year, for BI time filters.';
COMMENT ON COLUMN mart_target_achievement.project_code IS '项目编码 (the linked target project''s, else as the self-evaluation writes it).';
COMMENT ON COLUMN mart_target_achievement.project_name IS '项目名称 (the linked target project''s, else as the self-evaluation writes it).';
COMMENT ON COLUMN mart_target_achievement.subject IS 'project, or department for the department part.';
COMMENT ON COLUMN mart_target_achievement.result_key IS 'fct_indicator_result.result_key.';
COMMENT ON COLUMN mart_target_achievement.indicator_key IS 'fct_indicator_target.indicator_key of the linked target row; null when the row is not linked.';
COMMENT ON COLUMN mart_target_achievement.project_seq IS 'Project position in the self-evaluation (0: department part).';
COMMENT ON COLUMN mart_target_achievement.indicator_seq IS 'Row position within the project.';
COMMENT ON COLUMN mart_target_achievement.level1 IS 'Canonical 一级 (points removed), else as written.';
COMMENT ON COLUMN mart_target_achievement.level2 IS 'Canonical 二级, else as written.';
COMMENT ON COLUMN mart_target_achievement.indicator_name IS '三级指标 as written in the self-evaluation.';
COMMENT ON COLUMN mart_target_achievement.start_target_raw IS '指标值 the unit set at the start of the year (linked target row); null when not linked.';
COMMENT ON COLUMN mart_target_achievement.target_raw IS '年度指标值 as the self-evaluation restates it.';
COMMENT ON COLUMN mart_target_achievement.target_op IS 'Comparison of the restated target; null when qualitative.';
COMMENT ON COLUMN mart_target_achievement.target_value IS 'Number of the restated target; money in yuan.';
COMMENT ON COLUMN mart_target_achievement.target_unit IS 'Unit of the restated target.';
COMMENT ON COLUMN mart_target_achievement.adjusted_target_raw IS '调整指标值 where the form gives one.';
COMMENT ON COLUMN mart_target_achievement.actual_raw IS '实际完成值 as written.';
COMMENT ON COLUMN mart_target_achievement.actual_value IS 'Number of the actual value in the target''s unit; null when qualitative.';
COMMENT ON COLUMN mart_target_achievement.met IS 'True when the actual value reaches the target (domain rule above); null when qualitative.';
COMMENT ON COLUMN mart_target_achievement.weight IS '分值 of the row.';
COMMENT ON COLUMN mart_target_achievement.self_score IS '得分 the unit gave itself.';
COMMENT ON COLUMN mart_target_achievement.justified_score IS 'Score the numbers justify; null when qualitative or no 分值.';
COMMENT ON COLUMN mart_target_achievement.score_gap IS 'self_score - justified_score: points claimed beyond what the numbers justify.';
COMMENT ON COLUMN mart_target_achievement.deviation IS '偏差原因 as written.';
COMMENT ON COLUMN mart_target_achievement.link_status IS 'linked, added (not in the start-of-year targets), project_not_linked.';
COMMENT ON COLUMN mart_target_achievement.file_name IS 'The self-evaluation file.';
