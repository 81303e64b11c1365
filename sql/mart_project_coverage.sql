-- mart_project_coverage: per current project, which 一级/二级 categories of its taxonomy it has and lacks.
-- grain: one row per (submission_key, project_seq) of a current submission; keys: division_code, project_key.
CREATE OR REPLACE VIEW mart_project_coverage AS
WITH projects AS (
    SELECT b.submission_key, b.project_seq, b.project_key, b.division_code, b.unit_key, b.fiscal_year, b.taxonomy_version
    FROM current_project_budget AS b
),
expected AS (
    SELECT taxonomy_version, level1_canonical, level2_canonical, sort_order
    FROM dim_indicator_category
    WHERE in_taxonomy
),
expected_level1 AS (
    SELECT taxonomy_version, level1_canonical, min(sort_order) AS sort_order
    FROM expected
    GROUP BY ALL
),
present AS (
    SELECT DISTINCT t.submission_key, t.project_seq, t.level1_canonical, t.level2_canonical
    FROM current_indicator_target AS t
    WHERE t.level1_canonical IS NOT NULL
),
level1 AS (
    SELECT p.submission_key, p.project_seq, e.level1_canonical, e.sort_order,
           EXISTS (SELECT 1 FROM present AS x
                   WHERE x.submission_key = p.submission_key AND x.project_seq = p.project_seq
                     AND x.level1_canonical = e.level1_canonical) AS has_it
    FROM projects AS p
    JOIN expected_level1 AS e USING (taxonomy_version)
),
level2 AS (
    SELECT p.submission_key, p.project_seq, e.level2_canonical, e.sort_order,
           EXISTS (SELECT 1 FROM present AS x
                   WHERE x.submission_key = p.submission_key AND x.project_seq = p.project_seq
                     AND x.level1_canonical = e.level1_canonical
                     AND x.level2_canonical = e.level2_canonical) AS has_it
    FROM projects AS p
    JOIN expected AS e USING (taxonomy_version)
),
level1_summary AS (
    SELECT submission_key, project_seq,
           string_agg(level1_canonical, '、' ORDER BY sort_order) FILTER (WHERE has_it)     AS level1_present,
           string_agg(level1_canonical, '、' ORDER BY sort_order) FILTER (WHERE NOT has_it) AS level1_missing,
           count(*) FILTER (WHERE NOT has_it)::INTEGER                                      AS level1_missing_count
    FROM level1
    GROUP BY ALL
),
level2_summary AS (
    SELECT submission_key, project_seq,
           string_agg(level2_canonical, '、' ORDER BY sort_order) FILTER (WHERE has_it)     AS level2_present,
           string_agg(level2_canonical, '、' ORDER BY sort_order) FILTER (WHERE NOT has_it) AS level2_missing,
           count(*) FILTER (WHERE NOT has_it)::INTEGER                                      AS level2_missing_count
    FROM level2
    GROUP BY ALL
),
off_taxonomy AS (
    SELECT t.submission_key, t.project_seq, count(*)::INTEGER AS rows_outside_taxonomy
    FROM current_indicator_target AS t
    WHERE NOT t.in_taxonomy
    GROUP BY ALL
)
SELECT
    p.division_code,
    p.project_key,
    u.unit_code,
    d.project_code,
    d.project_name,
    p.fiscal_year,
    p.project_seq,
    p.taxonomy_version,
    l1.level1_present,
    l1.level1_missing,
    l2.level2_present,
    l2.level2_missing,
    coalesce(l1.level1_missing_count, 0)                                    AS level1_missing_count,
    coalesce(l2.level2_missing_count, 0)                                    AS level2_missing_count,
    coalesce(o.rows_outside_taxonomy, 0)                                    AS rows_outside_taxonomy,
    coalesce(l1.level1_missing_count, 0) + coalesce(l2.level2_missing_count, 0) = 0 AS is_complete
FROM projects AS p
JOIN dim_unit AS u USING (unit_key)
JOIN dim_project AS d USING (project_key)
LEFT JOIN level1_summary AS l1 USING (submission_key, project_seq)
LEFT JOIN level2_summary AS l2 USING (submission_key, project_seq)
LEFT JOIN off_taxonomy AS o USING (submission_key, project_seq);
COMMENT ON VIEW mart_project_coverage IS '项目指标完整性：每个当前项目在其分类体系下已有和缺少的一级、二级指标。';
COMMENT ON COLUMN mart_project_coverage.project_key IS 'dim_project.project_key.';
COMMENT ON COLUMN mart_project_coverage.unit_code IS 'Budget unit code.';
COMMENT ON COLUMN mart_project_coverage.project_code IS 'Project code (项目编码).';
COMMENT ON COLUMN mart_project_coverage.project_name IS 'Project name (项目名称).';
COMMENT ON COLUMN mart_project_coverage.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_project_coverage.project_seq IS '1-based position of the project in its file.';
COMMENT ON COLUMN mart_project_coverage.taxonomy_version IS 'Taxonomy the project is checked against: pre2021 or 2021.';
COMMENT ON COLUMN mart_project_coverage.level1_present IS 'Canonical 一级 the project has, in taxonomy order, joined by 、.';
COMMENT ON COLUMN mart_project_coverage.level1_missing IS '一级 of the taxonomy the project lacks, joined by 、; null when none.';
COMMENT ON COLUMN mart_project_coverage.level2_present IS '二级 of the taxonomy the project has (under the right 一级), joined by 、.';
COMMENT ON COLUMN mart_project_coverage.level2_missing IS '二级 of the taxonomy the project lacks, joined by 、; null when none.';
COMMENT ON COLUMN mart_project_coverage.level1_missing_count IS 'Number of missing 一级.';
COMMENT ON COLUMN mart_project_coverage.level2_missing_count IS 'Number of missing 二级.';
COMMENT ON COLUMN mart_project_coverage.rows_outside_taxonomy IS 'Indicator rows whose (一级, 二级) is not in the taxonomy or not recognised.';
COMMENT ON COLUMN mart_project_coverage.is_complete IS 'True when no 一级 or 二级 of the taxonomy is missing.';
COMMENT ON COLUMN mart_project_coverage.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
