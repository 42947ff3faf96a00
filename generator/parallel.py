"""Work spread over the machine's cores in forked processes, with results in a fixed order.

`charterkit build` builds each language's site in its own process: the languages share nothing
but the docs folder they read, and each writes its own folder.

A child is a fork of the parent, so it starts with the parent's configuration and generated
pages already in memory; it sends back only what the parent needs, pickled: a value, and the log
records MkDocs wrote (warnings and above), which the parent passes on to its own handlers in the
order of the jobs, so messages never interleave and strict mode counts them as usual. A child
that fails sends the error back: MkDocs' own errors stay errors about the site, anything else
is reported with the child's traceback. A child that dies (killed, out of memory) is said to have.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")
LOGGER = "mkdocs"


_FORKING = [True]


def one_process() -> None:
    """From now on run every job in this process: for the preview, whose server runs threads,
    since a fork copies a lock another thread may be holding."""
    _FORKING[0] = False


def cores() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ChildFailed(Exception):
    """A job that raised in its process: `mkdocs` says whether it was MkDocs' own error."""

    def __init__(self, message: str, mkdocs: bool) -> None:
        super().__init__(message)
        self.mkdocs = mkdocs


@dataclass
class _Outcome(Generic[T]):
    value: T | None
    records: list[logging.LogRecord]
    error: str | None = None
    mkdocs_error: bool = False


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # the arguments may not pickle
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _die_with(parent: int) -> None:
    """Ask Linux to end this process if its parent ends first (killed in the middle of a build),
    so no process goes on writing into a folder the next build removes, or holding its lock."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's pipe closing ends the child
        return
    if os.getppid() != parent:
        os._exit(1)


def _child(job: Callable[[], T], send: Connection, parent: int) -> None:
    from mkdocs.exceptions import MkDocsException

    _die_with(parent)

    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):  # the parent's handlers print and count: it will
        if not isinstance(handler, _Collect):
            logger.removeHandler(handler)
    collect = _Collect()
    logger.addHandler(collect)
    try:
        outcome: _Outcome[T] = _Outcome(job(), collect.records)
    except MkDocsException as error:
        outcome = _Outcome(None, collect.records, str(error), mkdocs_error=True)
    except BaseException as error:  # sent to the parent, which raises it there
        text = "".join(traceback.format_exception(error))
        outcome = _Outcome(None, collect.records, text)
    finally:
        logger.removeHandler(collect)
    send.send(outcome)
    send.close()


def run(jobs: Sequence[Callable[[], T]], at_once: int) -> list[T]:
    """Each job's value, in the order of `jobs`; at most `at_once` processes run together.

    Every job runs to its end even when one fails (so each says what went wrong); then the log
    records of all are emitted in order, and the first failure is raised as ChildFailed."""
    if at_once <= 1 or len(jobs) <= 1 or not _FORKING[0]:
        return [job() for job in jobs]  # in this process, as a build without a pool would
    context = multiprocessing.get_context("fork")
    gc.collect()
    gc.freeze()  # objects from before the fork are not scanned by the children's collector,
    # which would otherwise touch, and so copy, every page of memory they share with the parent
    outcomes: dict[int, _Outcome[T]] = {}
    running: dict[Connection, tuple[int, Any]] = {}
    waiting = list(enumerate(jobs))
    try:
        while waiting or running:
            while waiting and len(running) < max(1, at_once):
                index, job = waiting.pop(0)
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(job, send, os.getpid()), daemon=False)
                process.start()
                send.close()
                running[receive] = (index, process)
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                index, process = running.pop(ready)
                try:
                    outcomes[index] = ready.recv()
                except EOFError:
                    process.join()
                    outcomes[index] = _Outcome(None, [], f"a build process ended early (exit code {process.exitcode})")
                ready.close()
                process.join()
    finally:
        for _, process in running.values():  # interrupted: stop the others too
            process.terminate()
            process.join()
        gc.unfreeze()
    logger = logging.getLogger(LOGGER)
    for index in range(len(jobs)):
        for record in outcomes[index].records:
            logger.handle(record)
    for index in range(len(jobs)):
        failed = outcomes[index]
        if failed.error is not None:
            raise ChildFailed(failed.error, failed.mkdocs_error)
    return [outcomes[index].value for index in range(len(jobs))]  # type: ignore[misc]
