"""Every translation has the source's pages and clauses, uses the glossary's terms, and is told
when the source changed since it was translated."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity, did_you_mean
from ..i18n.languages import SOURCE_LANGUAGE
from ..i18n.messages import Message
from ..model.control import TranslationState
from ..model.glossary import terminology_problems
from ..model.pages import Page
from ..model.project import Project


def translations(project: Project) -> list[Diagnostic]:
    """Every language has the same pages with the same clauses, uses the glossary's terms, and
    is told when the original changed since it was translated. The terms to avoid are searched
    for at every run: keeping what was found (:mod:`..runtime.cache`) cost more than the search,
    its key being the whole glossary for each page (docs/runtime.md)."""
    problems: list[Diagnostic] = []
    source = project.source
    for language, pages in project.languages.items():
        if language == SOURCE_LANGUAGE:
            continue
        docs = project.repository.display(project.repository.docs_dir(language))
        for name, original in source.files.items():
            if not original.valid:
                continue  # already reported; comparing with a broken original says nothing new
            translated = pages.files.get(name)
            if translated is None:
                problems.append(Diagnostic(f"{docs}/{name}", None,
                                           Message("translation.missing", language=Message(f"language.{language}"),
                                                   original=original.display),
                                           Message("translation.missing.hint", path=f"{docs}/{name}")))
                continue
            if not original.controlled:
                continue  # the guide is written in each language, not translated clause by clause
            state = project.translation_state(name, language)
            if state is TranslationState.UNTRANSLATED:
                problems.append(Diagnostic(
                    translated.display, 1, Message("translation.untranslated", original=original.display),
                    Message("translation.untranslated.hint", original=original.display, path=translated.display),
                    Severity.NOTICE))
                continue
            problems += _compare_clauses(original, translated)
            problems += terminology_problems(project.terms, original.body, language, translated.display,
                                             translated.body, translated.body_line)
            if state is TranslationState.STALE:
                lagging = ", ".join(project.lagging_clauses(name, language)) or "—"
                problems.append(Diagnostic(
                    translated.display, translated.meta.line_of(("translation_of",)),
                    Message("translation.stale", original=original.display, clauses=lagging),
                    Message("translation.stale.hint", path=translated.display), Severity.NOTICE))
        for name, page in pages.files.items():
            if name not in source.files:
                problems.append(Diagnostic(page.display, 1, Message("translation.no_original"),
                                           did_you_mean(name, source.files) or
                                           Message("translation.no_original.hint",
                                                   path=f"manual/{SOURCE_LANGUAGE}/{name}")))
    return problems


def _compare_clauses(original: Page, translated: Page) -> list[Diagnostic]:
    """Clause numbers, and so anchors and references, are the same in every language."""
    ours = [c.id for c in original.scan.clauses]
    theirs = {c.id: c for c in translated.scan.clauses}
    problems = [Diagnostic(translated.display, None,
                           Message("translation.clause_missing", clause=clause, original=original.display),
                           Message("translation.clause_missing.hint"))
                for clause in ours if clause not in theirs]
    problems += [Diagnostic(translated.display, clause.line,
                            Message("translation.extra_clause", clause=clause.id, original=original.display),
                            Message("translation.extra_clause.hint"))
                 for clause in theirs.values() if clause.id not in ours]
    return problems

