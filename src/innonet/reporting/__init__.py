"""Reads across apps: the start pages and the project figures (indicators, the funder report
and the network graph follow). The top business layer: it may read every app below it and
writes only its own snapshots."""
