"""Building blocks shared by every data kind: the base model, ids, periods, times, links, sources.

Each constrained text type checks with a plain function (so the message reads well) and declares
the same rule as a JSON Schema pattern (so editors check it as people type).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)

from generator.periods import EXPECTED as PERIOD_EXPECTED
from generator.periods import Period, PeriodKind, date_problem


class Model(BaseModel):
    """Strict about keys, relaxed about how numbers and dates are typed, immutable once loaded."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        use_attribute_docstrings=True,
        populate_by_name=True,
        str_strip_whitespace=True,
    )

    TRANSLATED: ClassVar[tuple[str, ...]] = ()
    """Fields holding text for residents, looked up in `translations/<language>/` for other languages."""


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$"
ELEMENT_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*:[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
PERIOD_PATTERN = (
    r"^([0-9]{4}([-/][0-9]{2}|-[QqHh][1-4])?|[0-9]{4}[-/][0-9]{2} +[QqHh][1-4]|[QqHh][1-4] +[0-9]{4}[-/][0-9]{2}"
    r"|[0-9]{4}-[0-9]{2} +to +[0-9]{4}-[0-9]{2})$"
)
MAX_ID = 80
_SLUG, _CODE, _ELEMENT, _TIME = (re.compile(p) for p in (SLUG_PATTERN, CODE_PATTERN, ELEMENT_PATTERN, TIME_PATTERN))


RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)})
"""Names some file systems refuse, so ids that become file names avoid them."""


def check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > MAX_ID:
        raise ValueError(
            f"expected an id of lower-case letters and digits joined by hyphens (like 'letters-reply'), got '{value}'"
        )
    if value in RESERVED:
        raise ValueError(f"'{value}' is a name some computers cannot use for a file; choose another id")
    return value


def check_code(value: str) -> str:
    if not _CODE.fullmatch(value) or len(value) > MAX_ID:
        raise ValueError(
            f"expected a code of letters and digits joined by dots or hyphens (like '3.2.4' or 'R1'), got '{value}'"
        )
    return value


def check_element(value: str) -> str:
    if not _ELEMENT.fullmatch(value):
        raise ValueError(f"expected a framework and element like 'cse:4.3.1', got '{value}'")
    return value


def check_time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise ValueError(f"expected a time on the 24-hour clock like '08:30', got '{value}'")
    return value


_LINK = re.compile(r"(https?://|mailto:|/)[^\s<>\"'()\[\]{}\\`]*|tel:[+0-9 -]+")


def check_link(value: str) -> str:
    """A web address, mailto:, tel: or site path, with nothing that could end a link or a tag."""
    if _LINK.fullmatch(value):
        return value
    if value.lower().startswith("tel:"):
        raise ValueError(
            f"a telephone link holds only digits, spaces, + and -, got '{value}'; for a phone number residents "
            "call, add a contact channel of kind telephone in site.yml, or write the link as tel:+441164960000"
        )
    raise ValueError(
        "expected a link starting https://, http://, mailto:, tel: or / with no spaces, quotes or brackets "
        f"(write them as %20, %22, %28...), got '{value}'"
    )


def check_partial_date(value: str) -> str:
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        return value
    raise ValueError(f"expected a date like 2025-04-01, a month like 2025-04 or a year like 2025, got '{value}'")


def _text(pattern: str, description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern, "description": description})


Slug = Annotated[
    str, AfterValidator(check_slug), _text(SLUG_PATTERN, "An id: lower-case letters and digits joined by hyphens.")
]
Code = Annotated[str, AfterValidator(check_code), _text(CODE_PATTERN, "A code as printed, such as 3.2.4, R1 or OX-R1.")]
ElementRef = Annotated[
    str, AfterValidator(check_element), _text(ELEMENT_PATTERN, "A framework and element id, such as cse:4.3.1.")
]
Time = Annotated[str, AfterValidator(check_time), _text(TIME_PATTERN, "A time on the 24-hour clock, such as 08:30.")]
Link = Annotated[
    str, AfterValidator(check_link), _text(r"^(https?://|mailto:|tel:|/)", "A web address, mailto:, tel: or site path.")
]
PartialDate = Annotated[
    str,
    PlainValidator(lambda value: check_partial_date(str(value))),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}, {"type": "integer"}],
            "description": "A date, month or year.",
        }
    ),
]


def year_starts(info: ValidationInfo | None) -> int:
    """The month the publication's year starts in, passed by the loader as validation context."""
    context = info.context if info is not None else None
    return int(context.get("year_starts", 1)) if isinstance(context, dict) else 1


_DURATION_CLOCK = re.compile(r"(?:([0-9]+):)?([0-9]{1,2}):([0-9]{2})")
_DURATION_WORDS = re.compile(
    r"(?:([0-9]+)\s*(?:h|hr|hrs|hours?)\s*)?(?:([0-9]+)\s*(?:m|min|mins|minutes?)\s*)?(?:([0-9]+(?:\.[0-9]+)?)\s*(?:s|sec|secs|seconds?))?",
    re.IGNORECASE,
)


def parse_amount(value: Any) -> Any:
    """A figure as typed: a number, or a duration as `4:22`, `1:04:22` or `4 min 22 s` (in seconds).
    Anything else goes on to pydantic's number check, which says what was expected."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text[-1:].isdigit() and ":" not in text:
        return value  # a plain number, as nearly every figure is
    if clock := _DURATION_CLOCK.fullmatch(text):
        hours, minutes, seconds = int(clock[1] or 0), int(clock[2]), int(clock[3])
        if seconds >= 60 or (clock[1] and minutes >= 60):
            raise ValueError(f"expected minutes and seconds like 4:22 (seconds under 60), got '{text}'")
        return hours * 3600 + minutes * 60 + seconds
    words = _DURATION_WORDS.fullmatch(text)
    if words and any(words.groups()) and not re.fullmatch(r"[0-9.]+", text):
        return int(words[1] or 0) * 3600 + int(words[2] or 0) * 60 + float(words[3] or 0)
    return value


MAX_FIGURE = 10**15
"""The largest figure (and count) taken. A float holds whole numbers exactly only up to about
9 x 10^15; beyond that figures lose their last digits, neighbouring values print alike and a
chart cannot tell them apart. No public body counts or spends more than this."""
_NUMBER_TEXT = re.compile(r"\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*")


def check_figure(value: Any) -> Any:
    """Refuse a figure too large to hold exactly, before it is converted (a 400-digit count would
    otherwise pass as an int and fail far later, in a float)."""
    number = value
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        number = float(value)  # never raises: too large a text becomes inf
    if isinstance(number, int | float) and not isinstance(number, bool) and not abs(number) <= MAX_FIGURE:
        written = value if isinstance(value, str) else f"{value:g}"
        shown = written.strip() if len(written) <= 30 else written.strip()[:27] + "..."
        raise ValueError(
            f"is too large: figures go up to {MAX_FIGURE:,} (10^15), got '{shown}'; check for extra digits"
        )
    return value


def _amount(value: Any) -> Any:
    return check_figure(parse_amount(value))


Figure = Annotated[float, BeforeValidator(check_figure)]
"""A number up to MAX_FIGURE (peers' values)."""
NonNegative = Annotated[float, Field(ge=0), BeforeValidator(check_figure)]
"""A number from 0 up to MAX_FIGURE (a numerator)."""
Positive = Annotated[float, Field(gt=0), BeforeValidator(check_figure)]
"""A number more than 0 up to MAX_FIGURE (a denominator)."""
Count = Annotated[int, Field(ge=0), BeforeValidator(check_figure)]
"""A whole number from 0 up to MAX_FIGURE (sample sizes, element counts)."""

Amount = Annotated[
    float,
    BeforeValidator(_amount),
    AfterValidator(lambda value: value + 0.0),  # -0 is 0: in data files and messages as on the page
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^[0-9.:]+$|^[0-9hmins .]+$"},
            ],
            "description": "A number, or for a duration 262, 4:22 or 4 min 22 s.",
        }
    ),
]


def _parse_period(value: Any, info: ValidationInfo) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(f"expected {PERIOD_EXPECTED}")
    return period_from_text(str(value), year_starts(info))


@functools.lru_cache(maxsize=65536)
def period_from_text(text: str, starts: int = 1, prefer: PeriodKind | None = None) -> Period:
    """Periods repeat across thousands of results; each distinct text is parsed once."""
    return Period.parse(text, prefer, starts)


_PERIOD_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": PERIOD_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
    "description": "A period: 2024 (year), 2024-25 (financial year), 2024-25 Q1 or H1 (its quarters and halves),"
    " 2024-Q1 (calendar quarter), 2024-04 (month) or 2024-10 to 2025-03 (a span of months).",
}

PeriodValue = Annotated[
    Period,
    PlainValidator(_parse_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_PERIOD_SCHEMA),
]


def _parse_due(value: Any, info: ValidationInfo) -> date | Period:
    if isinstance(value, date | Period):
        return value
    text = str(value)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(date_problem(text) or f"expected a real date like 2025-03-31, got '{text}'") from None
    try:
        return period_from_text(text, year_starts(info))
    except ValueError as error:
        if str(error).startswith(f"'{text}' is in the year"):
            raise
        plainly = date_problem(text)
        raise ValueError(plainly or f"expected a date like 2025-03-31 or {PERIOD_EXPECTED}, got '{text}'") from None


Due = Annotated[
    date | Period,
    PlainValidator(_parse_due),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date"}, *_PERIOD_SCHEMA["anyOf"]],
            "description": "A date (2025-03-31) or a period (2025-Q1, 2025-03, 2025-26).",
        }
    ),
]


class Source(Model):
    """A document the content was taken from, credited on the page that shows it."""

    title: str
    """The document's title."""
    publisher: str | None = None
    """Who published it."""
    date: PartialDate | None = None
    """When it was published: a date, a month or a year."""
    url: Link | None = None
    """Where to read it, if it is online."""
    note: str | None = None
    """What was taken from it, and how it was changed."""
