"""The house rules of the code's layout (docs/architecture.md), checked on every run.

One app per part of the paper, each building only on those below it::

    sitecache ← people ← paper ← media_library ← articles ← search ← demo

- An app's own modules (models, services, policy, signal handlers …) import
  only from their app and the apps below it.
- Views, selectors, admin, feeds, sitemaps, forms, template tags and commands
  may read any app's models, selectors and services, but never another app's
  views, admin or URLs.
- ``newsroom`` is the project: its settings and URLs put the apps together;
  its small HTTP helpers import no app.
- Nothing in the product imports the benchmarks (``bench/``).
- No import hides inside a function to dodge a loop (``AppConfig.ready()``,
  which runs once the apps are loaded, is the one place for late imports).
"""

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["sitecache", "people", "paper", "media_library", "articles", "search", "demo"]
#: Apps beside the layers: they build on everything and nothing builds on them.
TOOLS = {"ops"}
PROJECT = "newsroom"
APPS = [*LAYERS, *TOOLS]
#: Modules that present or read, rather than own, what they touch.
READERS_DIRS = {"views", "selectors", "admin", "templatetags", "management"}
READERS_FILES = {
    "views.py",
    "selectors.py",
    "admin.py",
    "feeds.py",
    "sitemaps.py",
    "urls.py",
    "urls_preview.py",
    "preview.py",
    "forms.py",
    "context_processors.py",
}
NEVER_ACROSS = {"views", "admin", "urls", "urls_preview"}


def product_modules():
    for app in [*APPS, PROJECT]:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


@functools.cache
def imports(path: Path) -> tuple:
    """(imported module, line, inside a function?) for every import of ours.

    Each test walks every module: parsed once for all of them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                found.extend(
                    (f"{child.module}.{alias.name}", child.lineno, in_function)
                    for alias in child.names
                )
            visit(child, nested)

    visit(tree, False)
    top = {*APPS, PROJECT, "bench"}
    return tuple((name, line, inner) for name, line, inner in found if name.split(".")[0] in top)


def is_reader(path: Path, app: str) -> bool:
    parts = path.relative_to(ROOT / app).parts
    return bool(set(parts[:-1]) & READERS_DIRS) or parts[-1] in READERS_FILES


def where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


def test_apps_import_only_downward_except_to_read():
    wrong = []
    for app, path in product_modules():
        if app == PROJECT:
            continue
        reader = is_reader(path, app)
        for name, line, _inner in imports(path):
            target = name.split(".")[0]
            if target in (app, PROJECT):
                continue
            if target == "bench":
                continue  # its own test below
            if target in TOOLS or app in TOOLS:
                if app in TOOLS:
                    continue
                wrong.append(f"{where(path, line)} imports the tool app {name}")
                continue
            below = LAYERS.index(target) < LAYERS.index(app)
            if not below and not reader:
                wrong.append(f"{where(path, line)} imports upward: {name}")
    assert not wrong, "\n".join(wrong)


def test_no_app_imports_another_apps_views_admin_or_urls():
    wrong = []
    for app, path in product_modules():
        if app == PROJECT:
            continue
        for name, line, _inner in imports(path):
            parts = name.split(".")
            if parts[0] != app and parts[0] in APPS and set(parts[1:]) & NEVER_ACROSS:
                wrong.append(f"{where(path, line)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_project_helpers_import_no_app():
    wiring = {"urls.py", "wsgi.py"}
    wrong = [
        f"{where(path, line)} imports {name}"
        for app, path in product_modules()
        if app == PROJECT and path.name not in wiring and "settings" not in path.parts
        for name, line, _inner in imports(path)
        if name.split(".")[0] != PROJECT
    ]
    assert not wrong, "\n".join(wrong)


def test_nothing_in_the_product_imports_the_benchmarks():
    wrong = [
        f"{where(path, line)} imports {name}"
        for _app, path in product_modules()
        for name, line, _inner in imports(path)
        if name.split(".")[0] == "bench"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_hides_inside_a_function():
    wrong = [
        f"{where(path, line)} imports {name} inside a function"
        for _app, path in product_modules()
        if path.name != "apps.py"
        for name, line, inner in imports(path)
        if inner
    ]
    assert not wrong, "\n".join(wrong)


def test_the_bench_is_kept_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "bench" in ignored
