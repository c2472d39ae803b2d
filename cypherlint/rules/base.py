"""What a rule is: metadata, the parse-tree node kinds it visits, and a check that reports findings.

A rule is one class in one module under ``cypherlint/rules/``. Its docstring is its documentation
(sections: What it does / Why it breaks on ArcadeDB / Example / Use instead / Fix safety). It never
prints, reads files or knows about the CLI: it looks at the tree and the analysis facts in the
:class:`~cypherlint.engine.StatementContext` it is handed, and calls ``ctx.report``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from cypherlint.engine import StatementContext, TextContext


class Rule:
    #: Stable code, e.g. "ARC101". Codes are append-only and never reused.
    code: ClassVar[str] = ""
    #: kebab-case name, e.g. "anonymous-relationship-count".
    name: ClassVar[str] = ""
    #: One line for tables and the JSON output.
    summary: ClassVar[str] = ""
    severity: ClassVar[str] = "error"
    #: Compatibility construct ids (compat.json / facts.toml) this rule is about. When non-empty the
    #: rule only runs if at least one of them misbehaves somewhere in the target.
    constructs: ClassVar[tuple[str, ...]] = ()
    #: Parse-tree context classes whose nodes are passed to :meth:`visit`.
    node_types: ClassVar[tuple[type, ...]] = ()
    #: Best fix the rule can offer: "safe", "unsafe", "display-only" or None (for docs and tables).
    fix_applicability: ClassVar[str | None] = None
    #: Rules about something other than query text (e.g. Python driver calls) set this.
    scope: ClassVar[str] = "cypher"

    def visit(self, node, ctx: StatementContext) -> None:
        """Called for every node of one of ``node_types`` in a statement, in document order."""

    def finish(self, ctx: StatementContext) -> None:
        """Called once per statement after all nodes were visited."""

    def finish_text(self, ctx: TextContext) -> None:
        """Called once per linted text, after every statement (for checks across statements)."""

    def needs_statements(self, ctx: TextContext) -> bool:
        """Whether :meth:`finish_text` reads ``ctx.statements`` (their trees) for this text.

        When no active rule does, the engine frees each statement's tree as soon as the statement
        is analysed, so linting a huge file needs memory for its largest statement only.
        """
        return type(self).finish_text is not Rule.finish_text

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")
