"""Writes of matchmaking: profiles, ratings and introductions (see the modules)."""
