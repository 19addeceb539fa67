"""Downloadable PDFs, printed by headless Chromium: one per chapter and the whole
book, in every language of the site.

Why Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright): it is the
engine readers print with, so a PDF looks like the page a reader prints with
Ctrl+P, and the tests check both with the same browser (tooling notes §4).

How: build the site into a temporary folder and let Chromium open every page at
its public address (``site_url``) while Playwright answers each request from
that folder. Nothing goes over the network, no server is started, and the links
in a PDF point at the public site instead of a local address.

The PDFs land in ``docs/pdf/`` (git-ignored) only when all of them are made, so
the next normal build publishes them and each chapter shows "Download als PDF"
(scripts/paper.py). Publish order: ``manage.py pdf``, then ``manage.py build``.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_build_datetime

from inspiratieboek.publish import book as book_module
from inspiratieboek.publish.chromium import CHROMIUM, CHROMIUM_ARGS
from inspiratieboek.publish.outline import heading_texts, repair_outline
from inspiratieboek.site.build import run_build
from inspiratieboek.site.paper import BOOK_STEM, PDF_FOLDER, format_size, pdf_stem

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Route

ROOT = Path(__file__).resolve().parents[3]
INSTALL_CHROMIUM = "sudo apt-get install chromium"
INSTALL_PYTHON = ".venv/bin/pip install --require-hashes -r requirements-test.lock"
MAX_PASSES = 3
"""Renders of the book until the page numbers in its contents stop changing."""


class PdfError(Exception):
    """Something the PDF step needs is missing or wrong; the message says what to do."""


@dataclass(frozen=True)
class Made:
    """One PDF that was made."""

    path: Path
    pages: int
    size: int


# --- Tools ---------------------------------------------------------------------------


def check_tools(chromium: Path = CHROMIUM) -> None:
    """Fail with an install command when Chromium, Playwright or pypdf is missing."""
    if not chromium.exists():
        raise PdfError(
            f"Chromium ontbreekt ({chromium}); de PDF's worden gemaakt met dezelfde browser als lezers gebruiken.\n"
            f"Installeer het met: {INSTALL_CHROMIUM}\n"
            "De gewone site bouwt ook zonder PDF's: python scripts/manage.py build"
        )
    try:
        import playwright.sync_api  # noqa: F401
        import pypdf  # noqa: F401
    except ImportError as exc:
        raise PdfError(f"Python-pakket ontbreekt ({exc.name}). Installeer het met: {INSTALL_PYTHON}") from None


def launch(playwright: Playwright, chromium: Path = CHROMIUM) -> Browser:
    """Debian's Chromium, headless, without background requests."""
    return playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)


# --- Rendering -----------------------------------------------------------------------


class Printer:
    """One browser tab that sees the built ``site`` at the public ``address``."""

    def __init__(self, browser: Browser, site: Path, address: str) -> None:
        self.site, self.address = site, address.rstrip("/") + "/"
        self.documents: dict[str, str] = {}
        self.context = browser.new_context()
        if self.address == book_module.LOCAL_ADDRESS:
            # No SITE_URL: the print header must not name this internal address (ib-printen.js).
            self.context.add_init_script("window.ibGeenAdres = true;")
        self.context.route("**/*", self._answer)
        self.page = self.context.new_page()

    def _answer(self, route: Route) -> None:
        url = route.request.url.split("#")[0].split("?")[0]
        if url in self.documents:
            route.fulfill(body=self.documents[url], content_type="text/html; charset=utf-8")
            return
        if not url.startswith(self.address):
            route.abort()  # another website: the PDFs never load anything from outside
            return
        path = self.site / url[len(self.address) :]
        if path.is_dir():
            path = path / "index.html"
        if path.is_file() and path.resolve().is_relative_to(self.site.resolve()):
            route.fulfill(path=path)
        else:
            route.fulfill(status=404, body="")

    def pdf(self, url: str, html: str | None = None) -> bytes:
        """Print the page at ``url`` (or ``html`` shown at that address) to PDF."""
        if html is not None:
            self.documents[url] = html
        response = self.page.goto(url, wait_until="load")
        if response is None or not response.ok:
            raise PdfError(f"{url}: pagina niet gevonden in de gebouwde site")
        return self.page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)

    def close(self) -> None:
        self.context.close()


def destination_pages(data: bytes, keys: list[str]) -> dict[str, int]:
    """Page number (from 1) of each named destination; Chromium names them after ids."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found = {str(name).lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    missing = [key for key in keys if key not in found]
    if missing:
        raise PdfError(f"het boek mist deze delen in de PDF: {', '.join(missing)}")
    pages = {key: reader.get_destination_page_number(found[key]) for key in keys}
    lost = [key for key, number in pages.items() if number is None]
    if lost:
        raise PdfError(f"deze delen van het boek staan in de PDF op geen enkele pagina: {', '.join(lost)}")
    return {key: number + 1 for key, number in pages.items() if number is not None}


def render_book(printer: Printer, the_book: book_module.Book) -> bytes:
    """Print the book; render again until the contents show the right page numbers.

    Chromium cannot fill in page numbers of link targets itself (no
    ``target-counter``), so the first render leaves them empty and tells where
    each part starts. The contents keep one line per part, so the numbers do not
    move anything; the loop still checks that they settled.
    """
    url = f"{the_book.address}ib-boek.html"
    keys = book_module.contents_keys(the_book)
    pages: dict[str, int] = {}
    for _ in range(MAX_PASSES):
        html = the_book.html(pages)
        data = printer.pdf(url, html)
        found = destination_pages(data, keys)
        if found == pages:
            return repair_outline(data, heading_texts(html))
        pages = found
    raise PdfError(f"de paginanummers in de inhoud van het boek ({the_book.lang}) blijven veranderen")


def _write(path: Path, data: bytes) -> Made:
    from pypdf import PdfReader

    path.write_bytes(data)
    return Made(path, len(PdfReader(io.BytesIO(data)).pages), len(data))


def render_all(project: Path, site: Path, out: Path, chromium: Path = CHROMIUM) -> list[Made]:
    """Every chapter PDF and the book, for every language, from a built ``site``."""
    from playwright.sync_api import sync_playwright

    config = book_module.read_config(project)
    address = book_module.public_address(config)
    sources = book_module.chapter_sources(config)
    build_date = get_build_datetime().date()
    out.mkdir(parents=True, exist_ok=True)
    made: list[Made] = []
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        printer = Printer(browser, site, address)
        try:
            for index, (lang, prefix) in enumerate(book_module.languages(config)):
                suffix = "" if index == 0 else f".{lang}"
                for source in sources:
                    url = book_module.page_url(source)
                    data = printer.pdf(address + prefix + url)
                    page_html = (site / prefix / url / "index.html").read_text(encoding="utf-8")
                    data = repair_outline(data, heading_texts(page_html))
                    made.append(_write(out / f"{pdf_stem(url)}{suffix}.pdf", data))
                the_book = book_module.build_book(project, site, lang, prefix, build_date)
                made.append(_write(out / f"{BOOK_STEM}{suffix}.pdf", render_book(printer, the_book)))
        finally:
            printer.close()
            browser.close()
    return made


# --- Command -------------------------------------------------------------------------


def build_site(project: Path, target: Path) -> None:
    """The normal strict build, into ``target``."""
    result = run_build(project, target, quiet=True)
    if not result.ok:
        raise PdfError(f"de site bouwt niet, dus er zijn geen PDF's gemaakt:\n{result.output}")


def publish(made: list[Made], out: Path) -> list[Made]:
    """Move finished PDFs into ``out``; remove PDFs there that were not made again."""
    out.mkdir(parents=True, exist_ok=True)
    names = {m.path.name for m in made}
    for old in out.glob("*.pdf"):
        if old.name not in names:
            old.unlink()
    moved = []
    for m in made:
        target = out / m.path.name
        shutil.move(m.path, target)
        moved.append(Made(target, m.pages, m.size))
    return moved


def make_pdfs(project: Path, out: Path, chromium: Path = CHROMIUM, site: Path | None = None) -> list[Made]:
    """Check the tools, build the site (unless ``site`` is given) and make all PDFs."""
    check_tools(chromium)
    with tempfile.TemporaryDirectory(prefix="ib-pdf-") as tmp:
        if site is None:
            site = Path(tmp) / "site"
            build_site(project, site)
        made = render_all(project, site, Path(tmp) / PDF_FOLDER, chromium)
        return publish(made, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pdf.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / PDF_FOLDER, help="map voor de PDF's")
    parser.add_argument("--chromium", type=Path, default=CHROMIUM, help="pad naar Chromium")
    parser.add_argument("--site-dir", type=Path, help="een al gebouwde site gebruiken in plaats van zelf te bouwen")
    parser.add_argument("--project", type=Path, default=ROOT, help="de projectmap (mkdocs.yml, data/)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        made = make_pdfs(args.project, args.out, args.chromium, args.site_dir)
    except (PdfError, book_module.BookError) as exc:
        print(f"Geen PDF's gemaakt: {exc}", file=sys.stderr)
        return 2
    for m in made:
        print(
            f"{m.path.relative_to(ROOT) if m.path.is_relative_to(ROOT) else m.path}: "
            f"{m.pages} pagina's, {format_size(m.size, 'nl')}"
        )
    print(
        f"{len(made)} PDF's gemaakt in {time.monotonic() - started:.0f} s. "
        "Bouw nu de site om ze te publiceren: python scripts/manage.py build"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
