"""Innovation projects from the first idea to the funding decision, with funding programmes."""
