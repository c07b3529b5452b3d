"""The newsletter's modules that the project's conventions want under a fixed name."""
