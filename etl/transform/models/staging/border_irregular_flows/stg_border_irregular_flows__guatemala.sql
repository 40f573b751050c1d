-- Guatemalans returned from Mexico and the US (IGM), by sex and age. From 2024 gdidata leaves the
-- origin blank on the rows not from Mexico: guessing MEX or USA would invent the split, so those rows
-- count only in the all-origins total (indicator_code NULL here; int_..._guatemala_returns).
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'guatemala')) }}
)
SELECT parsed.*,
       CASE origin WHEN 'MEX' THEN 'gtm_returnees_from_mex' WHEN 'USA' THEN 'gtm_returnees_from_usa' END AS indicator_code,
       CASE {{ bif_reasons() }}
           WHEN origin NOT IN ('MEX', 'USA', '') THEN 'unknown return origin'
           WHEN sex NOT IN ('male', 'female')
             OR age NOT IN ('adult', 'accompanied child', 'unaccompanied child') THEN 'unknown sex or age label'
       END AS reason
FROM parsed
