"""The rule catalogue: one module per rule, listed here in code order.

Code families (append-only; a code is never reused):

- ``E0xx``   syntax and input limits (emitted by the parse layer)
- ``ARC0xx`` the well-known migration pitfalls of the legacy Cypher engine
- ``ARC1xx`` patterns and paths
- ``ARC2xx`` functions and expressions
- ``ARC3xx`` procedures
- ``ARC4xx`` schema, index and admin commands
- ``ARC5xx`` parameters, MERGE and writes
- ``ARC6xx`` clauses the native engine rejects or silently ignores
- ``DRV0xx`` driver-side pitfalls in Python code
- ``CL1xx``  cypherlint itself (suppression comments)
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from cypherlint.rules.base import Rule

_RULE_MODULE = re.compile(r"(arc|drv|cl)\d{3}_[a-z0-9_]+\Z")


def rule_module_names() -> list[str]:
    """Every rule module in this package (files named like arc101_some_name.py), in code order.

    Discovery instead of a hand-kept list: adding a rule is adding its module, and two people
    adding rules never edit the same line.
    """
    here = Path(__file__).resolve().parent
    return sorted(p.stem for p in here.glob("*.py") if _RULE_MODULE.match(p.stem))


def _load() -> tuple[Rule, ...]:
    rules = []
    for name in rule_module_names():
        module = importlib.import_module(f"cypherlint.rules.{name}")
        found = [v for v in vars(module).values()
                 if isinstance(v, type) and issubclass(v, Rule) and v is not Rule and v.__module__ == module.__name__]
        if len(found) != 1:
            raise RuntimeError(f"rule module {name} must define exactly one Rule subclass, found {len(found)}")
        rules.append(found[0]())
    codes = [r.code for r in rules]
    if len(set(codes)) != len(codes):
        raise RuntimeError(f"duplicate rule codes: {sorted(c for c in codes if codes.count(c) > 1)}")
    rules.sort(key=lambda r: r.code)
    return tuple(rules)


ALL_RULES: tuple[Rule, ...] = _load()
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in ALL_RULES}
