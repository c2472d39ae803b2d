"""Files on disk: finding the ones to check, reading them safely, and writing fixes back atomically.

Everything here is about bytes and paths, never about Cypher. Problems with one file (unreadable,
binary, not UTF-8, read-only, a symlink) become a :class:`SourceError` carrying a message that
names the path, so the CLI can report it and carry on with the other files.
"""

from __future__ import annotations

import codecs
import os
import re
import signal
import stat
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from cypherlint.sources import kind_for_path

STDIN = "-"


class SourceError(Exception):
    """A problem with one file; the message already names the file."""


# ---------------------------------------------------------------------------------- globs


@lru_cache(maxsize=1024)
def glob_regex(pattern: str) -> re.Pattern:
    """Compile a glob (``*``, ``?``, ``[...]``, ``**`` for any number of directories) to a regex.

    ``*`` and ``?`` never cross a ``/``; ``**/`` matches zero or more directories; a trailing
    ``/**`` matches everything below.
    """
    i, n, out = 0, len(pattern), []
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                i += 2
                if i < n and pattern[i] == "/":
                    out.append("(?:.*/)?")
                    i += 1
                else:
                    out.append(".*")
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 2)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def _normalise(pattern: str) -> str:
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.rstrip("/") or "/"


def path_matches(pattern: str, rel_path: str) -> bool:
    """Does ``rel_path`` (``/``-separated, relative to the config's directory) match ``pattern``?

    A pattern without a ``/`` matches the name of the path or of any of its parent directories
    (``node_modules``, ``*.gen.cypher``); a pattern with a ``/`` is anchored at the config's
    directory (``tests/fixtures/**``, ``/legacy``) and also matches everything below a directory it
    matches.
    """
    if not pattern.strip():
        return False
    return PathMatcher((pattern,)).matches(rel_path)


class PathMatcher:
    """Many exclude-style patterns (see :func:`path_matches`) compiled into two regexes."""

    def __init__(self, patterns: Sequence[str]):
        names, anchored = [], []
        for p in patterns:
            if not p.strip():
                continue
            p = _normalise(p)
            if "/" in p:
                anchored.append(glob_regex(p.lstrip("/")).pattern)
            else:
                names.append(glob_regex(p).pattern)
        self.names = re.compile("|".join(f"(?:{x})" for x in names)) if names else None
        self.anchored = re.compile("|".join(f"(?:{x})" for x in anchored)) if anchored else None

    def matches_entry(self, rel_path: str) -> bool:
        """Match the last component by name and the whole path anchored (parents already checked)."""
        if self.names is not None and self.names.match(rel_path.rpartition("/")[2]):
            return True
        return self.anchored is not None and self.anchored.match(rel_path) is not None

    def matches(self, rel_path: str) -> bool:
        """Match the path or any of its parents."""
        parts = rel_path.split("/")
        return any(self.matches_entry("/".join(parts[:k])) for k in range(1, len(parts) + 1))


# ---------------------------------------------------------------------------------- walking


@dataclass(frozen=True)
class Candidate:
    """A file to check: the path to show, the real path to read, and its kind (or stdin)."""

    display: str
    path: str  # "-" for stdin
    kind: str
    explicit: bool  # named on the command line (checked whatever its suffix or exclusion)


def _git_ignored(root: str) -> set[str] | None:
    """Absolute paths of untracked files and directories git ignores below ``root``.

    Asks git itself (``git ls-files --others --ignored --exclude-standard --directory``), so every
    rule git applies is honoured: nested ``.gitignore`` files, negations, ``.git/info/exclude``
    and the user's global excludes file. ``None`` outside a git work tree or without git.
    """
    try:
        proc = subprocess.run(
            ["git", "-C", root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    out = set()
    for item in proc.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if item:
            out.add(os.path.normpath(os.path.join(root, item)))
    return out


def _inside(path: str, roots: Sequence[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def walk(
    paths: Sequence[str],
    excluded: Callable[[str], bool],
    *,
    respect_gitignore: bool = True,
    on_error: Callable[[str], None],
) -> Iterator[Candidate]:
    """The files to check below ``paths``, each once, in a stable (sorted) order.

    ``excluded(abs_path)`` says whether a file or directory found while walking is excluded by the
    configuration. Symlinks are followed only when they point inside one of the given roots, and
    each real directory is entered once (no loops).
    """
    real_roots = []
    for p in paths:
        if p != STDIN and os.path.exists(p):
            real_roots.append(os.path.realpath(p))
    seen_files: set[tuple[int, int]] = set()
    for given in paths:
        if given == STDIN:
            yield Candidate(STDIN, STDIN, "", True)
            continue
        if not os.path.lexists(given):
            on_error(f"{given}: no such file or directory")
            continue
        if not os.path.exists(given):
            on_error(f"{given}: broken symbolic link")
            continue
        if not os.path.isdir(given):
            st = os.stat(given)
            key = (st.st_dev, st.st_ino)
            if key not in seen_files:
                seen_files.add(key)
                yield Candidate(os.path.normpath(given), given, kind_for_path(given) or "cypher", True)
            continue
        ignored = _git_ignored(os.path.abspath(given)) if respect_gitignore else None
        visited_dirs: set[str] = set()
        found = list(_walk_dir(given, real_roots, excluded, ignored or set(), visited_dirs, seen_files, on_error))
        found.sort(key=lambda c: c.display.split(os.sep))
        yield from found


def _file_key(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _walk_dir(top, roots, excluded, ignored, visited_dirs, seen_files, on_error) -> Iterator[Candidate]:
    stack = [os.path.normpath(top)]
    while stack:
        d = stack.pop()
        real = os.path.realpath(d)
        if real in visited_dirs:
            continue
        visited_dirs.add(real)
        try:
            dev = os.stat(d).st_dev
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            on_error(f"{d}: cannot list directory: {exc.strerror or exc}")
            continue
        subdirs = []
        for e in entries:
            path = os.path.join(d, e.name) if d != "." else e.name
            absolute = os.path.abspath(path)
            if (ignored and absolute in ignored) or excluded(absolute):
                continue
            try:
                is_link = e.is_symlink()
                if is_link:
                    target = os.path.realpath(path)
                    if not _inside(target, roots) or not os.path.exists(target):
                        continue  # never leave the given roots through a symlink
                is_dir = e.is_dir()  # follows symlinks
            except OSError:
                continue
            if is_dir:
                subdirs.append(path)
                continue
            kind = kind_for_path(e.name)
            if kind is None:
                continue
            try:
                key = _file_key(path) if is_link else (dev, e.inode())
            except OSError:
                continue
            if key in seen_files:
                continue
            seen_files.add(key)
            yield Candidate(path, path, kind, False)
        stack.extend(reversed(subdirs))


# ---------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SourceText:
    text: str
    bom: bool = False
    newline: str = "\n"  # the file's dominant line ending
    mtime_ns: int = 0
    size: int = -1


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def decode(data: bytes, name: str) -> SourceText:
    """Decode file bytes as UTF-8 (with or without BOM); binary or invalid input is a SourceError."""
    nul = data.find(b"\0", 0, 8192)
    if nul != -1:
        raise SourceError(f"{name}: binary file (NUL byte at byte offset {nul}); not checked")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        line, col = _line_col_of_byte(data, offset)
        raise SourceError(
            f"{name}: not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset} "
            f"(line {line}, byte column {col}); not checked"
        ) from None
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
    return SourceText(text, bom, newline)


def read_source(path: str, name: str | None = None) -> SourceText:
    name = name or path
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise SourceError(f"{name}: is a directory")
            data = f.read()
    except SourceError:
        raise
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None
    src = decode(data, name)
    return SourceText(src.text, src.bom, src.newline, st.st_mtime_ns, st.st_size)


def encode(text: str, like: SourceText) -> bytes:
    """Encode fixed text the way the original was stored: same line endings, same BOM."""
    if like.newline == "\r\n" and "\n" not in like.text.replace("\r\n", ""):
        # A CRLF file: line breaks the fixes added get CRLF too. A file with mixed endings keeps
        # every one of its own breaks as it is (converting them would change bytes no fix touched).
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if like.bom else data


# ---------------------------------------------------------------------------------- writing


@contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) that arrives inside the block until the block has finished.

    Python raises KeyboardInterrupt between any two bytecodes, including between creating the
    temporary file and entering the ``try`` that removes it; a Ctrl-C there would leave the file
    behind. Only the main thread can install handlers; elsewhere this does nothing (signals are
    delivered to the main thread anyway).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        if callable(previous):
            previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt here
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt


def write_atomic(path: str, text: str, like: SourceText, name: str | None = None) -> None:
    """Replace the file's content with ``text`` atomically (temp file beside it + ``os.replace``).

    Keeps permission bits, line endings and a UTF-8 BOM. Refuses (SourceError, nothing written)
    symlinks, read-only files, and files that changed on disk since they were read.
    """
    name = name or path
    if os.path.islink(path):
        raise SourceError(f"{name}: is a symbolic link (to {os.path.realpath(path)}); not rewritten — "
                          "run the fix on the file it points to")
    try:
        st = os.stat(path)
    except OSError as exc:
        raise SourceError(f"{name}: cannot rewrite: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(f"{name}: not a regular file; not rewritten")
    if not os.access(path, os.W_OK) or not (st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)):
        raise SourceError(f"{name}: file is read-only; not rewritten")
    if like.size >= 0 and (st.st_mtime_ns, st.st_size) != (like.mtime_ns, like.size):
        raise SourceError(f"{name}: changed on disk while cypherlint was running; not rewritten")
    data = encode(text, like)
    directory = os.path.dirname(os.path.abspath(path))
    with _ctrl_c_deferred():
        _replace_via_temp_file(path, name, directory, data, st)


def _replace_via_temp_file(path: str, name: str, directory: str, data: bytes, st: os.stat_result) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".cypherlint-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise SourceError(f"{name}: cannot create a temporary file in {directory}: {exc.strerror or exc}; "
                          "not rewritten") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not permitted for other owners; the mode is what matters
        os.replace(tmp, path)
    except BaseException as exc:  # an OSError (or an exception we did not foresee): never leave the temp file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if not isinstance(exc, OSError):
            raise
        raise SourceError(f"{name}: cannot rewrite: {exc.strerror or exc}; left unchanged") from None
