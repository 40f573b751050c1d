-- Every source folder the ETL reads, with its title and licence as stated by the publisher.
SELECT source_folder, title, licence, files_read
FROM {{ source('staged', 'ref_sources') }}
ORDER BY source_folder
