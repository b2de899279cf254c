"""The cluster soak's desk, acting in the admin over real HTTP (live server)."""

import random

from articles.models import Article, Status
from bench import desk_http, soak
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.paper.factories import SectionFactory


def test_form_parser_sends_back_what_a_browser_would():
    page = """<form method="post" id="article_form">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="headline" value="标题"><input type="checkbox" name="a" value="1">
      <input type="checkbox" name="b" value="on" checked><input type="submit" name="_save">
      <textarea name="body">&lt;p&gt;正文&lt;/p&gt;</textarea>
      <select name="section"><option value="">---</option><option value="3" selected>x</option>
      </select><select name="kind"><option value="story">s</option></select></form>"""
    fields = desk_http.post_form(page, "article_form")
    assert fields == [
        ["csrfmiddlewaretoken", "t"],
        ["headline", "标题"],
        ["b", "on"],
        ["body", "<p>正文</p>"],
        ["section", "3"],
        ["kind", "story"],
    ]


def test_http_desk_files_races_and_withdraws_through_the_admin(live_server):
    SectionFactory()
    edited = ArticleFactory(live=True)
    doomed = ArticleFactory(live=True)
    BylineFactory(article=doomed)
    journal = soak.Journal()
    watched = [(doomed.pk, doomed.get_absolute_url(), doomed.headline)]
    actions = desk_http.desk(live_server.url, journal, watched, [edited.pk])
    rng = random.Random(1)

    for act, _pause in actions.values():
        act(rng)

    assert journal.editor_errors == []
    [filed] = Article.objects.live().filter(headline__startswith="网页压测稿件")
    assert journal.published == [filed.get_absolute_url()]
    # Of the two chiefs saving the same version, exactly one is acknowledged
    # (unless both happened to save in turn) and the acknowledged one is stored.
    assert len(journal.edits) + journal.refused_edits == 2
    assert len(journal.edits) >= 1
    _pk, version, headline = max(journal.edits, key=lambda e: e[1])
    edited.refresh_from_db()
    assert (edited.headline, edited.version) == (headline, version)
    doomed.refresh_from_db()
    assert doomed.status == Status.WITHDRAWN
    assert list(journal.withdrawals) == [doomed.get_absolute_url()]


def test_cluster_soak_counts_a_refused_desk_step_as_refused_not_as_an_error():
    from bench.cluster_soak import refusal

    assert refusal("refused: chief editor withdraws: HTTP 503 Retry-After 5")
    assert refusal("race: OperationalError: server closed the connection")
    assert not refusal("reporter files: KeyError: 'byline'")
