-- mart_indicator_mix: the mix of a unit's indicators over 一级 and 二级 categories against the whole
-- county's mix in the same budget year (current submissions).
-- grain: one row per (unit_code, fiscal_year, category_level, level1, level2): category_level 一级
-- rows have level2 null; keys: unit_key, fiscal_year, category_level, level1, level2. Rows whose
-- 一级 or 二级 is not recognised count under （未识别）.
CREATE OR REPLACE VIEW mart_indicator_mix AS
WITH rows_in AS (
    SELECT t.unit_key, u.division_code, t.fiscal_year,
           coalesce(t.level1_canonical, '（未识别）') AS level1,
           coalesce(t.level2_canonical, '（未识别）') AS level2
    FROM current_indicator_target AS t
    JOIN dim_unit AS u USING (unit_key)
),
by_category AS (
    SELECT unit_key, division_code, fiscal_year, '一级' AS category_level, level1, NULL::VARCHAR AS level2, count(*) AS n
    FROM rows_in GROUP BY ALL
    UNION ALL
    SELECT unit_key, division_code, fiscal_year, '二级', level1, level2, count(*)
    FROM rows_in GROUP BY ALL
),
unit_totals AS (
    SELECT unit_key, fiscal_year, count(*) AS total FROM rows_in GROUP BY ALL
),
county AS (
    SELECT division_code, fiscal_year, category_level, level1, level2, sum(n) AS n
    FROM by_category GROUP BY ALL
),
county_totals AS (
    SELECT division_code, fiscal_year, count(*) AS total FROM rows_in GROUP BY ALL
)
SELECT
    u.division_code,
    u.unit_key,
    u.unit_code,
    u.unit_name,
    u.department_code,
    c.fiscal_year,
    make_date(c.fiscal_year, 1, 1)                                                   AS fiscal_year_start,
    c.category_level,
    c.level1,
    c.level2,
    c.n::INTEGER                                                                     AS indicators,
    t.total::INTEGER                                                                 AS unit_indicators,
    round(100.0 * c.n / t.total, 2)                                                  AS unit_share_pct,
    k.n::INTEGER                                                                     AS county_indicators,
    round(100.0 * k.n / kt.total, 2)                                                 AS county_share_pct,
    round(100.0 * c.n / t.total - 100.0 * k.n / kt.total, 2)                         AS share_diff_pct
FROM by_category AS c
JOIN dim_unit AS u USING (unit_key)
JOIN unit_totals AS t USING (unit_key, fiscal_year)
JOIN county AS k
  ON k.division_code = c.division_code AND k.fiscal_year IS NOT DISTINCT FROM c.fiscal_year
 AND k.category_level = c.category_level
 AND k.level1 = c.level1 AND k.level2 IS NOT DISTINCT FROM c.level2
JOIN county_totals AS kt
  ON kt.division_code = c.division_code AND kt.fiscal_year IS NOT DISTINCT FROM c.fiscal_year;
COMMENT ON VIEW mart_indicator_mix IS '指标结构：每个单位各一级、二级指标所占比例与全县同年度比例的对比（仅当前报送）。';
COMMENT ON COLUMN mart_indicator_mix.unit_key IS 'dim_unit.unit_key.';
COMMENT ON COLUMN mart_indicator_mix.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the unit.';
COMMENT ON COLUMN mart_indicator_mix.unit_code IS 'Budget unit code (预算单位编码).';
COMMENT ON COLUMN mart_indicator_mix.unit_name IS 'Unit name (单位名称) from the unit''s latest current submission.';
COMMENT ON COLUMN mart_indicator_mix.department_code IS 'Department prefix: first three digits of the unit code.';
COMMENT ON COLUMN mart_indicator_mix.fiscal_year IS 'Budget year.';
COMMENT ON COLUMN mart_indicator_mix.fiscal_year_start IS 'First day of the budget year (fiscal_year-01-01), the time column for BI filters.';
COMMENT ON COLUMN mart_indicator_mix.category_level IS '一级 (a row per canonical 一级, level2 null) or 二级 (a row per canonical 一级 and 二级).';
COMMENT ON COLUMN mart_indicator_mix.level1 IS 'Canonical 一级, or （未识别） when not recognised.';
COMMENT ON COLUMN mart_indicator_mix.level2 IS 'Canonical 二级 (（未识别） when not recognised); null on 一级 rows.';
COMMENT ON COLUMN mart_indicator_mix.indicators IS 'The unit''s indicator rows in the category.';
COMMENT ON COLUMN mart_indicator_mix.unit_indicators IS 'All the unit''s indicator rows that year.';
COMMENT ON COLUMN mart_indicator_mix.unit_share_pct IS '100 x indicators / unit_indicators, 2 decimals.';
COMMENT ON COLUMN mart_indicator_mix.county_indicators IS 'Indicator rows of every unit in the category that year.';
COMMENT ON COLUMN mart_indicator_mix.county_share_pct IS 'The category''s share of all the county''s indicator rows that year, percent.';
COMMENT ON COLUMN mart_indicator_mix.share_diff_pct IS 'unit_share_pct - county_share_pct (unrounded shares): positive when the unit uses the category more than the county.';
