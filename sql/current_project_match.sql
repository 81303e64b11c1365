-- current_project_match: each current project matched to the same project in its unit's current
-- submission of the year before (continuing projects, for the year-over-year marts).
-- grain: one row per current project (submission_key, project_seq); keys: project_key, prev_project_key.
-- Matching: first by the project code without its year digits (项目编码 = division(6) + year(2) + 'P'
-- + 11 digits + check letter, so 13102622P00237611444C and 13102623P00237611444C are one project;
-- a code of another shape is compared whole), else by unit and normalised name (whitespace,
-- punctuation and a year such as 2022年/2022年度 removed). Among several candidates the code wins,
-- then the earliest in the previous file.
CREATE OR REPLACE VIEW current_project_match AS
WITH projects AS (
    SELECT
        b.submission_key,
        b.project_seq,
        b.project_key,
        b.unit_key,
        b.fiscal_year,
        b.budget_total_yuan,
        d.project_code,
        d.project_name,
        CASE WHEN regexp_matches(d.project_code, '^[0-9]{8}P')
             THEN left(d.project_code, 6) || substr(d.project_code, 9)
             ELSE nullif(trim(d.project_code), '') END                                  AS code_stem,
        nullif(regexp_replace(coalesce(d.project_name, ''),
                              '(19|20)[0-9]{2}年度?|[[:space:][:punct:]（）【】《》〈〉「」、，。：；！？“”‘’·　]', '', 'g'),
               '')                                                                        AS name_key
    FROM current_project_budget AS b
    JOIN dim_project AS d USING (project_key)
    WHERE b.fiscal_year IS NOT NULL
),
candidates AS (
    SELECT
        p.submission_key,
        p.project_seq,
        q.submission_key AS prev_submission_key,
        q.project_seq    AS prev_project_seq,
        q.project_key    AS prev_project_key,
        q.project_code   AS prev_project_code,
        q.project_name   AS prev_project_name,
        q.budget_total_yuan AS prev_budget_total_yuan,
        CASE WHEN p.code_stem = q.code_stem THEN 'code' ELSE 'name' END AS match_method
    FROM projects AS p
    JOIN projects AS q
      ON q.unit_key = p.unit_key
     AND q.fiscal_year = p.fiscal_year - 1
     AND (p.code_stem = q.code_stem OR p.name_key = q.name_key)
    QUALIFY row_number() OVER (
        PARTITION BY p.submission_key, p.project_seq
        ORDER BY CASE WHEN p.code_stem = q.code_stem THEN 0 ELSE 1 END, q.project_seq) = 1
)
SELECT
    p.submission_key,
    p.project_seq,
    p.project_key,
    p.unit_key,
    p.fiscal_year,
    p.project_code,
    p.project_name,
    p.budget_total_yuan,
    c.prev_submission_key,
    c.prev_project_seq,
    c.prev_project_key,
    c.prev_project_code,
    c.prev_project_name,
    c.prev_budget_total_yuan,
    c.match_method
FROM projects AS p
LEFT JOIN candidates AS c USING (submission_key, project_seq);
COMMENT ON VIEW current_project_match IS '延续项目匹配：每个当前项目对应同一单位上一年度当前报送中的同一项目（先按去掉年份的项目编码，再按规范化的项目名称）。';
COMMENT ON COLUMN current_project_match.submission_key IS 'dim_submission.submission_key of the current project''s file.';
COMMENT ON COLUMN current_project_match.project_seq IS '1-based position of the project in its file.';
COMMENT ON COLUMN current_project_match.project_key IS 'dim_project.project_key of the current project.';
COMMENT ON COLUMN current_project_match.unit_key IS 'dim_unit.unit_key of the unit.';
COMMENT ON COLUMN current_project_match.fiscal_year IS 'Budget year of the current project.';
COMMENT ON COLUMN current_project_match.project_code IS 'Project code (项目编码) this year.';
COMMENT ON COLUMN current_project_match.project_name IS 'Project name (项目名称) this year.';
COMMENT ON COLUMN current_project_match.budget_total_yuan IS '预算数 this year, yuan.';
COMMENT ON COLUMN current_project_match.prev_submission_key IS 'submission_key of the previous year''s current file holding the matched project; null when unmatched.';
COMMENT ON COLUMN current_project_match.prev_project_seq IS 'Position of the matched project in that file.';
COMMENT ON COLUMN current_project_match.prev_project_key IS 'dim_project.project_key of the matched previous-year project.';
COMMENT ON COLUMN current_project_match.prev_project_code IS 'Project code of the matched project last year.';
COMMENT ON COLUMN current_project_match.prev_project_name IS 'Project name of the matched project last year.';
COMMENT ON COLUMN current_project_match.prev_budget_total_yuan IS '预算数 of the matched project last year, yuan.';
COMMENT ON COLUMN current_project_match.match_method IS 'code (same code without the year digits), name (same unit and normalised name) or null (no match: a new project).';
