"""The engine: ProperDocs builds and serves the site, no notice about
MkDocs 2.0 reaches whoever runs our commands, the core never imports an
engine, and the pages `publish pages` writes build with another engine."""

from __future__ import annotations

import ast
import importlib.metadata
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import properdocs
import properdocs.plugins
import pytest

from generator.mkdocs_plugin.engine import engine_logger
from generator.mkdocs_plugin.plugin import CitiesPlugin
from tests.conftest import PROJECT_DIR, copy_project, parse

ENGINE = f"ProperDocs {properdocs.__version__}"
# Lines of the two notices: Material's ("Material for MkDocs reaches end of
# life…", or "MkDocs 2.0 is incompatible…" in older releases) and the one
# ProperDocs prints for the plugins that declare their support.
NOTICE = re.compile(r"MkDocs 2\.0|MkDocs may break|end of life|Zensical|MKDOCS_2_WARNING|switch to \S*ProperDocs", re.I)
# Neither may be silenced from outside: the test sees what a user would.
QUIET = ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")


def _publish_executable() -> list[str]:
    """`publish` as installed (the program's name is what the notices test),
    else the module."""
    installed = Path(sys.executable).parent / "publish"
    return [str(installed)] if installed.is_file() else [sys.executable, "-m", "generator.cli"]


def _user_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in QUIET}


def _generator(page: Path) -> str:
    """What the page says made it; Material writes "mkdocs-" before the engine."""
    return parse(page).find("meta", attrs={"name": "generator"})["content"]


def test_the_site_is_built_by_properdocs(built_site):
    for page in [built_site.site_dir / "index.html", built_site.site_dir / "en" / "catalogue" / "index.html"]:
        assert _generator(page).startswith(f"mkdocs-{ENGINE},"), _generator(page)


def test_the_plugin_is_a_properdocs_plugin_declared_in_its_group():
    assert issubclass(CitiesPlugin, properdocs.plugins.BasePlugin)
    declared = {entry.name: entry.value for entry in importlib.metadata.entry_points(group="properdocs.plugins")}
    assert declared.get("cities") == "generator.mkdocs_plugin.plugin:CitiesPlugin"
    # What ProperDocs loads under that name (both groups hold it; its own wins).
    assert properdocs.plugins.get_plugins()["cities"].load() is CitiesPlugin


def test_material_and_any_mkdocs_import_get_properdocs_in_our_process():
    # Material's plugins import mkdocs.*; ProperDocs refuses a plugin that is
    # not a subclass of its own BasePlugin, so those names must be its own.
    code = (
        "import generator.site_build, sys\n"
        "from mkdocs.plugins import BasePlugin\n"
        "import properdocs.plugins\n"
        "from material.plugins.search.plugin import SearchPlugin\n"
        "assert BasePlugin is properdocs.plugins.BasePlugin\n"
        "assert issubclass(SearchPlugin, properdocs.plugins.BasePlugin)\n"
        "names = [n for n in sys.modules if n == 'mkdocs' or n.startswith('mkdocs.')]\n"
        "real = [n for n in names if not sys.modules[n].__name__.startswith('properdocs')]\n"
        "assert names and real == [], real\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_what_is_logged_under_the_old_name_counts_for_the_engine():
    """Material logs under "mkdocs.material.*": ProperDocs' strict mode and
    our commands, which listen to "properdocs", must hear it."""
    heard: list[logging.LogRecord] = []
    listener = logging.Handler(level=logging.WARNING)
    listener.emit = heard.append  # type: ignore[method-assign]
    engine_logger().addHandler(listener)
    try:
        logging.getLogger("mkdocs.material.test").warning("a link to nowhere")
    finally:
        engine_logger().removeHandler(listener)
    assert [record.getMessage() for record in heard] == ["a link to nowhere"]


def test_publish_build_prints_no_notice_about_mkdocs_2(project_copy, tmp_path):
    result = subprocess.run(
        [*_publish_executable(), "build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "site")],
        cwd=project_copy, env=_user_environment(), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert NOTICE.findall(result.stdout + result.stderr) == [], result.stdout + result.stderr
    assert result.stderr == ""
    assert _generator(tmp_path / "site" / "index.html").startswith(f"mkdocs-{ENGINE},")


def test_the_notices_this_test_looks_for_are_the_ones_printed_under_the_mkdocs_program(tmp_path):
    """Control for the test above: run as `mkdocs`, Material and our plugin's
    declaration print their notices, and NOTICE finds them."""
    if not shutil.which("mkdocs", path=str(Path(sys.executable).parent)):
        pytest.skip("the mkdocs program is not installed (Material no longer depends on it?)")
    code = (
        "import sys\n"
        "sys.argv[0] = sys.argv[1]\n"  # as the mkdocs program would be named
        "import mkdocs, material.templates, generator.mkdocs_plugin\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "mkdocs")], cwd=PROJECT_DIR,
                            env=_user_environment(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    printed = result.stdout + result.stderr
    assert "Material for MkDocs" in printed and "MkDocs may break" in printed, printed
    assert NOTICE.search(printed)


def test_publish_build_and_serve_help_name_the_engine_and_why():
    major_minor = ".".join(properdocs.__version__.split(".")[:2])
    for command in ("build", "serve"):
        result = subprocess.run([*_publish_executable(), command, "--help"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert f"The engine is ProperDocs {major_minor}," in text, (command, text)
        assert "continuation of MkDocs 1.x" in text and "no release since 1.6.1" in text


def _imported_modules(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_an_engine():
    """Only the adapter (generator/mkdocs_plugin/), site_build.py and the
    serve command talk to the engine: the pages can feed another one."""
    engines = {"mkdocs", "properdocs", "material", "zensical"}
    package = PROJECT_DIR / "generator"
    for module in sorted(package.rglob("*.py")):
        relative = module.relative_to(package).as_posix()
        if relative.startswith("mkdocs_plugin/") or relative == "site_build.py":
            continue
        # The CLI imports the engine inside `publish serve` only.
        found = _imported_modules(module, top_level_only=relative == "cli/site.py") & engines
        assert not found, f"generator/{relative} imports {', '.join(sorted(found))}"


def test_publish_pages_build_strictly_with_another_engine(tmp_path):
    """The generated pages, with the texts of content/<lang>/, build strictly
    with plain MkDocs 1.6.1 and its own theme: no cities plugin, no
    Material, no ProperDocs. (Zensical, the engine these pages are kept for,
    cannot be installed here: README.md, "The engine".)"""
    try:
        version = importlib.metadata.version("mkdocs")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("MkDocs is not installed (Material no longer depends on it?): no second engine to build with")
    project = copy_project(tmp_path / "project")
    out = tmp_path / "pages"
    result = subprocess.run([*_publish_executable(), "pages", "--project-dir", str(project), "--out", str(out)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for lang in sorted(path.name for path in out.iterdir()):
        docs = tmp_path / f"docs-{lang}"
        shutil.copytree(project / "content" / lang, docs)
        # The search page is Material's template; the other engine has its own search.
        (docs / "search.md").unlink()
        shutil.copytree(out / lang, docs, dirs_exist_ok=True)
        config = tmp_path / f"other-engine-{lang}.yml"
        config.write_text(
            f"site_name: Cities\ndocs_dir: {docs}\nsite_dir: {tmp_path / f'site-{lang}'}\n"
            "theme: {name: mkdocs}\nstrict: true\n"
            "markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables, footnotes, toc]\n"
            "validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}\n",
            encoding="utf-8",
        )
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
                               cwd=tmp_path, env=_user_environment(), capture_output=True, text=True)
        assert built.returncode == 0, f"MkDocs {version}, {lang}:\n{built.stderr}"
        catalogue = parse(tmp_path / f"site-{lang}" / "catalogue" / "index.html")
        assert catalogue.find("a", href="https://www.mkdocs.org/")  # MkDocs' own theme: "built with MkDocs"
        assert len(list((tmp_path / f"site-{lang}" / "catalogue" / "practices").glob("*/index.html"))) == len(
            list((out / lang / "catalogue" / "practices").glob("*.md")))
