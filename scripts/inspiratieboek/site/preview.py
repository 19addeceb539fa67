"""``manage.py serve``: the editors' preview, which never hangs and builds once per save.

Why our own server instead of ``mkdocs serve``: MkDocs 1.6 holds every request
until a rebuild succeeds ("the server will appear stuck until build errors are
resolved"), so one broken record froze the browser. It also watches all of
``docs/``, where the hook writes the generated example pages, so every save built
the site twice. Here:

- each build goes into a fresh folder; only a build that succeeds replaces the
  folder being served, so readers always get the last good site, at once, even
  while a build runs;
- a failed build prints its messages (``file:line: field: message``) and every
  HTML page then carries a banner with them, until a save fixes the record;
- the watcher ignores the generated folder (``docs/voorbeelden/``) and editors'
  temporary files, and collects the events of one save into one build;
- the browser reloads by itself after every build, good or bad (a small script
  that waits on ``/__ib/versie``), so the banner comes and goes without a click;
- the builds run in this process (MkDocs as a library), so Ctrl-C or SIGTERM
  leave no ``mkdocs`` process behind, and a page whose Markdown did not change
  is not converted again (``render_cache``): an edit shows sooner.
"""

from __future__ import annotations

import contextlib
import html
import logging
import mimetypes
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from inspiratieboek.site.build import QUIET_ENV
from inspiratieboek.site.generate import GENERATED
from inspiratieboek.site.render_cache import RenderCache

log = logging.getLogger("mkdocs.plugins.ib.preview")

VERSION_PATH = "/__ib/versie"
"""The reload script waits here; the answer is the number of the latest build."""
POLL_SECONDS = 25.0
"""How long a wait on VERSION_PATH may last before the script asks again."""
QUIET_SECONDS = 0.2
"""A save often comes as several file events (write, rename, metadata): a build
starts once the files have been quiet this long."""
IGNORED_SUFFIXES = (".swp", ".swx", ".swpx", ".tmp", ".pyc", "~")
IGNORED_PREFIXES = (".#", ".~")
IGNORED_PARTS = frozenset({"__pycache__", ".git", ".cache"})

RELOAD_SCRIPT = """<script>(function () {
  var built = %d;
  function wait() {
    fetch("%s?na=" + built, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (t) { if (Number(t) !== built) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 2000); });
  }
  wait();
})();</script>"""

BANNER = """<div id="ib-preview-fout" role="alert" style="position:relative;z-index:10;margin:0;padding:1rem 1.5rem;\
background:#7a0000;color:#fff;font:1rem/1.5 system-ui,sans-serif;border-bottom:4px solid #000">
<p style="margin:0 0 .5rem;font-weight:700">%s</p>
<p style="margin:0 0 .5rem">%s</p>
<pre style="margin:0;white-space:pre-wrap;font:.9rem/1.4 monospace;background:#fff;color:#000;padding:.75rem">%s</pre>
</div>"""

TEXT = {
    "title": "Er staat een fout in de gegevens. Je ziet nog de laatste versie die wel werkte.",
    "first_title": "Er staat een fout in de gegevens. De site is nog niet gebouwd.",
    "fix": "Verbeter wat hieronder staat en sla het bestand op. De pagina laadt daarna vanzelf opnieuw.",
}


def is_watched(path: Path, project: Path) -> bool:
    """Does a change to ``path`` need a new build?

    Not the generated pages (the build writes them itself: watching them made every
    save build twice), not editors' swap and backup files, not Python's caches."""
    try:
        relative = path.resolve().relative_to(project.resolve())
    except ValueError:
        return True  # a watched folder outside the project (mkdocs.yml ``watch:``)
    parts = relative.parts
    if len(parts) == 1:
        return parts[0] == "mkdocs.yml"  # the project folder itself is watched for mkdocs.yml only
    if parts[:2] == ("docs", GENERATED) or IGNORED_PARTS.intersection(parts):
        return False
    name = path.name
    return not (name.endswith(IGNORED_SUFFIXES) or name.startswith(IGNORED_PREFIXES) or name == "4913")


@dataclass
class State:
    """What the server shows: the last good site, the last failure, the build number."""

    site: Path | None = None
    error: str | None = None
    version: int = 0
    builds: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, site: Path | None, error: str | None) -> None:
        """A build ended: show its site (if good) and its error (if any); wake the browsers."""
        with self.changed:
            if site is not None:
                self.site = site
            self.error = error
            self.version += 1
            self.changed.notify_all()

    def wait_for_version(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def decorate(page: str, state: State, error: str | None, version: int) -> str:
    """Add the reload script, and the error banner while the data is broken."""
    script = RELOAD_SCRIPT % (version, VERSION_PATH)
    if error:
        title = TEXT["title"] if state.site is not None else TEXT["first_title"]
        banner = BANNER % (html.escape(title), html.escape(TEXT["fix"]), html.escape(error))
        start = page.find("<body")
        end = page.find(">", start) + 1 if start >= 0 else 0
        page = page[:end] + banner + page[end:]
    index = page.rfind("</body>")
    return page[:index] + script + page[index:] if index >= 0 else page + script


def error_page(state: State, error: str | None, version: int) -> str:
    """What the browser gets before the first good build."""
    body = "<p>De site wordt gebouwd. Deze pagina laadt vanzelf opnieuw.</p>" if not error else ""
    return decorate(
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Voorbeeld van de site</title></head>'
        f"<body>{body}</body></html>",
        state,
        error,
        version,
    )


def make_handler(state: State) -> type[BaseHTTPRequestHandler]:
    """A request handler that serves ``state.site`` as a static host does, never waiting on a build."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "ib-preview"

        def log_message(self, format: str, *args: object) -> None:
            log.debug("%s " + format, self.address_string(), *args)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == VERSION_PATH:
                seen = int((parse_qs(url.query).get("na") or ["-1"])[0] or -1)
                self._send(HTTPStatus.OK, str(state.wait_for_version(seen, POLL_SECONDS)).encode(), "text/plain")
                return
            with state.changed:
                site, error, version = state.site, state.error, state.version
            if site is None:
                page = error_page(state, error, version).encode("utf-8")
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, page, "text/html; charset=utf-8")
                return
            path, status = self._resolve(site, unquote(url.path))
            if path is None:
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if not path.is_file():
                missing = site / "404.html"
                if not missing.is_file():
                    self._send(HTTPStatus.NOT_FOUND, b"Niet gevonden", "text/plain; charset=utf-8")
                    return
                path, status = missing, HTTPStatus.NOT_FOUND
            try:
                data = path.read_bytes()
            except OSError:  # the folder was replaced while we read it
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"Probeer opnieuw", "text/plain; charset=utf-8")
                return
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind == "text/html":
                data = decorate(data.decode("utf-8"), state, error, version).encode("utf-8")
                kind = "text/html; charset=utf-8"
            elif kind.startswith("text/") or kind in {"application/javascript", "application/json"}:
                kind += "; charset=utf-8"
            self._send(status, data, kind)

        def _resolve(self, site: Path, path: str) -> tuple[Path | None, HTTPStatus]:
            """The file for a URL path inside ``site``; None means: redirect to the folder URL."""
            target = (site / path.lstrip("/")).resolve()
            if not target.is_relative_to(site.resolve()):
                return site / "404-missing", HTTPStatus.NOT_FOUND
            if target.is_dir():
                if not path.endswith("/"):
                    return None, HTTPStatus.MOVED_PERMANENTLY
                target = target / "index.html"
            return target, HTTPStatus.OK

        def _send(self, status: HTTPStatus, data: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

    return Handler


class _Collector(logging.Handler):
    """The warnings and errors MkDocs logs during one build (our hook's messages among them)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Builder:
    """Builds the site with MkDocs (as a library) into fresh folders under ``work``."""

    def __init__(self, project: Path, work: Path, site_url: str, state: State) -> None:
        self.project, self.work, self.site_url, self.state = project, work, site_url, state
        self.started = False
        self.cache = RenderCache(project)

    def build(self) -> bool:
        """One full build; publishes the new site or the error. Never raises."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        self.state.builds += 1
        number = self.state.builds
        target = Path(tempfile.mkdtemp(prefix="site-", dir=self.work))
        began = time.monotonic()
        print(f"[serve] bouw {number} gestart", flush=True)
        # MkDocs logs a build's error and then raises a bare "Aborted": keep what it logged for the banner.
        problems = _Collector()
        logging.getLogger("mkdocs").addHandler(problems)
        try:
            config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(target))
            config.site_url = self.site_url
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=False)
                self.started = True
            with self.cache.active() as counts:
                build(config)
        except (MkDocsException, SystemExit) as exc:  # PluginError, Abort (strict warnings), a bad mkdocs.yml
            self.cache.discard()
            return self._failed(target, number, "\n".join(problems.messages) or str(exc).strip())
        except Exception as exc:  # a bug in a template or a module: keep serving, show where
            self.cache.discard()
            traceback.print_exc()
            return self._failed(target, number, f"{type(exc).__name__}: {exc}")
        finally:
            logging.getLogger("mkdocs").removeHandler(problems)
        self.cache.commit()
        previous = self.state.site
        self.state.publish(target, None)
        if previous is not None:
            # A request may still read the old folder; it is small to keep one build longer.
            self._remove_older_than(previous)
        reused = (
            f"; {counts.hits} van {counts.hits + counts.misses} pagina's niet opnieuw omgezet"
            f" en {counts.page_hits} niet opnieuw opgemaakt"
            if counts.hits or counts.page_hits
            else ""
        )
        print(f"[serve] bouw {number} klaar in {time.monotonic() - began:.1f} s{reused}", flush=True)
        return True

    def _failed(self, target: Path, number: int, message: str) -> bool:
        """Keep the last good site; the messages were logged by MkDocs (or printed with the traceback)."""
        shutil.rmtree(target, ignore_errors=True)
        print(f"[serve] bouw {number} mislukt; de laatste goede versie blijft zichtbaar", flush=True)
        self.state.publish(None, message)
        return False

    def _remove_older_than(self, keep: Path) -> None:
        for folder in self.work.glob("site-*"):
            if folder not in (keep, self.state.site):
                shutil.rmtree(folder, ignore_errors=True)


class Watcher:
    """Collects file events; ``wait`` returns once a save has settled."""

    def __init__(self, project: Path, folders: list[Path]) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.project = project
        self.pending = threading.Event()
        self.last = 0.0
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: object) -> None:
                if getattr(event, "event_type", "") in {"opened", "closed_no_write"}:
                    return
                paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
                if any(p and is_watched(Path(os.fsdecode(p)), watcher.project) for p in paths):
                    watcher.last = time.monotonic()
                    watcher.pending.set()

        self.observer = Observer()
        self.observer.schedule(Handler(), str(project), recursive=False)  # mkdocs.yml
        for folder in folders:
            if folder.is_dir():
                self.observer.schedule(Handler(), str(folder), recursive=True)
        self.observer.start()

    def wait(self, stop: threading.Event) -> bool:
        """Block until files changed and then stayed quiet; False when ``stop`` is set."""
        while not stop.is_set():
            if self.pending.wait(timeout=0.5):
                while time.monotonic() - self.last < QUIET_SECONDS and not stop.is_set():
                    time.sleep(0.05)
                self.pending.clear()
                return not stop.is_set()
        return False

    def close(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)


def watched_folders(project: Path) -> list[Path]:
    """What ``mkdocs serve`` watches besides mkdocs.yml: docs/ and mkdocs.yml's ``watch:`` list."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml_load(file) or {}
    docs = project / (config.get("docs_dir") or "docs")
    return list(dict.fromkeys([docs, *(project / str(name) for name in config.get("watch") or [])]))


def serve(project: Path, port: int, host: str = "127.0.0.1", on_ready: Callable[[], None] | None = None) -> int:
    """Serve ``project`` on http://host:port/ until Ctrl-C or SIGTERM; rebuild once per save."""
    os.environ.update(QUIET_ENV)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO, stream=sys.stderr)
    logging.getLogger("watchdog").setLevel(logging.WARNING)
    state = State()
    stop = threading.Event()

    def terminate(signum: int, frame: object) -> None:
        # The first Ctrl-C or SIGTERM stops serve; the ones after it (pressed twice, or
        # sent to the shell and to serve) are ignored: they would cut the clean-up short
        # with a traceback, or end the process by the default action while Python exits.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, terminate)
    signal.signal(signal.SIGTERM, terminate)
    try:
        server = ThreadingHTTPServer((host, port), make_handler(state))
    except OSError as exc:
        print(
            f"Poort {port} is bezet of niet te gebruiken ({exc.strerror}); kies een andere met --port N",
            file=sys.stderr,
        )
        return 1
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="ib-preview-http", daemon=True)
    work = Path(tempfile.mkdtemp(prefix="ib-serve-"))
    builder = Builder(project, work, f"http://{host}:{port}/", state)
    watcher: Watcher | None = None
    try:
        thread.start()
        print(f"[serve] de site staat op http://{host}:{port}/ (stoppen: Ctrl-C)", flush=True)
        watcher = Watcher(project, watched_folders(project))
        builder.build()
        if on_ready:
            on_ready()
        while watcher.wait(stop):
            builder.build()
    except KeyboardInterrupt:
        print("[serve] gestopt", flush=True)
    finally:
        stop.set()
        if watcher is not None:
            watcher.close()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
    return 0
