"""The public value types of cypherlint: diagnostics, fixes, edits and fix results.

These shapes are fixed by the public contract (``CONTRACT.md``). Every field is plain data so
results can be logged, serialised to JSON and handed to another program (or an LLM) as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
Applicability = Literal["safe", "unsafe", "display-only"]
FixLanguage = Literal["cypher", "sql"]

DOCS_BASE_URL = "https://github.com/cypherlint/cypherlint/blob/main/docs/rules/"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (0-based character offsets, end exclusive)."""

    start: int
    end: int
    content: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "content": self.content}


@dataclass(frozen=True, slots=True)
class Fix:
    """A proposed rewrite. ``language`` says whether the edited text is Cypher or ArcadeDB SQL."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...] = ()
    language: FixLanguage = "cypher"

    def __post_init__(self) -> None:
        # Accept any iterable of edits but store an immutable, ordered tuple.
        object.__setattr__(self, "edits", tuple(sorted(self.edits, key=lambda e: (e.start, e.end))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "language": self.language,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, located by character offsets into the linted text and by 1-based line/column."""

    code: str
    name: str
    message: str
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    url: str | None = None
    # What to write instead, in one short phrase; feeds FixResult.feedback and the text reporter.
    hint: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_dict() if self.fix else None,
            "url": self.url,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class FixResult:
    """What :func:`cypherlint.fix` did: the rewritten text, what it applied and what remains."""

    query: str
    applied: list[Diagnostic]
    remaining: list[Diagnostic]
    changed: bool
    feedback: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "applied": [d.to_dict() for d in self.applied],
            "remaining": [d.to_dict() for d in self.remaining],
            "changed": self.changed,
            "feedback": self.feedback,
        }
