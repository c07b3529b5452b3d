"""FilterSets shared by the registry pages and the API, one module per model area."""
