"""Engagement per partner: activity counted over two years (sources), its rules (rules), the
panel on the organisation page and the list of partners needing attention (queries, views)."""
