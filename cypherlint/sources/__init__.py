"""Where Cypher lives: whole query files, Python string literals, Markdown fences.

One entry point for the CLI: :func:`check_text` lints (and optionally fixes) the text of one file
according to its kind, and reports every position in the file's own coordinates. Reading bytes,
decoding, and writing files back are the CLI's job; this layer is pure text in, results out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Sequence

from cypherlint.model import Diagnostic

CYPHER_SUFFIXES = (".cypher", ".cql", ".cyp")
PYTHON_SUFFIXES = (".py",)
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # offsets/lines in the file's text
    new_text: str | None = None  # the fixed text, when fixing changed something (already validated)
    applied: list[Diagnostic] = field(default_factory=list)  # fixes applied (positions in the old text)
    error: str | None = None  # a problem with the file as a whole


def kind_for_path(path: str) -> str | None:
    """"cypher", "python", "markdown" or None (not a file cypherlint reads)."""
    suffix = PurePath(path).suffix.lower()
    if suffix in CYPHER_SUFFIXES:
        return "cypher"
    if suffix in PYTHON_SUFFIXES:
        return "python"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return None


def check_text(
    text: str,
    path: str,
    *,
    target: str = "arcadedb",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    params: dict | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
    kind: str | None = None,
) -> FileResult:
    """Lint (and with ``fix=True`` rewrite) the text of one file of the given (or inferred) kind."""
    kind = kind or kind_for_path(path) or "cypher"
    if kind == "cypher":
        return _check_cypher(text, path, target, select, ignore, params, fix, unsafe_fixes)
    if kind == "python":
        from cypherlint.sources.python import check_python

        return check_python(text, path, target=target, select=select, ignore=ignore, fix=fix, unsafe_fixes=unsafe_fixes)
    if kind == "markdown":
        from cypherlint.sources.markdown import check_markdown

        return check_markdown(text, path, target=target, select=select, ignore=ignore, fix=fix, unsafe_fixes=unsafe_fixes)
    raise ValueError(f"unknown source kind {kind!r}")


def _check_cypher(text, path, target, select, ignore, params, fix, unsafe_fixes) -> FileResult:
    import cypherlint

    if not fix:
        return FileResult(path, cypherlint.lint(text, target=target, select=select, ignore=ignore, params=params))
    result = cypherlint.fix(text, target=target, unsafe_fixes=unsafe_fixes, select=select, ignore=ignore, params=params)
    return FileResult(path, result.remaining, result.query if result.changed else None, result.applied)
