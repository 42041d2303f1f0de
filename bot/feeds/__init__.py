"""News feeds in: sources, polling, and each item matched to its story as a proposed update.

Layers, lowest first (each module only imports from the ones above it in this list):

- pure core, no I/O: :mod:`settings`, :mod:`models`, :mod:`parse`, :mod:`identity`, :mod:`cadence`,
  :mod:`grouping`, :mod:`matching`, :mod:`notify` (an interface only);
- storage: :mod:`store` (tables and queries, on :mod:`bot.storage`'s database; imports the core
  modules only). It lives here, not in :mod:`bot.storage`, so that ``bot.storage`` never imports
  ``bot.feeds``: the arrow between the two packages points one way;
- network: :mod:`addresses` (which hosts may be fetched), :mod:`fetch` (one guarded HTTP GET);
- service: :mod:`poller` (who is due, concurrency, backoff), :mod:`service` (what front ends call);
- front end: :mod:`cli`. The Discord adapter (editors' channel) belongs to the review issue.
"""
