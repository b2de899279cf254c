"""What the workflow announces, after each step commits.

Every step readers could see sends one of these, with ``keys``: the site
cache keys of the pages it changed (``articles.cache_keys``), the article
``article`` and the user ``by``. Infrastructure listens: the site cache drops
those pages and tells the CDN (``articles.signal_handlers``); notifications
may tell people. Nothing here decides a domain rule.
"""

from django.dispatch import Signal

#: Chief editor published a web article now (立即签发).
article_published = Signal()
#: Chief editor set a time for it (定时签发): the lists it will join are told now.
article_scheduled = Signal()
#: 撤稿: it leaves every page that shows it.
article_withdrawn = Signal()
#: A public article's words, credits, photos, tags, corrections or place changed.
article_changed = Signal()
#: An issue was released (签发): its stories go live with it (``article`` is None).
issue_released = Signal()
#: A photo that readers see (through a live article) changed.
photo_changed = Signal()
