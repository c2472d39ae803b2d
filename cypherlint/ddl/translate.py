"""Neo4j schema statements -> a plan of ArcadeDB schema actions -> idempotent ArcadeDB SQL.

One statement at a time, :func:`plan_statement` reads the parse tree into *actions* (ensure a type,
declare a property, create an index, make a property mandatory, drop an index, run a query) plus
*notes* (what has no equivalent, what was assumed). :func:`render` turns a plan into SQL, given a
:class:`Catalog` of what the whole file declares (property types from type constraints, vector
indexes and hints; which Neo4j names define which indexes). ``cypherlint.ddl.script`` assembles a
file's plans into one ordered script; the DDL rules show one statement's rendering as their fix.

Everything rendered is idempotent on every measured release (26.2.1 … 26.10.2): types and
properties use ``IF NOT EXISTS``; indexes use ``IF NOT EXISTS`` unless the target data says that is
unsafe for the index kind; drops use ``IF EXISTS``; ``ALTER PROPERTY`` only follows a ``CREATE
PROPERTY ... IF NOT EXISTS`` of the same property (it fails on a missing property).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.hints import SchemaHints
from cypherlint.ddl.sqlnames import expressible, index_name, quoted_index_name, sql_name, sql_string
from cypherlint.ddl.values import NotLiteral, literal, options_map

# Levels of a note: "info" (how it was translated), "warning" (an assumption to check),
# "lost" (a Neo4j guarantee or object that the SQL does not reproduce).
INFO, WARNING, LOST = "info", "warning", "lost"

# SQL for SHOW INDEXES / SHOW CONSTRAINTS and db.indexes(): one row per index (the per-bucket
# sub-indexes are hidden). `unique` is reserved: a bare `unique` is a parse error in a SELECT list
# and in WHERE, so the constraint form selects whole rows and backticks it in WHERE. Verified on
# 26.2.1 … 26.10.2.
SHOW_INDEXES_SQL = "SELECT name, typeName, properties, indexType FROM schema:indexes WHERE associatedBucketId IS NULL"
SHOW_CONSTRAINTS_SQL = "SELECT FROM schema:indexes WHERE associatedBucketId IS NULL AND `unique` = true"

STRING_ASSUMED = (
    "property type assumed STRING: declare the type the data has (INTEGER, LONG, DOUBLE, DATETIME, ...) "
    "with --schema or a `// cypherlint: type {t}.{p}=LONG` comment — MERGE/MATCH with a value of another "
    "type misbehave on ArcadeDB up to 26.7.2"
)


@dataclass(frozen=True)
class Note:
    level: str
    text: str
    key: object = None  # set on notes a whole script states once (e.g. ("string", Type, prop))


@dataclass(frozen=True)
class Entity:
    name: str
    edge: bool

    @property
    def keyword(self) -> str:
        return "EDGE" if self.edge else "VERTEX"


# ---------------------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class EnsureType:
    entity: Entity


@dataclass(frozen=True)
class EnsureProperty:
    entity: Entity
    prop: str


@dataclass(frozen=True)
class CreateIndex:
    entity: Entity
    props: tuple[str, ...]
    kind: str  # NOTUNIQUE | UNIQUE | FULL_TEXT | LSM_VECTOR
    metadata: tuple[tuple[str, object], ...] = ()
    replace: bool = False

    @property
    def name(self) -> str:
        return index_name(self.entity.name, self.props)


@dataclass(frozen=True)
class SetMandatory:
    entity: Entity
    prop: str
    value: bool


@dataclass(frozen=True)
class DropIndex:
    name: str  # ArcadeDB index name, Type[a,b]


@dataclass(frozen=True)
class DropByName:
    name: str  # a Neo4j index or constraint name, resolved through the catalog
    what: str  # "index" | "constraint"


@dataclass(frozen=True)
class DropNotNull:
    entity: Entity
    prop: str


@dataclass(frozen=True)
class RunQuery:
    sql: str


@dataclass(frozen=True)
class TypeClaim:
    entity: Entity
    prop: str
    sql_type: str
    why: str


@dataclass(frozen=True)
class VectorIndexDef:
    """What queryNodes needs to know about a Neo4j vector index."""

    entity: Entity
    prop: str
    similarity: str  # "cosine" | "euclidean"
    dimensions: int | None = None


@dataclass
class StatementPlan:
    index: int
    line: int
    text: str  # the statement as written
    kind: str  # index | constraint | drop-index | drop-constraint | show | procedure | other | syntax-error | admin
    actions: list = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    claims: list[TypeClaim] = field(default_factory=list)
    name: str | None = None  # the Neo4j name this statement defines
    vector: VectorIndexDef | None = None
    untranslatable: bool = False  # nothing equivalent can be produced
    not_needed: bool = False  # nothing needs to be produced (ArcadeDB has it built in)

    @property
    def schema(self) -> bool:
        return self.kind not in ("other", "syntax-error")

    def lost(self, text: str) -> None:
        self.notes.append(Note(LOST, text))

    def fail(self, text: str) -> None:
        self.untranslatable = True
        self.notes.append(Note(LOST, text))


# ------------------------------------------------------------------------------------ tree helpers


def _label_names(term) -> list[str] | None:
    """Names of a label expression that is one name or a disjunction of names (A|B), else None."""
    if isinstance(term, P.LabelNameContext):
        return [analysis.name_text(term.getText())]
    if isinstance(term, P.ParenthesizedLabelContext):
        return _label_names(term.labelTerm())
    if isinstance(term, P.LabelDisjunctionContext):
        a, b = _label_names(term.labelTerm(0)), _label_names(term.labelTerm(1))
        return a + b if a is not None and b is not None else None
    return None


def _pattern(pattern) -> tuple[str | None, list[str] | None, bool, str | None]:
    """(variable, label/type names, is_relationship, problem) of (n:L) or ()-[r:T]-()."""
    rels = list(analysis.descendants(pattern, P.RelationshipDetailContext))
    target = rels[0] if rels else analysis.first(pattern, P.NodePatternContext)
    if target is None:
        return None, None, bool(rels), "no node or relationship pattern"
    var = analysis.variable_name(target.variable())
    le = target.labelExpression()
    if le is None:
        return var, [], bool(rels), None
    names = _label_names(le.labelTerm())
    if names is None:
        return var, None, bool(rels), f"label expression {le.labelTerm().getText()} is not a plain name"
    return var, names, bool(rels), None


def _prop_names(refs, var: str | None, plan: StatementPlan) -> list[str] | None:
    out = []
    for r in refs:
        owner = analysis.variable_name(r.variable())
        if var is not None and owner != var:
            plan.fail(f"property {r.getText()} does not belong to the pattern variable {var}")
            return None
        out.append(analysis.name_text(r.symbolicName().getText()))
    return out


def _check_names(plan: StatementPlan, names) -> bool:
    bad = [n for n in names if not expressible(n)]
    if bad:
        plan.fail(f"ArcadeDB SQL cannot name {', '.join(repr(b) for b in bad)} (a backtick inside a name)")
        return False
    return True


def _one_line(text: str, limit: int = 240) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ------------------------------------------------------------------------------------- planning


def plan_statement(stmt, text: str, line: int = 1) -> StatementPlan:
    """Read one parsed statement (``cypherlint.syntax.parser.Statement``) into a plan."""
    src = text[stmt.start : stmt.end]
    plan = StatementPlan(stmt.index, line, src, "other")
    if stmt.tree is None:
        plan.kind = "syntax-error"
        plan.notes.append(Note(LOST, "syntax error: not translated" + (f" ({stmt.error.message})" if stmt.error else "")))
        plan.untranslatable = True
        return plan
    body = stmt.tree.statementBody()
    child = body.getChild(0) if body is not None else None
    try:
        if isinstance(child, P.SchemaCommandContext):
            node = child.getChild(0)
            if isinstance(node, P.CreateIndexContext):
                _plan_create_index(node, plan)
            elif isinstance(node, P.CreateConstraintContext):
                _plan_create_constraint(node, plan)
            elif isinstance(node, P.DropIndexContext):
                _plan_drop_index(node, plan)
            elif isinstance(node, P.DropConstraintContext):
                _plan_drop_constraint(node, plan)
        elif isinstance(child, P.ShowCommandContext):
            _plan_show(child, plan)
        elif isinstance(child, P.AdminCommandContext):
            plan.kind = "admin"
            plan.fail("administration command: no ArcadeDB SQL schema equivalent (manage users and databases "
                      "with the server's own commands)")
        elif isinstance(child, P.QueryContext):
            _plan_procedure(child, plan)
    except NotLiteral as exc:  # defensive: every literal read is guarded, but never crash on input
        plan.fail(f"cannot read {exc} as a literal value")
    return plan


def _index_target_refs(node: P.CreateIndexContext):
    target = node.indexTarget()
    return list(target.propertyRef()) if target is not None else []


def _plan_create_index(node: P.CreateIndexContext, plan: StatementPlan) -> None:
    plan.kind = "index"
    kind = node.indexKind().getText().upper() if node.indexKind() is not None else ""
    replace = node.REPLACE() is not None
    if node.schemaName() is not None:
        plan.name = _schema_name(node.schemaName())
    if node.COLON() is not None:  # legacy CREATE INDEX ON :L(p, q)
        label = analysis.name_text(node.symbolicName(0).getText())
        props = [analysis.name_text(s.getText()) for s in node.symbolicName()[1:]]
        plan.notes.append(Note(INFO, "Neo4j 3 syntax `CREATE INDEX ON :L(p)`: translated like FOR (n:L) ON (n.p)"))
        if _check_names(plan, [label, *props]):
            plan.actions.append(CreateIndex(Entity(label, False), tuple(props), "NOTUNIQUE"))
        return
    var, names, edge, problem = _pattern(node.indexPattern())
    if kind == "LOOKUP":
        plan.not_needed = True
        plan.notes.append(Note(INFO, "token lookup index: not needed on ArcadeDB, where every label and relationship "
                                     "type is its own type (nothing to create)"))
        return
    if problem:
        plan.fail(f"cannot translate the pattern: {problem}")
        return
    if not names:
        plan.fail("the index pattern names no label or relationship type")
        return
    refs = _index_target_refs(node)
    props = _prop_names(refs, var, plan)
    if props is None:
        return
    if not props:
        plan.fail("the index names no property")
        return
    if not _check_names(plan, [*names, *props]):
        return
    entities = [Entity(n, edge) for n in names]
    if node.indexFilterProperties() is not None:
        plan.lost("the WITH [...] filter properties of the vector index are not translated (ArcadeDB vector "
                  "indexes have no filter columns; filter in the query instead)")
    options = options_map(node)
    if kind == "VECTOR":
        _plan_vector(plan, entities, props, options, replace)
        return
    if kind == "FULLTEXT":
        _plan_fulltext(plan, entities, props, options, replace)
        return
    if kind == "POINT":
        plan.fail("POINT index: ArcadeDB has no spatial index for Cypher point values (queries on the property "
                  "still work, without an index)")
        return
    if len(entities) > 1:
        plan.fail("an index on several labels exists only for FULLTEXT in Neo4j")
        return
    if kind == "TEXT":
        plan.notes.append(Note(INFO, "TEXT index: an ArcadeDB LSM_TREE index serves equality and prefix lookups; "
                                     "CONTAINS / ENDS WITH scan"))
    elif kind == "BTREE":
        plan.notes.append(Note(INFO, "BTREE index (Neo4j 4): an ArcadeDB LSM_TREE index"))
    if options:
        plan.notes.append(Note(INFO, f"OPTIONS {_options_text(options)} not translated: ArcadeDB LSM_TREE indexes "
                                     "have no provider or configuration to choose"))
    plan.actions.append(CreateIndex(entities[0], tuple(props), "NOTUNIQUE", replace=replace))


def _options_text(options: dict) -> str:
    return "{" + ", ".join(options) + "}"


def _index_config(options: dict) -> dict:
    cfg = options.get("indexConfig", {})
    return cfg if isinstance(cfg, dict) else {}


def _plan_vector(plan: StatementPlan, entities, props, options, replace: bool) -> None:
    if len(entities) != 1 or len(props) != 1:
        plan.fail("a vector index covers one label and one property")
        return
    entity, prop = entities[0], props[0]
    cfg = _index_config(options)
    dims = cfg.get("vector.dimensions")
    sim = cfg.get("vector.similarity_function", "cosine")
    if isinstance(dims, NotLiteral) or isinstance(sim, NotLiteral):
        plan.fail("the vector index OPTIONS use a parameter or expression: write the dimensions and the similarity "
                  "function as literals")
        return
    if dims is None:
        plan.fail("the vector index has no `vector.dimensions`: ArcadeDB LSM_VECTOR indexes need the dimensions")
        return
    if isinstance(dims, bool) or not isinstance(dims, (int, float)) or int(dims) != dims or dims <= 0:
        plan.fail(f"`vector.dimensions` {dims!r} is not a positive integer")
        return
    if not isinstance(sim, str) or sim.lower() not in ("cosine", "euclidean"):
        plan.fail(f"`vector.similarity_function` {sim!r} is neither 'cosine' nor 'euclidean'")
        return
    sim = sim.lower()
    other = sorted(k for k in cfg if k not in ("vector.dimensions", "vector.similarity_function"))
    if other:
        plan.notes.append(Note(INFO, f"vector options {', '.join(other)} not translated: ArcadeDB's defaults apply"))
    plan.claims.append(TypeClaim(entity, prop, "ARRAY_OF_FLOATS", "a vector index property"))
    plan.vector = VectorIndexDef(entity, prop, sim, int(dims))
    plan.actions.append(CreateIndex(entity, (prop,), "LSM_VECTOR",
                                    (("dimensions", int(dims)), ("similarity", sim.upper())), replace))


def _plan_fulltext(plan: StatementPlan, entities, props, options, replace: bool) -> None:
    cfg = _index_config(options)
    if cfg:
        plan.notes.append(Note(INFO, f"full-text options {', '.join(sorted(cfg))} not translated: ArcadeDB FULL_TEXT "
                                     "uses its own analyzer"))
    if len(props) > 1 or len(entities) > 1:
        plan.notes.append(Note(INFO, "Neo4j searches all listed properties through one index; ArcadeDB gets one "
                                     "FULL_TEXT index per type and property (query each with CONTAINSTEXT)"))
    for e in entities:
        for p in props:
            plan.claims.append(TypeClaim(e, p, "STRING", "a full-text index property"))
            plan.actions.append(CreateIndex(e, (p,), "FULL_TEXT", replace=replace))


def _schema_name(node: P.SchemaNameContext) -> str | None:
    if node.parameter() is not None:
        return None
    return analysis.name_text(node.getText())


# Neo4j property types -> ArcadeDB property types (type constraints).
_TYPE_MAP = {
    "BOOL": "BOOLEAN", "BOOLEAN": "BOOLEAN", "STRING": "STRING", "VARCHAR": "STRING",
    "INT": "LONG", "INTEGER": "LONG", "SIGNEDINT": "LONG", "SIGNEDINTEGER": "LONG",
    "FLOAT": "DOUBLE", "DATE": "DATE", "LOCALDATETIME": "DATETIME", "TIMESTAMPWITHOUTTIMEZONE": "DATETIME",
}
_ZONED = {"ZONEDDATETIME", "TIMESTAMPWITHTIMEZONE", "DATETIME"}


def _map_type(type_name: P.TypeNameContext) -> tuple[str | None, str | None]:
    """(ArcadeDB type, warning) for a Neo4j type, or (None, reason) when there is none."""
    atoms = type_name.typeAtom()
    if len(atoms) != 1:
        return None, f"union type {type_name.getText()} has no ArcadeDB property type"
    atom = atoms[0]
    words = "".join(t.getText().upper() for t in analysis.tokens_of(atom) if t.type not in (P.NOT, P.NULL, P.BANG))
    if atom.typeName() is not None and (atom.LIST() is not None or atom.ARRAY() is not None):
        return "LIST", f"{atom.getText()}: ArcadeDB LIST does not check the element type"
    if words in _TYPE_MAP:
        return _TYPE_MAP[words], None
    if words in _ZONED:
        return "DATETIME", "ArcadeDB DATETIME keeps no time zone (values come back as local date-times)"
    return None, f"no ArcadeDB property type for {atom.getText()}"


def _constraint_entity(pattern, plan: StatementPlan) -> tuple[Entity, str | None] | None:
    var, names, edge, problem = _pattern(pattern)
    if problem or not names or len(names) != 1:
        plan.fail("the constraint pattern must name exactly one label or relationship type"
                  + (f" ({problem})" if problem else ""))
        return None
    if not _check_names(plan, names):
        return None
    return Entity(names[0], edge), var


def _constraint_props(body, var, plan: StatementPlan) -> list[str] | None:
    if isinstance(body, P.LegacyExistsConstraintContext):
        refs = [body.propertyRef()]
    else:
        refs = list(body.constraintProperties().propertyRef())
    props = _prop_names(refs, var, plan)
    if props is not None and not _check_names(plan, props):
        return None
    return props


def _plan_create_constraint(node: P.CreateConstraintContext, plan: StatementPlan) -> None:
    plan.kind = "constraint"
    if node.schemaName() is not None:
        plan.name = _schema_name(node.schemaName())
    if node.ASSERT() is not None:
        plan.notes.append(Note(INFO, "Neo4j 3/4 syntax `ON ... ASSERT`: translated like FOR ... REQUIRE"))
    got = _constraint_entity(node.constraintPattern(), plan)
    if got is None:
        return
    entity, var = got
    body = node.constraintBody()
    props = _constraint_props(body, var, plan)
    if not props:
        if props is not None:
            plan.fail("the constraint names no property")
        return
    if node.indexOptions() is not None:
        plan.notes.append(Note(INFO, "constraint OPTIONS not translated"))
    replace = node.REPLACE() is not None
    if isinstance(body, P.UniqueOrKeyConstraintContext):
        plan.actions.append(CreateIndex(entity, tuple(props), "UNIQUE", replace=replace))
        if body.KEY() is not None:
            plan.notes.append(Note(INFO, "KEY constraint: a UNIQUE index plus MANDATORY and NOTNULL properties"))
            plan.actions.extend(SetMandatory(entity, p, True) for p in props)
    elif isinstance(body, (P.NotNullConstraintContext, P.LegacyExistsConstraintContext)):
        plan.notes.append(Note(INFO, "NOT NULL / exists(): the property becomes MANDATORY and NOTNULL"))
        plan.actions.extend(SetMandatory(entity, p, True) for p in props)
    elif isinstance(body, P.TypeConstraintContext):
        sql_type, remark = _map_type(body.typeName())
        if sql_type is None:
            plan.fail(f"property type constraint: {remark}")
            return
        if remark:
            plan.notes.append(Note(WARNING, remark))
        plan.notes.append(Note(WARNING, "ArcadeDB converts a value to the declared type where it can "
                                        "(e.g. '6' into 6) instead of rejecting it as Neo4j does"))
        for p in props:
            plan.claims.append(TypeClaim(entity, p, sql_type, f"the type constraint {body.typeName().getText()}"))
            plan.actions.append(EnsureProperty(entity, p))


def _plan_drop_index(node: P.DropIndexContext, plan: StatementPlan) -> None:
    plan.kind = "drop-index"
    if node.COLON() is not None:
        label = analysis.name_text(node.symbolicName(0).getText())
        props = [analysis.name_text(s.getText()) for s in node.symbolicName()[1:]]
        plan.notes.append(Note(INFO, "Neo4j 3 syntax `DROP INDEX ON :L(p)`: ArcadeDB names that index "
                                     f"{index_name(label, props)}"))
        if _check_names(plan, [label, *props]):
            plan.actions.append(DropIndex(index_name(label, props)))
        return
    name = _schema_name(node.schemaName())
    if name is None:
        plan.fail("the index name is a parameter: write the ArcadeDB index name (Type[property]) instead")
        return
    plan.actions.append(DropByName(name, "index"))


def _plan_drop_constraint(node: P.DropConstraintContext, plan: StatementPlan) -> None:
    plan.kind = "drop-constraint"
    if node.schemaName() is not None:
        name = _schema_name(node.schemaName())
        if name is None:
            plan.fail("the constraint name is a parameter: write the ArcadeDB index name (Type[property]) instead")
            return
        plan.actions.append(DropByName(name, "constraint"))
        return
    plan.notes.append(Note(INFO, "Neo4j 3/4 syntax `DROP CONSTRAINT ON ... ASSERT`"))
    got = _constraint_entity(node.constraintPattern(), plan)
    if got is None:
        return
    entity, var = got
    body = node.constraintBody()
    props = _constraint_props(body, var, plan)
    if not props:
        return
    if isinstance(body, P.UniqueOrKeyConstraintContext):
        plan.actions.append(DropIndex(index_name(entity.name, props)))
        if body.KEY() is not None:
            plan.actions.extend(DropNotNull(entity, p) for p in props)
    elif isinstance(body, (P.NotNullConstraintContext, P.LegacyExistsConstraintContext)):
        plan.actions.extend(DropNotNull(entity, p) for p in props)
    else:
        plan.fail("dropping a property type constraint: ArcadeDB cannot un-declare a property's type in place")


_INDEX_WORDS = {"INDEX", "INDEXES"}
_CONSTRAINT_WORDS = {"CONSTRAINT", "CONSTRAINTS"}
_SHOW_KIND_WORDS = {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE", "UNIQUE", "NODE",
                    "RELATIONSHIP", "REL", "KEY", "EXIST", "EXISTENCE", "EXISTS", "PROPERTY", "TYPE", "UNIQUENESS",
                    "PROPERTY_EXISTENCE", "NODE_KEY", "RELATIONSHIP_KEY"}


def show_sql(node: P.ShowCommandContext) -> tuple[str, str] | None:
    """(SQL, what) for SHOW [kind] INDEXES / CONSTRAINTS, or None for other SHOW commands."""
    words = [w.getText().upper() for w in node.showWord()]
    kinds = []
    while words and words[0] in _SHOW_KIND_WORDS:
        kinds.append(words.pop(0))
    if not words:
        return None
    if words[0] in _INDEX_WORDS:
        return SHOW_INDEXES_SQL, "SHOW INDEXES"
    if words[0] in _CONSTRAINT_WORDS:
        return SHOW_CONSTRAINTS_SQL, "SHOW CONSTRAINTS"
    return None


def _plan_show(node: P.ShowCommandContext, plan: StatementPlan) -> None:
    plan.kind = "show"
    got = show_sql(node)
    if got is None:
        plan.fail(f"{_one_line(plan.text, 40)}: not a schema listing (no SQL equivalent here)")
        return
    sql, _ = got
    plan.actions.append(RunQuery(sql))
    words = [w.getText().upper() for w in node.showWord()]
    if words and words[0] in _SHOW_KIND_WORDS and words[0] != "ALL":
        plan.lost(f"the {words[0]} filter is not translated: the query lists every index (read indexType)")
    if node.whereClause() is not None or node.yieldClause() is not None:
        plan.lost("the YIELD / WHERE / RETURN part is not translated: schema:indexes has other columns "
                  "(name, typeName, properties, indexType, unique)")


# ----------------------------------------------------------------------------- procedure calls

_AWAIT = {"db.awaitindexes", "db.awaitindex", "db.index.fulltext.awaiteventuallyconsistentindexrefresh",
          "db.resampleindex", "db.resampleoutdatedindexes"}
_LISTING = {"db.indexes", "db.constraints", "db.indexdetails", "db.schemastatements"}


def schema_procedure(node: P.ProcedureCallContext) -> str | None:
    """The lower-cased name of a Neo4j schema procedure this module translates, else None."""
    name = analysis.procedure_name(node)
    if name in _AWAIT or name in _LISTING or name in _CREATE_PROCS or name == "db.index.fulltext.drop":
        return name
    return None


def _plan_procedure(query: P.QueryContext, plan: StatementPlan) -> None:
    calls = list(analysis.descendants(query, P.ProcedureCallContext))
    clauses = analysis.clauses(query)
    if len(calls) != 1 or not clauses or not isinstance(clauses[0], P.ProcedureCallContext):
        return
    if not all(isinstance(c, (P.ProcedureCallContext, P.ReturnClauseContext, P.WithClauseContext)) for c in clauses):
        return
    call = calls[0]
    name = schema_procedure(call)
    if name is None:
        return
    plan.kind = "procedure"
    args = list(call.procedureArguments().expression()) if call.procedureArguments() is not None else []
    if name in _AWAIT:
        plan.not_needed = True
        plan.notes.append(Note(INFO, f"{name}: nothing to wait for — ArcadeDB builds an index while CREATE INDEX "
                                     "runs"))
        return
    if name in _LISTING:
        plan.actions.append(RunQuery(SHOW_CONSTRAINTS_SQL if name == "db.constraints" else SHOW_INDEXES_SQL))
        if len(clauses) > 1 or call.yieldClause() is not None:
            plan.lost("the YIELD / RETURN part is not translated: schema:indexes has other columns")
        return
    values = []
    for a in args:
        try:
            values.append(literal(a))
        except NotLiteral:
            plan.fail(f"{name}: argument {a.getText()} is not a literal value")
            return
    if name == "db.index.fulltext.drop":
        if len(values) != 1 or not isinstance(values[0], str):
            plan.fail(f"{name} takes the index name")
            return
        plan.kind = "drop-index"
        plan.actions.append(DropByName(values[0], "index"))
        return
    _CREATE_PROCS[name](plan, name, values)


def _strings(value) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _proc_fulltext(plan: StatementPlan, name: str, values: list) -> None:
    if len(values) not in (3, 4):
        plan.fail(f"{name}(indexName, labels, properties[, config]) expected")
        return
    labels, props = _strings(values[1]), _strings(values[2])
    if not isinstance(values[0], str) or labels is None or props is None:
        plan.fail(f"{name}: the labels and properties must be lists of strings")
        return
    plan.kind = "index"
    plan.name = values[0]
    if not _check_names(plan, [*labels, *props]):
        return
    edge = name.endswith("relationshipindex")
    options = {"indexConfig": values[3]} if len(values) == 4 and isinstance(values[3], dict) else {}
    _plan_fulltext(plan, [Entity(lb, edge) for lb in labels], props, options, False)


def _proc_vector(plan: StatementPlan, name: str, values: list) -> None:
    if len(values) != 5 or not all(isinstance(v, str) for v in values[:3]) or values[4] is None:
        plan.fail(f"{name}(indexName, label, property, dimensions, similarity) expected")
        return
    plan.kind = "index"
    plan.name = values[0]
    if not _check_names(plan, values[1:3]):
        return
    options = {"indexConfig": {"vector.dimensions": values[3], "vector.similarity_function": values[4]}}
    _plan_vector(plan, [Entity(values[1], name.endswith("relationshipindex"))], [values[2]], options, False)


def _proc_schema(plan: StatementPlan, name: str, values: list) -> None:
    """Neo4j 4 db.createIndex / db.createUniquePropertyConstraint / db.createNodeKey."""
    if len(values) < 3 or not isinstance(values[0], str):
        plan.fail(f"{name}(name, labels, properties, ...) expected")
        return
    labels, props = _strings(values[1]), _strings(values[2])
    if labels is None or props is None or len(labels) != 1:
        plan.fail(f"{name}: one label and a list of property names expected")
        return
    plan.kind = "index" if name == "db.createindex" else "constraint"
    plan.name = values[0]
    if not _check_names(plan, [*labels, *props]):
        return
    entity = Entity(labels[0], False)
    kind = "NOTUNIQUE" if name == "db.createindex" else "UNIQUE"
    plan.actions.append(CreateIndex(entity, tuple(props), kind))
    if name == "db.createnodekey":
        plan.actions.extend(SetMandatory(entity, p, True) for p in props)


_CREATE_PROCS = {
    "db.index.fulltext.createnodeindex": _proc_fulltext,
    "db.index.fulltext.createrelationshipindex": _proc_fulltext,
    "db.index.vector.createnodeindex": _proc_vector,
    "db.index.vector.createrelationshipindex": _proc_vector,
    "db.createindex": _proc_schema,
    "db.createuniquepropertyconstraint": _proc_schema,
    "db.createnodekey": _proc_schema,
}


# ----------------------------------------------------------------------------------- the catalog


@dataclass
class NameDef:
    line: int
    actions: tuple  # CreateIndex / SetMandatory actions the name stands for


@dataclass
class Catalog:
    """What a whole file declares, so one statement can be rendered knowing the others."""

    hints: SchemaHints = field(default_factory=SchemaHints)
    claims: dict[tuple[str, str], TypeClaim] = field(default_factory=dict)
    claim_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    conflicts: list[tuple[int, str]] = field(default_factory=list)  # (line, note) for type claim clashes
    names: dict[str, list[NameDef]] = field(default_factory=dict)
    kinds: dict[str, tuple[bool, int]] = field(default_factory=dict)  # type -> (is_edge, first line)
    declared: set[tuple[str, str]] = field(default_factory=set)
    vectors: dict[str, VectorIndexDef] = field(default_factory=dict)  # Neo4j name -> vector index

    @classmethod
    def build(cls, plans: list[StatementPlan], hints: SchemaHints | None = None) -> Catalog:
        cat = cls(hints or SchemaHints())
        for plan in plans:
            for claim in plan.claims:
                key = (claim.entity.name, claim.prop)
                old = cat.claims.get(key)
                if old is None:
                    cat.claims[key] = claim
                    cat.claim_lines[key] = plan.line
                elif old.sql_type != claim.sql_type:
                    cat.conflicts.append((plan.line, f"{claim.entity.name}.{claim.prop} is {old.sql_type} for "
                                                     f"{old.why} (line {cat.claim_lines[key]}); {claim.why} "
                                                     f"wants {claim.sql_type}"))
            for action in plan.actions:
                entity = getattr(action, "entity", None)
                if entity is not None:
                    cat.kinds.setdefault(entity.name, (entity.edge, plan.line))
                if isinstance(action, CreateIndex):
                    cat.declared.update((action.entity.name, p) for p in action.props)
                elif isinstance(action, (SetMandatory, EnsureProperty)):
                    cat.declared.add((action.entity.name, action.prop))
            if plan.name:
                defs = tuple(a for a in plan.actions if isinstance(a, (CreateIndex, SetMandatory)))
                if defs:
                    cat.names.setdefault(plan.name, []).append(NameDef(plan.line, defs))
                if plan.vector is not None:
                    cat.vectors[plan.name] = plan.vector
        for name, h in cat.hints.indexes.items():
            if name not in cat.vectors and len(h.properties) == 1:
                kind = cat.kinds.get(h.type)
                cat.vectors[name] = VectorIndexDef(Entity(h.type, bool(kind and kind[0])), h.properties[0],
                                                   h.similarity or "cosine")
        return cat

    def property_type(self, entity: Entity, prop: str) -> tuple[str, Note | None]:
        key = (entity.name, prop)
        hinted = self.hints.properties.get(key)
        claim = self.claims.get(key)
        if hinted:
            if claim is not None and claim.sql_type != hinted:
                return hinted, Note(WARNING, f"{entity.name}.{prop}: the hint ({hinted}) overrides {claim.sql_type} "
                                             f"from {claim.why}")
            return hinted, None
        if claim is not None:
            return claim.sql_type, None
        return "STRING", Note(WARNING, STRING_ASSUMED.format(t=entity.name, p=prop), ("string", entity.name, prop))

    def entity(self, entity: Entity) -> tuple[Entity, Note | None]:
        """The entity as the file first declared it (a name is a vertex or an edge type, not both)."""
        first = self.kinds.get(entity.name)
        if first is None or first[0] == entity.edge:
            return entity, None
        was = "relationship type" if first[0] else "node label"
        return Entity(entity.name, first[0]), Note(
            LOST, f"{entity.name} is a {was} at line {first[1]}; an ArcadeDB type is a vertex or an edge type, "
                  f"not both, so it stays a {'EDGE' if first[0] else 'VERTEX'} type")

    def resolve(self, name: str, line: int) -> NameDef | None:
        """The definition a DROP of ``name`` at ``line`` refers to: the last one before it, else the first."""
        defs = self.names.get(name)
        if defs:
            before = [d for d in defs if d.line <= line]
            return before[-1] if before else defs[0]
        hint = self.hints.indexes.get(name)
        if hint is not None:
            kind = self.kinds.get(hint.type)
            return NameDef(0, (CreateIndex(Entity(hint.type, bool(kind and kind[0])), hint.properties, "NOTUNIQUE"),))
        return None


# ------------------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Flags:
    """Target-dependent choices: index kinds whose ``IF NOT EXISTS`` is unsafe on the target."""

    no_ine: frozenset[str] = frozenset()
    # (key, note) from the target data; key is an index kind ("LSM_VECTOR") or "similarity=EUCLIDEAN"
    extra_notes: tuple[tuple[str, str], ...] = ()

    def notes_for(self, action: CreateIndex) -> list[str]:
        keys = {action.kind, *(f"{k}={v}" for k, v in action.metadata)}
        return [text for key, text in self.extra_notes if key in keys]


_ARC_NAME = re.compile(r"[^\[\]]+\[[^\[\]]+\]\Z")


@dataclass
class Rendered:
    sql: list[str]
    notes: list[Note]


def _metadata(metadata) -> str:
    parts = []
    for k, v in metadata:
        parts.append(f"{k}: {sql_string(v) if isinstance(v, str) else v}")
    return " METADATA {" + ", ".join(parts) + "}"


def render(plan: StatementPlan, catalog: Catalog | None = None, flags: Flags | None = None,
           suppressed: dict[int, Note] | None = None) -> Rendered:
    """The SQL of one plan, self-contained (it declares every type and property it uses).

    ``suppressed`` maps action positions to the note that replaces them (index conflicts found
    across a whole file by ``cypherlint.ddl.script``).
    """
    catalog = catalog or Catalog.build([plan])
    flags = flags or Flags()
    sql: list[str] = []
    notes: list[Note] = list(plan.notes)
    seen: set[str] = set()

    def emit(line: str) -> None:
        if line.startswith(("CREATE VERTEX TYPE", "CREATE EDGE TYPE", "CREATE PROPERTY")):
            if line in seen:
                return
            seen.add(line)
        sql.append(line)

    def note(n: Note | None) -> None:
        if n is not None and n not in notes:
            notes.append(n)

    def ensure_type(entity: Entity) -> Entity:
        entity, n = catalog.entity(entity)
        note(n)
        emit(f"CREATE {entity.keyword} TYPE {sql_name(entity.name)} IF NOT EXISTS")
        return entity

    def ensure_prop(entity: Entity, prop: str) -> None:
        entity = ensure_type(entity)
        sql_type, n = catalog.property_type(entity, prop)
        note(n)
        emit(f"CREATE PROPERTY {sql_name(entity.name)}.{sql_name(prop)} IF NOT EXISTS {sql_type}")

    def mandatory(entity: Entity, prop: str, value: bool) -> None:
        ensure_prop(entity, prop)
        word = "true" if value else "false"
        target = f"{sql_name(catalog.entity(entity)[0].name)}.{sql_name(prop)}"
        emit(f"ALTER PROPERTY {target} MANDATORY {word}")
        emit(f"ALTER PROPERTY {target} NOTNULL {word}")

    for line, text in catalog.conflicts:
        if line == plan.line:
            note(Note(WARNING, text))

    actions = list(plan.actions)
    for pos, action in enumerate(actions):
        if suppressed and pos in suppressed:
            note(suppressed[pos])
            if isinstance(action, CreateIndex):
                for p in action.props:
                    ensure_prop(action.entity, p)
            continue
        if isinstance(action, EnsureType):
            ensure_type(action.entity)
        elif isinstance(action, EnsureProperty):
            ensure_prop(action.entity, action.prop)
        elif isinstance(action, CreateIndex):
            for p in action.props:
                ensure_prop(action.entity, p)
            entity = catalog.entity(action.entity)[0]
            if action.replace:
                emit(f"DROP INDEX {quoted_index_name(entity.name, action.props)} IF EXISTS")
            ine = "" if action.kind in flags.no_ine else " IF NOT EXISTS"
            if not ine:
                note(Note(WARNING, f"{action.kind} index created without IF NOT EXISTS (the target data marks it "
                                   "unsafe there): running the script twice fails on this line"))
            cols = ", ".join(sql_name(p) for p in action.props)
            meta = _metadata(action.metadata) if action.metadata else ""
            emit(f"CREATE INDEX{ine} ON {sql_name(entity.name)} ({cols}) {action.kind}{meta}")
            for text in flags.notes_for(action):
                note(Note(LOST, text))
        elif isinstance(action, SetMandatory):
            mandatory(action.entity, action.prop, action.value)
        elif isinstance(action, DropIndex):
            emit(f"DROP INDEX `{action.name}` IF EXISTS")
        elif isinstance(action, DropNotNull):
            if (action.entity.name, action.prop) in catalog.declared:
                mandatory(action.entity, action.prop, False)
            else:
                t = f"{sql_name(action.entity.name)}.{sql_name(action.prop)}"
                notes.append(Note(LOST, f"{action.entity.name}.{action.prop} is not declared in this file: run "
                                        f"ALTER PROPERTY {t} MANDATORY false and ALTER PROPERTY {t} NOTNULL false "
                                        "where the property exists (ALTER fails on a missing property)"))
        elif isinstance(action, DropByName):
            _render_drop_by_name(action, plan, catalog, emit, notes, mandatory)
        elif isinstance(action, RunQuery):
            emit(action.sql)
    return Rendered(sql, notes)


def _render_drop_by_name(action: DropByName, plan, catalog: Catalog, emit, notes, mandatory) -> None:
    if _ARC_NAME.match(action.name):  # already an ArcadeDB index name, e.g. DROP INDEX `Doc[embedding]`
        emit(f"DROP INDEX `{action.name}` IF EXISTS")
        return
    found = catalog.resolve(action.name, plan.line)
    if found is None:
        plan.untranslatable = True
        notes.append(Note(LOST, f"no CREATE in this file (or hint) defines {action.what} {action.name!r}: ArcadeDB "
                                "names indexes Type[property] — find it with SELECT name, typeName, properties FROM "
                                "schema:indexes and DROP INDEX `Type[property]`, or add "
                                f"`// cypherlint: index {action.name}=Type.property`"))
        return
    where = f"line {found.line}" if found.line else "the hints"
    notes.append(Note(INFO, f"{action.what} {action.name!r} is defined at {where}"))
    for d in found.actions:
        if isinstance(d, CreateIndex):
            emit(f"DROP INDEX {quoted_index_name(catalog.entity(d.entity)[0].name, d.props)} IF EXISTS")
        elif isinstance(d, SetMandatory) and d.value:
            mandatory(d.entity, d.prop, False)


def status_of(plan: StatementPlan, rendered: Rendered) -> str:
    """translated | partial | untranslated | not-needed | skipped"""
    if not plan.schema and plan.kind != "syntax-error":
        return "skipped"
    if plan.not_needed and not rendered.sql:
        return "not-needed"
    if plan.untranslatable or not rendered.sql:
        return "untranslated"
    if any(n.level == LOST for n in rendered.notes):
        return "partial"
    return "translated"


# ---------------------------------------------------------------------------- compatibility API


@dataclass
class Translation:
    sql: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    status: str = "translated"

    def script(self) -> str:
        return ";\n".join(self.sql) + (";" if self.sql else "")


def translate_index(node: P.CreateIndexContext, text: str) -> Translation:
    """One CREATE INDEX statement on its own (no file context), as SQL; ``text`` is the source."""
    from cypherlint.syntax.parser import Statement

    stmt_node = analysis.nearest(node, P.StatementContext)
    if stmt_node is None:
        return Translation([], [Note(LOST, "not inside a statement")], "untranslated")
    start, end = analysis.span(stmt_node)
    plan = plan_statement(Statement(0, start, end, [], tree=stmt_node), text)
    r = render(plan)
    return Translation(r.sql, r.notes, status_of(plan, r))
