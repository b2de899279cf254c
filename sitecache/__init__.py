"""The site cache of public pages.

``pages`` marks public views (``public_page``) and serves them from the cache
(``SiteCacheMiddleware``); ``generation`` says which cached pages are still
valid (``content_changed``, ``register_due_times``); ``cdn`` tells a CDN.
"""
