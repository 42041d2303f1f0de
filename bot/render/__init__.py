"""Turning a core ``Reply`` into what a front end shows: terminal text or a Discord payload."""
