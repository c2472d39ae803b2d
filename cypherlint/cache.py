"""A content-hash cache of per-file results under ``.cypherlint_cache/``.

An entry's key hashes the file's text and kind together with everything that can change the
result: the cypherlint version and a fingerprint of its installed code and data, the target, the
effective rule selection and the fix flags. The file's path is not part of the key, so renaming or
copying a file keeps its entry. The whole cache is one JSON file per cypherlint version, read once
and written once (atomically) per run; entries not used for a while are dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from cypherlint._version import __version__
from cypherlint.model import Diagnostic, Edit, Fix

CACHE_DIR_NAME = ".cypherlint_cache"
MAX_ENTRIES = 100_000
MAX_AGE_S = 30 * 24 * 3600


# ---------------------------------------------------------------------------------- (de)serialising


def diag_to_list(d: Diagnostic) -> list:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability, d.fix.message, d.fix.language, [[e.start, e.end, e.content] for e in d.fix.edits]]
    return [d.code, d.name, d.message, d.severity, d.start, d.end, d.line, d.column, d.end_line, d.end_column,
            fix, d.url, d.hint]


def diag_from_list(row: list) -> Diagnostic:
    (code, name, message, severity, start, end, line, column, end_line, end_column, fix, url, hint) = row
    f = None
    if fix is not None:
        f = Fix(fix[0], fix[1], tuple(Edit(a, b, c) for a, b, c in fix[3]), fix[2])
    return Diagnostic(code, name, message, severity, start, end, line, column, end_line, end_column, f, url, hint)


# ---------------------------------------------------------------------------------- the key


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version plus sizes and mtimes of the package's own files: edits to rules invalidate the cache."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".json", ".toml")):
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def settings_key(**settings: Any) -> str:
    return json.dumps(settings, sort_keys=True, default=str)


def entry_key(settings: str, kind: str, text: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    h.update(b"\0")
    h.update(settings.encode())
    h.update(b"\0")
    h.update(kind.encode())
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# ---------------------------------------------------------------------------------- the store


class Cache:
    def __init__(self, directory: str):
        self.directory = directory
        self.path = os.path.join(directory, __version__, "results.json")
        self.entries: dict[str, list] = {}  # key -> [last_used, result]
        self.dirty = False
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
            if isinstance(data, dict) and data.get("fingerprint") == code_fingerprint():
                self.entries = data.get("entries", {})
        except (OSError, ValueError):
            self.entries = {}

    def get(self, key: str) -> dict | None:
        hit = self.entries.get(key)
        if hit is None:
            return None
        now = int(time.time())
        if now - hit[0] > 3600:
            hit[0] = now
            self.dirty = True
        return hit[1]

    def put(self, key: str, result: dict) -> None:
        self.entries[key] = [int(time.time()), result]
        self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; any failure (read-only directory, ...) is silently ignored."""
        if not self.dirty:
            return
        now = int(time.time())
        items = [(k, v) for k, v in self.entries.items() if now - v[0] <= MAX_AGE_S]
        if len(items) > MAX_ENTRIES:
            items.sort(key=lambda kv: kv[1][0], reverse=True)
            items = items[:MAX_ENTRIES]
        payload = {"fingerprint": code_fingerprint(), "entries": dict(items)}
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            tag = os.path.join(self.directory, "CACHEDIR.TAG")
            if not os.path.exists(tag):
                with open(tag, "w", encoding="utf-8") as f:
                    f.write("Signature: 8a477f597d28d172789f06886806bc55\n# cypherlint cache; safe to delete\n")
                with open(os.path.join(self.directory, ".gitignore"), "w", encoding="utf-8") as f:
                    f.write("*\n")
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(self.path), prefix=".results-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps(payload, separators=(",", ":")))
            os.replace(tmp, self.path)
        except OSError:
            pass
