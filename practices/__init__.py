"""Practice submissions: the record and its validation, the store, review access and the ingest of form exports."""
