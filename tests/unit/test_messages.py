"""The message catalog: every message in Kyrgyz, Russian and English, with the same placeholders,
no English left in the Kyrgyz and Russian texts, and jsonschema's errors all translated."""

from __future__ import annotations

import json
import re
import string

import jsonschema
import pytest

from helpers import ROOT
from sapat.core.diagnostics import Diagnostic, did_you_mean
from sapat.core.i18n.labels import label
from sapat.core.i18n.languages import LANGUAGES
from sapat.core.i18n.messages import CATALOGS, FALLBACK_LANGUAGE, Message, choose_language, language_code
from sapat.core.sources.files import YamlData
from sapat.core.sources.schemas import schema_diagnostics, schema_problem

#: Latin words a Kyrgyz or Russian message may contain: names of programs, formats and standards,
#: the language codes, and 'nav', the name of mkdocs.yml's section. Everything else in Latin
#: letters must be code: quoted ('sapat check'), or a path, a key or an option (04-qms.md,
#: next_review_date, --owner).
NAMES = {"sapat", "YAML", "UTF-8", "JSON", "GitHub", "ISO", "ky", "ru", "en", "nav", "SAPAT_LANG", "git",
         "CriticMarkup", "PDF", "ZIP", "Pagefind"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def english_words(text: str) -> list[str]:
    """Latin words outside placeholders, quotes and code-like tokens."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    tokens = re.findall(r"[^\s«»(),;]+", text)
    return [token for token in tokens if re.search(r"[A-Za-z]", token) and token not in NAMES
            and not re.search(r"[/._:#\-\[\]$]", token)]


def test_every_message_exists_in_every_language_with_the_same_placeholders():
    english = CATALOGS["en"]
    for language, catalog in CATALOGS.items():
        assert set(catalog) == set(english), language
        different = [key for key in english if placeholders(catalog[key]) != placeholders(english[key])]
        assert different == [], language


def test_kyrgyz_and_russian_messages_have_no_english_left():
    for language in ("ky", "ru"):
        found = {key: words for key, text in CATALOGS[language].items() if (words := english_words(text))}
        assert found == {}, language


def test_the_english_check_finds_english():
    """The check above can fail: an untranslated text is caught, code and names are not."""
    assert english_words("the file is empty") == ["the", "file", "is", "empty"]
    assert english_words("'sapat check' {path}: 04-qms.md --owner next_review_date YAML") == []


def test_every_message_renders_in_every_language():
    for language, catalog in CATALOGS.items():
        for key, text in catalog.items():
            values = {name: "x" for name in placeholders(text)}
            assert Message(key, **values).render(language)


def test_an_unknown_key_fails_where_it_is_written():
    with pytest.raises(KeyError, match="no message 'reference.unknwon'"):
        Message("reference.unknwon", written="4.2.4")


def test_a_diagnostic_is_rendered_in_the_language_asked_for():
    diagnostic = Diagnostic("manual/ky/07-product-realization.md", 115, Message("reference.unknown", written="7.3.9"),
                            did_you_mean("7.3.9", ["7.3.7"]))
    assert diagnostic.format("ky") == ("manual/ky/07-product-realization.md:115: error: [[7.3.9]] шилтемеси "
                                       "эч бир пунктка алып барбайт\n    hint: '7.3.7' деп жазгыңыз келдиби?")
    assert diagnostic.format("ru") == ("manual/ky/07-product-realization.md:115: error: ссылка [[7.3.9]] не ведёт "
                                       "ни к одному пункту\n    hint: возможно, имелось в виду '7.3.7'?")
    assert diagnostic.format("en") == ("manual/ky/07-product-realization.md:115: error: reference [[7.3.9]] points "
                                       "to no clause\n    hint: did you mean '7.3.7'?")


def test_a_page_s_status_is_named_in_the_words_the_site_uses():
    """Finding 23: 'sapat release' named a page that is not approved by its raw value (draft)."""
    statuses = json.loads((ROOT / "schemas/page.schema.json").read_text(encoding="utf-8"))["properties"]["status"]
    for status in set(statuses["enum"]) - {"approved"}:  # an approved page is never refused for its status
        for language in ("ky", "ru"):
            shown = Message("release.not_approved", status=Message(f"release.status.{status}")).render(language)
            assert shown.endswith(": " + LANGUAGES[language].labels[f"status.{status}"]), shown
    assert Message("release.not_approved", status=Message("release.status.draft")).render("ru") == \
        "страница не утверждена, её статус: проект"


def test_the_language_comes_from_the_option_then_the_environment_then_the_repository():
    assert choose_language("ru", {"SAPAT_LANG": "en"}, "ky") == "ru"
    assert choose_language(None, {"SAPAT_LANG": "en"}, "ky") == "en"
    assert choose_language(None, {"SAPAT_LANG": "ru_RU.UTF-8"}, "ky") == "ru"
    assert choose_language(None, {"SAPAT_LANG": "de"}, "ky") == "ky"  # an unknown value is passed over
    assert choose_language(None, {}, None) == FALLBACK_LANGUAGE
    assert language_code("KY") == "ky" and language_code("fr") is None


# --------------------------------------------------------------------------- jsonschema's errors

#: A failing example of every JSON Schema assertion keyword sapat's schemas may use.
FAILING = {
    "type": ({"type": "integer"}, "two"),
    "enum": ({"enum": ["draft", "approved"]}, "aproved"),
    "const": ({"const": "approved"}, "draft"),
    "required": ({"required": ["title"]}, {}),
    "dependentRequired": ({"dependentRequired": {"target": ["indicator"]}}, {"target": 1}),
    "pattern": ({"pattern": "^[0-9]+$"}, "IV"),
    "format": ({"format": "date"}, "2018-02-30"),
    "minimum": ({"minimum": 1}, 0),
    "maximum": ({"maximum": 9}, 10),
    "exclusiveMinimum": ({"exclusiveMinimum": 0}, 0),
    "exclusiveMaximum": ({"exclusiveMaximum": 9}, 9),
    "minLength": ({"minLength": 1}, ""),
    "maxLength": ({"maxLength": 2}, "abc"),
    "minItems": ({"minItems": 1}, []),
    "maxItems": ({"maxItems": 1}, [1, 2]),
    "uniqueItems": ({"uniqueItems": True}, [1, 1]),
    "minProperties": ({"minProperties": 1}, {}),
    "maxProperties": ({"maxProperties": 1}, {"a": 1, "b": 2}),
    "additionalProperties": ({"properties": {"a": {}}, "additionalProperties": False}, {"b": 1}),
}
#: Keywords that never fail on their own: they structure a schema or pass a failure on from inside.
STRUCTURE = {"$schema", "$id", "$ref", "$defs", "title", "description", "properties", "items", "prefixItems",
             "allOf", "anyOf", "oneOf", "if", "then", "else", "propertyNames", "patternProperties"}


def test_every_keyword_of_the_schemas_has_a_translated_message():
    used: set[str] = set()

    def walk(node: object, in_properties: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not in_properties:
                    used.add(key)
                walk(value, in_properties=key in ("properties", "$defs", "dependentRequired") and not in_properties)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for schema in (ROOT / "schemas").glob("*.json"):
        walk(json.loads(schema.read_text(encoding="utf-8")))
    assert used - STRUCTURE - set(FAILING) == set()


@pytest.mark.parametrize("keyword", FAILING)
def test_a_schema_error_is_translated_by_its_kind(keyword):
    schema, instance = FAILING[keyword]
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    [error] = validator.iter_errors(instance)
    message, _ = schema_problem(error)
    assert message.key != "schema.invalid"
    [diagnostic] = schema_diagnostics(YamlData(instance), validator, "f.yml")
    for language in ("ky", "ru"):
        assert english_words(diagnostic.message.render(language)) == [], (keyword, language)


def test_a_required_key_and_a_misspelt_value_are_named_in_every_language():
    validator = jsonschema.Draft202012Validator({"required": ["protocol"], "properties": {
        "status": {"enum": ["draft", "approved"]}}})
    problems = schema_diagnostics(YamlData({"status": "aproved"}, {(): 1, ("status",): 3}), validator, "p.md")
    shown = {language: [(d.line, d.message.render(language), d.hint.render(language) if d.hint else None)
                        for d in problems] for language in CATALOGS}
    assert shown["en"] == [(1, "$: the key 'protocol' is missing", "add 'protocol:'"),
                           (3, "$.status: 'aproved' is not one of the allowed values", "did you mean 'approved'?")]
    assert shown["ky"] == [(1, "$: 'protocol' ачкычы жок", "'protocol:' сабын кошуңуз"),
                           (3, "$.status: 'aproved' уруксат берилген маанилердин бири эмес",
                            "'approved' деп жазгыңыз келдиби?")]
    assert shown["ru"] == [(1, "$: нет ключа 'protocol'", "добавьте строку 'protocol:'"),
                           (3, "$.status: 'aproved' не входит в число допустимых значений",
                            "возможно, имелось в виду 'approved'?")]


# --------------------------------------------------------------------------- Russian counts

#: Placeholders that hold a number of things.
COUNTS = {"pages", "errors", "notices", "count", "files", "blocks", "arrows", "processes", "handovers", "editions",
          "problems", "reasons", "total", "full", "partial", "gap", "added", "removed", "changed", "moved", "built",
          "limit", "seconds", "size"}
#: Words after a number that do not agree with it: units («5 с», «12 КБ», «1,4 МБ») and prepositions («1 за»).
UNCHANGING = {"с", "КБ", "МБ", "за", "из"}


def russian_texts() -> dict[str, str]:
    """Every Russian message and label, by file and key."""
    return {f"messages/ru.py:{key}": text for key, text in CATALOGS["ru"].items()} | {
        f"languages/ru.py:{key}": text for key, text in LANGUAGES["ru"].labels.items()}


def test_no_russian_word_follows_a_number_it_would_have_to_agree_with():
    """A Russian noun after a number agrees with it (1 процесс, 2 процесса, 5 процессов, 21 процесс,
    22 процесса), and a text with one form reads wrong at some count («21 процессов»). sapat puts the
    count after the noun, as the check's summary does («Процессов: 21»)."""
    found = [(place, f"{{{name}}} {word}") for place, text in russian_texts().items()
             for name, word in re.findall(r"\{(\w+)\}\s([а-яёА-ЯЁ]+)", text)
             if name in COUNTS and word not in UNCHANGING]
    assert found == []
    used = {name for text in russian_texts().values() for name in placeholders(text)}
    assert used >= COUNTS  # no name left over from a text that is gone


@pytest.mark.parametrize("count", [1, 2, 5, 21, 22])
def test_every_russian_count_reads_right(count):
    """Every Russian text that counts, at the counts where a Russian noun changes its form."""
    counting = {place: text for place, text in russian_texts().items() if placeholders(text) & COUNTS}
    assert {"languages/ru.py:interaction.desc", "languages/ru.py:appendix1.desc", "messages/ru.py:cli.summary",
            "messages/ru.py:mend.refused"} <= set(counting)
    for place, text in counting.items():
        shown = text.format(**{name: count if name in COUNTS else "x" for name in placeholders(text)})
        after = re.findall(rf"(?<![\d.:-]){count}\s([а-яёА-ЯЁ]+)", shown)
        assert set(after) <= UNCHANGING, (place, shown)
    assert label("interaction.desc", "ru", processes=count, handovers=count).startswith(
        f"Процессов: {count}, передач между ними: {count}.")
    assert label("appendix1.desc", "ru", blocks=count, arrows=count, arrows_text="") == \
        f"Блоков: {count}, стрелок: {count}. "
