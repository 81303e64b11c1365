-- dim_department: departments (主管部门) with names, derived from dim_unit on every load.
-- grain: one row per (division_code, department_code): the first three digits of the unit code, within
-- its county; keys: division_code, department_code.
-- department_name: the name of the department's own office (unit xxx001) without a trailing 本级;
-- without such a unit, the longest common prefix of its units' names (the lexically first and last
-- names share it with every name between them; the one name of a department with one unit), also
-- without a trailing 本级.
CREATE OR REPLACE VIEW dim_department AS
WITH units AS (
    SELECT division_code, department_code, unit_code, unit_name
    FROM dim_unit
    WHERE unit_code <> 'unknown' AND department_code IS NOT NULL
),
own_office AS (
    SELECT division_code, department_code,
           min(regexp_replace(unit_name, '[（(]?本级[)）]?$', '')) AS office_name
    FROM units
    WHERE unit_code = department_code || '001' AND unit_name IS NOT NULL
    GROUP BY ALL
),
span AS (
    SELECT division_code, department_code,
           count(*)::INTEGER AS units,
           min(unit_name)    AS first_name,
           max(unit_name)    AS last_name
    FROM units
    GROUP BY ALL
),
common AS (
    SELECT s.division_code, s.department_code,
           (SELECT max(n) FROM range(0, least(length(s.first_name), length(s.last_name)) + 1) AS r(n)
            WHERE left(s.first_name, n::INTEGER) = left(s.last_name, n::INTEGER)) AS prefix_length
    FROM span AS s
)
SELECT
    s.division_code,
    s.department_code,
    coalesce(o.office_name,
             nullif(regexp_replace(left(s.first_name, c.prefix_length::INTEGER), '[（(]?本级[)）]?$', ''), ''),
             s.department_code)                                                              AS department_name,
    CASE WHEN o.office_name IS NOT NULL THEN 'own_office'
         WHEN c.prefix_length > 0 THEN 'common_prefix'
         ELSE 'code' END                                                                     AS name_source,
    s.units
FROM span AS s
LEFT JOIN own_office AS o USING (division_code, department_code)
LEFT JOIN common AS c USING (division_code, department_code);
COMMENT ON VIEW dim_department IS '主管部门维度：每个县区每个部门编码（单位编码前三位）一行，名称取部门本级单位（xxx001）的名称，否则取其下属单位名称的共同前缀。';
COMMENT ON COLUMN dim_department.division_code IS 'County (dim_county.division_code, 6-digit 行政区划 code) of the department.';
COMMENT ON COLUMN dim_department.department_code IS 'Department prefix (主管部门): the first three digits of the unit code.';
COMMENT ON COLUMN dim_department.department_name IS 'Department name: its own office''s unit name (xxx001) without 本级, else the common prefix of its units'' names, else the code.';
COMMENT ON COLUMN dim_department.name_source IS 'Where the name comes from: own_office, common_prefix or code.';
COMMENT ON COLUMN dim_department.units IS 'Units of the department in dim_unit.';
