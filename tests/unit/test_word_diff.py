"""The word diff of a clause: well-formed CriticMarkup, atoms kept whole, structure kept out of
marks; and CriticMarkup in an editor's own text found with its line."""

from __future__ import annotations

import pytest
from pymdownx.critic import find_critics

from sapat.core.releasing.word_diff import Op, Style, diff_lines, diff_words, render_line
from sapat.core.sources import critic

#: Marks around the text exactly as written: what a terminal shows.
PLAIN = Style(critic.insert, critic.delete, critic.substitute, lambda token, live: token.text,
              keeps_structure=False)
#: The same, keeping table pipes out of marks as the changes page does.
STRUCTURED = Style(critic.insert, critic.delete, critic.substitute, lambda token, live: token.text,
                   keeps_structure=True)

PAIRS = [
    ("ЖАМУ СМСнын документтерин башкаруу абалында кармайт.",
     "ЖАМУ СМСнын бардык документтерин туруктуу башкаруу абалында кармайт, [[4.2.4]] боюнча."),
    ("a b c d e f", "a x y d e z"),
    ("Ички аудит [[8.2.2]] жана [[тиркеме 1]] боюнча.", "Ички аудит [[8.2.3]] жана [[тиркеме 2]] боюнча."),
    ("See [the standard](https://iso.org/9001) now.", "See [the new standard](https://iso.org/9001) now."),
    ("**Бардык** кызматкерлер `код а` менен", "**Бардык жаңы** кызматкерлер `код б` менен"),
    ("a--b ++c", "a---b +++c~~"),
    ("", "жаңы текст"),
    ("эски текст", ""),
]


def resolve(marked: str, accept: bool) -> str:
    """The text a CriticMarkup line stands for: the new one (accept) or the old one (reject)."""
    out, last = [], 0
    for start, end, kind, text, sub_text in find_critics(marked):
        out.append(marked[last:start])
        out.append({"++": text if accept else "", "--": "" if accept else text,
                    "~~": sub_text if accept else text}[kind])
        last = end
    return "".join(out + [marked[last:]])


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_marks_are_well_formed_and_stand_for_both_texts(old, new):
    marked = render_line(diff_words(old, new), PLAIN)
    assert words(resolve(marked, accept=True)) == words(new)
    assert words(resolve(marked, accept=False)) == words(old)
    # the texts hold no braces: every "{" opens a mark that pymdownx.critic finds closed
    assert len(list(find_critics(marked))) == marked.count("{") > 0


def test_a_changed_reference_is_replaced_whole():
    marked = render_line(diff_words(*PAIRS[2]), PLAIN)
    assert marked == "Ички аудит {~~[[8.2.2]]~>[[8.2.3]]~~} жана {~~[[тиркеме 1]]~>[[тиркеме 2]]~~} боюнча."


def test_links_code_and_emphasis_are_replaced_whole():
    assert render_line(diff_words(*PAIRS[3]), PLAIN) == \
        "See {~~[the standard](https://iso.org/9001)~>[the new standard](https://iso.org/9001)~~} now."
    assert render_line(diff_words(*PAIRS[4]), PLAIN) == \
        "{~~**Бардык**~>**Бардык жаңы**~~} кызматкерлер {~~`код а`~>`код б`~~} менен"


def test_changes_separated_by_a_space_are_one_change():
    assert render_line(diff_words(*PAIRS[1]), PLAIN) == "a {~~b c~>x y~~} d e {~~f~>z~~}"


def test_spacing_alone_is_no_change():
    assert [line.op for line in diff_lines("a  b\nc ", "a b\nc")] == [Op.EQUAL, Op.EQUAL]


def test_a_table_keeps_its_cells():
    old = "| Аты | Мөөнөт |\n|---|---|\n| аудит | жыл сайын |"
    new = "| Аты | Мөөнөт |\n|---|:---|\n| ички аудит | жыл сайын |\n| кеңеш | ай сайын |"
    # The new rule replaces the old one (a deleted rule kept in place would be a row of dashes).
    assert [render_line(line, STRUCTURED) for line in diff_lines(old, new)] == [
        "| Аты | Мөөнөт |", " |---|:---|", "| {++ички++} аудит | жыл сайын |", "| {++кеңеш++} | {++ай сайын++} |"]


def test_a_cell_separator_is_never_inside_a_mark():
    """On the page a row has the new row's cells: a deleted ``|`` is dropped, an inserted one kept."""
    def row(old: str, new: str) -> tuple[str, str]:
        (line,) = diff_lines(old, new)
        return render_line(line, STRUCTURED), render_line(line, PLAIN)

    assert row("| a | b | c |", "| a | c |") == ("| a | {--b--}   c |", "| a | {--b |--} c |")
    assert row("| a | c |", "| a | b | c |") == ("| a | {++b++} | c |", "| a | {++b |++} c |")
    assert row("|---|---|", "|---|:---|") == (" |---|:---|", "{~~|---|---|~>|---|:---|~~}")


def test_a_list_item_keeps_its_marker_outside_the_marks():
    old = "1. керектөөчүгө багыт алуу;\n2. процесстик мамиле;"
    new = "1. керектөөчүгө багыт алуу;\n2. тобокелдиктерди эске алуу;\n3. процесстик мамиле;"
    assert [render_line(line, PLAIN) for line in diff_lines(old, new)] == [
        "1. керектөөчүгө багыт алуу;", "2. {++тобокелдиктерди эске алуу;++}", "3. процесстик мамиле;"]


def test_a_line_written_over_another_stays_one_list_item():
    lines = diff_lines("- Сапат боюнча колдонмо;", "- Ички аудиттердин программасы;")
    assert [render_line(line, PLAIN) for line in lines] == \
        ["- {~~Сапат боюнча колдонмо;~>Ички аудиттердин программасы;~~}"]


def test_inert_text_cannot_open_or_close_a_mark():
    hostile = "{++a++} {--b--} {~~c~>d~~} {==e==} {>>f<<}"
    assert list(find_critics(critic.inert(hostile))) == []
    assert critic.inert("{}") == "&#123;&#125;"


def test_critic_marks_in_an_editors_text_are_found_with_their_line():
    body = "Биринчи сап.\nЭкинчи {++кошулган++} сап.\n{~~эски\nтекст~>жаңы~~}\n{--жабылбаган\n{>>эскертүү<<}"
    problems = critic.marks_in("manual/ky/04-qms.md", body, first_line=20)
    assert [(p.line, str(p.message).split("'")[1]) for p in problems] == [
        (21, "{++кошулган++}"), (22, "{~~эски текст~>жаңы~~}"), (25, "{>>эскертүү<<}")]
    assert critic.marks_in("x.md", "a {+ b +} c -- d ++}", 1) == []
