"""Which pages need rendering again: a key per page over everything its Markdown is made from.

A page's Markdown is a function of: charterkit itself (its code, templates, message catalogs,
assets and theme overrides: every file of the `generator` package), the libraries installed
(every distribution's name and version, and Python's), the language and whether its
translations are samples, the day of the build, the engine raw HTML links are written for, the
page's path and template, the values the page is given (its context, the site and the units),
and the parts of the publication its template reads. The first seven are one hash for the whole
build. The page's values are hashed from their pickled state, which is every field of every
object reachable from them.

The publication reaches a template only through a `Reading` view, which hands out any of the
publication's attributes and records which ones were read. A page is reused when its key
matches the last build's and every attribute it read then still has the same hash: a render
is deterministic, so the same inputs make it read the same attributes again, and give the same
bytes. The bytes are taken from the last build's page in the docs folder, and only when they
still have the hash they had when written. A publication with its own templates is always
rendered whole: its templates are code this module does not trace.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
import os
import pickle
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent
VERSION = 1  # of the cache file's layout


def digest(*parts: bytes) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(len(part).to_bytes(8, "big"))
        hashed.update(part)
    return hashed.hexdigest()


@functools.cache
def charterkit_and_libraries() -> str:
    """Every file of charterkit's package, and the installed distributions with their versions."""
    parts = [sys.version.encode()]
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(PACKAGE).as_posix().encode(), path.read_bytes()]
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    parts.append("\n".join(installed).encode())
    return digest(*parts)


def build_key(language: str, sample: bool, as_of: date, engine: str) -> str:
    """What every page of one language's render shares: the engine too, since raw HTML links are
    written for it."""
    today = date.today().isoformat()
    return digest(charterkit_and_libraries().encode(), f"{language}|{sample}|{as_of}|{today}|{engine}".encode())


class Hashes:
    """Hashes of values and of the publication's attributes, for one language's render.

    A value is hashed from its pickle. A model is pickled as its class, its fields, and the names
    of its set fields in order (pydantic keeps them in a set, whose order changes between
    processes). A whole document (a measure, a charter, the site...) stands in the pickle as its
    own hash, worked out once however many pages show it; the models inside one (its results,
    its standards) are pickled in place, which is far quicker than hashing each of them apart."""

    def __init__(self, publication: Any) -> None:
        self.publication = publication
        self.known: dict[int, tuple[Any, str]] = dict(getattr(publication, "origins", {}))
        self.attributes: dict[str, str | None] = {}
        self.table = {kind: self._reduce if kind.__name__ in DOCUMENTS else _in_place for kind in _models()}

    def _dump(self, value: Any) -> str:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.dispatch_table = self.table
        pickler.fast = True  # no memo: the bytes follow the values, not which of them are one object
        pickler.dump(value)
        return digest(buffer.getvalue())

    def _reduce(self, model: Any) -> tuple[Any, ...]:
        found = self.known.get(id(model))
        if found is None or found[0] is not model:
            found = (model, self._dump(_in_place(model)))
            self.known[id(model)] = found  # holding the model keeps its id from being reused
        return str, (found[1],)

    def value(self, value: Any) -> str | None:
        """A hash of a value's whole pickled state, or None when it cannot be pickled."""
        try:
            return self._dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
            return None

    def attribute(self, name: str) -> str | None:
        if name not in self.attributes:
            self.attributes[name] = self.value(getattr(self.publication, name, None))
        return self.attributes[name]


DOCUMENTS = frozenset({"Assessment", "Benchmark", "Charter", "Framework", "Measure", "Plan", "Site", "Update"})
"""The models that are whole documents of a publication, each hashed once."""


def _state(*fields: Any) -> None:
    """Stands for a model's state in the pickle a key is hashed from (never unpickled)."""


def _in_place(model: Any) -> tuple[Any, ...]:
    kind = type(model)
    fields = (kind.__module__, kind.__qualname__, model.__dict__, sorted(model.__pydantic_fields_set__))
    return _state, (*fields, model.__pydantic_extra__, model.__pydantic_private__)


@functools.cache
def _models() -> tuple[type, ...]:
    """Every pydantic model class (charterkit's models are all imported before pages render;
    a class made later is pickled as it is, which at worst renders its pages again)."""
    from pydantic import BaseModel

    found: list[type[BaseModel]] = []
    stack: list[type[BaseModel]] = [BaseModel]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in found:
                found.append(sub)
                stack.append(sub)
    return tuple(found)


class Reading:
    """The publication as a template sees it: every attribute, each read written down."""

    def __init__(self, publication: Any) -> None:
        object.__setattr__(self, "_publication", publication)
        object.__setattr__(self, "_read", set())

    def __getattr__(self, name: str) -> Any:
        self._read.add(name)
        return getattr(self._publication, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the publication cannot be changed while pages render")

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._read))


@dataclass(frozen=True)
class Entry:
    """What the last build knew of one page."""

    key: str
    reads: tuple[tuple[str, str], ...]
    content: str  # the hash of the bytes written


class Store:
    """The entries of the last build of one language, kept in the cache folder."""

    def __init__(self, path: Path | None, pages: Path | None) -> None:
        self.path = path
        self.pages = pages
        self.entries: dict[str, Entry] = {}
        if path is not None and pages is not None and path.is_file():
            try:
                layout, entries = pickle.loads(path.read_bytes())
            except Exception:  # a damaged or foreign cache only costs a whole render
                layout, entries = None, {}
            if layout == VERSION and isinstance(entries, dict):
                self.entries = entries

    def reuse(self, path: str, key: str, hashes: Hashes) -> bytes | None:
        """The last build's bytes of a page, if nothing it was made from has changed."""
        entry = self.entries.get(path)
        if entry is None or entry.key != key or self.pages is None:
            return None
        if any(hashes.attribute(name) != hashed or hashed is None for name, hashed in entry.reads):
            return None
        try:
            content = (self.pages / path).read_bytes()
        except OSError:
            return None
        return content if digest(content) == entry.content else None

    def save(self, entries: dict[str, Entry]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps((VERSION, entries), protocol=5))
        temporary.replace(self.path)


class Kept:
    """One language's files taken from the last build, or noted to be kept for the next: pages,
    and a measure's downloads. A file's key is the shared key, its path and the value it is made
    from (a page's template and context; a measure)."""

    def __init__(self, store: Store, hashes: Hashes, shared: str | None) -> None:
        self.store, self.hashes, self.shared = store, hashes, shared
        self.entries: dict[str, Entry] = {}
        self.pending: dict[str, str] = {}

    def take(self, path: str, value: Any) -> bytes | None:
        """The last build's bytes of the file, when what it is made from is unchanged."""
        key = self.hashes.value((self.shared, path, value)) if self.shared else None
        if key is None:
            return None
        reused = self.store.reuse(path, key, self.hashes)
        if reused is None:
            self.pending[path] = key
            return None
        self.entries[path] = self.store.entries[path]
        return reused

    def made(self, path: str, content: bytes, read: tuple[str, ...] = ()) -> None:
        """Notes a file made afresh, with the parts of the publication it read."""
        key = self.pending.pop(path, None)
        hashed = tuple((name, self.hashes.attribute(name)) for name in read)
        if key is not None and all(value is not None for _, value in hashed):
            self.entries[path] = Entry(key, hashed, digest(content))  # type: ignore[arg-type]

    def save(self) -> None:
        self.store.save(self.entries)
