"""Translate Neo4j schema statements into ordered, idempotent ArcadeDB SQL.

ArcadeDB needs the type, then the property, then the index, each in SQL, and every index names
its kind (UNIQUE / NOTUNIQUE / FULL_TEXT / LSM_VECTOR). ``IF NOT EXISTS`` is safe on all three
statements once the property is declared (measured on 26.2.1 … 26.10.2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P


@dataclass
class Translation:
    sql: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be translated, or assumptions

    def script(self) -> str:
        return ";\n".join(self.sql) + (";" if self.sql else "")


def sql_name(name: str) -> str:
    """A type or property name as ArcadeDB SQL: backticked unless a plain identifier."""
    import re

    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "`" + name.replace("`", "\\`") + "`"


def _pattern_entity(pattern) -> tuple[str | None, str | None, bool]:
    """(variable, label or type, is_relationship) of an index pattern like (n:L) or ()-[r:T]-()."""
    rels = list(analysis.descendants(pattern, P.RelationshipDetailContext))
    target = rels[0] if rels else analysis.first(pattern, P.NodePatternContext)
    if target is None:
        return None, None, bool(rels)
    var = analysis.variable_name(target.variable())
    label = None
    le = target.labelExpression()
    if le is not None and isinstance(le.labelTerm(), P.LabelNameContext):
        label = analysis.name_text(le.labelTerm().getText())
    return var, label, bool(rels)


def translate_index(node: P.CreateIndexContext) -> Translation:
    """A Cypher CREATE [RANGE|TEXT|POINT|BTREE] INDEX ... FOR ... ON ... as the SQL three-step."""
    out = Translation()
    if node.COLON() is not None:  # legacy CREATE INDEX ON :L(p, q)
        label = analysis.name_text(node.symbolicName(0).getText())
        props = [analysis.name_text(s.getText()) for s in node.symbolicName()[1:]]
        is_rel = False
    else:
        _, label, is_rel = _pattern_entity(node.indexPattern())
        target = node.indexTarget()
        props = [analysis.name_text(r.symbolicName().getText()) for r in target.propertyRef()] if target else []
    if not label or not props:
        out.notes.append("cannot tell the label/type or properties of this index")
        return out
    kind = "EDGE" if is_rel else "VERTEX"
    out.sql.append(f"CREATE {kind} TYPE {sql_name(label)} IF NOT EXISTS")
    for p in props:
        out.sql.append(f"CREATE PROPERTY {sql_name(label)}.{sql_name(p)} IF NOT EXISTS STRING")
    cols = ", ".join(sql_name(p) for p in props)
    out.sql.append(f"CREATE INDEX IF NOT EXISTS ON {sql_name(label)} ({cols}) NOTUNIQUE")
    out.notes.append(
        "property type assumed STRING: declare the type the data has (INTEGER, LONG, DOUBLE, DATETIME, ...) "
        "— MERGE/MATCH with a value of another type misbehave on ArcadeDB up to 26.7.2"
    )
    return out
