"""The MkDocs side: the plugin fails strict builds the way MkDocs' own checks do, and a build
that MkDocs itself breaks never costs the published site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import sapat
from test_bad_inputs import digest, replace


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "out"],
                          capture_output=True, text=True, cwd=root, timeout=300)


def test_stop_on_errors_stops_before_mkdocs_reads_a_broken_source(sources):
    replace("manual/ky/07-product-realization.md", "([[7.3.1]])", "([[7.3.9]])")(sources)
    run = mkdocs_build(sources)
    assert run.returncode == 1
    assert "manual/ky/07-product-realization.md:" in run.stderr and "[[7.3.9]] points to no clause" in run.stderr
    assert "nothing was built (run 'make check' to see them again)" in run.stderr
    assert not (sources / "out").exists()


def test_without_stop_on_errors_the_extension_reports_what_it_cannot_resolve(sources):
    """A preview may go on past an error; the reference is then not rendered as a link, and the
    Markdown extension says so through the plugin's logger, so strict mode still fails."""
    replace("manual/ky/07-product-realization.md", "([[7.3.1]])", "([[7.3.9]])")(sources)
    replace("mkdocs.yml", "      messages: ky\n", "      messages: ky\n      stop_on_errors: false\n")(sources)
    run = mkdocs_build(sources)
    assert run.returncode == 1
    assert "WARNING -  sapat: manual/ky/07-product-realization.md: reference [[7.3.9]] points to no clause" \
        in run.stderr, run.stderr
    output = run.stdout + run.stderr
    assert "Aborted with" in output and "in strict mode" in output
    assert "Traceback" not in run.stderr


def test_when_mkdocs_itself_fails_after_the_checks_the_old_site_stays(repo):
    before = digest(repo / "site")
    (repo / "site_config/overrides/main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ page.content | no_such_filter }}{% endblock %}',
        encoding="utf-8")
    run = sapat(repo, "build")
    assert run.returncode == 1
    assert "errors: 0," in run.output  # sapat's own checks passed
    assert "the ky edition did not build: TemplateAssertionError" in run.output
    assert "site/ is unchanged" in run.output and "Traceback" not in run.output
    assert digest(repo / "site") == before
    assert not list(repo.glob(".site-*")), "the staging folder was left behind"


@pytest.mark.slow
def test_the_themes_templates_are_compiled_once_and_a_changed_template_is_used_at_once(sources, tmp_path):
    kept = tmp_path / "kept"  # sapat's cache, where Jinja's compiled templates are kept (kind "templates")

    def build() -> str:
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "out"],
                             capture_output=True, text=True, cwd=sources, timeout=300,
                             env={**os.environ, "SAPAT_CACHE": str(kept)})
        assert run.returncode == 0, run.stderr
        return (sources / "out" / "index.html").read_text(encoding="utf-8")

    assert "sapat-test" not in build()
    compiled = {path.name: path.read_bytes() for path in kept.glob("templates-*")}
    assert len(compiled) > 20  # Material's templates and the overrides: the next build reads them
    replace("site_config/overrides/main.html", "{% block extrahead %}",
            '{% block extrahead %}<meta name="sapat-test" content="changed">')(sources)
    assert '<meta name="sapat-test" content="changed">' in build()
    recompiled = {path.name: path.read_bytes() for path in kept.glob("templates-*")}
    assert recompiled.keys() == compiled.keys()  # Jinja's key is the template's name: its code is replaced
    assert sum(recompiled[name] != compiled[name] for name in compiled) == 1
