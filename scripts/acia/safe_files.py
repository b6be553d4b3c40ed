"""Read files of an instance without ever leaving it.

Every stage that reads a file named by the data or found in a folder of the
instance (data files, hand-written pages of ``docs/``, deliverables, logos)
asks here. A path is refused when it is absolute, climbs with « .. », goes
through a symbolic link (any component below the instance root), resolves
outside the instance root, or is not a regular file (a named pipe or a device
would hang the reading or never end). Sizes are checked with ``stat()`` before
reading, and the reading itself stops one byte past the limit. Messages are
French and never quote the content of the refused file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from acia import french

# Kinds of refusal, so that each caller picks its own rule or wording.
LINK = "lien"  # a symbolic link, or a path that leaves the instance
SPECIAL = "special"  # not a regular file: named pipe, device, socket, folder
TOO_LARGE = "trop_volumineux"
UNREADABLE = "illisible"


class Refused(Exception):
    """A file acia will not read; ``message`` says why, in French, without quoting the file."""

    def __init__(self, kind: str, message: str, size: int = 0):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.size = size


def outside_reason(root: Path, relative: str | PurePosixPath) -> str | None:
    """Why ``root/relative`` is not a path inside the instance (French), or None when it is.

    ``relative`` must be relative, without « .. », and no component below
    ``root`` may be a symbolic link; the resolved path must stay inside
    ``root.resolve()`` (the root itself may be a link: that is the user's choice).
    """
    text = str(relative).replace("\\", "/")
    pure = PurePosixPath(text)
    if not text or pure.is_absolute() or text.startswith("~") or (len(text) > 1 and text[1] == ":"):
        return "le chemin doit être relatif au dossier du programme (ni « / » ni lettre de lecteur au début)"
    if ".." in pure.parts:
        return "le chemin ne doit pas remonter avec « .. » hors de son dossier"
    current = str(root)
    for part in pure.parts:
        current = os.path.join(current, part)
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return "c'est un lien symbolique (ou il passe par un lien symbolique) : acia ne suit pas les liens, copiez le fichier lui-même dans le dépôt"
        except OSError:  # missing (or unreadable) from here on: nothing below can be a link
            break
    else:
        return None  # every part exists and none is a link, nor « .. »: the path stays below the root
    resolved_root = root.resolve()
    resolved = (root / pure).resolve()
    if resolved != resolved_root and resolved_root not in resolved.parents:
        return "le chemin mène hors du dossier du programme"
    return None


def is_inside(root: Path, relative: str | PurePosixPath) -> bool:
    return outside_reason(root, relative) is None


def read_bytes(root: Path, relative: str | PurePosixPath, limit: int) -> bytes:
    """The bytes of ``root/relative``, at most ``limit`` of them; raise ``Refused`` otherwise.

    The file is opened without following a final link and without blocking
    (a named pipe never waits for a writer), then checked with ``fstat``.
    """
    reason = outside_reason(root, relative)
    if reason is not None:
        raise Refused(LINK, reason)
    return _read_regular(root / str(relative), limit)


def read_found(root: Path, relative: str, limit: int) -> bytes:
    """``read_bytes`` for a file that ``walk`` or a listing of checked folders just found.

    Its folders were checked once for the whole listing, not again for each
    file (a thousand applications share two): only the file itself is
    opened without following a link, then checked like any other.
    """
    return _read_regular(root / relative, limit)


def _read_regular(path: Path, limit: int) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise Refused(UNREADABLE, f"lecture impossible ({error.strerror or error})") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise Refused(SPECIAL, "c'est un dossier, pas un fichier")
        if not stat.S_ISREG(status.st_mode):
            raise Refused(SPECIAL, "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou socket) : il n'a pas été lu")
        if status.st_size > limit:
            raise Refused(TOO_LARGE, f"le fichier fait {french.megabytes(status.st_size)} (au plus {french.megabytes(limit)} attendu) ; il n'a pas été lu", status.st_size)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise Refused(TOO_LARGE, f"le fichier fait plus de {french.megabytes(limit)} ; il n'a pas été lu en entier", len(data))
        return data
    except OSError as error:
        raise Refused(UNREADABLE, f"lecture impossible ({error.strerror or error})") from None
    finally:
        os.close(descriptor)


def walk(root: Path, folder: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Regular files under ``root/folder`` (paths relative to ``folder``), and what was refused.

    Links (to files or folders) and special files are refused, never followed.
    Returns ``(files, [(relative path, French reason)])``.
    """
    files: list[str] = []
    refused: list[tuple[str, str]] = []
    reason = outside_reason(root, folder)
    if reason is not None:
        return [], [("", reason)]
    start = root / folder
    if not start.is_dir():
        return [], []

    def visit(directory: Path, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda item: item.name):
                rel = f"{prefix}{entry.name}"
                if entry.is_symlink():
                    refused.append((rel, "c'est un lien symbolique : acia ne suit pas les liens, copiez le fichier lui-même dans le dépôt"))
                elif entry.is_dir(follow_symlinks=False):
                    visit(Path(entry.path), f"{rel}/")
                elif entry.is_file(follow_symlinks=False):
                    files.append(rel)
                else:
                    refused.append((rel, "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou socket)"))

    visit(start, "")
    return files, refused
