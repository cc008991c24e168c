"""The core must outlive MkDocs: it imports and checks the real manual with MkDocs unavailable."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

PROGRAM = """
import sys
sys.modules["mkdocs"] = None  # any 'import mkdocs...' now fails
import pkgutil, importlib, sapat.core
for module in pkgutil.walk_packages(sapat.core.__path__, "sapat.core."):
    importlib.import_module(module.name)
from sapat.core.load import load_project
project = load_project(__import__("pathlib").Path(sys.argv[1]))
print(len(project.errors()), sum(len(p.files) for p in project.languages.values()))
"""


def test_the_core_imports_and_checks_the_manual_without_mkdocs():
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    errors, pages = map(int, done.stdout.split())
    assert errors == 0 and pages == 42  # 13 pages of the manual and 8 of the guide, in each language
