"""Schema hints: what a Neo4j schema file does not say but ArcadeDB SQL needs.

ArcadeDB must know a property's type before it indexes it, and its index names are ``Type[prop]``
rather than the Neo4j name. Hints supply both, from a TOML file (``cypherlint ddl --schema``) or
from comments in the Cypher file itself::

    # hints.toml
    [properties.Person]          # a label or relationship type
    age = "LONG"
    born = "DATE"

    [indexes]                    # Neo4j index/constraint name -> what it covers
    movie_embeddings = "Movie.embedding"
    person_name = { type = "Person", properties = ["first", "last"], similarity = "euclidean" }

    // in a .cypher file:
    // cypherlint: type Person.age=LONG, Person.born=DATE
    // cypherlint: index movie_embeddings=Movie.embedding

Property types are ArcadeDB SQL type names (:data:`ARCADE_TYPES`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ARCADE_TYPES = (
    "BOOLEAN", "BYTE", "SHORT", "INTEGER", "LONG", "FLOAT", "DOUBLE", "DECIMAL", "STRING", "BINARY",
    "DATE", "DATETIME", "DATETIME_SECOND", "DATETIME_MICROS", "DATETIME_NANOS", "LIST", "MAP",
    "EMBEDDED", "LINK", "ARRAY_OF_SHORTS", "ARRAY_OF_INTEGERS", "ARRAY_OF_LONGS", "ARRAY_OF_FLOATS",
    "ARRAY_OF_DOUBLES",
)
SIMILARITIES = ("cosine", "euclidean")


class HintError(ValueError):
    """A hint file or hint comment that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class IndexHint:
    type: str
    properties: tuple[str, ...]
    similarity: str | None = None


@dataclass
class SchemaHints:
    properties: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, prop) -> SQL type
    indexes: dict[str, IndexHint] = field(default_factory=dict)  # Neo4j name -> what it covers
    origin: dict[object, str] = field(default_factory=dict)  # key -> "hints.toml" / "line 3"

    def merged(self, other: SchemaHints) -> SchemaHints:
        """These hints, with ``other`` filling what they leave open (``self`` wins)."""
        out = SchemaHints(dict(other.properties), dict(other.indexes), dict(other.origin))
        out.properties.update(self.properties)
        out.indexes.update(self.indexes)
        out.origin.update(self.origin)
        return out


def _type(value, where: str) -> str:
    if not isinstance(value, str) or value.strip().upper() not in ARCADE_TYPES:
        raise HintError(f"{where}: {value!r} is not an ArcadeDB property type (one of {', '.join(ARCADE_TYPES)})")
    return value.strip().upper()


def _target(text: str, where: str) -> tuple[str, tuple[str, ...]]:
    """'Type.prop' or 'Type[a,b]' -> (type, props)."""
    bare = text.strip()  # not `\s*` in the patterns: it overlaps the name and backtracks cubically
    m = re.fullmatch(r"([^.\[\]]+)\[([^\[\]]+)\]", bare) or None
    if m:
        props = tuple(p.strip() for p in m.group(2).split(","))
        if all(props):
            return m.group(1).strip(), props
    m = re.fullmatch(r"([^.\[\]]+)\.([^.\[\]]+)", bare)
    if m:
        return m.group(1).strip(), (m.group(2).strip(),)
    raise HintError(f"{where}: {text!r} should be Type.property or Type[a,b]")


def _index_hint(value, where: str) -> IndexHint:
    if isinstance(value, str):
        t, props = _target(value, where)
        return IndexHint(t, props)
    if isinstance(value, dict):
        unknown = set(value) - {"type", "property", "properties", "similarity"}
        if unknown:
            raise HintError(f"{where}: unknown keys {sorted(unknown)} (type, properties, similarity)")
        t = value.get("type")
        props = value.get("properties", value.get("property"))
        if isinstance(props, str):
            props = [props]
        if not isinstance(t, str) or not t or not isinstance(props, list) or not props \
                or not all(isinstance(p, str) and p for p in props):
            raise HintError(f"{where}: needs type = \"Label\" and properties = [\"p\", ...]")
        sim = value.get("similarity")
        if sim is not None and (not isinstance(sim, str) or sim.lower() not in SIMILARITIES):
            raise HintError(f"{where}: similarity must be one of {', '.join(SIMILARITIES)}")
        return IndexHint(t, tuple(props), sim.lower() if sim else None)
    raise HintError(f"{where}: expected \"Type.property\" or a table")


def parse_hints(data: dict, source: str) -> SchemaHints:
    hints = SchemaHints()
    if not isinstance(data, dict):
        raise HintError(f"{source}: not a table")
    unknown = set(data) - {"properties", "indexes"}
    if unknown:
        raise HintError(f"{source}: unknown sections {sorted(unknown)} (expected [properties.<Label>] and [indexes])")
    props = data.get("properties", {})
    if not isinstance(props, dict):
        raise HintError(f"{source}: [properties] must hold one table per label or relationship type")
    for type_name, table in props.items():
        if not isinstance(table, dict):
            raise HintError(f"{source}: [properties.{type_name}] must map property names to types")
        for prop, value in table.items():
            hints.properties[(type_name, prop)] = _type(value, f"{source}: properties.{type_name}.{prop}")
            hints.origin[(type_name, prop)] = source
    indexes = data.get("indexes", {})
    if not isinstance(indexes, dict):
        raise HintError(f"{source}: [indexes] must map Neo4j index names to Type.property")
    for name, value in indexes.items():
        hints.indexes[name] = _index_hint(value, f"{source}: indexes.{name}")
        hints.origin[name] = source
    return hints


def load_hints(path) -> SchemaHints:
    """Read a hint file; raises :class:`HintError` (never anything else) when it cannot be used."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise HintError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise HintError(f"{path} is not valid TOML: {exc}") from None
    return parse_hints(data, str(path))


_COMMENT = re.compile(r"^\s*cypherlint\s*:\s*(type|index)\s+(.*)$", re.IGNORECASE | re.DOTALL)


def comment_hints(comments, line_of) -> tuple[SchemaHints, list[str]]:
    """Hints from ``// cypherlint: type ...`` / ``// cypherlint: index ...`` comments.

    Returns the hints and a list of problems (a bad hint comment is reported, never fatal).
    """
    hints = SchemaHints()
    problems = []
    for c in comments:
        body = c.text[2:-2] if c.text.startswith("/*") else c.text[2:]
        m = _COMMENT.match(body)
        if not m:
            continue
        where = f"line {line_of(c.start)}"
        for item in (s for s in m.group(2).split(",") if s.strip()):
            key, sep, value = item.partition("=")
            try:
                if not sep:
                    raise HintError(f"{where}: {item.strip()!r} should be name=value")
                if m.group(1).lower() == "type":
                    target, props = _target(key, where)
                    if len(props) != 1:
                        raise HintError(f"{where}: a type hint names one property: Type.property=TYPE")
                    hints.properties[(target, props[0])] = _type(value, where)
                    hints.origin[(target, props[0])] = where
                else:
                    hints.indexes[key.strip()] = _index_hint(value.strip(), where)
                    hints.origin[key.strip()] = where
            except HintError as exc:
                problems.append(str(exc))
    return hints, problems
