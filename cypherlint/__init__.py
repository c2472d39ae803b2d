"""cypherlint: find and rewrite the Neo4j Cypher that misbehaves on ArcadeDB.

The whole public library::

    import cypherlint
    diagnostics = cypherlint.lint(query, target="arcadedb@26.7", params={"name": "Ann"})
    result = cypherlint.fix(query, target="arcadedb-legacy", unsafe_fixes=False)
    result.query, result.applied, result.remaining, result.feedback

Both calls never raise because of the query text (a syntax error is a Diagnostic with code E001)
and raise ``ValueError`` only for bad arguments. They are thread-safe and do no I/O.
"""

from __future__ import annotations

from typing import Sequence

from typing import TYPE_CHECKING

from cypherlint._version import __version__

if TYPE_CHECKING:
    from cypherlint.model import Diagnostic, Edit, Fix, FixResult

_MODEL_NAMES = frozenset({"Diagnostic", "Edit", "Fix", "FixResult"})


def __getattr__(name: str):
    # The result types load on first use, so `import cypherlint.syntax...` alone (the parse
    # layer) does not pay for the dataclasses machinery at start-up.
    if name in _MODEL_NAMES:
        from cypherlint import model

        return getattr(model, name)
    raise AttributeError(f"module 'cypherlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _MODEL_NAMES)

__all__ = ["lint", "fix", "Diagnostic", "Fix", "Edit", "FixResult", "__version__", "DEFAULT_TARGET"]

DEFAULT_TARGET = "arcadedb"


def _check_args(query, target, params, select, ignore):
    from cypherlint.engine import validate_codes
    from cypherlint.targets import parse_target

    if not isinstance(query, str):
        raise ValueError(f"query must be a str, not {type(query).__name__}")
    if params is not None and not isinstance(params, dict):
        raise ValueError(f"params must be a dict or None, not {type(params).__name__}")
    return parse_target(target), validate_codes(select, "select"), validate_codes(ignore, "ignore")


def lint(
    query: str,
    *,
    target: str = DEFAULT_TARGET,
    params: dict | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> list[Diagnostic]:
    """Diagnostics for ``query`` (one or more ``;``-separated statements) under ``target``."""
    from cypherlint.engine import run

    t, sel, ign = _check_args(query, target, params, select, ignore)
    return run(query, t, params, sel, ign)


def fix(
    query: str,
    *,
    target: str = DEFAULT_TARGET,
    unsafe_fixes: bool = False,
    params: dict | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> FixResult:
    """Rewrite ``query`` with the applicable fixes; see :class:`FixResult` for what comes back."""
    from cypherlint.fixer import fix_text

    t, sel, ign = _check_args(query, target, params, select, ignore)
    return fix_text(query, t, params, sel, ign, bool(unsafe_fixes))
