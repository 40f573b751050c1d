-- Every source folder the ETL reads, with its title and licence as stated by the publisher.
CREATE TABLE dim_sources AS
SELECT source_folder, title, licence, files_read
FROM ref_sources
ORDER BY source_folder;
