from django.http import HttpResponse
from django.urls import reverse

from newsroom.siteurl import absolute_url
from sitecache.pages import public_page


@public_page(query=())
def robots_txt(request):
    """Crawlers may read everything public; the sitemaps say where it is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap_index'))}",
        f"Sitemap: {absolute_url(request, reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
