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

from cypherlint.rules.base import Rule

# Module names, in code order. Adding a rule = adding its module here.
RULE_MODULES = (
    "arc001_tolower_toupper",
    "arc002_labels_function",
    "arc003_properties_function",
    "arc004_anonymous_node",
    "arc005_variable_length_path",
    "arc006_cypher_create_index",
    "arc101_anonymous_relationship_count",
    "arc102_label_disjunction",
    "arc103_quantified_path_pattern",
    "arc401_show_indexes",
    "arc501_unwind_merge_duplicate_key",
    "arc502_missing_parameter",
    "arc503_unused_parameter",
)


def _load() -> tuple[Rule, ...]:
    rules = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"cypherlint.rules.{name}")
        found = [v for v in vars(module).values()
                 if isinstance(v, type) and issubclass(v, Rule) and v is not Rule and v.__module__ == module.__name__]
        if len(found) != 1:
            raise RuntimeError(f"rule module {name} must define exactly one Rule subclass, found {len(found)}")
        rules.append(found[0]())
    codes = [r.code for r in rules]
    if len(set(codes)) != len(codes):
        raise RuntimeError(f"duplicate rule codes: {sorted(c for c in codes if codes.count(c) > 1)}")
    return tuple(rules)


ALL_RULES: tuple[Rule, ...] = _load()
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in ALL_RULES}
