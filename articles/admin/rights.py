"""What the request's user may do to an article, asked once per page.

Drawing one article form asks the same questions many times: the form, each
inline's add, change and delete, each workflow button; every answer costs
the visibility query. While a GET draws the page nothing changes, so each
answer is kept on the request for the article as it was read (its id,
version and state). A POST writes between its questions: it asks afresh.
"""

from articles import policy
from articles.models import Article


def allowed(request, article: Article, action: str) -> bool:
    if request.method not in ("GET", "HEAD") or article.pk is None:
        return policy.allowed(request.user, article, action)
    kept = request.__dict__.setdefault("_article_rights", {})
    key = (article.pk, article.version, article.status, action)
    if key not in kept:
        kept[key] = policy.allowed(request.user, article, action)
    return kept[key]
