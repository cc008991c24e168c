"""One language's editions recorded with mike, in a process of its own.

mike's Python API runs git in subprocesses that inherit the environment of the process that
calls it (they find the throwaway repository by ``GIT_DIR``), and reads the committer's name
from it; mike documents no other way to point it at a repository. So :func:`record` runs only
in a process whose environment is its own: a child forked for it (:func:`sapat.mkdocs.site._assemble`),
or, where nothing is forked, this module run as ``python -m sapat.mkdocs.web_root`` with that
environment and the request as JSON on stdin (a failure ends it with a status other than 0 and
the reason on stderr). The environment of the process that builds the site never changes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mike import commands as mike


def record(request: dict[str, Any]) -> None:
    """``language``'s editions (``editions``: version, title, folder; oldest first, the last in
    force), then the draft, recorded by mike in ``branch`` of the repository of ``GIT_DIR``;
    then ``out/<language>/`` made of what mike wrote and the editions' own folders.

    What mike makes (``versions.json``, the redirects of ``latest`` and of the language's
    home, from the ``template`` file) comes out of git. The editions' own folders, which mike
    would only copy, come from disk: each frozen edition copied from main, the draft (folder
    ``draft``) moved. So mike is given only the names of the edition in force's pages (empty
    files), to redirect ``latest`` to each, and records every edition by version and title: git
    taking in files that are never read back was most of the time.
    """
    language, branch, template = request["language"], request["branch"], request["template"]
    latest, draft = request["latest"], request["draft"]
    work, out = Path(request["work"]), Path(request["out"])
    # Recorded again from nothing when an attempt before failed half-way (its work is then done
    # again here, runtime.background): mike would refuse to commit what that attempt committed.
    subprocess.run(["git", "update-ref", "-d", f"refs/heads/{branch}"], check=True)
    recorded_only = work / f"recorded.{language}"
    recorded_only.mkdir(exist_ok=True)
    editions = request["editions"]
    for index, edition in enumerate(editions):
        in_force = index == len(editions) - 1
        names = _page_names(Path(edition["folder"]), work / f"pages.{language}") if in_force else recorded_only
        _deploy(names, edition["version"], edition["title"], [latest] if in_force else [], branch, language,
                template)
    _deploy(recorded_only, draft["version"], draft["title"], [], branch, language, template)
    mike.set_default(latest if editions else draft["version"], template=template, branch=branch,
                     deploy_prefix=language, message=f"{language}: the edition in force")
    listed = subprocess.run(["git", "ls-tree", "--name-only", branch, f"{language}/"], capture_output=True,
                            text=True, check=True).stdout.split()
    own_folders = {edition["version"] for edition in editions} | {draft["version"]}
    made_by_mike = [path for path in listed if path.removeprefix(f"{language}/") not in own_folders]
    with subprocess.Popen(["git", "archive", branch, "--", *made_by_mike], stdout=subprocess.PIPE) as archive:
        subprocess.run(["tar", "-x", "-C", str(out)], stdin=archive.stdout, check=True)
    if archive.returncode:
        raise subprocess.CalledProcessError(archive.returncode, archive.args)
    for edition in editions:
        shutil.copytree(edition["folder"], out / language / edition["version"], dirs_exist_ok=True)
    if Path(draft["folder"]).exists():  # else moved by an attempt before
        Path(draft["folder"]).rename(out / language / draft["version"])


def _page_names(folder: Path, names: Path) -> Path:
    """``names``: an empty file for every page of ``folder`` (mike redirects to a page by its name)."""
    for page in folder.rglob("*.html"):
        name = names / page.relative_to(folder)
        name.parent.mkdir(parents=True, exist_ok=True)
        name.touch()
    return names


def _deploy(folder: Path, version: str, title: str, aliases: list[str], branch: str, language: str,
            template: str) -> None:
    """One edition of one language recorded in ``branch`` (mike deploy): its version and title,
    and the files of ``folder`` under ``<language>/<version>/``."""
    cfg = {"site_dir": str(folder), "use_directory_urls": True}
    with mike.deploy(cfg, version, title, aliases, update_aliases=True, alias_type=mike.AliasType.redirect,
                     template=template, branch=branch, deploy_prefix=language, message=f"{language}: {version}"):
        pass  # nothing to build: mike records what ``folder`` holds


if __name__ == "__main__":
    try:
        record(json.load(sys.stdin))
    except Exception as exc:
        detail = exc.stderr if isinstance(exc, subprocess.CalledProcessError) and exc.stderr else ""
        print(f"{type(exc).__name__}: {exc} {detail}".strip(), file=sys.stderr)
        sys.exit(1)
