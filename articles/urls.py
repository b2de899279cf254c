"""Public URLs of the articles app: articles, sections, tags, events, photos,
corrections, feeds, sitemaps and robots.txt; and the admin's tag suggestions."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds, sitemaps, views
from articles.tagging import tag_suggestions
from articles.views.robots import robots_txt
from sitecache.pages import public_page

urlpatterns = [
    path("articles/<id:pk>/", views.article_detail, name="article_short"),
    path("articles/<id:pk>/<uslug:slug>/", views.article_detail, name="article"),
    path("sections/<uslug:slug>/", views.section_detail, name="section"),
    path(
        "sections/<uslug:slug>/rss/", public_page(feeds.SectionRss(), query=()), name="section_rss"
    ),
    path(
        "sections/<uslug:slug>/atom/",
        public_page(feeds.SectionAtom(), query=()),
        name="section_atom",
    ),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag"),
    path("events/", views.event_list, name="event_list"),
    path("events/past/", views.event_list, {"when": "past"}, name="event_list_past"),
    path("events/<id:pk>/", views.event_detail, name="event_short"),
    path("events/<id:pk>/<uslug:slug>/", views.event_detail, name="event"),
    path("photos/", views.photo_list, name="photo_list"),
    path("photos/<id:pk>/", views.photo_detail, name="photo"),
    path("corrections/", views.corrections, name="corrections"),
    path("feeds/rss/", public_page(feeds.LatestRss(), query=()), name="rss"),
    path("feeds/atom/", public_page(feeds.LatestAtom(), query=()), name="atom"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index, query=()),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap",
    ),
    path(
        "news-sitemap.xml",
        public_page(sitemap_views.sitemap, query=()),
        {"sitemaps": {"news": sitemaps.NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("admin/tag-suggestions/", tag_suggestions, name="tag_suggestions"),
]
