"""Every write of news, articles, subscriptions and newsletters, one module per area."""
