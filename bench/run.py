"""Build-time benchmark: sapat against plain MkDocs + Material, and mkdocs-static-i18n, on the
same content, in one run. Not a test: it measures and prints; nothing here passes or fails.

    make bench                       # the real manual, 5 runs each
    .venv/bin/python bench/run.py --scale 10 --runs 3   # each page repeated 10 times

Variants (all build both languages):
  plain        one MkDocs + Material site per language, no sapat plugin (the baseline)
  sapat        'sapat build': checks, both editions with the sapat plugin, atomic swap
  static-i18n  one MkDocs build with mkdocs-static-i18n over manual/{ky,ru}
Then it checks the points that decide between per-language sites and static-i18n.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from sapat.core.metadata import fingerprint, set_front_matter
from sapat.core.sources import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
SOURCES = ("manual", "processes", "schemas", "site_config", "mkdocs.yml")


def workspace(scale: int) -> Path:
    """A copy of the repository; with ``scale`` > 1 every page appears ``scale`` times, its
    clauses renumbered (section n -> n + 100*k) so that the copy still passes every check."""
    root = OUT / f"repo-x{scale}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    if scale > 1:
        _scale(root, scale)
    return root


def _scale(root: Path, scale: int) -> None:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    copies = []
    for page in sorted((root / "manual" / "ky").glob("[0-9]*.md")):
        for k in range(1, scale):
            name = f"{page.stem}-x{k}.md"
            ky = _shift(page.read_text(encoding="utf-8"), k)
            ky_body = split_front_matter(ky).body
            code = f"ЖАМУ-СМС-{100 * k + int(page.stem[:2])}"
            ky = set_front_matter(ky, {"document_code": code, "approved_fingerprint": fingerprint(ky_body)})
            (page.parent / name).write_text(ky, encoding="utf-8")
            ru = _shift((root / "manual" / "ru" / page.name).read_text(encoding="utf-8"), k)
            ru = set_front_matter(ru, {"translation_of": {"revision": 2, "fingerprint": fingerprint(ky_body)}})
            (root / "manual" / "ru" / name).write_text(ru, encoding="utf-8")
            copies.append(name)
    config = config.replace("  - register.md\n", "".join(f"  - {n}\n" for n in copies) + "  - register.md\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def _shift(text: str, k: int) -> str:
    """Renumber clauses and references by 100*k; drop appendix references (not copied)."""
    text = re.sub(r"(?m)^(#+ )(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 100 * k}", text)
    text = re.sub(r"\[\[(\d+)", lambda m: f"[[{int(m.group(1)) + 100 * k}", text)
    return re.sub(r"\(?\[\[(тиркеме|приложение) \d\]\]\)?", "", text)


def plain_configs(root: Path) -> list[Path]:
    """The same sites without sapat: Material, search, the same nav of real pages."""
    configs = []
    for language, docs in (("ky", "manual/ky"), ("ru", "manual/ru")):
        nav = [p for p in yaml.safe_load(_strip_tags((root / "mkdocs.yml").read_text()))["nav"]
               if (root / docs / p).exists()]
        config = {"site_name": "plain", "docs_dir": str(root / docs), "site_dir": str(OUT / f"plain-{language}"),
                  "nav": nav, "theme": {"name": "material", "language": "ru" if language == "ru" else "en",
                                        "font": False},
                  "plugins": ["search"], "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True}}]}
        path = OUT / f"plain-{language}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    return configs


def i18n_config(root: Path) -> Path:
    """One site over manual/{ky,ru} with mkdocs-static-i18n (folder structure)."""
    nav = [p for p in yaml.safe_load(_strip_tags((root / "mkdocs.yml").read_text()))["nav"]
           if (root / "manual/ky" / p).exists()]
    config = {"site_name": "i18n", "docs_dir": str(root / "manual"), "site_dir": str(OUT / "i18n"),
              "nav": nav, "theme": {"name": "material", "font": False, "custom_dir": str(root / "site_config/overrides")},
              "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
                  {"locale": "ky", "default": True, "name": "Кыргызча", "build": True},
                  {"locale": "ru", "name": "Русский", "build": True}]}}],
              "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True}}]}
    path = OUT / "i18n.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _strip_tags(text: str) -> str:
    return re.sub(r"!!python/name:\S+", "null", text)


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{done.stderr[-3000:]}")
    return elapsed


def measure(runs: int, scale: int) -> dict[str, list[float]]:
    root = workspace(scale)
    mkdocs, sapat = str(BIN / "mkdocs"), str(BIN / "sapat")
    plain = plain_configs(root)
    variants = {
        "plain": lambda: sum(timed([mkdocs, "build", "-q", "-f", str(c)], root) for c in plain),
        "sapat": lambda: timed([sapat, "--root", str(root), "build"], root),
        "sapat check": lambda: timed([sapat, "--root", str(root), "check"], root),
        "static-i18n": lambda: timed([mkdocs, "build", "-q", "-f", str(i18n_config(root))], root),
    }
    results: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):  # interleaved, so that machine noise hits every variant alike
        for name, run in variants.items():
            results[name].append(run())
    pages = len(list((root / "manual" / "ky").glob("*.md")))
    built = {"plain": OUT / "plain-ky", "sapat": root / "site" / "ky", "static-i18n": OUT / "i18n"}
    print(f"\nbuild time, both languages, {pages} source pages per language, median of {runs} runs")
    base = statistics.median(results["plain"])
    for name, times in results.items():
        median = statistics.median(times)
        html = (f"{sum(1 for p in built[name].rglob('*.html') if p.name != '404.html' and 'ru' not in p.relative_to(built[name]).parts[:1]):4d} Kyrgyz pages built"
                if name in built else "")
        print(f"  {name:<12} {median:7.2f} s   {median / base:5.2f} x plain   {html}")
    return results


def i18n_points() -> None:
    """What the decision rests on besides time: search indexes, 404s, missing pages."""
    site = OUT / "i18n"
    indexes = sorted(p.relative_to(site).as_posix() for p in site.rglob("search_index.json"))
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    ru_in_root = sum(1 for d in docs if d["location"].startswith("ru/"))
    lang_404 = re.search(r'<html lang="([^"]+)"', (site / "404.html").read_text(encoding="utf-8")).group(1)
    root = OUT / "repo-x1"
    (root / "manual/ru/05-management.md").unlink()
    done = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(i18n_config(root))],
                          cwd=root, capture_output=True, text=True)
    fallback = (OUT / "i18n/ru/05-management/index.html").read_text(encoding="utf-8")
    print("\nmkdocs-static-i18n, checked on this build:")
    print(f"  search indexes: {indexes}; Russian entries in the one index: {ru_in_root}")
    print(f"  root 404.html is in language: {lang_404}")
    print(f"  a missing Russian page: build exit {done.returncode}, "
          f"ru/05-management/ served in Kyrgyz: {'Жетекчиликтин' in fallback}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="repeat every page this many times")
    args = parser.parse_args()
    measure(args.runs, args.scale)
    if args.scale == 1:
        i18n_points()


if __name__ == "__main__":
    main()
