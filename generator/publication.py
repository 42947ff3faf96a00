"""Read a publication folder into typed models, collecting every problem on the way."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from generator.bodies import body_problems
from generator.files import inside, links_out, unread, unread_top_level
from generator.future import future_update
from generator.load import Document, ParseCache, load_yaml, parse_file, read_text, split_front_matter, unreadable
from generator.messages import problems_from
from generator.models import FOLDERS, Assessment, Benchmark, Charter, Framework, Measure, Plan, Site, Update
from generator.models.common import MAX_ID, Model, check_slug
from generator.models.measure import Target
from generator.models.translation import Translation
from generator.periods import Period
from generator.problems import Problem, did_you_mean
from generator.today import as_of

M = TypeVar("M", bound=Model)
_UPDATE_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md")
_OTHER_FOLDERS = {"brand", "updates", "templates", "translations"}


@dataclass(frozen=True)
class Post:
    """An update: its front matter, its Markdown body and the slug from its file name."""

    slug: str
    meta: Update
    body: str


@dataclass
class Publication:
    """Everything in a data folder, by kind and id, with the documents for locating problems."""

    root: Path
    site: Site | None = None
    frameworks: dict[str, Framework] = field(default_factory=dict)
    charters: dict[str, Charter] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    failed: set[tuple[str, str]] = field(default_factory=set)
    """Items whose file could not be read; references to them are not reported again."""
    translations: dict[tuple[str, str], tuple[Translation, Document]] = field(default_factory=dict)
    """(language, data file path such as `charters/corporate.yml`) → that file's translation."""
    origins: dict[int, tuple[Model, str]] = field(default_factory=dict)
    """id of a document's model → the model, and a hash of what it was validated from: its file's
    bytes and path, its kind and the year's start. A page's key uses it in place of hashing the
    model (`render.keys`); a model changed after loading has none."""

    @property
    def year_starts(self) -> int:
        """The month the reporting year starts in (1 when site.yml is missing or broken)."""
        return self.site.first_month if self.site else 1

    def document(self, kind: str, item_id: str) -> Document:
        """The file an item came from (for placing a problem at its line)."""
        return self.documents[(kind, item_id)]


def read_publication(root: Path, cache: ParseCache | None = None) -> tuple[Publication, list[Problem]]:
    """Load and type-check every file under `root`; cross-references are checked separately."""
    publication = Publication(root)
    problems: list[Problem] = []
    site_file = root / "site.yml"
    if not root.is_dir():
        return publication, [Problem(str(root), 1, 1, "", "folder not found; give the folder that holds site.yml")]
    problems.extend(links_out(root))
    site = None
    if not inside(site_file, root):
        pass  # reported with the other links out of the folder
    elif site_file.exists() or site_file.is_symlink():  # a folder, pipe or broken link says what it is
        site, _ = _read_model(site_file, Site, problems, cache)
    else:
        problems.append(Problem(str(site_file), 1, 1, "", "file not found; every publication needs a site.yml"))
    if site:
        publication.site = site[0]
        publication.documents[("site", "site")] = site[1]
        _origin(publication, site[0], site[1], "site")
    else:  # one problem, not one for every unit named elsewhere
        publication.failed.add(("site", "site"))
    targets: dict[str, tuple[dict[str, Any], type[Model]]] = {
        "framework": (publication.frameworks, Framework),
        "charter": (publication.charters, Charter),
        "measure": (publication.measures, Measure),
        "assessment": (publication.assessments, Assessment),
        "benchmark": (publication.benchmarks, Benchmark),
        "improvement": (publication.plans, Plan),
    }
    for folder, kind in FOLDERS.items():
        store, model = targets[kind]
        for path in _files(root / folder, (".yml", ".yaml"), root, problems):
            loaded, item_id = _read_model(path, model, problems, cache, publication.year_starts)
            if not loaded:
                publication.failed.add((kind, path.stem))
                continue
            if item_id in store:
                problems.append(Problem(str(path), 1, 1, "", f"a second file for the id '{item_id}'; keep one of them"))
                continue
            store[item_id] = loaded[0]
            publication.documents[(kind, item_id)] = loaded[1]
            _origin(publication, loaded[0], loaded[1], kind)
    for path in _files(root / "updates", (".md",), root, problems):
        post = _read_post(path, root, problems)
        if post:
            publication.posts.append(post)
    publication.posts.sort(key=lambda post: (post.meta.date, post.slug), reverse=True)
    _read_translations(publication, problems, cache)
    problems.extend(_unknown_folders(root))
    problems.extend(unread_top_level(root, list(FOLDERS)))
    return publication, problems


def _origin(publication: Publication, model: Model, document: Document, kind: str) -> None:
    """Notes what a model was validated from (its file's bytes and path, its kind, the year's
    start): nothing else goes into it."""
    if document.content:
        where = Path(document.file).relative_to(publication.root).as_posix()
        made = "\0".join((kind, type(model).__name__, where, str(publication.year_starts), document.content))
        publication.origins[id(model)] = (model, made)


def adopt_standard_targets(publication: Publication) -> None:
    """A measure with no target of its own takes the one its charter standards promise.

    Otherwise the charter would say a promise was met or missed while the measure's own page and
    the performance table said it had no target. Only one clear promise is adopted: every
    standard on the measure with no period of its own, agreeing on one value, on the side its
    polarity sets (a mismatch is `validate`'s to report). It applies from the first published
    result or, with none yet, from when the charter took effect (or today, for an undated one).
    """
    standards: dict[str, set[tuple[float, str]]] = {}
    since: dict[str, date] = {}
    for charter in publication.charters.values():
        for commitment in charter.commitments:
            for standard in commitment.standards:
                if standard.period is None:
                    standards.setdefault(standard.measure, set()).add((standard.target, standard.comparison))
                    since[standard.measure] = min(since.get(standard.measure, date.max), charter.effective or as_of())
    for mid, promised in standards.items():
        measure = publication.measures.get(mid)
        if measure is None or measure.targets or measure.polarity is None or len(promised) != 1:
            continue
        ((value, comparison),) = promised
        if comparison != ("at-least" if measure.polarity == "higher-is-better" else "at-most"):
            continue
        # From the first published result, or with none yet, from when the charter took effect.
        try:
            first = min((r.period for r in measure.results), default=None) or Period.parse(f"{since[mid]:%Y-%m}")
        except ValueError:  # a charter dated in a far-off year: validate reports it
            continue
        target = Target.model_validate({"from": first, "value": value})
        publication.measures[mid] = measure.model_copy(update={"targets": (target,)})


def _read_translations(publication: Publication, problems: list[Problem], cache: ParseCache | None) -> None:
    """`translations/<language>/<path of a data file>`: each file's texts in another language."""
    folder = publication.root / "translations"
    if not folder.is_dir():
        return
    for language in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for sub in sorted({language, *(p for p in language.rglob("*") if p.is_dir())}):
            for path in _files(sub, (".yml", ".yaml"), publication.root, problems, nested=True):
                loaded, _ = _read_model(path, Translation, problems, cache)
                if loaded:
                    key = (language.name, path.relative_to(language).as_posix())
                    publication.translations[key] = loaded


def _files(
    folder: Path, suffixes: tuple[str, ...], root: Path, problems: list[Problem], nested: bool = False
) -> list[Path]:
    """The data files directly in `folder`; links out of the data folder are skipped (`links_out`
    reports them) and anything else not read is warned about."""
    if not folder.is_dir() or not inside(folder, root):
        return []
    found = []
    for path in sorted(folder.iterdir()):
        link = path.is_symlink()
        if link and not _resolves(path):
            problems.append(Problem(str(path), 1, 1, "", unreadable(OSError(errno.ELOOP, "loop"))))
            continue
        if link and not inside(path, root):  # a file that is no link is inside, as its folder is
            continue
        skipped, warning = unread(path, suffixes, nested)
        if warning:
            problems.append(warning)
        if not skipped:
            found.append(path)
    return found


def _resolves(path: Path) -> bool:
    """Whether a link leads somewhere: a loop of links raises (RuntimeError before Python 3.13)."""
    try:
        path.resolve()
    except (OSError, RuntimeError):
        return False
    return True


def _read_model(
    path: Path, model: type[M], problems: list[Problem], cache: ParseCache | None, year_starts: int = 1
) -> tuple[tuple[M, Document] | None, str]:
    file = str(path)
    document, parse_problems = parse_file(path, file, cache)
    problems.extend(parse_problems)
    if document is None or parse_problems:
        return None, ""
    same = (model.__name__, file, str(year_starts), document.content)
    if cache is not None and document.content and (known := cache.model(same)) is not None:
        return (known, document), path.stem  # validated from the same bytes earlier in this process
    try:
        item = model.model_validate(document.data, context={"year_starts": year_starts})
    except ValidationError as error:
        problems.extend(problems_from(error, document, model))
        return None, ""
    stem = path.stem
    given = getattr(item, "id", stem) if "id" in model.model_fields else stem
    if given is None or "id" not in model.model_fields:
        # The file name is the id: it goes into addresses and attributes, so it is an id like any
        # other (model_copy below would not check it).
        try:
            check_slug(stem)
        except ValueError:
            problems.append(Problem(file, 1, 1, "", _bad_file_name(path.name)))
            return None, ""
    if given is None:
        item = item.model_copy(update={"id": stem})
    elif given != stem:
        problems.append(
            document.problem(("id",), f"'{given}' does not match the file name '{path.name}'; make them the same")
        )
        return None, ""
    if cache is not None and document.content:
        cache.keep_model(same, item)
    return (item, document), stem


def _bad_file_name(name: str) -> str:
    """Why a file name cannot be an id, with its invisible or look-alike characters shown."""
    shown = "".join(c if c.isascii() and c.isprintable() else f"<U+{ord(c):04X}>" for c in name)
    return (
        f"the file name '{shown}' is also the item's id, which must be lower-case letters (a to z) and "
        f"digits joined by hyphens, at most {MAX_ID} characters and not a name computers reserve; rename "
        "the file, such as calls-answered.yml"
    )


def _read_post(path: Path, root: Path, problems: list[Problem]) -> Post | None:
    file = str(path)
    match = _UPDATE_NAME.fullmatch(path.name)
    if not match or len(match[2]) > MAX_ID:
        problems.append(
            Problem(
                file,
                1,
                1,
                "",
                "name the file like 2025-05-01-short-title.md: the date, then lower-case words (a to z, 0 to 9) "
                f"joined by hyphens, at most {MAX_ID} characters after the date",
            )
        )
        return None
    text, read_problems = read_text(path, file)
    problems.extend(read_problems)
    if text is None:
        return None
    front, body, body_line, split_problems = split_front_matter(text, file)
    problems.extend(split_problems)
    if front is None:
        return None
    if slow := body_problems(body, file, body_line):
        problems.extend(slow)
        return None
    document, parse_problems = load_yaml(front, file, line_offset=1)
    problems.extend(parse_problems)
    if document is None or parse_problems:
        return None
    try:
        meta = Update.model_validate(document.data)
    except ValidationError as error:
        problems.extend(problems_from(error, document, Update))
        return None
    if meta.date.isoformat() != match[1]:
        problems.append(
            document.problem(("date",), f"{meta.date} does not match the date in the file name ({match[1]})")
        )
        return None
    if ahead := future_update(meta.date, document):
        problems.append(ahead)
    return Post(f"{match[1]}-{match[2]}", meta, body)


def _unknown_folders(root: Path) -> list[Problem]:
    known = set(FOLDERS) | _OTHER_FOLDERS
    problems = []
    for path in sorted(root.iterdir()):
        if path.is_dir() and not path.name.startswith(".") and path.name not in known and path.name != "site.yml":
            hint = did_you_mean(path.name, known)
            problems.append(Problem(str(path), 1, 1, "", f"unknown folder; its files are not read{hint}", "warning"))
    return problems
