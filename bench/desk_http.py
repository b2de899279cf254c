"""The soak's desk acting over HTTP, in the admin, as a desk user does.

Each role logs in with its own session (and CSRF token), opens the admin's
pages and posts their forms as the browser would: every field the page
renders is sent back, the version field of the article form included, so
optimistic locking is what a real desk meets. An edit counts as acknowledged
only when the answer says it succeeded (the admin's redirect after a save or
a workflow step); a 503 with Retry-After, a connection refused or the
conflict page is a refusal, never a loss.
"""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

ARTICLES = "/admin/articles/article/"


class Refused(Exception):
    """The site said no (503, conflict, validation): nothing acknowledged."""


class FormParser(HTMLParser):
    """The fields of the page's POST forms, as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {"id": a.get("id"), "action": a.get("action"), "fields": []}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.form["fields"].append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name") and "disabled" not in a:
            self.textarea = [a["name"], ""]
            self.form["fields"].append(self.textarea)
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self.select = {"name": a["name"], "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.select["options"] if selected]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = [self.select["options"][0][0]]
            for value in chosen:
                self.form["fields"].append([self.select["name"], value])
            self.select = None
        elif tag == "form":
            self.form = None


def post_form(page: str, form_id: str | None = None) -> list[list[str]]:
    parser = FormParser()
    parser.feed(page)
    for form in parser.forms:
        names = {name for name, _v in form["fields"]}
        if (form_id is None or form["id"] == form_id) and "csrfmiddlewaretoken" in names:
            return form["fields"]
    raise Refused("页面上没有可提交的表单")


def put(fields: list[list[str]], name: str, value) -> None:
    """Set a field, as typing into it would (added when the page had none)."""
    for field in fields:
        if field[0] == name:
            field[1] = str(value)
            return
    fields.append([name, str(value)])


def value(fields, name: str) -> str | None:
    return next((v for n, v in fields if n == name), None)


class AdminSession:
    """One desk user's browser: cookies, CSRF token, the admin's pages."""

    def __init__(self, base: str, username: str, password: str):
        self.base, self.username, self.password = base, username, password
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def fetch(self, path: str, fields=None) -> tuple[str, str]:
        data = (
            urllib.parse.urlencode([tuple(f) for f in fields]).encode()
            if fields is not None
            else None
        )
        request = urllib.request.Request(self.base + path, data=data)
        if data is not None:
            request.add_header("Referer", self.base + path)  # Django's CSRF check on HTTPS
        try:
            with self.opener.open(request, timeout=90) as response:
                return urllib.parse.urlsplit(response.geturl()).path, response.read().decode()
        except urllib.error.HTTPError as error:
            retry = error.headers.get("Retry-After")
            raise Refused(
                f"HTTP {error.code}" + (f" Retry-After {retry}" if retry else "")
            ) from error
        except OSError as error:  # connection refused or reset: nothing acknowledged
            raise Refused(f"{type(error).__name__}: {error}") from error

    def login(self) -> None:
        _url, page = self.fetch("/admin/login/?next=/admin/")
        fields = post_form(page)
        put(fields, "username", self.username)
        put(fields, "password", self.password)
        url, _page = self.fetch("/admin/login/?next=/admin/", fields)
        if url.startswith("/admin/login/"):
            raise Refused(f"{self.username} 登录失败")

    def page(self, path: str) -> str:
        url, page = self.fetch(path)
        if url.startswith("/admin/login/"):  # session gone (Redis restarted): log in again
            self.login()
            url, page = self.fetch(path)
        return page

    def step(self, pk: int, action: str, **form) -> None:
        """A workflow step through its confirmation page; refused unless it says done."""
        path = f"{ARTICLES}{pk}/workflow/{action}/"
        fields = post_form(self.page(path))
        for name, given in form.items():
            put(fields, name, given)
        url, page = self.fetch(path, fields)
        if url != f"{ARTICLES}{pk}/change/" or "完成。" not in page:
            raise Refused(f"{action} 未完成：{errors(page)}")

    def save(self, pk: int, change) -> int:
        """Open the article's change form, change it, save; the acknowledged version."""
        fields = post_form(self.page(f"{ARTICLES}{pk}/change/"), "article_form")
        seen = int(value(fields, "expected_version") or 0)
        change(fields)
        fields.append(["_save", "保存"])
        url, page = self.fetch(f"{ARTICLES}{pk}/change/", fields)
        if url.rstrip("/") != ARTICLES.rstrip("/"):
            raise Refused(f"保存未完成：{errors(page)}")
        return seen + 1


def errors(page: str) -> str:
    found = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    found += re.findall(r'<li class="(?:error|warning)">(.*?)</li>', page, re.S)
    return re.sub(r"<[^>]+>", " ", " ".join(found))[:200].strip() or "（页面无说明）"


def desk(base: str, journal, watched_queue: list, edit_pool: list[int]):
    """The actions of ``bench.soak.desk``, taken in the admin over HTTP.

    Creates the role users with fresh passwords (on the database the site
    uses: the caller has Django set up), each logging in for itself.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils.encoding import iri_to_uri

    from articles.models import Article
    from paper.models import Section
    from people import roles
    from people.models import Reporter

    password = uuid.uuid4().hex
    User = get_user_model()

    def user(username, group):
        account, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        account.is_staff, account.is_active = True, True
        account.set_password(password)
        account.save()
        account.groups.add(Group.objects.get(name=group))
        return account

    reporter_user = user("soak-http-reporter", roles.REPORTER)
    byline, _ = Reporter.objects.get_or_create(
        name="压测记者（网页）", defaults={"user": reporter_user}
    )
    accounts = {
        "reporter": reporter_user,
        "editor": user("soak-http-editor", roles.EDITOR),
        "chief-a": user("soak-http-chief-a", roles.CHIEF_EDITOR),
        "chief-b": user("soak-http-chief-b", roles.CHIEF_EDITOR),
    }
    sections = list(Section.objects.values_list("pk", flat=True))
    run = uuid.uuid4().hex[:6]
    counter = iter(range(1, 10**9))
    # One browser per role and thread: a session is one person's.
    local = threading.local()

    def session(role) -> AdminSession:
        sessions = local.__dict__.setdefault("sessions", {})
        if role not in sessions:
            sessions[role] = AdminSession(base, accounts[role].username, password)
            sessions[role].login()
        return sessions[role]

    def file_story(rng):
        n = next(counter)
        reporter = session("reporter")
        fields = post_form(reporter.page(f"{ARTICLES}add/"), "article_form")
        put(fields, "headline", f"网页压测稿件{run}-{n}")
        put(fields, "dateline", "本报讯")
        put(fields, "body", f"<p>这是经网页提交的第{n}篇压测稿件的正文。</p>")
        put(fields, "section", rng.choice(sections))
        prefix = next(
            name[: -len("-TOTAL_FORMS")]
            for name, _v in fields
            if name.endswith("-TOTAL_FORMS") and "byline" in name.lower()
        )
        put(fields, f"{prefix}-TOTAL_FORMS", 1)
        put(fields, f"{prefix}-0-reporter", byline.pk)
        put(fields, f"{prefix}-0-role", "reporter")
        fields.append(["_continue", "保存并继续编辑"])
        url, page = reporter.fetch(f"{ARTICLES}add/", fields)
        found = re.fullmatch(rf"{ARTICLES}(\d+)/change/", url)
        if not found:
            raise Refused(f"发稿未保存：{errors(page)}")
        pk = int(found.group(1))
        reporter.step(pk, "submit")
        session("editor").step(pk, "approve", note="")
        session("chief-a").step(pk, "publish")
        journal.add("published", iri_to_uri(Article.objects.get(pk=pk).get_absolute_url()))

    def race(rng):
        """Both chief editors open the same live article's form, then both save."""
        pk = rng.choice(edit_pool)
        both_open = threading.Barrier(2)

        def one(role):
            try:
                chief = session(role)
                fields = post_form(chief.page(f"{ARTICLES}{pk}/change/"), "article_form")
                seen = int(value(fields, "expected_version") or 0)
                base = (value(fields, "headline") or "").split("·")[0]
                headline = f"{base}·{role[-1]}{next(counter)}"
                put(fields, "headline", headline)
                fields.append(["_save", "保存"])
                both_open.wait(timeout=60)
                url, page = chief.fetch(f"{ARTICLES}{pk}/change/", fields)
                if url.rstrip("/") != ARTICLES.rstrip("/"):
                    raise Refused(f"保存未完成：{errors(page)}")
                journal.add("edits", (pk, seen + 1, headline))
            except (Refused, threading.BrokenBarrierError):
                with journal.lock:  # refused (conflict page, 503): the text handed back
                    journal.refused_edits += 1
            except Exception as error:
                journal.add("editor_errors", f"race: {type(error).__name__}: {error}")

        desks = [threading.Thread(target=one, args=(role,)) for role in ("chief-a", "chief-b")]
        for thread in desks:
            thread.start()
        for thread in desks:
            thread.join()

    def withdraw(rng):
        if not watched_queue:
            return
        pk, path, headline = watched_queue.pop(0)
        session("chief-b").step(pk, "withdraw", reason="压测撤稿")
        with journal.lock:  # acknowledged: from now on no reader may get it
            journal.withdrawals[path] = (time.time(), headline)

    return {
        "reporter files, editor approves, chief publishes (admin, HTTP)": (file_story, 12.0),
        "two chief editors save the same article at once (admin, HTTP)": (race, 12.0),
        "chief editor withdraws (admin, HTTP)": (withdraw, 12.0),
    }
