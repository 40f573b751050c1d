"""What the ETL, the practices code and the app share (paths, country codes, errors, the warehouse's
schema version); it imports nothing of the project, so every package may import it."""
