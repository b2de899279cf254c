"""The site cache of public pages.

``pages`` marks public views (``public_page``) and serves them from the cache
(``SiteCacheMiddleware``); ``keys`` names what a page shows; ``changes`` is
told what changed (``changed``, ``register_due_times``) and ``stamps`` keeps
when each key last did, which says whether a kept page or ``fragments`` piece
is still good; ``cdn`` tells a CDN the same keys; ``queries`` and ``local``
make a fresh render and a hit cheaper.
"""
