"""Values from the data reach pages only as what their type says they are, escaped for where they
land; a publication's own templates run in a sandbox that reaches no file, module or process.

Each class has several variants, so fixing one example cannot pass the class.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import curled, generate
from tests.conftest import CORPUS, ROOT, Run

# --- Ids taken from file names -----------------------------------------------------------------

BAD_FILE_NAMES = {
    'y"onfocus="alert(1)"autofocus="".yml': 'y"onfocus="alert(1)"autofocus="".yml',
    "Calls Answered.yml": "Calls Answered.yml",
    "calls_answered.yml": "calls_answered.yml",
    "con.yml": "con.yml",
    "\u0441\u0430lls.yml": "<U+0441><U+0430>lls.yml",  # Cyrillic look-alikes of "ca"
    "calls\u200b.yml": "calls<U+200B>.yml",  # a zero-width space
    "\u202ecalls.yml": "<U+202E>calls.yml",  # a right-to-left override
    "-calls.yml": "-calls.yml",
    ("a" * 120) + ".yml": ("a" * 120) + ".yml",
}


@pytest.mark.parametrize("kind", ["measures", "assessments", "benchmarks", "improvement"])
@pytest.mark.parametrize("name", list(BAD_FILE_NAMES), ids=range(len(BAD_FILE_NAMES)))
def test_a_file_name_that_cannot_be_an_id_is_refused(publication: Path, run: Run, kind: str, name: str) -> None:
    source = next((publication / kind).glob("*.yml"))
    text = source.read_text(encoding="utf-8")
    (publication / kind / name).write_text(re.sub(r"^id: .*\n", "", text, flags=re.M), encoding="utf-8")

    code, out, err = run("validate", "data")

    assert code == 1 and "Traceback" not in out + err
    expected = (
        f"data/{kind}/{name}:1:1: the file name '{BAD_FILE_NAMES[name]}' is also the item's id, which must be "
        "lower-case letters (a to z) and digits joined by hyphens, at most 80 characters and not a name "
        "computers reserve; rename the file, such as calls-answered.yml"
    )
    assert expected in out.splitlines(), out


@pytest.mark.parametrize(
    "name",
    [
        '2026-01-15-x"onfocus="alert(1).md',
        "2026-01-15-New-Phones.md",
        "\uff12\uff10\uff12\uff16-01-15-new-phones.md",  # full-width digits
        "2026-01-15-" + "a" * 100 + ".md",
        "2026-01-15-new\u200bphones.md",
    ],
)
def test_an_update_file_name_that_cannot_be_an_address_is_refused(publication: Path, run: Run, name: str) -> None:
    source = next((publication / "updates").glob("*.md"))
    shutil.move(source, publication / "updates" / name)

    code, out, err = run("validate", "data")

    assert code == 1 and "Traceback" not in out + err
    assert f"data/updates/{name}:1:1: name the file like 2025-05-01-short-title.md" in out, out


# --- Contact channels: each value is what its kind says ------------------------------------------

CHANNEL = "    - id: {id}\n      kind: {kind}\n      label: Ask us\n      value: {value}\n"


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("email", '"customer.services@example.org)<img src=x onerror=alert(1)>"', "an email address like"),
        ("email", '"x@example.org?subject=hi"', "an email address like"),
        ("email", '"javascript:alert(1)//@example.org"', "an email address like"),
        ("email", "customer services", "an email address like"),
        ("web", '"javascript:alert(1)"', "a web address starting https://"),
        ("web", '"https://example.org/a)(b"', "a web address starting https://"),
        ("web", '"https://example.org/\\"onmouseover=alert(1)"', "a web address starting https://"),
        ("telephone", '"0116 496 0000)<img src=x onerror=alert(1)>"', "a number such as 0116 496 0000"),
        ("sms", '"text HELP to 60000"', "a number such as 0116 496 0000"),
        ("relay", '"[x](javascript:alert(1))"', "a number such as 0116 496 0000"),
    ],
)
def test_a_channel_value_must_be_of_its_kind(publication: Path, run: Run, kind: str, value: str, expected: str) -> None:
    site = publication / "site.yml"
    text = site.read_text(encoding="utf-8")
    assert "  channels:\n" in text
    site.write_text(text.replace("  channels:\n", "  channels:\n" + CHANNEL.format(id="bad", kind=kind, value=value)))

    code, out, err = run("validate", "data")

    assert code == 1 and "Traceback" not in out + err
    line = next(line for line in out.splitlines() if "contact.channels[0].value" in line)
    assert f"expected {expected}" in line and f" {kind} channel" in line, out


def test_good_channel_values_are_kept_and_linked_safely(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "base", tmp_path / "data")
    site = tmp_path / "data" / "site.yml"
    channels = "".join(
        CHANNEL.format(id=f"c{n}", kind=kind, value=value)
        for n, (kind, value) in enumerate(
            [
                ("email", "o'neill+help@example.org"),
                ("web", "https://example.org/contact?a=1&b=2"),
                ("telephone", '"+44 (0)116 496 0000"'),
            ]
        )
    )
    site.write_text(site.read_text(encoding="utf-8").replace("  channels:\n", "  channels:\n" + channels))
    generate(tmp_path / "data", tmp_path / "site_src")
    page = (tmp_path / "site_src" / "contact.md").read_text(encoding="utf-8")
    assert "[o'neill+help@example.org](mailto:o%27neill+help@example.org)" in page
    assert "[https://example.org/contact?a=1&amp;b=2](https://example.org/contact?a=1&b=2)" in page
    assert "+44 (0)116 496 0000" in page


# --- The site's name in the theme's attributes ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ('Isles: "North" #1', "Isles: \u201cNorth\u201d #1"),
        ('"Quoted" Council', "\u201cQuoted\u201d Council"),
        ('Odd " quote', "Odd \u201d quote"),
        ("Barking & Dagenham", "Barking & Dagenham"),
        ("O'Brien's Isles", "O'Brien's Isles"),
    ],
)
def test_quotes_in_the_site_name_are_curled_for_the_theme(name: str, shown: str) -> None:
    assert curled(name) == shown
    assert '"' not in curled(name)


@pytest.mark.parametrize("name", ["A &amp; B", "A &#60;b&#62;", "Tom &quot;x&quot;", "<b>Council</b>", "x > y"])
def test_a_site_name_that_would_read_as_markup_is_refused(publication: Path, run: Run, name: str) -> None:
    site = publication / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(re.sub(r"^name: .*$", f"name: '{name}'", text, count=1, flags=re.M), encoding="utf-8")
    code, out, err = run("validate", "data")
    assert code == 1 and "Traceback" not in out + err
    assert re.search(r"data/site\.yml:\d+:\d+: name: must not contain", out), out


def test_a_quoted_site_name_stays_inside_the_themes_attributes(tmp_path: Path, run: Run) -> None:
    from tests.test_build import make_project

    project = make_project(tmp_path)
    site = project / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(re.sub(r"^name: .*$", 'name: \'Isles" onfocus="alert(1)" autofocus="\'', text, count=1, flags=re.M))
    here = os.getcwd()
    os.chdir(project)
    try:
        assert run("build", "data")[0] == 0
    finally:
        os.chdir(here)
    for page in ["index.html", "contact/index.html", "cy/index.html"]:
        attributes = Attributes()
        attributes.feed((project / "site" / page).read_text(encoding="utf-8"))
        assert not {"onfocus", "autofocus"} & attributes.names, page
        name = "Isles\u201c onfocus=\u201dalert(1)\u201c autofocus=\u201d"
        assert any(name in label for label in attributes.labels), (page, attributes.labels)


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.update(name for name, _ in attrs)
        self.labels.extend(value or "" for name, value in attrs if name == "aria-label")


# --- A publication's own templates run in a sandbox ----------------------------------------------

ESCAPES = [
    "{{ pub.root }}",
    "{{ pub.root.parent.joinpath('site.yml').read_text() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ pages.Path('/etc/passwd').read_text() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{% for x in range(10 ** 9) %}{% endfor %}",
    "{{ words.re.compile('x') }}",
    "{{ site.__dict__ }}",
]


@pytest.mark.parametrize("code", ESCAPES)
def test_a_template_in_the_data_folder_reaches_no_file_module_or_process(
    publication: Path, run: Run, code: str
) -> None:
    (publication / "templates").mkdir()
    (publication / "templates" / "contact.md.j2").write_text(f"# Contact\n\n{code}\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", publication.parent / "mkdocs.yml")

    code_, out, err = run("build", "data")

    assert code_ == 1 and "Traceback" not in out + err
    assert "data/templates/contact.md.j2:3:1: " in err, err
    assert "or remove the file to use charterkit's own template\n" in err
    assert "uid=" not in out + err and "root:x" not in out + err
    assert not (publication.parent / "site").exists()


def test_a_template_in_the_data_folder_still_uses_the_pages_data_and_helpers(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "base", tmp_path / "data")
    (tmp_path / "data" / "templates").mkdir()
    (tmp_path / "data" / "templates" / "contact.md.j2").write_text(
        "# Contact\n\n{{ site.name | text }}: {{ words.number(12345) }} {{ links.measure('x') }}"
        " {{ sentences.count_headline([], None, 0) }}\n",
        encoding="utf-8",
    )
    generate(tmp_path / "data", tmp_path / "site_src")
    page = (tmp_path / "site_src" / "contact.md").read_text(encoding="utf-8")
    assert page.startswith("# Contact\n\n") and "12,345 performance/x.md" in page, page
