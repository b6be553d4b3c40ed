"""build/.cache: files kept under the hash of what made them, forgotten after two months unused."""

from __future__ import annotations

import os
import time
from pathlib import Path

from acia import cache


def test_the_fingerprint_reads_files_by_content(tmp_path):
    template = tmp_path / "gabarit.lua"
    template.write_text("return {}", encoding="utf-8")
    first = cache.fingerprint("1.0", template)
    assert cache.fingerprint("1.0", template) == first
    template.write_text("return { x }", encoding="utf-8")
    assert cache.fingerprint("1.0", template) != first
    assert cache.fingerprint("1.0", tmp_path / "absent.lua") not in (first, cache.fingerprint("1.0", template))
    assert cache.fingerprint("a", "b") != cache.fingerprint("ab")  # parts are kept apart


def test_a_kept_file_comes_back_whole_and_marked_as_used(tmp_path):
    kept = cache.ContentCache.of(tmp_path, "pages")
    assert kept.get("ab12", ".html") is None
    kept.put("ab12", ".html", b"<p>page</p>")
    path = tmp_path / "build" / ".cache" / "pages" / "ab" / "ab12.html"
    old = time.time() - 10 * 86400
    os.utime(path, (old, old))
    assert kept.get("ab12", ".html") == b"<p>page</p>"
    assert path.stat().st_mtime > old  # read: still in use
    assert [entry.name for entry in path.parent.iterdir()] == ["ab12.html"]  # no temporary file left


def test_files_unused_for_two_months_are_removed(tmp_path):
    kept = cache.ContentCache(tmp_path / "documents")
    old, recent = kept.folder / "ab" / "ab12.pdf", kept.folder / "cd" / "cd34.pdf"
    for path in (old, recent):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF")
    now = time.time()
    os.utime(old, (now - 61 * 86400, now - 61 * 86400))
    assert kept.prune(now) == 1
    assert not old.exists() and recent.exists()
    assert cache.ContentCache(Path(tmp_path / "absent")).prune() == 0
