"""Build-time benchmark of sapat against plain MkDocs + Material on the same sources. Not a
test: it measures and prints; nothing here passes or fails on a time.

    make bench                                # the sizes bench/RESULTS.md quotes (the 2,000 size takes ~10 min)
    .venv/bin/python bench/run.py --sizes real 50 400 --json bench/out/sizes.json
    .venv/bin/python bench/run.py nav --sizes 400 2000   # flat nav against sections
    .venv/bin/python bench/run.py i18n        # one site per language against mkdocs-static-i18n
    .venv/bin/python bench/run.py i18n --scale 10 --runs 3
    .venv/bin/python bench/run.py search --sizes real 400 2000   # typing to the first result
    .venv/bin/python bench/run.py cache --runs 3  # what each kind the cache keeps is worth (docs/runtime.md)

sizes (the default): the real manual, and the manual plus N generated procedure pages per
language (bench/corpus.py). For each size, on a copy of the repository:
  plain Material  mkdocs build of the same sources and nav without sapat, ky then ru (the
                  procedures in a nav section per unit, as sapat shows them)
  plain + prune   the same with Material's navigation.prune, which sapat turns on
  plain, sapat's pages  (real only) plain + prune on every page sapat publishes: its generated
                  pages written out as Markdown, in its nav
  sapat build     what 'make site' runs: checks, both editions with the plugin, swap
  sapat check     what 'make check' runs
  ..., nothing kept  the same on a clean machine: nothing kept by an earlier run (in
                  sapat.core.runtime.cache, Jinja's compiled templates among it), as in CI
                  and after an update of sapat. The two above find what the run before kept,
                  as an editor's second check does, or one after editing a few pages.
  serve           'mkdocs serve' as 'make serve': time until it first serves the edited page,
                  then from saving a change to one procedure page until the served page shows it
Each is timed on its own and its peak memory read (bench/measure.py says how).

nav: what the nav's layout costs 'make site' (bench/RESULTS.md): the same N procedures per
language listed flat in the nav, in a folder per unit (as the sizes above), and in sections of
sapat.core.checks.navigation.LONGEST_NAV_LEVEL pages in order (what sapat would make of a flat nav by
itself); each 'sapat build' after a check, as an editor runs them.
search: from typing a word to the first result in Chromium, Pagefind (what sapat publishes)
against Material's lunr on the same pages (bench/search.py says how).

cache: warm 'sapat check' and 'sapat build' (what make check and make site run) with everything
sapat.core.runtime.cache keeps, with nothing (SAPAT_CACHE=off), and with all but one kind
(SAPAT_CACHE_WITHOUT), each after a run that kept everything: what each kind saves (docs/runtime.md).

i18n: the comparison that decided for one MkDocs site per language (docs/architecture.md, "Why one MkDocs
site per language"): plain, sapat and mkdocs-static-i18n on the real manual or ``--scale``
copies of it, then the points besides time that decided it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from corpus import add_procedures
from measure import MIB, CommandFailed, Measurement, measure, serve_rebuild, wait_for_quiet
from search import measure_search, print_search

from sapat.core.checks.navigation import LONGEST_NAV_LEVEL
from sapat.core.load import load_project
from sapat.core.publishing.generated import nav_with_folder_sections, nav_with_sections
from sapat.core.sources.files import set_front_matter, split_front_matter
from sapat.core.sources.fingerprints import fingerprint

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
MKDOCS, SAPAT = BIN / "mkdocs", BIN / "sapat"
SOURCES = ("manual", "processes", "schemas", "site_config", "mkdocs.yml")
LANGUAGES = ("ky", "ru")
SIZES = ("real", "50", "400", "2000")  # what bench/RESULTS.md quotes
CHECKED = re.compile(r"sapat: pages checked: \d+, errors: 0, notices: (\d+)")
LONG_NAV_LEVEL = re.compile(r"(?m)^mkdocs\.yml:\d+: notice: one level of the nav lists ")


def notices(check_output: str) -> int | None:
    """How many notices 'sapat check' gave, None when it found an error."""
    summary = CHECKED.search(check_output)
    return int(summary.group(1)) if summary else None


def own_notices(root: Path) -> int:
    """The notices the repository's own sources in ``root`` give (what its registers do not
    state yet, the reviews due, the audit programme still empty): a corpus added to them must
    not add any but long levels of the nav."""
    found = notices(measure([str(SAPAT), "--root", str(root), "check"], root).output)
    if found is None:
        raise SystemExit("the repository's own sources do not pass 'sapat check'")
    return found


def long_nav_levels(check_output: str, own: int) -> int | None:
    """How many levels of the nav 'sapat check' found too long, or None when it found anything
    else than those and the repository's ``own`` notices (an error, a stale translation): then
    the corpus is not the one bench/RESULTS.md measures. At 2,000 per language the corpus's 14
    units hold some 143 procedures each, past the check's limit."""
    found = len(LONG_NAV_LEVEL.findall(check_output))
    return found if notices(check_output) == own + found else None


def workspace(name: str) -> Path:
    """``bench/out/<name>/``, emptied, holding ``repo/``: a copy of what a build reads."""
    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    root = folder / "repo"
    root.mkdir(parents=True)
    for source in SOURCES:
        path = ROOT / source
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, root / source)
    return root


def source_nav(root: Path, docs: str) -> list[str]:
    """The nav of mkdocs.yml without the pages sapat generates: what plain MkDocs can build."""
    config = re.sub(r"!!python/name:\S+", "null", (root / "mkdocs.yml").read_text(encoding="utf-8"))
    return [page for page in yaml.safe_load(config)["nav"] if (root / docs / page).exists()]


def plain_configs(root: Path, prune: bool = False, generated: bool = False) -> list[Path]:
    """The same sites without sapat: Material, search, the same nav of real pages in the same
    sections (a section per folder, as sapat shows them). ``prune``: Material's
    ``navigation.prune`` too, which sapat's configuration turns on. ``generated``: every page
    sapat publishes, its generated pages written out as the Markdown sapat makes of them, in
    sapat's nav: what the same pages cost without sapat."""
    project = load_project(root)
    config_names = [page.page for page in project.nav.entries] if project.nav else []
    configs = []
    for language in LANGUAGES:
        name = f"plain{'-prune' if prune else ''}{'-all' if generated else ''}-{language}"
        docs, nav = root / "manual" / language, nav_with_folder_sections(source_nav(root, f"manual/{language}"),
                                                                          project.languages[language])
        if generated:
            docs = root.parent / f"{name}-docs"
            shutil.copytree(root / "manual" / language, docs, dirs_exist_ok=True)
            for page in project.languages[language].generated.values():
                (docs / page.name).parent.mkdir(parents=True, exist_ok=True)
                (docs / page.name).write_text(page.body, encoding="utf-8")
            nav = nav_with_sections(config_names, project, language)
        theme = {"name": "material", "language": "ru" if language == "ru" else "en", "font": False,
                 "features": ["navigation.prune"] if prune else []}
        config = {"site_name": "plain", "docs_dir": str(docs), "site_dir": str(root.parent / name), "nav": nav,
                  "theme": theme, "plugins": ["search"],
                  "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True}}]}
        path = root.parent / f"{name}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    return configs


def measure_plain(root: Path, configs: list[Path]) -> Measurement:
    """Both plain sites, one after the other: the times add up, the peak is the larger one."""
    runs = [measure([str(MKDOCS), "build", "-q", "-f", str(config)], root) for config in configs]
    seconds = sum(r.seconds for r in runs)
    return Measurement(seconds, sum(r.cpu_seconds for r in runs), max(r.peak_bytes for r in runs),
                       sum(r.other_cores * r.seconds for r in runs) / seconds)


def published(site: Path) -> int:
    """Pages a reader can open in one built edition (not counting the 404 page)."""
    return sum(1 for page in site.rglob("index.html"))


# --- sizes -------------------------------------------------------------------------------

@dataclass
class Result:
    seconds: float
    ratio: float  # of wall times, against plain Material
    cpu_seconds: float
    cpu_ratio: float
    peak_mib: float
    other_cores: float  # how busy other work kept the machine meanwhile


@dataclass
class SizeResult:
    size: str
    source_pages: int  # per language
    published: dict[str, int]  # per language, by plain Material and by sapat
    load: tuple[float, float]  # 1-minute load average before and after the measurements
    edited_page: str
    results: dict[str, Result] = field(default_factory=dict)


def measure_size(size: str, runs: int, keep: bool, quiet_seconds: float) -> SizeResult:
    """Every variant at one size: ``real`` or a number of procedure pages per language.
    ``quiet_seconds``: before each variant, wait at most this long for a quiet machine."""
    root = workspace(f"size-{size}")
    own = own_notices(root)
    procedures = [] if size == "real" else add_procedures(root, int(size), folder="procedures", by_unit=True)
    check = measure([str(SAPAT), "--root", str(root), "check"], root)  # also warms the caches
    if long_nav_levels(check.output, own) is None:
        raise SystemExit(f"the {size} corpus does not pass 'sapat check' cleanly:\n{check.output[-3000:]}")
    configs, pruned = plain_configs(root), plain_configs(root, prune=True)
    every_page = plain_configs(root, prune=True, generated=True) if size == "real" else []
    load_before = os.getloadavg()[0]
    variants = {
        "plain Material": lambda: measure_plain(root, configs),
        "plain + prune": lambda: measure_plain(root, pruned),
        **({"plain, sapat's pages": lambda: measure_plain(root, every_page)} if size == "real" else {}),
        "sapat build": lambda: measure([str(SAPAT), "--root", str(root), "build"], root),
        "sapat check": lambda: measure([str(SAPAT), "--root", str(root), "check"], root),
        "build, nothing kept": lambda: _nothing_kept([str(SAPAT), "--root", str(root), "build"], root),
        "check, nothing kept": lambda: _nothing_kept([str(SAPAT), "--root", str(root), "check"], root),
    }
    times: dict[str, list[Measurement]] = {name: [] for name in variants}
    for run in range(runs):  # interleaved, so that machine noise hits every variant alike
        for name, variant in variants.items():
            if quiet_seconds:
                wait_for_quiet(quiet_seconds)
            _progress(f"{size}: run {run + 1} of {runs}: {name}")
            times[name].append(variant())
    edited = _page_to_edit(root, procedures)
    _progress(f"{size}: mkdocs serve, then a change to {edited}")
    serve = serve_rebuild(MKDOCS, root, "mkdocs.yml", root / "manual" / "ky" / edited,
                          edited.removesuffix(".md") + "/", quiet_seconds)
    source_pages = sum(1 for _ in (root / "manual" / "ky").rglob("*.md"))
    result = SizeResult(size, source_pages, {"plain Material": published(root.parent / "plain-ky"),
                                             "sapat build": published(root / "site" / "ky" / "draft")},
                        (load_before, os.getloadavg()[0]), edited)
    times["serve: first served"], times["serve: page rebuilt"] = [serve.first_served], [serve.rebuild]
    # Other work only ever slows a command down: of several runs, the fastest is the truest.
    fastest = {name: min(measured, key=lambda m: m.seconds) for name, measured in times.items()}
    base = fastest["plain Material"]
    for name, m in fastest.items():
        result.results[name] = Result(m.seconds, m.seconds / base.seconds, m.cpu_seconds,
                                      m.cpu_seconds / base.cpu_seconds, m.peak_bytes / MIB, m.other_cores)
    if not keep:
        shutil.rmtree(root.parent)
    return result


def _nothing_kept(command: list[str], root: Path) -> Measurement:
    """``command`` measured with a temporary folder of its own, empty: nothing kept by a run before."""
    with tempfile.TemporaryDirectory(prefix="nothing-kept-") as empty:
        environment = {name: value for name, value in os.environ.items() if name != "SAPAT_CACHE"}
        return measure(command, root, env={**environment, "TMPDIR": empty})


def _page_to_edit(root: Path, procedures: list[str]) -> str:
    """A procedure page from the middle of the nav; for the real manual, a manual page."""
    pages = procedures or [p for p in source_nav(root, "manual/ky") if p != "index.md"]
    return pages[len(pages) // 2]


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def print_size(result: SizeResult, runs: int) -> None:
    label = "the real manual" if result.size == "real" else f"manual + {result.size} procedures"
    print(f"\n{label}: {result.source_pages} source pages per language; published per language: "
          f"plain {result.published['plain Material']}, sapat {result.published['sapat build']}; "
          f"{'one run' if runs == 1 else f'fastest of {runs} runs'}; "
          f"load average {result.load[0]:.1f} before, {result.load[1]:.1f} after")
    print(f"  {'':<22}{'time':>10}  {'× plain':>7}  {'CPU time':>10}  {'× plain':>7}  {'peak MiB':>8}"
          f"  {'others':>6}")
    for name, m in result.results.items():
        print(f"  {name:<22}{m.seconds:>8.2f} s  {m.ratio:>7.2f}  {m.cpu_seconds:>8.2f} s  "
              f"{m.cpu_ratio:>7.2f}  {m.peak_mib:>8.0f}  {m.other_cores:>6.2f}")
    print(f"  (serve: the Kyrgyz edition, as 'make serve'; {result.edited_page} changed; its peak "
          "is the server's over both builds. others: cores busy with other work meanwhile)", flush=True)


def print_growth(results: list[SizeResult]) -> None:
    """Time growth between the smallest and the largest generated size."""
    generated = [r for r in results if r.size != "real"]
    if len(generated) < 2:
        return
    small, large = generated[0], generated[-1]
    print(f"\ngrowth from {small.size} to {large.size} procedures per language "
          f"({int(large.size) / int(small.size):.0f}× procedures, "
          f"{large.source_pages / small.source_pages:.1f}× source pages):")
    for name in large.results:
        wall = large.results[name].seconds / small.results[name].seconds
        cpu = large.results[name].cpu_seconds / small.results[name].cpu_seconds
        print(f"  {name:<22}{wall:>8.1f}× time, {cpu:.1f}× CPU time")


def run_sizes(sizes: list[str], runs: int, keep: bool, quiet_seconds: float, json_path: Path | None) -> None:
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain"))
    print(f"sapat benchmark, commit {commit}{' (with uncommitted changes)' if dirty else ''}, "
          f"{dt.date.today()}, {os.cpu_count()} CPUs, MkDocs {metadata.version('mkdocs')}, "
          f"Material {metadata.version('mkdocs-material')}; ratios against plain Material (ky + ru)",
          flush=True)
    results = []
    for size in sizes:
        results.append(measure_size(size, runs, keep, quiet_seconds))
        print_size(results[-1], runs)
    print_growth(results)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": commit, "uncommitted_changes": dirty, "cpus": os.cpu_count(), "runs": runs,
            "mkdocs": metadata.version("mkdocs"), "material": metadata.version("mkdocs-material"),
            "sizes": [asdict(r) for r in results]}, ensure_ascii=False, indent=1), encoding="utf-8")


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


# --- nav ---------------------------------------------------------------------------------

#: The same procedures, three ways in the nav (add_procedures' options).
NAV_LAYOUTS: dict[str, dict[str, Any]] = {
    "flat": {},
    "a folder per unit": {"folder": "procedures", "by_unit": True},
    f"sections of {LONGEST_NAV_LEVEL}": {"folder": "procedures", "per_section": LONGEST_NAV_LEVEL},
}


def run_nav(sizes: list[str], runs: int) -> None:
    """'sapat build' of each layout at each size, the layouts' runs interleaved; the time against
    a folder per unit, the size of a procedure page, and the check's notices of the nav."""
    print(f"make site by the nav's layout, commit {_git('rev-parse', '--short', 'HEAD')}, {dt.date.today()}, "
          f"{os.cpu_count()} CPUs; {'one run' if runs == 1 else f'fastest of {runs} runs'}", flush=True)
    for size in sizes:
        roots, long_levels = {}, {}
        for number, (layout, options) in enumerate(NAV_LAYOUTS.items()):
            roots[layout] = root = workspace(f"nav-{size}-{number}")
            own = own_notices(root)
            add_procedures(root, int(size), **options)
            check = measure([str(SAPAT), "--root", str(root), "check"], root)  # the editor's check before
            if (found := long_nav_levels(check.output, own)) is None:
                raise SystemExit(f"{layout} at {size}: 'sapat check' finds more than long nav levels:\n"
                                 f"{check.output[-3000:]}")
            long_levels[layout] = found
        times: dict[str, list[Measurement]] = {layout: [] for layout in roots}
        for run in range(runs):
            for layout, root in roots.items():
                _progress(f"{size}: run {run + 1} of {runs}: {layout}")
                times[layout].append(measure([str(SAPAT), "--root", str(root), "build"], root))
        fastest = {layout: min(measured, key=lambda m: m.seconds) for layout, measured in times.items()}
        units = fastest["a folder per unit"]
        print(f"\n{size} procedures per language: make site (sapat build, ky + ru)")
        print(f"  {'':<20}{'time':>10}  {'× units':>7}  {'CPU time':>10}  {'× units':>7}  {'peak MiB':>8}  "
              f"{'KB a page':>9}  {'notices':>7}  {'others':>6}")
        for layout, m in fastest.items():
            pages = sorted((roots[layout] / "site" / "ky" / "draft").glob("**/pr-*/index.html"))
            page_kb = pages[len(pages) // 2].stat().st_size / 1000  # a procedure from the middle
            print(f"  {layout:<20}{m.seconds:>8.2f} s  {m.seconds / units.seconds:>7.2f}  {m.cpu_seconds:>8.2f} s  "
                  f"{m.cpu_seconds / units.cpu_seconds:>7.2f}  {m.peak_bytes / MIB:>8.0f}  {page_kb:>9.0f}  "
                  f"{long_levels[layout]:>7}  {m.other_cores:>6.2f}", flush=True)
        for root in roots.values():
            shutil.rmtree(root.parent)
# --- search ------------------------------------------------------------------------------

def run_search(sizes: list[str], runs: int) -> None:
    print(f"sapat search benchmark, commit {_git('rev-parse', '--short', 'HEAD')}, {dt.date.today()}, "
          f"{os.cpu_count()} CPUs, Material {metadata.version('mkdocs-material')}, "
          f"Pagefind {metadata.version('pagefind')}", flush=True)
    for size in sizes:
        _progress(f"search at {size}")
        print_search(size, measure_search(workspace(f"search-{size}"), size, runs))


# --- cache -------------------------------------------------------------------------------

#: The kinds sapat.core.runtime.cache keeps: each kept function's name, and Jinja's templates.
CACHE_KINDS = ("_parse_page", "load_yaml", "lay_out", "_arrange", "templates")


def run_cache(sizes: list[str], runs: int, quiet_seconds: float) -> None:
    """Each command warm, with everything kept, nothing kept, and all but each kind; the fastest
    of ``runs``, the variants interleaved. The cache is a folder of the workspace's own."""
    print(f"sapat cache benchmark, commit {_git('rev-parse', '--short', 'HEAD')}"
          f"{' (with uncommitted changes)' if _git('status', '--porcelain') else ''}, {dt.date.today()}, "
          f"{os.cpu_count()} CPUs; {'one run' if runs == 1 else f'fastest of {runs} runs'}", flush=True)
    clean = {name: value for name, value in os.environ.items() if name not in ("SAPAT_CACHE", "SAPAT_CACHE_WITHOUT")}
    for size in sizes:
        root = workspace(f"cache-{size}")
        if size != "real":
            add_procedures(root, int(size), folder="procedures", by_unit=True)
        kept = str(root.parent / "kept")
        variants = {"everything kept": {**clean, "SAPAT_CACHE": kept},
                    "nothing kept (off)": {**clean, "SAPAT_CACHE": "off"},
                    **{f"all but {kind}": {**clean, "SAPAT_CACHE": kept, "SAPAT_CACHE_WITHOUT": kind}
                       for kind in CACHE_KINDS}}
        commands = {"check": [str(SAPAT), "--root", str(root), "check"],
                    "build": [str(SAPAT), "--root", str(root), "build"]}
        for command in commands.values():  # the run before, that keeps everything
            measure(command, root, env=variants["everything kept"])
        times: dict[tuple[str, str], list[Measurement]] = {(v, c): [] for v in variants for c in commands}
        for run in range(runs):
            for variant, environment in variants.items():
                for name, command in commands.items():
                    if quiet_seconds:
                        wait_for_quiet(quiet_seconds)
                    _progress(f"{size}: run {run + 1} of {runs}: {name}, {variant}")
                    times[(variant, name)].append(measure(command, root, env=environment))
        fastest = {key: min(measured, key=lambda m: m.seconds) for key, measured in times.items()}
        pages = sum(1 for _ in (root / "manual" / "ky").rglob("*.md"))
        print(f"\n{'the real manual' if size == 'real' else f'manual + {size} procedures'}: {pages} source pages "
              f"per language; warm: after a run that kept everything")
        print(f"  {'':<32}{'check':>9}  {'CPU':>8}  {'× kept':>6}  {'build':>9}  {'CPU':>8}  {'× kept':>6}  "
              f"{'others':>6}")
        for variant in variants:
            check, build = fastest[(variant, "check")], fastest[(variant, "build")]
            base_check, base_build = fastest[("everything kept", "check")], fastest[("everything kept", "build")]
            print(f"  {variant:<32}{check.seconds:>7.2f} s  {check.cpu_seconds:>6.2f} s  "
                  f"{check.seconds / base_check.seconds:>6.2f}  {build.seconds:>7.2f} s  {build.cpu_seconds:>6.2f} s  "
                  f"{build.seconds / base_build.seconds:>6.2f}  {max(check.other_cores, build.other_cores):>6.2f}",
                  flush=True)
        shutil.rmtree(root.parent)


# --- i18n --------------------------------------------------------------------------------

def i18n_workspace(scale: int) -> Path:
    """A copy of the repository; with ``scale`` > 1 every page appears ``scale`` times, its
    clauses renumbered (section n -> n + 100*k) so that the copy still passes every check."""
    root = workspace(f"i18n-x{scale}")
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


def i18n_config(root: Path) -> Path:
    """One site over manual/{ky,ru} with mkdocs-static-i18n (folder structure)."""
    config = {"site_name": "i18n", "docs_dir": str(root / "manual"), "site_dir": str(root.parent / "i18n"),
              "nav": source_nav(root, "manual/ky"),
              "theme": {"name": "material", "font": False, "custom_dir": str(root / "site_config/overrides")},
              "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
                  {"locale": "ky", "default": True, "name": "Кыргызча", "build": True},
                  {"locale": "ru", "name": "Русский", "build": True}]}}],
              "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True}}]}
    path = root.parent / "i18n.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def run_i18n(runs: int, scale: int) -> None:
    root = i18n_workspace(scale)
    plain = plain_configs(root)
    variants = {
        "plain": lambda: measure_plain(root, plain),
        "sapat": lambda: measure([str(SAPAT), "--root", str(root), "build"], root),
        "sapat check": lambda: measure([str(SAPAT), "--root", str(root), "check"], root),
        "static-i18n": lambda: measure([str(MKDOCS), "build", "-q", "-f", str(i18n_config(root))], root),
    }
    results: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):  # interleaved, so that machine noise hits every variant alike
        for name, variant in variants.items():
            results[name].append(variant().seconds)
    pages = len(list((root / "manual" / "ky").glob("*.md")))
    built = {"plain": root.parent / "plain-ky", "sapat": root / "site" / "ky" / "draft",
             "static-i18n": root.parent / "i18n"}
    print(f"\nbuild time, both languages, {pages} source pages per language, median of {runs} runs")
    base = statistics.median(results["plain"])
    for name, times in results.items():
        median = statistics.median(times)
        html = f"{_kyrgyz_pages(built[name]):4d} Kyrgyz pages built" if name in built else ""
        print(f"  {name:<12} {median:7.2f} s   {median / base:5.2f} x plain   {html}")
    if scale == 1:
        i18n_points(root)


def _kyrgyz_pages(site: Path) -> int:
    """HTML pages of a built site outside its ``ru/`` folder (static-i18n puts Russian there)."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html" and p.relative_to(site).parts[0] != "ru")


def i18n_points(root: Path) -> None:
    """What the decision rests on besides time: search indexes, 404s, missing pages."""
    site = root.parent / "i18n"
    indexes = sorted(p.relative_to(site).as_posix() for p in site.rglob("search_index.json"))
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    ru_in_root = sum(1 for d in docs if d["location"].startswith("ru/"))
    lang_404 = re.search(r'<html lang="([^"]+)"', (site / "404.html").read_text(encoding="utf-8")).group(1)
    (root / "manual/ru/05-management.md").unlink()
    done = subprocess.run([str(MKDOCS), "build", "-q", "-f", str(i18n_config(root))],
                          cwd=root, capture_output=True, text=True)
    fallback = (site / "ru/05-management/index.html").read_text(encoding="utf-8")
    print("\nmkdocs-static-i18n, checked on this build:")
    print(f"  search indexes: {indexes}; Russian entries in the one index: {ru_in_root}")
    print(f"  root 404.html is in language: {lang_404}")
    print(f"  a missing Russian page: build exit {done.returncode}, "
          f"ru/05-management/ served in Kyrgyz: {'Жетекчиликтин' in fallback}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("comparison", nargs="?", choices=("sizes", "nav", "i18n", "search", "cache"), default="sizes")
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), metavar="SIZE",
                        help="'real' and/or procedure pages per language (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per variant; sizes, nav and cache report the fastest, i18n and search the "
                             "median (default: 1 for sizes and nav, 5 for i18n, 3 for search and cache)")
    parser.add_argument("--json", type=Path, help="sizes: also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="sizes: keep bench/out/size-*/ afterwards")
    parser.add_argument("--quiet", type=float, default=0, metavar="SECONDS",
                        help="sizes, cache: before each measurement wait up to SECONDS for the machine to be idle")
    parser.add_argument("--scale", type=int, default=1, help="i18n: repeat every page this many times")
    args = parser.parse_args()
    os.environ["SAPAT_LANG"] = "en"  # the check's summary line is read back in English
    for size in args.sizes:
        if size != "real" and not size.isdigit():
            parser.error(f"a size is 'real' or a number of pages per language, not {size!r}")
    try:
        if args.comparison == "i18n":
            run_i18n(args.runs or 5, args.scale)
        elif args.comparison == "nav":
            run_nav([size for size in args.sizes if size != "real"], args.runs or 1)
        elif args.comparison == "search":
            run_search(args.sizes, args.runs or 3)
        elif args.comparison == "cache":
            run_cache(args.sizes, args.runs or 3, args.quiet)
        else:
            run_sizes(args.sizes, args.runs or 1, args.keep, args.quiet, args.json)
    except CommandFailed as exc:
        raise SystemExit(f"bench: {exc}") from None


if __name__ == "__main__":
    main()
