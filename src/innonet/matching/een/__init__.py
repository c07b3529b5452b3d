"""The EEN partnering exchange format: cooperation profiles as JSON or XML files that people
move by hand between innonet and the Enterprise Europe Network's tools (docs/een-format.md).
`documents` reads and writes files, `records` maps one profile, `vocabulary` holds the words."""
