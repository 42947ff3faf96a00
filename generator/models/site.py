"""The publisher: its organisational units, how to contact it, formats it offers, its accessibility."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, ValidationInfo, WithJsonSchema, field_validator, model_validator

from generator.languages import known
from generator.models.common import Link, Model, Slug, Source, Time

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"


def check_language(value: str) -> str:
    if not re.fullmatch(LANGUAGE_PATTERN, value) or not known(value):
        raise ValueError(f"expected a language code such as en, cy or ur, got '{value}'")
    return value


LanguageCode = Annotated[
    str, AfterValidator(check_language), WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN})
]

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Unit(Model):
    """A part of the organisation: the council, a group or directorate, a service, or a partner."""

    TRANSLATED = ("name", "description")

    id: Slug
    """Stable id used by charters, measures and assessments."""
    name: str
    """The unit's name as residents know it."""
    kind: Literal["council", "directorate", "group", "service", "partner"]
    """Where the unit sits: council, directorate, group, service, or partner (another body)."""
    description: str | None = None
    """What the unit does, in a sentence."""
    children: tuple[Unit, ...] = ()
    """Units inside this one."""


class Hours(Model):
    """Opening hours for a set of days."""

    TRANSLATED = ("note",)

    days: tuple[Day, ...]
    """Days these hours apply to: mon, tue, wed, thu, fri, sat, sun."""
    opens: Time
    """Opening time, 24-hour clock, quoted: "08:30"."""
    closes: Time
    """Closing time, 24-hour clock, quoted: "17:30"."""
    note: str | None = None
    """Anything residents should know, such as a lunchtime closure."""

    @model_validator(mode="after")
    def _closes_after_opens(self) -> Hours:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be later than opens ({self.opens})")
        return self


EMAIL = re.compile(r"[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+")
WEB = re.compile(r"https?://[^\s<>\"'()\[\]{}\\`|^]{1,2000}")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{2,30}[0-9]")
PHONE_KINDS = ("telephone", "textphone", "sms", "relay")


class Channel(Model):
    """One way to reach the council."""

    TRANSLATED = ("label", "note")

    id: Slug
    """Stable id of the channel."""
    kind: Literal["telephone", "textphone", "sms", "email", "web", "post", "visit", "relay"]
    """The kind of channel."""
    label: str
    """What the channel is called, such as "Customer Services"."""
    value: str
    """The number, address or web address."""
    link: Link | None = None
    """A link to use it (tel:, mailto: or https:), if different from the value."""
    hours: tuple[Hours, ...] = ()
    """When it is staffed; leave out for channels open at all times."""
    note: str | None = None
    """Anything else residents should know."""

    @field_validator("value")
    @classmethod
    def _value_of_its_kind(cls, value: str, info: ValidationInfo) -> str:
        """The value is linked (mailto:, a web address) or dialled, so it must be what its kind says."""
        kind = info.data.get("kind")
        pattern, expected = {
            "email": (EMAIL, "an email address like customer.services@example.gov.uk"),
            "web": (WEB, "a web address starting https:// with no spaces, quotes or brackets"),
        }.get(str(kind), (PHONE if kind in PHONE_KINDS else None, "a number such as 0116 496 0000"))
        if pattern is not None and not pattern.fullmatch(value):
            hint = "; put anything else in the channel's note" if kind in PHONE_KINDS else ""
            article = "an" if str(kind)[:1] in "aeiou" else "a"
            raise ValueError(f"expected {expected} for {article} {kind} channel, got '{value}'{hint}")
        return value


class Office(Model):
    """A place residents can visit."""

    TRANSLATED = ("name", "address", "note")

    id: Slug
    """Stable id of the office."""
    name: str
    """The office's name."""
    address: str
    """Its postal address."""
    services: tuple[Slug, ...] = ()
    """Unit ids whose services are offered there."""
    hours: tuple[Hours, ...] = ()
    """Opening hours per day."""
    note: str | None = None
    """Access information, such as step-free entry or parking."""


class Contact(Model):
    """How to reach the council."""

    channels: tuple[Channel, ...] = ()
    """Telephone, email, web and other channels."""
    offices: tuple[Office, ...] = ()
    """Offices with their opening hours."""


class AlternativeFormats(Model):
    """How to ask for information in another format or language."""

    TRANSLATED = ("text", "formats")

    text: str
    """What to do to ask, in a sentence or two."""
    formats: tuple[str, ...] = ()
    """Formats on offer, such as large print, Braille, audio, Easy Read."""
    languages: tuple[str, ...] = ()
    """Languages on offer, by name."""


class Audit(Model):
    """One accessibility test of the site, for the statement."""

    TRANSLATED = ("tools", "scope", "result")

    date: date
    """When it was done."""
    tools: str
    """How it was tested: tools, browsers and by hand."""
    scope: str
    """What was tested: pages, colour schemes, screen widths."""
    result: str
    """What was found."""


class Accessibility(Model):
    """Facts for the site's accessibility statement."""

    TRANSLATED = ("known_issues",)

    target: str = "WCAG 2.2 AA"
    """The standard the site is built to meet."""
    status: Literal["fully-compliant", "partially-compliant", "not-compliant"]
    """How far the site meets it, as the statement must say."""
    prepared: date
    """When the statement was first prepared."""
    reviewed: date | None = None
    """When it was last reviewed."""
    contact: str | None = None
    """Where to report an accessibility problem (an email address or phone number); without it,
    the statement points to the contact page."""
    known_issues: tuple[str, ...] = ()
    """Parts of the site known not to be accessible, and why."""
    audits: tuple[Audit, ...] = ()
    """Tests of the site, latest last; the statement reports the latest."""


class Settings(Model):
    """How strict validation is about the publishing routine."""

    unexplained_misses: Literal["error", "warning"] = "error"
    """Whether a missed target in a measure's latest period without an explanation is an error or a warning."""


REPO_PATTERN = r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"


def check_repo(value: str) -> str:
    if not re.fullmatch(REPO_PATTERN, value) or ".." in value:
        example = "example-council/service-standards"
        raise ValueError(f"expected a repository as owner/name, such as {example}, got '{value}'")
    return value


Repo = Annotated[
    str,
    AfterValidator(check_repo),
    WithJsonSchema({"type": "string", "pattern": REPO_PATTERN, "description": "A repository as owner/name."}),
]


class Editor(Model):
    """The editor in the browser at /admin/ (Decap CMS): where it saves changes, as pull requests."""

    repo: Repo
    """The repository holding this publication, as owner/name (on GitHub: github.com/owner/name)."""
    backend: Literal["github", "gitlab", "gitea"] = "github"
    """Where the repository is hosted: github, gitlab or gitea."""
    branch: str = "main"
    """The branch the site is published from; each change is proposed against it."""
    base_url: Link | None = None
    """The sign-in service that lets editors log in to GitHub (an OAuth client, such as one run on
    the council's own servers); see the README, "Editing in the browser"."""
    auth_endpoint: str | None = None
    """The sign-in service's path, if not `auth`."""
    app_id: str | None = None
    """For GitLab: the id of the OAuth application editors sign in with (no sign-in service needed)."""
    api_root: Link | None = None
    """The host's API address, for GitHub Enterprise, a council's own GitLab or a Gitea server."""


YEAR_STARTS = {"january": 1, "april": 4, "july": 7, "october": 10}


class Brand(Model):
    """The publisher's own look on every page."""

    logo: str | None = None
    """An .svg, .png or .ico file in the data folder (such as brand/logo.svg), shown in the
    header in place of the theme's icon."""
    favicon: str | None = None
    """An .svg, .png or .ico file in the data folder, the icon browsers show in a tab."""
    colour: str | None = None
    """The primary colour of the header, as #rrggbb; the header's white text on it must reach a
    contrast of 4.5:1."""

    @field_validator("colour")
    @classmethod
    def _readable(cls, value: str | None) -> str | None:
        from generator.brand import contrast, darker

        if value is None:
            return value
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f"expected a colour as #rrggbb, such as #1d70b8, got '{value}'")
        ratio = contrast(value.lower(), "#ffffff")
        if ratio < 4.5:
            raise ValueError(
                f"white text on {value} has a contrast of {ratio:.1f}:1, under the 4.5:1 that text needs; "
                f"use a darker colour, such as {darker(value.lower())}"
            )
        return value.lower()


class Site(Model):
    """The publisher and the facts every page needs (`data/site.yml`)."""

    TRANSLATED = ("name", "description")

    @model_validator(mode="after")
    def _languages_once(self) -> Site:
        seen = [self.language]
        for code in self.languages:
            if code in seen:
                raise ValueError(f"languages: '{code}' is listed twice (or is the default language)")
            seen.append(code)
        return self

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        # The theme prints the name into every page's header and title as it is (its straight
        # double quotes are curled by the build), so nothing in it may read as markup.
        if re.search(r"[<>]", value):
            raise ValueError(f"must not contain < or >, got '{value}'")
        if re.search(r"&(#|[A-Za-z][A-Za-z0-9]*;)", value):
            raise ValueError(
                f"must not contain an HTML entity such as &amp; (type the character itself), got '{value}'"
            )
        return value

    name: str
    """The public body's name."""
    url: Link
    """The published site's address."""
    language: LanguageCode = "en"
    """Language code of the data's texts (such as en or cy); the site's default language."""
    languages: tuple[LanguageCode, ...] = ()
    """Further languages the site is published in, such as [cy, ur]. Each is a copy of the site
    under /<code>/, with texts from `translations/<code>/` and the rest shown in `language`."""
    description: str | None = None
    """One sentence about the site, used in search results."""
    sample: bool = False
    """True if the publication is example content rather than real figures."""
    year_starts: Literal["january", "april", "july", "october"] = "january"
    """The month the publication's reporting year starts in: april for a UK council's financial
    year (then `2019-20 Q3` is October to December 2019, shown "Q3 2019/20"), july for an
    Australian or New Zealand one, january for calendar years."""
    units: tuple[Unit, ...]
    """The organisation as a tree: council, then groups, then services; partners at the top."""
    contact: Contact = Contact()
    """Channels and offices."""
    alternative_formats: AlternativeFormats | None = None
    """How to ask for other formats and languages."""
    accessibility: Accessibility | None = None
    """Facts for the accessibility statement."""
    brand: Brand = Brand()
    """The publisher's logo, favicon and primary colour."""
    settings: Settings = Settings()
    """Validation settings."""
    sources: tuple[Source, ...] = ()
    """Documents the content comes from."""
    editor: Editor | None = None
    """The editor in the browser at /admin/, for people who publish figures and updates without
    git; without it the site has no /admin/."""

    @property
    def first_month(self) -> int:
        """The month number the reporting year starts in."""
        return YEAR_STARTS[self.year_starts]
