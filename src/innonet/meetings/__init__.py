"""One-to-one meetings at an event: the marketplace, requests, the plan and its outcomes."""
