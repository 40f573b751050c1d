-- Practices (the fact sheet's and submitted ones, with their review status) with their objectives
-- and countries; pages show only status = 'published'. Submitters' contact details never come here.
CREATE TABLE practices AS
SELECT practice_id, title, original_name, countries_text, CAST(year_start AS INTEGER) AS year_start,
       actors, actor_type, CAST(primary_objective_id AS INTEGER) AS primary_objective_id,
       objective_rationale, practice_status, summary, source_urls, verified, level, language,
       status, source_file, CAST(year_end AS INTEGER) AS year_end, partners, target_group, results,
       lessons, replicability, guiding_principles, submitted_at, reviewed_at
FROM stg_practices
ORDER BY practice_id;

CREATE TABLE practice_objectives AS
SELECT practice_id, CAST(objective_id AS INTEGER) AS objective_id, is_primary, rationale
FROM stg_practice_objectives
ORDER BY practice_id, objective_id;

CREATE TABLE practice_countries AS
SELECT practice_id, country_iso3, role
FROM stg_practice_countries
ORDER BY practice_id, country_iso3, role;

CREATE TABLE gcm_endorsement AS
SELECT country_iso3, unga_73_195_vote, vote_code, later_changes, source_urls
FROM stg_gcm_endorsement
ORDER BY country_iso3;
