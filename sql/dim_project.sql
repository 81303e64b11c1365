-- dim_project: budget projects (预算项目) of a unit and budget year; attributes from the latest
-- submission that lists the project (type 1), history of amounts stays in fct_project_budget.
-- grain: one row per project_key; keys: project_key = md5 of ('project', division_code, unit_code, fiscal_year,
-- 'code:'||项目编码) or, without a code, 'name:'||项目名称, or without unit/year, the file and position
-- (transform/keys.py project_key). The unknown member has project_key '000…0'.
CREATE TABLE IF NOT EXISTS dim_project (
    project_key       VARCHAR NOT NULL,
    project_code      VARCHAR,
    project_name      VARCHAR,
    division_code     VARCHAR,
    unit_key          VARCHAR NOT NULL,
    unit_code         VARCHAR,
    fiscal_year       INTEGER,
    purpose           VARCHAR,
    goals             VARCHAR[],
    long_term_goals   VARCHAR[],
    extra_json        VARCHAR,
    taxonomy_version  VARCHAR,
    is_current        BOOLEAN NOT NULL,
    load_id           VARCHAR NOT NULL,
    source_sha256     VARCHAR
);
INSERT INTO dim_project (project_key, project_code, project_name, division_code, unit_key, unit_code, fiscal_year,
                         purpose, goals, long_term_goals, extra_json, taxonomy_version, is_current, load_id,
                         source_sha256)
SELECT '00000000000000000000000000000000', NULL, '未知项目', 'unknown', '00000000000000000000000000000000',
       'unknown', NULL, NULL, [], [], '{}', NULL, false, 'schema', NULL
WHERE NOT EXISTS (SELECT 1 FROM dim_project WHERE project_key = '00000000000000000000000000000000');
COMMENT ON TABLE dim_project IS '项目维度：单位某预算年度的一个项目，属性取自列出该项目的最新报送；含 unknown 成员。';
COMMENT ON COLUMN dim_project.project_key IS 'Surrogate key of the project (see the grain comment in sql/dim_project.sql); 32 zeros for the unknown member.';
COMMENT ON COLUMN dim_project.project_code IS 'Project code (项目编码) as written, e.g. 13102622P00237611444C.';
COMMENT ON COLUMN dim_project.project_name IS 'Project name (项目名称) as written.';
COMMENT ON COLUMN dim_project.unit_key IS 'dim_unit.unit_key of the unit owning the project.';
COMMENT ON COLUMN dim_project.unit_code IS 'Budget unit code of the owning unit.';
COMMENT ON COLUMN dim_project.fiscal_year IS 'Budget year of the submission listing the project.';
COMMENT ON COLUMN dim_project.purpose IS 'Use of funds (资金用途) text.';
COMMENT ON COLUMN dim_project.goals IS 'Performance goals (绩效目标), numbering removed, in document order.';
COMMENT ON COLUMN dim_project.long_term_goals IS 'Long-term goals (长期目标) where the template has them; empty otherwise.';
COMMENT ON COLUMN dim_project.extra_json IS 'Other labelled header fields (主管部门, 实施单位, 项目属性 ...) as a JSON object, label -> text as written.';
COMMENT ON COLUMN dim_project.taxonomy_version IS 'Indicator taxonomy the project''s table follows: pre2021 (成本 under 产出) or 2021 (成本指标 as 一级).';
COMMENT ON COLUMN dim_project.is_current IS 'True when the project appears in a current submission (dim_submission.is_current).';
COMMENT ON COLUMN dim_project.load_id IS 'Load that last wrote this row.';
COMMENT ON COLUMN dim_project.source_sha256 IS 'sha256 of the file the attributes were taken from.';
COMMENT ON COLUMN dim_project.division_code IS 'County (6-digit 行政区划 code, dim_county.division_code) of the project''s unit; ''unknown'' when not found.';
