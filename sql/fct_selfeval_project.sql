-- fct_selfeval_project: one evaluated project (or the department part) of a year-end self-evaluation (绩效自评).
-- grain: one row per (submission_key, project_seq); project_seq 0 is the department part (部门整体支出绩效自评表).
-- keys: evaluation_key = md5('evaluation', sha256, project_seq), submission_key, unit_key. Linked to the
-- target project by fct_selfeval_project_link.
CREATE TABLE IF NOT EXISTS fct_selfeval_project (
    evaluation_key                 VARCHAR NOT NULL,
    submission_key                 VARCHAR NOT NULL,
    project_seq                    INTEGER NOT NULL,
    unit_key                       VARCHAR NOT NULL,
    division_code                  VARCHAR NOT NULL,
    fiscal_year                    INTEGER,
    subject                        VARCHAR NOT NULL,
    project_code                   VARCHAR,
    project_name                   VARCHAR,
    match_code                     VARCHAR,
    match_name                     VARCHAR,
    goals                          VARCHAR[],
    goals_achieved                 VARCHAR[],
    budget_initial_yuan            DOUBLE,
    budget_full_year_yuan          DOUBLE,
    spent_yuan                     DOUBLE,
    execution_rate_stated_pct      DOUBLE,
    execution_rate_pct             DOUBLE,
    execution_weight               DOUBLE,
    execution_score                DOUBLE,
    execution_score_justified      DOUBLE,
    indicator_weight_sum           DOUBLE,
    indicator_score_sum            DOUBLE,
    indicator_score_justified_sum  DOUBLE,
    total_score                    DOUBLE,
    total_score_computed           DOUBLE,
    rating                         VARCHAR,
    rating_justified               VARCHAR,
    conclusion                     VARCHAR,
    problems                       VARCHAR,
    improvements                   VARCHAR,
    indicator_count                INTEGER NOT NULL,
    extra_json                     VARCHAR,
    load_id                        VARCHAR NOT NULL,
    source_sha256                  VARCHAR NOT NULL,
    source_table                   INTEGER
);
COMMENT ON TABLE fct_selfeval_project IS '绩效自评事实：自评表中的一个项目（或部门整体自评部分）：预算执行、分值、得分、总分、等级与文字评价，以及按表内数字重算的结果。';
COMMENT ON COLUMN fct_selfeval_project.evaluation_key IS 'Surrogate key: md5 of ''evaluation'', the file sha256 and project_seq.';
COMMENT ON COLUMN fct_selfeval_project.submission_key IS 'dim_submission.submission_key of the self-evaluation (kind self_evaluation).';
COMMENT ON COLUMN fct_selfeval_project.project_seq IS '1-based position of the project in the document; 0 for the department part.';
COMMENT ON COLUMN fct_selfeval_project.unit_key IS 'dim_unit.unit_key of the file''s unit; the unknown unit when its county is unknown (current_selfeval_submission.unit_key places it).';
COMMENT ON COLUMN fct_selfeval_project.division_code IS 'County (6-digit 行政区划 code) of the submission; ''unknown'' when not found.';
COMMENT ON COLUMN fct_selfeval_project.fiscal_year IS 'Budget year evaluated (所属年度).';
COMMENT ON COLUMN fct_selfeval_project.subject IS 'project, or department for a 部门整体支出绩效自评表.';
COMMENT ON COLUMN fct_selfeval_project.project_code IS '项目编码 as written in the self-evaluation.';
COMMENT ON COLUMN fct_selfeval_project.project_name IS '项目名称 as written in the self-evaluation.';
COMMENT ON COLUMN fct_selfeval_project.match_code IS 'The code as linking compares it (width folded, spaces removed).';
COMMENT ON COLUMN fct_selfeval_project.match_name IS 'The name as linking compares it (width, spaces, numbering and end punctuation folded).';
COMMENT ON COLUMN fct_selfeval_project.goals IS '年度总体目标 预期目标, one entry per item.';
COMMENT ON COLUMN fct_selfeval_project.goals_achieved IS '年度总体目标 实际完成情况, one entry per item.';
COMMENT ON COLUMN fct_selfeval_project.budget_initial_yuan IS '年初预算数 of 年度资金总额, yuan.';
COMMENT ON COLUMN fct_selfeval_project.budget_full_year_yuan IS '全年预算数 (调整后预算数) of 年度资金总额, yuan.';
COMMENT ON COLUMN fct_selfeval_project.spent_yuan IS '全年执行数 (预算执行数) of 年度资金总额, yuan.';
COMMENT ON COLUMN fct_selfeval_project.execution_rate_stated_pct IS '执行率 as the unit stated it, percent.';
COMMENT ON COLUMN fct_selfeval_project.execution_rate_pct IS '执行率 recomputed: spent_yuan / budget_full_year_yuan (else budget_initial_yuan) x 100, two decimals.';
COMMENT ON COLUMN fct_selfeval_project.execution_weight IS '分值 of budget execution (usually 10).';
COMMENT ON COLUMN fct_selfeval_project.execution_score IS '得分 the unit gave itself for budget execution.';
COMMENT ON COLUMN fct_selfeval_project.execution_score_justified IS 'Budget-execution score the form''s rate gives: the stated 执行率 (else the recomputed one) x 分值, at most 分值; a wrong rate is selfeval_execution_rate_mismatch.';
COMMENT ON COLUMN fct_selfeval_project.indicator_weight_sum IS 'Sum of the indicator rows'' 分值.';
COMMENT ON COLUMN fct_selfeval_project.indicator_score_sum IS 'Sum of the indicator rows'' 得分 as stated.';
COMMENT ON COLUMN fct_selfeval_project.indicator_score_justified_sum IS 'Sum of the scores the numbers justify over the quantitative rows (fct_indicator_result.justified_score).';
COMMENT ON COLUMN fct_selfeval_project.total_score IS '总分 as stated.';
COMMENT ON COLUMN fct_selfeval_project.total_score_computed IS 'execution_score + the indicator rows'' 得分: what 总分 should be by the form''s own numbers.';
COMMENT ON COLUMN fct_selfeval_project.rating IS '自评等级 as written (优, 良, 中, 差); null when the form has none.';
COMMENT ON COLUMN fct_selfeval_project.rating_justified IS 'Grade the stated 总分 earns: 优 >= 90, 良 >= 80, 中 >= 60, else 差.';
COMMENT ON COLUMN fct_selfeval_project.conclusion IS '评价结论 text.';
COMMENT ON COLUMN fct_selfeval_project.problems IS '存在问题 text.';
COMMENT ON COLUMN fct_selfeval_project.improvements IS '改进措施 text.';
COMMENT ON COLUMN fct_selfeval_project.indicator_count IS 'Indicator rows of the project (its fct_indicator_result rows).';
COMMENT ON COLUMN fct_selfeval_project.extra_json IS 'Other labelled header fields, label -> text (JSON).';
COMMENT ON COLUMN fct_selfeval_project.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_selfeval_project.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_selfeval_project.source_table IS '0-based index of the table the project was read from.';
