"""Matchmaking: who should work with whom, and why."""
