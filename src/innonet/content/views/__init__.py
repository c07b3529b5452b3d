"""Pages of news, the knowledge base and the newsletter, one module per area."""
