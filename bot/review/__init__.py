"""The editor's review: open proposals from the news feeds become story updates or new stories.

Core only (no Discord): :mod:`bot.review.service` decides proposals through the feed store and
writes story files through :mod:`bot.review.storyfile`; the CLI, the console and the Discord cog are
thin adapters over it.
"""
