"""sapat's own words keep one term per concept (manual/terminology.yml): every message, every label,
every Kyrgyz UI string of the theme and every page of the guide for editors is read in both
languages, and a word to avoid fails, named with its file and its key or line. The Russian texts
are held to the manual's glossary too, as the check holds the manual's translation."""

from __future__ import annotations

import fnmatch
import inspect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from helpers import ROOT
from sapat.core.i18n.languages import LANGUAGES
from sapat.core.i18n.messages import ky as ky_messages
from sapat.core.i18n.messages import ru as ru_messages
from sapat.core.model.glossary import occurrences
from sapat.core.sources.files import load_yaml_file
from sapat.core.sources.schemas import load_schema, schema_problems

TABLE = "manual/terminology.yml"
THEME_STRINGS = "site_config/overrides/partials/languages/ky.html"
MESSAGES = {"ky": ky_messages, "ru": ru_messages}
TEXT_LANGUAGES = ("ky", "ru")


@dataclass(frozen=True)
class Text:
    """One text sapat shows an editor or a reader, in one language, and where it is written."""

    language: str
    file: str  # relative to the repository
    line: int
    key: str | None  # a message's, a label's or a UI string's key; None for a line of a guide page
    text: str

    @property
    def place(self) -> str:
        """What a ``reserved_for`` or ``where`` pattern names: ``file:key``, or the file of a guide line."""
        return f"{self.file}:{self.key}" if self.key else self.file

    @property
    def shown(self) -> str:
        """Where to look: ``file:line [key]``."""
        return f"{self.file}:{self.line}" + (f" [{self.key}]" if self.key else "")


def _keyed(language: str, module: ModuleType, texts: Mapping[str, str]) -> list[Text]:
    """The texts of a dict in a Python module, each with the line of its key."""
    path = Path(inspect.getfile(module))
    lines = path.read_text(encoding="utf-8").splitlines()
    line_of: dict[str, int] = {}
    for number, content in enumerate(lines, 1):
        if match := re.match(r'\s*"([^"]+)":', content):
            line_of.setdefault(match.group(1), number)
    return [Text(language, path.relative_to(ROOT).as_posix(), line_of[key], key, text) for key, text in texts.items()]


def theme_strings() -> list[Text]:
    """The Kyrgyz UI strings of the theme: ``"key": "text",`` lines of ky.html."""
    lines = (ROOT / THEME_STRINGS).read_text(encoding="utf-8").splitlines()
    return [Text("ky", THEME_STRINGS, number, match.group(1), match.group(2)) for number, content in enumerate(lines, 1)
            if (match := re.match(r'\s*"([\w.]+)": "(.*)",?$', content))]


def guide_lines() -> list[Text]:
    """Every line of every page of the guide for editors, in both languages."""
    return [Text(language, page.relative_to(ROOT).as_posix(), number, None, content)
            for language in TEXT_LANGUAGES for page in sorted((ROOT / "manual" / language / "guide").glob("*.md"))
            for number, content in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)]


def all_texts() -> list[Text]:
    """Every message, label, theme string and guide line in Kyrgyz and Russian."""
    texts = theme_strings() + guide_lines()
    for language in TEXT_LANGUAGES:
        texts += _keyed(language, MESSAGES[language], MESSAGES[language].MESSAGES)
        texts += _keyed(language, LANGUAGES[language].module, LANGUAGES[language].labels)
    return texts


def read_yaml(path: str) -> Any:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def words_to_avoid(texts: Sequence[Text], table: Mapping[str, Any], glossary: Mapping[str, Any]) -> list[str]:
    """Every use of a word the table says to avoid, of a term's reserved word outside its places,
    and, in Russian, of a word the glossary says to avoid: where, what, and what to write."""
    found: list[str] = []

    def look(stems: Iterable[str], language: str, advice: str, outside: Iterable[str] = ()) -> None:
        patterns = list(outside)
        for text in texts:
            if text.language != language or any(fnmatch.fnmatchcase(text.place, p) for p in patterns):
                continue
            for stem in stems:
                for start, end in occurrences(stem, text.text, text.text.lower()):
                    found.append(f"{text.shown}: '{text.text[start:end]}' — {advice}")

    for entry in [*table["terms"], *table["phrasings"]]:
        for language in TEXT_LANGUAGES:
            if entry.get(language):
                look(entry.get(f"{language}_avoid", ()), language, f"{entry['id']}: write «{entry[language]}»")
        if "reserved_for" in entry:
            for language in TEXT_LANGUAGES:
                look([entry[language].lower()], language, f"reserved for {entry['id']} ({entry['en']})",
                     outside=entry["reserved_for"])
    for term in glossary["terms"]:
        look(term["ru_avoid"], "ru", f"glossary.yml {term['id']}: write «{term['ru']}»")
    return found


def test_the_table_follows_its_schema_and_names_each_concept_once() -> None:
    data = load_yaml_file(ROOT / TABLE, TABLE)
    problems = schema_problems(data, load_schema(ROOT / "schemas/terminology.schema.json"), TABLE)
    assert [problem.format("en") for problem in problems] == []
    entries = [*data.value["terms"], *data.value["phrasings"]]
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))
    for language in TEXT_LANGUAGES:  # and no word names two concepts
        words = [entry[language] for entry in data.value["terms"]]
        assert len(words) == len(set(words)), language


def test_no_text_of_sapat_uses_a_word_to_avoid() -> None:
    found = words_to_avoid(all_texts(), read_yaml(TABLE), read_yaml("manual/glossary.yml"))
    assert not found, "words to avoid (manual/terminology.yml):\n" + "\n".join(found)


def test_every_message_label_theme_string_and_guide_page_is_read() -> None:
    texts = all_texts()
    keys_in: dict[str, set[str | None]] = {}
    for text in texts:
        keys_in.setdefault(text.file, set()).add(text.key)
    for language in TEXT_LANGUAGES:
        assert keys_in[f"plugins/sapat/core/i18n/messages/{language}.py"] == set(MESSAGES[language].MESSAGES), language
        assert keys_in[f"plugins/sapat/core/i18n/languages/{language}.py"] == set(LANGUAGES[language].labels), language
        pages = {text.file for text in texts if text.language == language and text.key is None}
        assert pages == {f"manual/{language}/guide/{page.name}"
                         for page in (ROOT / "manual" / language / "guide").glob("*.md")}, language
    assert {"select.version", "search.placeholder", "source.file.date.updated"} <= keys_in[THEME_STRINGS]


def test_a_word_to_avoid_is_found_in_a_message_a_label_a_theme_string_and_a_guide_page() -> None:
    """The check can fail, and says where: a planted word in each kind of text."""
    planted = [Text("ky", "plugins/sapat/core/i18n/messages/ky.py", 7, "release.exists", "басылыш тоңдурулган"),
               Text("ru", "plugins/sapat/core/i18n/languages/ru.py", 9, "edition", "Версия руководства"),
               Text("ky", THEME_STRINGS, 56, "select.version", "Версияны тандоо"),
               Text("ky", "manual/ky/guide/index.md", 14, None, "Орусча баракты да жаңылайсыз."),
               Text("ru", "manual/ru/guide/index.md", 6, None, "для сотрудников, которые"),
               Text("ru", "plugins/sapat/core/i18n/messages/ru.py", 3, "coverage.nothing", "не указан пробел")]
    assert sorted(words_to_avoid(planted, read_yaml(TABLE), read_yaml("manual/glossary.yml"))) == sorted([
        "plugins/sapat/core/i18n/messages/ky.py:7 [release.exists]: 'тоңдурулган' — frozen-edition: "
        "write «бекемделген басылыш»",
        "plugins/sapat/core/i18n/languages/ru.py:9 [edition]: 'Версия' — edition: write «издание»",
        f"{THEME_STRINGS}:56 [select.version]: 'Версияны' — edition: write «басылыш»",
        "manual/ky/guide/index.md:14: 'жаңылайсыз' — update: write «жаңыртуу»",
        "plugins/sapat/core/i18n/messages/ru.py:3 [coverage.nothing]: 'пробел' — reserved for space "
        "(a space character (YAML indentation))",
        "manual/ru/guide/index.md:6: 'сотрудников' — glossary.yml personnel: write «работник»",
    ])


def test_each_recorded_phrasing_is_where_the_table_says() -> None:
    """A choice awaiting a native reader is recorded with the texts that make it: they still do."""
    texts = all_texts()
    for phrasing in read_yaml(TABLE)["phrasings"]:
        for where in phrasing["where"]:
            saying = [text for text in texts if text.language == "ky" and text.place == where
                      and next(occurrences(phrasing["ky"], text.text, text.text.lower()), None)]
            assert saying, (phrasing["id"], where)
