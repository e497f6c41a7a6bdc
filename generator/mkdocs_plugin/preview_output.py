"""The preview writes only what changed.

``publish serve`` runs the engine's dirty builds: the folder it serves is
kept from one rebuild to the next instead of being emptied and written again
(at 1,000 entries, 5,000 files and 1,100 folders: on this machine's disk,
most of the time a rebuild took). The engine's dirty mode alone is wrong for
this site, as it decides by the files' dates, while a page's output also
depends on the navigation, the other languages and the entries. So here:

- every page is rendered as in a clean build (the differential build's
  stores make that cheap), and written only when its output differs from
  what this folder holds (:meth:`PreviewOutput.page_output`);
- a generated file (citations, open data) is written only when its bytes
  differ (:class:`PreviewFile`);
- a page of the docs folder, which the engine would skip by its date, has
  its output removed first, so that it is rendered;
- what the last rebuild wrote and this one does not is removed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

from properdocs.structure.files import File, Files

_DIRTY_WARNING = "A 'dirty' build is being performed"
_SKIPPED = "Page skipped: '"


# Material's page: the article, and the page's title in it.
_ARTICLE = re.compile(r"<article\b[^>]*>")
_TITLE_END = "</h1>"


def under_title(html: str, notice: str) -> str:
    """A rendered page with ``notice`` (HTML) under its title, at the top of
    its article when it has none; the page as it was if it has no article."""
    article = _ARTICLE.search(html)
    if article is None:
        return html
    title = html.find(_TITLE_END, article.end())
    at = title + len(_TITLE_END) if title != -1 and title < html.find("</article>", article.end()) else article.end()
    return html[:at] + notice + html[at:]


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class PreviewOutput:
    """What the preview's folder holds, from one rebuild to the next."""

    def __init__(self) -> None:
        self._written: dict[str, bytes] = {}  # output path -> digest of what was written there
        self._outputs: set[str] = set()  # this build's output paths
        self._previous: set[str] = set()
        self._skipped: set[str] = set()  # pages whose output was already there
        self.kept = self.written = 0
        # The engine says each dirty build is one, and each page it did not
        # write was 'skipped': here that is the point, not news.
        logging.getLogger("properdocs.commands.build").addFilter(self._quiet)

    def _quiet(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith(_DIRTY_WARNING):
            return False
        return not (message.startswith(_SKIPPED) and message[len(_SKIPPED):].split("'", 1)[0] in self._skipped)

    def start(self, files: Files) -> None:
        """A rebuild begins, with its files known."""
        self._previous, self._outputs, self._skipped = self._outputs, set(), set()
        self.kept = self.written = 0
        for file in files:
            if file.is_documentation_page() and file.generated_by is None and file.abs_src_path:
                # The engine would skip it if it is older than its output.
                Path(file.abs_dest_path).unlink(missing_ok=True)
                self._written.pop(file.abs_dest_path, None)

    def generated_file(self, config, path: str, **options) -> File:
        """A generated file that is written only when its bytes changed."""
        file = PreviewFile.generated(config, path, **options)
        file.output = self
        return file

    def changed(self, path: str, data: bytes) -> bool:
        """Whether ``data`` must be written at ``path``; counts it as written."""
        self._outputs.add(path)
        digest = _digest(data)
        if self._written.get(path) == digest and os.path.exists(path):
            self.kept += 1
            return False
        self._written[path] = digest
        self.written += 1
        return True

    def page_output(self, output: str, file: File) -> str:
        """The page's HTML, or '' (which the engine does not write) when the
        folder already holds it."""
        if self.changed(file.abs_dest_path, output.encode("utf-8", errors="xmlcharrefreplace")):
            return output
        self._skipped.add(file.src_uri)
        return ""

    def finish(self, files: Files) -> None:
        """The rebuild is written: remove what the last one wrote and this one
        did not (an entry removed, a page renamed)."""
        self._outputs |= {file.abs_dest_path for file in files if file.inclusion.is_in_serve()}
        for path in self._previous - self._outputs:
            self._written.pop(path, None)
            try:
                os.remove(path)
                os.removedirs(os.path.dirname(path))  # the folders it leaves empty
            except OSError:
                pass


class PreviewFile(File):
    """A generated file of the preview: modified only if its bytes changed
    (the engine's dirty build asks before it copies a file)."""

    output: PreviewOutput

    def is_modified(self) -> bool:
        return self.output.changed(self.abs_dest_path, self.content_bytes)
