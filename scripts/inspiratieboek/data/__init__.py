"""The data layer: load the records and vocabularies, the schema, the validator."""
