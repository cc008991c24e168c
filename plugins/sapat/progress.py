"""What someone waiting for ``sapat build`` or ``sapat release`` sees while the sites are built.

On a terminal, one line rewritten in place (pages built of each language, seconds); in a log
(CI), where a rewritten line would be noise, only a line per language when its site is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from .core.i18n.messages import Message, Value


@dataclass(frozen=True)
class Progress:
    """How far the build of an edition is."""

    edition: str
    #: Pages built and pages, of each language's site.
    pages: dict[str, tuple[int, int]]
    #: The languages whose site is built.
    finished: frozenset[str]
    seconds: float


@dataclass
class ProgressReport:
    """Shows :class:`Progress` on ``stream`` in the editor's ``language``."""

    stream: TextIO
    language: str
    live: bool = False
    said: set[str] = field(default_factory=set)

    @classmethod
    def on(cls, stream: TextIO, language: str) -> ProgressReport:
        return cls(stream, language, live=stream.isatty())

    def __call__(self, progress: Progress) -> None:
        done = sorted(progress.finished - self.said)
        if self.live and done:
            self.stream.write("\r\x1b[K")  # the live line gives way to what is said for good
        for language in done:
            built, _ = progress.pages[language]
            self.stream.write(self._text("build.language_built", edition=progress.edition, language=language,
                                         pages=built, seconds=f"{progress.seconds:.1f}") + "\n")
            self.said.add(language)
        if self.live and len(self.said) < len(progress.pages):
            languages = ", ".join(self._text("build.pages", language=language, built=built, pages=pages)
                                  for language, (built, pages) in progress.pages.items())
            self.stream.write("\r\x1b[K" + self._text("build.progress", edition=progress.edition,
                                                      languages=languages, seconds=f"{progress.seconds:.0f}"))
        self.stream.flush()

    def _text(self, key: str, **values: Value) -> str:
        return Message(key, **values).render(self.language)
