"""The DDL translation on the real engine (marker ``engine``; the installed arcadedb-embedded).

* every schema file of the realworld corpus, translated, runs as one SQL script on a fresh
  database twice in a row, and ``schema:indexes`` then holds exactly the indexes the translation
  intends (type, properties, kind, unique), and NOT NULL/KEY properties are MANDATORY + NOTNULL;
* translated constraints are enforced (UNIQUE rejects a duplicate, NOT NULL a missing property);
* the vector-search rewrites return the top-k of a brute-force cosine, with Neo4j's scores;
* the vector function rewrites return Neo4j's values.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cypherlint  # noqa: E402
from cypherlint.ddl.hints import ARCADE_TYPES  # noqa: E402
from cypherlint.ddl.script import translate_text  # noqa: E402
from cypherlint.ddl.sqlnames import index_name  # noqa: E402
from cypherlint.ddl.translate import CreateIndex, DropByName, DropIndex, DropNotNull, SetMandatory  # noqa: E402
from cypherlint.targets import parse_target  # noqa: E402
from test_ddl_corpus import CORPUS, schema_files  # noqa: E402

pytestmark = pytest.mark.engine

KIND = {"NOTUNIQUE": ("LSM_TREE", False), "UNIQUE": ("LSM_TREE", True), "FULL_TEXT": ("FULL_TEXT", False),
        "LSM_VECTOR": ("LSM_VECTOR", False)}


# ------------------------------------------------------------------------------------ fixtures


class Engine:
    """Fresh embedded databases in one JVM (started the shared way by the ``runner`` fixture)."""

    def __init__(self, workdir: Path):
        import jpype

        from cypherlint.probe.runner import to_python

        self.J = jpype.JClass
        self.to_python = to_python
        self.workdir = workdir
        self.n = 0

    def fresh(self):
        self.n += 1
        factory = self.J("com.arcadedb.database.DatabaseFactory")(str(self.workdir / f"ddl{self.n}"))
        return Database(self, factory, factory.create())


class Database:
    def __init__(self, engine: Engine, factory, db):
        self.engine, self.factory, self.db = engine, factory, db

    def _map(self, params):
        m = self.engine.J("java.util.HashMap")()
        for k, v in (params or {}).items():
            if isinstance(v, list):
                lst = self.engine.J("java.util.ArrayList")()
                for x in v:
                    lst.add(self.engine.J("java.lang.Double")(float(x)))
                v = lst
            m.put(k, v)
        return m

    def _rows(self, rs):
        out = []
        while rs.hasNext():
            r = rs.next()
            out.append({str(k): self.engine.to_python(r.getProperty(k)) for k in r.getPropertyNames()})
        rs.close()
        return out

    def command(self, language: str, text: str, params=None):
        return self._rows(self.db.command(language, text, self._map(params)))

    def write(self, language: str, text: str, params=None):
        self.db.begin()
        try:
            rows = self.command(language, text, params)
            self.db.commit()
            return rows
        finally:
            if self.db.isTransactionActive():
                self.db.rollback()

    def query(self, language: str, text: str, params=None):
        return self._rows(self.db.query(language, text, self._map(params)))

    def indexes(self) -> set[tuple]:
        rows = self.query("sql", "SELECT FROM schema:indexes")
        return {(r["typeName"], tuple(r["properties"][0]) if r["properties"] and isinstance(r["properties"][0], list)
                 else tuple(r["properties"]), str(r["indexType"]), bool(r["unique"]))
                for r in rows if r.get("associatedBucketId") is None}

    def properties(self) -> dict[tuple[str, str], dict]:
        out = {}
        for r in self.query("sql", "SELECT name, properties FROM schema:types"):
            for p in r["properties"] or []:
                out[(r["name"], p["name"])] = p
        return out

    def close(self):
        try:
            self.db.drop()
        finally:
            self.factory.close()


@pytest.fixture(scope="module")
def engine(runner, engine_tmp):
    path = engine_tmp / "ddl"
    path.mkdir(exist_ok=True)
    return Engine(path)


@pytest.fixture(scope="module")
def target(runner):
    return parse_target(f"arcadedb@{runner.release}")


# ------------------------------------------------------------------------------- expectations


def intended_indexes(script) -> set[tuple]:
    """The index set the plans intend after the script, simulated from the plans (not the SQL)."""
    catalog = script.catalog
    live: dict[tuple, tuple] = {}

    def key(a: CreateIndex):
        return catalog.entity(a.entity)[0].name, a.props

    for b in script.blocks:
        for j, a in enumerate(b.plan.actions):
            if isinstance(a, CreateIndex):
                if a.replace:
                    live.pop(key(a), None)
                if j in b.suppressed:
                    continue
                live.setdefault(key(a), KIND[a.kind])
            elif isinstance(a, DropIndex):
                for k in [k for k in live if index_name(*k) == a.name]:
                    live.pop(k)
            elif isinstance(a, DropByName):
                arc = a.name if a.name.endswith("]") else None
                found = None if arc else catalog.resolve(a.name, b.plan.line)
                names = {arc} if arc else {d.name for d in (found.actions if found else ()) if isinstance(d, CreateIndex)}
                for k in [k for k in live if index_name(*k) in names]:
                    live.pop(k)
    return {(t, props, kind, unique) for (t, props), (kind, unique) in live.items()}


def intended_mandatory(script) -> dict[tuple[str, str], bool]:
    """MANDATORY/NOTNULL per property after the script, from the plans: NOT NULL and KEY set it,
    their drops (by name or by the legacy ON ... ASSERT form) clear it again."""
    catalog = script.catalog
    state: dict[tuple[str, str], bool] = {}
    for b in script.blocks:
        for a in b.plan.actions:
            if isinstance(a, SetMandatory):
                state[(a.entity.name, a.prop)] = a.value
            elif isinstance(a, DropNotNull) and (a.entity.name, a.prop) in catalog.declared:
                state[(a.entity.name, a.prop)] = False
            elif isinstance(a, DropByName):
                found = catalog.resolve(a.name, b.plan.line)
                for d in (found.actions if found else ()):
                    if isinstance(d, SetMandatory):
                        state[(d.entity.name, d.prop)] = False
    return state


# ------------------------------------------------------------------------------------- corpus

FILES = schema_files() if CORPUS.is_file() else []


@pytest.mark.parametrize("source,text", FILES, ids=[s for s, _ in FILES])
def test_corpus_schema_file_runs_twice_and_builds_the_intended_indexes(engine, target, source, text):
    script = translate_text(text, target=target, source=source)
    sql = script.render()
    db = engine.fresh()
    try:
        for run in (1, 2):
            try:
                db.command("sqlscript", sql)
            except Exception as exc:  # locate the statement for the failure message
                failing = _first_failing(engine, script)
                pytest.fail(f"run {run} of the script for {source} failed: {exc}\nfirst failing statement: {failing}")
        got = db.indexes()
        want = intended_indexes(script)
        assert got == want, f"{source}: schema:indexes {sorted(got)} != intended {sorted(want)}\n{sql}"
        props = db.properties()
        for (t, p), value in intended_mandatory(script).items():
            got_flags = (bool(props[(t, p)].get("mandatory")), bool(props[(t, p)].get("notNull")))
            assert got_flags == (value, value), (source, t, p, props[(t, p)])
    finally:
        db.close()


def _first_failing(engine, script) -> str:
    db = engine.fresh()
    try:
        for s in script.statements():
            try:
                db.command("sql", s)
            except Exception as exc:
                return f"{s}  -> {str(exc).splitlines()[0]}"
        return "(none when run one by one)"
    finally:
        db.close()


# ---------------------------------------------------------------------- constraints enforced


def test_translated_unique_and_not_null_constraints_are_enforced(engine, target):
    text = """
    CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
    CREATE CONSTRAINT person_name FOR (p:Person) REQUIRE p.name IS NOT NULL;
    CREATE CONSTRAINT FOR ()-[r:KNOWS]-() REQUIRE r.since IS NOT NULL;
    """
    script = translate_text(text, target=target, hints=None)
    db = engine.fresh()
    try:
        db.command("sqlscript", script.render())
        db.write("opencypher", "CREATE (:Person {id: 'a', name: 'A'}), (:Person {id: 'b', name: 'B'})")
        assert "duplicat" in _failure(db, "CREATE (:Person {id: 'a', name: 'again'})").lower()
        assert "mandatory" in _failure(db, "CREATE (:Person {id: 'c'})").lower()
        assert "mandatory" in _failure(db, "MATCH (a:Person {id: 'a'}), (b:Person {id: 'b'}) CREATE (a)-[:KNOWS]->(b)").lower()
        db.write("opencypher", "MATCH (a:Person {id: 'a'}), (b:Person {id: 'b'}) CREATE (a)-[:KNOWS {since: '2020'}]->(b)")
        assert db.query("opencypher", "MATCH (p:Person) RETURN count(p) AS c") == [{"c": 2}]
        # DROP CONSTRAINT by name (same file) lifts NOT NULL again
        drop = translate_text(text + "DROP CONSTRAINT person_name;", target=target)
        db.command("sqlscript", drop.render())
        db.write("opencypher", "CREATE (:Person {id: 'c'})")
        assert db.query("opencypher", "MATCH (p:Person) RETURN count(p) AS c") == [{"c": 3}]
    finally:
        db.close()


def _failure(db, cypher: str) -> str:
    """The messages of the whole cause chain of the error a Cypher write raises ('' if none)."""
    try:
        db.write("opencypher", cypher)
    except Exception as exc:
        parts, e, seen = [], exc, 0
        while e is not None and seen < 20:
            parts.append(str(e.getMessage() if hasattr(e, "getMessage") else e))
            e = e.getCause() if hasattr(e, "getCause") else None
            seen += 1
        return " | ".join(parts)
    return ""


def test_every_hint_type_is_accepted_by_the_engine(engine, target):
    lines = "\n".join(f"// cypherlint: type T.p{i}={t}" for i, t in enumerate(ARCADE_TYPES))
    text = lines + "\n" + ";\n".join(f"CREATE INDEX FOR (n:T) ON (n.p{i})" for i in range(len(ARCADE_TYPES)))
    script = translate_text(text, target=target)
    assert not script.problems and not script.assumed_strings()
    db = engine.fresh()
    try:
        for s in script.statements():
            if s.startswith("CREATE INDEX"):
                continue  # not every type can be indexed; the declaration is what hints control
            db.command("sql", s)
        props = db.properties()
        assert {props[("T", f"p{i}")]["type"] for i in range(len(ARCADE_TYPES))} == set(ARCADE_TYPES)
    finally:
        db.close()


def test_reset_drops_edges_before_vertices_and_rebuilds(engine, target):
    text = ("CREATE INDEX FOR (n:Person) ON (n.name);\n"
            "CREATE INDEX FOR ()-[r:KNOWS]-() ON (r.since);\n")
    script = translate_text(text, target=target, reset=True)
    assert script.reset_sql == ["DROP TYPE KNOWS IF EXISTS UNSAFE", "DROP TYPE Person IF EXISTS UNSAFE"]
    db = engine.fresh()
    try:
        db.command("sqlscript", script.render())
        db.write("opencypher", "CREATE (:Person {name: 'a'})-[:KNOWS {since: '1'}]->(:Person {name: 'b'})")
        db.command("sqlscript", script.render())  # reset wipes the data, the schema comes back
        assert db.query("opencypher", "MATCH (p:Person) RETURN count(p) AS c") == [{"c": 0}]
        assert db.indexes() == {("Person", ("name",), "LSM_TREE", False), ("KNOWS", ("since",), "LSM_TREE", False)}
    finally:
        db.close()


# -------------------------------------------------------------------------------- vector search

DIM = 8


def _docs(seed: int, n: int = 40) -> list[tuple[str, list[float]]]:
    rnd = random.Random(seed)
    return [(f"d{i}", [round(rnd.uniform(-1, 1), 3) for _ in range(DIM)]) for i in range(n)]


def _cos(a, b) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


VECTOR_DDL = ("CREATE VECTOR INDEX doc_embeddings IF NOT EXISTS FOR (d:Doc) ON (d.embedding) OPTIONS {indexConfig: "
              "{`vector.dimensions`: 8, `vector.similarity_function`: 'cosine'}};\n")
NEO4J_SEARCH = ("CALL db.index.vector.queryNodes('doc_embeddings', 5, $q) YIELD node, score "
                "RETURN node.name AS name, score")


def _vector_db(engine, target, docs):
    db = engine.fresh()
    db.command("sqlscript", translate_text(VECTOR_DDL, target=target).render())
    for name, vec in docs:
        db.write("sql", "INSERT INTO Doc SET name = :name, embedding = :vec", {"name": name, "vec": vec})
    return db


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vector_search_rewrite_returns_the_brute_force_top_k_with_neo4j_scores(engine, target, seed):
    docs = _docs(seed)
    q = [round(random.Random(seed + 100).uniform(-1, 1), 3) for _ in range(DIM)]
    want = sorted(((1 + _cos(v, q)) / 2, name) for name, v in docs)[::-1][:5]
    fixed = cypherlint.fix(VECTOR_DDL + NEO4J_SEARCH, target=target.spec, unsafe_fixes=True)
    search = fixed.query.split(";\n", 1)[1]
    assert "'Doc[embedding]'" in search and "doc_embeddings" not in search
    db = _vector_db(engine, target, docs)
    try:
        rows = db.command("opencypher", search, {"q": q})  # outside a transaction, as the fix says
    finally:
        db.close()
    got = sorted(((r["score"], r["name"]) for r in rows), reverse=True)
    assert [n for _, n in got] == [n for _, n in want], (got, want)
    for (gs, _), (ws, _) in zip(got, want):
        assert math.isclose(gs, ws, rel_tol=1e-5), (got, want)


def test_vector_search_sql_form_for_old_releases_returns_the_same_top_k(engine, target):
    """The display-only SQL (for targets with 26.2.1) as the fix message spells it out."""
    docs = _docs(7)
    q = [round(random.Random(77).uniform(-1, 1), 3) for _ in range(DIM)]
    want = sorted(((1 + _cos(v, q)) / 2, name) for name, v in docs)[::-1][:5]
    diags = [d for d in cypherlint.lint(VECTOR_DDL + NEO4J_SEARCH, target="arcadedb") if d.code == "ARC301"]
    assert diags and diags[0].fix.applicability == "display-only"
    message = diags[0].fix.message
    sql = message[message.index("SELECT"): message.index(")) ") + 2]
    assert sql == "SELECT expand(vectorNeighbors('Doc[embedding]', :q, 5))"
    db = _vector_db(engine, target, docs)
    try:
        rows = db.query("sql", sql, {"q": q})
    finally:
        db.close()
    assert "1 - distance / 2" in message
    got = [(1 - r["distance"] / 2, r["name"]) for r in rows]  # as the message says (26.3.2 and later)
    assert [n for _, n in got] == [n for _, n in want]
    for (gs, _), (ws, _) in zip(got, want):
        assert math.isclose(gs, ws, rel_tol=1e-5)


@pytest.mark.parametrize("a,b", [([1.0, 0.0], [0.0, 1.0]), ([0.3, -0.2, 0.9], [-0.5, 0.4, 0.1]),
                                 ([2.0, 2.0], [1.0, 1.0]), ([1.0, 0.0], [-1.0, 0.0])])
def test_vector_function_rewrites_give_neo4j_values(engine, target, a, b):
    cos_q = "RETURN vector.similarity.cosine($a, $b) AS v"
    euc_q = "RETURN vector.similarity.euclidean($a, $b) AS v"
    cos_fixed = cypherlint.fix(cos_q, target=target.spec).query
    euc_fixed = cypherlint.fix(euc_q, target=target.spec).query
    assert cos_fixed != cos_q and euc_fixed != euc_q
    d2 = sum((x - y) ** 2 for x, y in zip(a, b))
    db = engine.fresh()
    try:
        cos_v = db.query("opencypher", cos_fixed, {"a": a, "b": b})[0]["v"]
        euc_v = db.query("opencypher", euc_fixed, {"a": a, "b": b})[0]["v"]
    finally:
        db.close()
    # ArcadeDB computes vector functions in 32-bit floats
    assert math.isclose(cos_v, (1 + _cos(a, b)) / 2, rel_tol=1e-6, abs_tol=1e-7)
    assert math.isclose(euc_v, 1 / (1 + d2), rel_tol=1e-6)
