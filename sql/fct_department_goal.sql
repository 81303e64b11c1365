-- fct_department_goal: one item of 第一部分 二、分项绩效目标 (department-wide targets) of a submission.
-- grain: one row per (submission_key, item_seq); keys: submission_key, unit_key.
CREATE TABLE IF NOT EXISTS fct_department_goal (
    submission_key   VARCHAR NOT NULL,
    item_seq         INTEGER NOT NULL,
    unit_key         VARCHAR NOT NULL,
    division_code    VARCHAR NOT NULL,
    fiscal_year      INTEGER,
    title            VARCHAR,
    goal             VARCHAR,
    indicator_text   VARCHAR,
    threshold_op     VARCHAR,
    threshold_value  DOUBLE,
    threshold_unit   VARCHAR,
    load_id          VARCHAR NOT NULL,
    source_sha256    VARCHAR NOT NULL
);
COMMENT ON TABLE fct_department_goal IS '部门整体绩效目标事实：分项绩效目标的一项（标题、绩效目标、绩效指标及其阈值）。';
COMMENT ON COLUMN fct_department_goal.submission_key IS 'dim_submission.submission_key.';
COMMENT ON COLUMN fct_department_goal.item_seq IS '1 for （一）, 2 for （二） ...';
COMMENT ON COLUMN fct_department_goal.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN fct_department_goal.fiscal_year IS 'Budget year of the submission.';
COMMENT ON COLUMN fct_department_goal.title IS 'Item title as written.';
COMMENT ON COLUMN fct_department_goal.goal IS 'Text after 绩效目标：';
COMMENT ON COLUMN fct_department_goal.indicator_text IS 'Text after 绩效指标：';
COMMENT ON COLUMN fct_department_goal.threshold_op IS 'Operator of the threshold the 绩效指标 text ends with (>=, =, ...); null when none.';
COMMENT ON COLUMN fct_department_goal.threshold_value IS 'Number of that threshold.';
COMMENT ON COLUMN fct_department_goal.threshold_unit IS 'Unit of that threshold (% ...).';
COMMENT ON COLUMN fct_department_goal.load_id IS 'Load that added the row.';
COMMENT ON COLUMN fct_department_goal.source_sha256 IS 'sha256 of the source file.';
COMMENT ON COLUMN fct_department_goal.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the submission; ''unknown'' when not found.';
