-- county_names: each known county's name (dim_county.county_name) by its division_code; the
-- 'unknown' county is left out. The letters sign for the unit's county when no county is set.
SELECT division_code, county_name
FROM dim_county
WHERE division_code <> 'unknown'
ORDER BY division_code
