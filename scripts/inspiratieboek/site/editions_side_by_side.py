"""Build the language editions side by side: the other editions in a forked child
process while this process builds the default one.

Why: mkdocs-static-i18n builds one language after the other in one process (its
``on_post_build`` runs a whole MkDocs build per extra language), so a build of
both editions used one core for twice the work, while every machine we build on
(laptops, CI runners) has two cores or more. At 1,000 examples Markdown and the
templates are four fifths of a build, and each edition's pages are its own.

How, in the order of a build (``scripts/hooks.py`` wires it):

- ``on_startup``: remember the command; only ``mkdocs build`` forks (``serve``
  keeps its render cache in one process).
- ``on_nav`` of the default edition (after static-i18n's ``on_files``, so the child
  starts from the state the sequential build would have): fork. The child builds
  the other editions exactly as static-i18n would (its ``building`` flag, its log
  filter), into a fresh folder beside ``site_dir``; this process marks those
  languages as not to be built, so static-i18n does not build them again.
- ``on_post_build``: wait for the child, move its files into ``site_dir`` (replacing
  what is there, as the later edition's writes did in the sequential build: theme
  assets, the root 404 page), take over the 404 pages it rendered, and mark the
  languages as built again for what follows (open data, search index, sitemaps).
- ``on_build_error``/``on_shutdown``: a child still running is stopped and its
  folder removed.

The per-language steps before and after the editions (writing the generated
pages, the search index) go side by side too, through ``per_language``: a child
per extra language, its result sent back pickled.

It never forks in a process with other threads (a lock held by a thread would stay
locked in the child), without ``os.fork``, on a single core, or with
``IB_EDITIES_NA_ELKAAR=1`` (the old order, for comparing).
``tests/test_editions_side_by_side.py`` checks that both orders give the same site,
byte for byte (but for the build times and the English 404 page's language menu).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SEQUENTIAL = "IB_EDITIES_NA_ELKAAR"
"""Set to 1 to build the editions one after the other, in one process."""

log = logging.getLogger("mkdocs.plugins.ib.edities")
T = TypeVar("T")


@dataclass
class _Child:
    """A child process building the other editions into ``folder``."""

    pid: int
    folder: Path
    reply: int
    """Read end of the pipe on which the child sends the 404 pages it rendered."""
    languages: list[str]
    restore: list[Any]
    """static-i18n's configs of those languages, whose ``build`` flag is off meanwhile."""


class _Run:
    """This process's build: the command it runs and its child, if one is building."""

    command: str | None = None
    child: _Child | None = None


def started(command: str) -> None:
    """Remember the command (``on_startup``): only ``build`` builds side by side."""
    _Run.command = command


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _may_fork_now() -> bool:
    """Forking is safe and useful here: ``mkdocs build``, one thread, two cores or more."""
    return (
        _Run.command == "build"
        and _Run.child is None
        and hasattr(os, "fork")
        and os.environ.get(SEQUENTIAL) != "1"
        and threading.active_count() == 1
        and _cores() >= 2
    )


def _may_fork(i18n: Any) -> bool:
    return (
        _may_fork_now()
        and i18n is not None
        and not i18n.building
        and i18n.current_language == i18n.default_language
        and len(i18n.build_languages) > 1
    )


def fork_other_editions(config: MkDocsConfig, saved_404: dict[str, str]) -> None:
    """Start building the other editions in a child process (see the module's text);
    does nothing where that is not safe or not useful."""
    i18n: Any = config.plugins.get("i18n")  # mkdocs-static-i18n ships no types
    if not _may_fork(i18n):
        return
    others = [lang for lang in i18n.build_languages if lang != i18n.current_language]
    site = Path(config.site_dir)
    folder = Path(tempfile.mkdtemp(prefix=f".{site.name}-edities-", dir=site.parent))
    read, write = os.pipe()
    pid = _fork()
    if pid == 0:  # the child: build, report, and leave without running the parent's code
        os.close(read)
        code = 1
        try:
            code = _build(config, i18n, others, folder, saved_404, write)
        except BaseException:  # a bug, not a build error: show it as the sequential build would
            traceback.print_exc()
        finally:
            _leave(code)
    os.close(write)
    restore = [i18n.get_language_config(lang) for lang in others]
    for lang_config in restore:
        lang_config.build = False  # static-i18n: built by the child
    _Run.child = _Child(pid, folder, read, others, restore)
    log.info(f"Edities naast elkaar: {', '.join(others)} in een tweede proces (pid {pid})")


def _build(
    config: MkDocsConfig, i18n: Any, languages: list[str], folder: Path, saved: dict[str, str], write: int
) -> int:
    """In the child: what static-i18n's ``on_post_build`` does per extra language, into ``folder``."""
    from mkdocs.commands.build import build

    config.site_dir = str(folder)
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet)
    i18n.building = True
    try:
        for lang in languages:
            i18n.current_language = lang
            build(config, dirty=False)
    except SystemExit as exc:  # Abort: MkDocs logged the error; strict mode's count is only raised
        if str(exc).startswith("Aborted with") and "BuildError" not in str(exc):
            log.error(str(exc))
        return 1
    with os.fdopen(write, "w", encoding="utf-8") as reply:
        json.dump(saved, reply)
    return 0


def _quiet(record: logging.LogRecord) -> bool:
    """static-i18n's filter for its inner builds: no second "built in" line."""
    return not str(record.msg).startswith(("Documentation built in", "Building documentation to directory"))


def _take_child() -> _Child | None:
    """This build's child, if any, forgotten here, with its languages marked as built again."""
    child, _Run.child = _Run.child, None
    for lang_config in child.restore if child else []:
        lang_config.build = True
    return child


def join_other_editions(config: MkDocsConfig, saved_404: dict[str, str]) -> None:
    """Wait for the child, move its editions into ``site_dir`` and take its 404 pages;
    a failed child stops the build (its messages are above)."""
    child = _take_child()
    if child is None:
        return
    try:
        reply, code = _reply_of(child.pid, child.reply)
        if code != 0 or not reply:
            names = ", ".join(child.languages)
            raise PluginError(f"De editie(s) {names} zijn niet gebouwd; zie de meldingen hierboven.")
        saved_404.update(json.loads(reply))
        _move_into(child.folder, Path(config.site_dir))
    finally:
        shutil.rmtree(child.folder, ignore_errors=True)


def abandon() -> None:
    """Stop a child that is still building (the build failed or ended) and remove its folder."""
    child = _take_child()
    if child is None:
        return
    _stop(child.pid, child.reply)
    shutil.rmtree(child.folder, ignore_errors=True)


def _move_into(source: Path, target: Path) -> None:
    """Move every file of ``source`` into ``target``, replacing files that are there."""
    for folder, _dirs, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(exist_ok=True)
        for name in files:
            os.replace(Path(folder) / name, destination / name)


def _reply_of(pid: int, read: int) -> tuple[bytes, int]:
    """All a child wrote on its pipe, then its exit code (read first: a full pipe
    would keep the child waiting)."""
    with os.fdopen(read, "rb") as reply:
        data = reply.read()
    _, status = os.waitpid(pid, 0)
    return data, os.waitstatus_to_exitcode(status)


def _stop(pid: int, read: int) -> None:
    """Stop a child that is no longer wanted and close its pipe."""
    os.close(read)
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def _leave(code: int) -> NoReturn:
    """End a child: its log and output written out, without running the parent's code."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _fork() -> int:
    """``os.fork`` with nothing left in this process's output buffers (the child would
    write them a second time when it flushes)."""
    sys.stdout.flush()
    sys.stderr.flush()
    return os.fork()


def per_language(languages: Sequence[str], work: Callable[[str], T]) -> dict[str, T]:
    """``work(lang)`` for each language: the first in this process, each other one in
    a forked child at the same time, its result sent back pickled.

    Why: the steps before and after the editions (writing the generated pages, the
    search index) are per language too, and ran on one core while the other waited.
    One after the other wherever the editions would be (``serve``, threads, one core,
    ``IB_EDITIES_NA_ELKAAR=1``). An exception in a child is raised here, as if the
    work had run in this process; a child that dies without a word raises RuntimeError.
    """
    if len(languages) < 2 or not _may_fork_now():
        return {lang: work(lang) for lang in languages}
    children: list[tuple[str, int, int]] = []
    try:
        for lang in languages[1:]:
            read, write = os.pipe()
            pid = _fork()
            if pid == 0:
                os.close(read)
                _work_in_child(work, lang, write)
            os.close(write)
            children.append((lang, pid, read))
        results = {languages[0]: work(languages[0])}
        while children:
            lang, pid, read = children.pop(0)
            results[lang] = _result_of_child(lang, pid, read)
        return results
    finally:
        for _lang, pid, read in children:  # this process's own work failed: stop the others
            _stop(pid, read)


def _work_in_child(work: Callable[[str], Any], lang: str, write: int) -> NoReturn:
    """In the child: do the work, send (True, result) or (False, exception), and leave."""
    code = 0
    try:
        payload = pickle.dumps((True, work(lang)))
    except BaseException as exc:  # sent to the parent, which raises it
        code = 1
        try:
            payload = pickle.dumps((False, exc))
        except Exception:  # an exception that does not pickle: its text
            payload = pickle.dumps((False, RuntimeError("".join(traceback.format_exception(exc)))))
    try:
        with os.fdopen(write, "wb") as out:
            out.write(payload)
    finally:
        _leave(code)


def _result_of_child(lang: str, pid: int, read: int) -> Any:
    payload, _code = _reply_of(pid, read)
    if not payload:
        raise RuntimeError(f"per_language: het proces voor '{lang}' stopte zonder resultaat")
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return value
