"""Hostile data in a real build: plain text stays text, a Markdown body keeps only safe markup.

Every string below is placed at once, so the whole corpus costs one build: each one as a
commitment of the corporate charter, all of them together as the charter's aim, and all of them
as the paragraphs of one update post. The built HTML is then parsed and compared with the same
pages of the unmodified example build.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import DATA, ROOT, build_in

HOSTILE = [
    # Script and event handlers
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "'><svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    # Elements that load, frame, submit or restyle
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>Go</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="data:text/css,body{display:none}">',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    # Links with script schemes, in HTML and in Markdown
    '<a href="javascript:x">html link</a>',
    '<a href="&#106;avascript:alert(1)">entity link</a>',
    '<a href="java\tscript:alert(1)">tab link</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java\u200bscript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    # Link reference definitions inside containers, where no source-level pattern finds them
    "> [q]: javascript:alert(1)\n>\n> [click][q]",
    "- [l]: javascript:alert(2)\n\n  [click][l]",
    "1. [o]: javascript:alert(3)\n\n   [click][o]",
    "Term\n\n:   [d]: javascript:alert(4)\n\n    [click][d]",
    "> - [r5]: javascript:alert(5)\n>\n>   [x][r5]",
    '[r6]: javascript:alert(6) "title"\n\n![x][r6]',
    "   [r7]:\n   javascript:alert(7)\n\n[x][r7]",
    "[r8]: <javascript:alert(8)>\n\n[x][r8]",
    "* [r9]: data:text/html,alert(9)\n\n  [x][r9]",
    "&#91;x&#93;(javascript:alert(1))",
    "<javascript:alert(1)>",
    "<mailto:x/onclick=alert(1)>",
    "<https://example.org/onmouseover=alert(1)>",
    # Markdown that Python-Markdown would render inside a raw tag's attribute, breaking out of it
    '<abbr title="[q](https://b.example/onmouseover=alert(1)//)">t</abbr>',
    '<a href="https://b.example/[q](https://c.example/onmouseover=alert(1)//)">t</a>',
    '<span lang="![q](https://c.example/onerror=alert(1)//)">t</span>',
    '<abbr title="`x` \\`">t</abbr>',
    # Markdown extensions and template code
    "{: onerror=alert(1)}",
    '# Title {: onclick="alert(1)" }',
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "{# a comment #}",
    '--8<-- "mkdocs.yml"',
    # Markdown structure at the start of a line
    "# Heading",
    "| a | b |\n|---|---|",
    "- list",
    "> quote",
    "1. item",
    "+ plus",
    ": definition",
    "===",
    "*[HTML]: Hyper Text",
    # Entities, escapes and Unicode tricks
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&amp;lt;b&amp;gt;",
    "\\<script>alert(1)\\</script>",
    "\\`<script>alert(1)</script>\\`",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\u202egnp.exe",
    "a\u2028# b",
]

# Not hostile: shows that the Markdown body keeps its formatting and its safe links.
CONTROL = "Control: **bold**, *italic* and [a safe link](https://example.org/ok)."
TITLE = "Hostile </title><script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))"
POST = "updates/2026-11-30-hostile/index.html"
EXAMPLE_POST = "updates/2026-10-20-our-results-every-quarter/index.html"
CHARTER = "standards/corporate/index.html"
STANDARDS = "standards/index.html"

# Elements no data may add to a page: counted on each page and compared with the example build.
DANGEROUS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "base", "meta", "link", "svg", "math", "template", "video", "audio", "source",
    "track", "noscript", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "srcdoc"}
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):")


def flat(value: str) -> str:
    """Whitespace normalised, without the invisible word joiner that `text` puts into `</`."""
    return " ".join(value.replace("\u2060", "").split())


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it."""
    return json.dumps(value, ensure_ascii=False)


class Scan(HTMLParser):
    """What a hostile string could have turned into: elements, handlers, addresses, scripts, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.refresh: list[str] = []
        self.scripts: Counter[str] = Counter()
        self.script: list[str] | None = None
        self.article = 0
        self.skip = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "title":  # raw text up to `</title>`, as a browser reads it
            self.set_cdata_mode(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value}>")
            probe = "".join(c for c in value or "" if c.isprintable() and not c.isspace()).lower()
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(probe):
                self.bad_urls.append(f"<{tag} {name}={value}>")
            if tag == "meta" and name == "http-equiv":
                self.refresh.append(f"<meta http-equiv={value}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src is not None:
                self.scripts[f"src={src}"] += 1
            else:
                self.script = []
        if tag == "article":
            self.article += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.scripts["inline=" + "".join(self.script)] += 1
            self.script = None
        if tag == "article":
            self.article -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.append(data)
        if self.article and not self.skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        """The article's text as a reader sees it, whitespace normalised."""
        return flat("".join(self.text))


def scan(path: Path) -> Scan:
    page = Scan()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def build_hostile(project: Path) -> Path:
    shutil.copytree(DATA, project / "data")
    # The extensions a publication might turn on, so that attr_list, md_in_html and snippet
    # syntax in the data would take effect if it ever reached the Markdown unescaped.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - def_list\n", "  - def_list\n  - pymdownx.snippets\n")
    assert all(f"  - {name}" in config for name in ("attr_list", "md_in_html", "pymdownx.snippets"))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    charter = project / "data" / "charters" / "corporate.yml"
    source = charter.read_text(encoding="utf-8")
    aim = "aim: " + quoted("\n\n".join(HOSTILE)) + "\n"
    source, aims = re.subn(r"^aim:.*?(?=^effective:)", lambda _: aim, source, flags=re.S | re.M)
    items = "".join(
        f"  - id: hostile-{n:02}\n    channel: telephone\n    text: {quoted(s)}\n" for n, s in enumerate(HOSTILE)
    )
    source, lists = re.subn(r"^commitments:\n", lambda m: m.group(0) + items, source, flags=re.M)
    assert aims == 1 and lists == 1
    charter.write_text(source, encoding="utf-8")

    body = "\n\n".join([CONTROL, *HOSTILE])
    front = f"title: {quoted(TITLE)}\ndate: 2026-11-30\nsummary: {quoted(TITLE)}\n"
    (project / "data" / "updates" / "2026-11-30-hostile.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")

    return build_in(project)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


SUMMARY: dict[str, int] = {}
"""Filled in by the tests below; conftest prints it at the end of the run."""


def baseline(built_site: Path, page: str) -> Path:
    """The same page in the unmodified example build, or a page of the same kind for the new post."""
    language = page.split("/", 1)[0] + "/" if page.startswith(("cy/", "ur/")) else ""
    return built_site / (language + EXAMPLE_POST if page.removeprefix(language) == POST else page)


def test_the_corpus_is_large_enough() -> None:
    assert len(HOSTILE) >= 40
    assert len(set(HOSTILE)) == len(HOSTILE)
    assert not any("49" in s for s in HOSTILE)  # so "49" can only come from evaluating {{ 7*7 }}


def test_no_page_gains_scripts_handlers_or_dangerous_elements(hostile: Path, built_site: Path) -> None:
    pages = sorted(p.relative_to(hostile).as_posix() for p in hostile.rglob("*.html"))
    assert POST in pages and CHARTER in pages
    problems = []
    for page in pages:
        found, before = scan(hostile / page), scan(baseline(built_site, page))
        problems += [f"{page}: handler {h}" for h in found.handlers]
        problems += [f"{page}: address {u}" for u in found.bad_urls]
        problems += [f"{page}: {r}" for r in found.refresh]
        for tag in sorted(DANGEROUS):
            if found.tags[tag] != before.tags[tag]:
                problems.append(f"{page}: {found.tags[tag]} <{tag}> elements, the example has {before.tags[tag]}")
        if found.scripts != before.scripts:
            problems.append(f"{page}: scripts differ from the example: {found.scripts - before.scripts}")
        if "alert" in "".join(found.scripts):
            problems.append(f"{page}: a script mentions alert")
    SUMMARY.update(inputs=len(HOSTILE), pages=len(pages), live=len(problems))
    assert problems == []


def test_plain_text_fields_show_the_literal_text(hostile: Path) -> None:
    charter = scan(hostile / CHARTER).visible
    missing = [s for s in HOSTILE if flat(s) not in charter]
    assert missing == []
    # The aim on the standards list is one paragraph: every string, in order, as typed.
    assert flat(" ".join(HOSTILE)) in scan(hostile / STANDARDS).visible
    assert flat(TITLE) in scan(hostile / POST).visible
    assert flat(TITLE) in scan(hostile / "updates" / "index.html").visible


def test_template_code_is_shown_not_run(hostile: Path, built_site: Path) -> None:
    for page in (CHARTER, POST):
        text, before = scan(hostile / page).visible, scan(baseline(built_site, page)).visible
        assert "{{ 7*7 }}" in text and "{% include 'x' %}" in text and "{# a comment #}" in text, page
        SUMMARY["evaluated"] = SUMMARY.get("evaluated", 0) + max(0, text.count("49") - before.count("49"))
        assert text.count("49") == before.count("49"), page


def test_markdown_body_keeps_formatting_and_drops_live_markup(hostile: Path) -> None:
    html = (hostile / POST).read_text(encoding="utf-8")
    page = scan(hostile / POST)
    text = page.visible
    # Formatting and safe links are kept.
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert '<a href="https://example.org/ok">a safe link</a>' in html
    assert page.tags["blockquote"] >= 1 and page.tags["ul"] >= 1 and page.tags["ol"] >= 1 and page.tags["table"] >= 1
    # Syntax that would pull in files or set attributes shows as typed.
    assert '--8<-- "mkdocs.yml"' in text and "site_name" not in text
    assert "{: onerror=alert(1)}" in text and 'onclick="alert(1)"' in text
    assert "<javascript:alert(1)>" in text
    # Escaped markup stays escaped: shown as text, never parsed as an element.
    assert "<script>alert(1)</script>" in text
    assert page.tags["script"] == scan(hostile / EXAMPLE_POST).tags["script"]


def test_the_feed_is_well_formed_and_carries_the_title_as_text(hostile: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile / "updates" / "feed.xml").getroot()
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert TITLE in titles
    assert all(element.tag.startswith(atom) for element in feed.iter())


# Values the generator hands to the theme or into Markdown link targets without the `text` filter:
# they are refused when the data is checked, so they never reach a page.
SITE_NAME = "Example <img src=x onerror=alert(3)> Council"
SITE_URL = "https://standards.example.org/<svg/onload=alert(4)>/"
COMPLAINTS_URL = "https://example.org/a)[click](javascript:alert(2))<img/src=x/onerror=alert(2)>"


def test_settings_that_would_become_markup_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    site = tmp_path / "data" / "site.yml"
    text = "\n" + site.read_text(encoding="utf-8")  # the name is the file's first line
    text = text.replace("\nname: Example City Council\n", f"\nname: {quoted(SITE_NAME)}\n", 1)
    text = text.replace("\nurl: https://standards.example.org/\n", f"\nurl: {quoted(SITE_URL)}\n", 1)
    site.write_text(text, encoding="utf-8")
    charter = tmp_path / "data" / "charters" / "corporate.yml"
    complaints = f"\ncomplaints:\n  url: {quoted(COMPLAINTS_URL)}\n"
    charter.write_text(charter.read_text(encoding="utf-8").replace("\ncomplaints:\n", complaints, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "data"]) == 1
    assert not (tmp_path / "site").exists()

    from generator.validate import validate

    _, problems = validate(Path("data"))
    found = {(p.field, p.message.split(" (write")[0].split(", got")[0]) for p in problems}
    link = "expected a link starting https://, http://, mailto:, tel: or / with no spaces, quotes or brackets"
    assert found == {("name", "must not contain < or >"), ("url", link), ("complaints.url", link)}
