-- Detail facts, loaded as staged and sorted by the keys pages filter on.
CREATE TABLE fct_indicator_breakdowns AS
SELECT country_iso3, indicator_code, CAST(year AS INTEGER) AS year, dimension, category, sex, age,
       value, value_flag, upper_bound, CAST(months_covered AS INTEGER) AS months_covered, source_file
FROM stg_breakdowns
ORDER BY indicator_code, country_iso3, year, dimension, category, sex, age;

CREATE TABLE fct_flows AS
SELECT flow_code, reporting_iso3, nationality_code, CAST(period_start AS DATE) AS period_start,
       year(period_start) AS year, period_kind, value, source_file
FROM stg_flows
ORDER BY flow_code, reporting_iso3, nationality_code, period_start;

CREATE TABLE fct_incidents AS
SELECT incident_id, CAST(incident_date AS DATE) AS incident_date, CAST(year AS INTEGER) AS year,
       CAST(month AS INTEGER) AS month, incident_type, country_iso3, route, cause,
       dead_and_missing, survivors, nationalities, location, latitude, longitude,
       source_file, CAST(source_line AS INTEGER) AS source_line
FROM stg_incidents
ORDER BY incident_date, incident_id;

CREATE TABLE fct_mmp_regional AS
SELECT CAST(year AS INTEGER) AS year, region_of_incident, CAST(incidents AS INTEGER) AS incidents,
       dead, missing, dead_and_missing, survivors, females, males, children, source_file
FROM stg_mmp_regional
ORDER BY year, region_of_incident;

CREATE TABLE fct_treaty_status AS
SELECT country_iso3, treaty_code, status, state_party, signatory,
       CAST(ratification_year AS INTEGER) AS ratification_year, CAST(status_year AS INTEGER) AS status_year,
       note, source_file
FROM stg_treaties
ORDER BY treaty_code, country_iso3;

CREATE TABLE geo_shapes AS
SELECT shape_code, country_iso3, name, subregion, geometry, source_file
FROM stg_shapes
ORDER BY shape_code;
