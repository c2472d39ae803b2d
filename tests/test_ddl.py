"""`cypherlint ddl` and the translator, without the engine (tests/engine/test_ddl_engine.py runs the SQL)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cypherlint
from cypherlint.cli import main
from cypherlint.ddl.hints import HintError, load_hints
from cypherlint.ddl.script import translate_text
from cypherlint.ddl.translate import LOST
from cypherlint.targets import parse_target

HEADER = """\
-- ArcadeDB SQL translated by cypherlint ddl from schema.cypher (target: arcadedb)
-- 1 schema statement: 1 translated, 0 partly translated, 0 not translated, 0 not needed
-- Run it as one SQL script (Studio: language "SQL Script"; HTTP or embedded: language "sqlscript"),
-- outside a transaction. Running it again changes nothing.
"""


def run_cli(tmp_path, capsys, text: str | bytes | None, *args: str, name: str = "schema.cypher"):
    path = tmp_path / name
    if text is not None:
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    rc = main(["ddl", str(path), *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


# ---------------------------------------------------------------------- the two paste-ready examples


def test_seed_example_is_the_sql_three_step(tmp_path, capsys):
    rc, out, err = run_cli(tmp_path, capsys, "CREATE INDEX worker_name IF NOT EXISTS FOR (n:Worker) ON (n.name)\n")
    assert rc == 0, err
    assert out == HEADER + """\
-- warning: property type assumed STRING (no type constraint or hint says otherwise) for: Worker.name
--   declare the types the data has (--schema hints.toml, or `// cypherlint: type Label.prop=LONG`
--   comments): MERGE/MATCH with a value of another type misbehave on ArcadeDB up to 26.7.2

-- line 1: CREATE INDEX worker_name IF NOT EXISTS FOR (n:Worker) ON (n.name)
CREATE VERTEX TYPE Worker IF NOT EXISTS;
CREATE PROPERTY Worker.name IF NOT EXISTS STRING;
CREATE INDEX IF NOT EXISTS ON Worker (name) NOTUNIQUE;
"""
    assert "1 translated" in err and "Traceback" not in err


def test_vector_example_is_an_lsm_vector_index_on_a_float_array(tmp_path, capsys):
    stmt = ("CREATE VECTOR INDEX doc_embedding IF NOT EXISTS FOR (d:Doc) ON (d.embedding) OPTIONS {indexConfig: "
            "{`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}")
    rc, out, _ = run_cli(tmp_path, capsys, stmt + ";\n")
    assert rc == 0
    assert out == HEADER + f"""
-- line 1: {stmt}
CREATE VERTEX TYPE Doc IF NOT EXISTS;
CREATE PROPERTY Doc.embedding IF NOT EXISTS ARRAY_OF_FLOATS;
CREATE INDEX IF NOT EXISTS ON Doc (embedding) LSM_VECTOR METADATA {{dimensions: 3, similarity: 'COSINE'}};
"""


# ------------------------------------------------------------------------------- exit codes


def test_exit_1_when_something_cannot_be_translated_and_the_script_still_comes_out(tmp_path, capsys):
    rc, out, err = run_cli(tmp_path, capsys, "CREATE INDEX FOR (n:A) ON (n.x);\nDROP INDEX nobody_knows;\n")
    assert rc == 1
    assert "CREATE INDEX IF NOT EXISTS ON A (x) NOTUNIQUE;" in out
    assert "-- line 2: DROP INDEX nobody_knows  [not translated]" in out
    assert "--   not translated: no CREATE in this file (or hint) defines index 'nobody_knows'" in out
    assert "1 not translated" in err


@pytest.mark.parametrize("setup,args,message", [
    (None, [], "cannot read"),                                 # no such file
    (b"\xff\xfe\x00bad", [], "not UTF-8"),                      # binary
    ("CREATE INDEX FOR (n:A) ON (n.x)", ["--target", "neo4j"], "--target"),
    ("CREATE INDEX FOR (n:A) ON (n.x)", ["--schema", "missing.toml"], "--schema"),
    ("CREATE INDEX FOR (n:A) ON (n.x)", ["--bogus"], "no such option"),
])
def test_usage_errors_exit_2_without_a_traceback(tmp_path, capsys, setup, args, message):
    rc, out, err = run_cli(tmp_path, capsys, setup, *args)
    assert rc == 2
    assert message.lower() in err.lower() and "Traceback" not in err and out == ""


def test_a_directory_is_a_usage_error(tmp_path, capsys):
    rc = main(["ddl", str(tmp_path)])
    assert rc == 2 and "directory" in capsys.readouterr().err


def test_output_file_and_empty_input(tmp_path, capsys):
    rc, out, err = run_cli(tmp_path, capsys, "", "-o", str(tmp_path / "out" / "schema.sql"))
    assert rc == 0 and out == ""
    written = (tmp_path / "out" / "schema.sql").read_text(encoding="utf-8")
    assert written.startswith("-- ArcadeDB SQL translated by cypherlint ddl") and "0 schema statements" in written
    assert "SQL written to" in err


def test_syntax_errors_and_data_statements(tmp_path, capsys):
    rc, out, _ = run_cli(tmp_path, capsys, "CREATE INDEX FOR (n:A ON (n.x);\nMATCH (n) RETURN n;\n")
    assert rc == 1
    assert "[not translated]" in out and "syntax error" in out
    assert "-- line 2: MATCH (n) RETURN n  [skipped (not a schema statement)]" in out


# ----------------------------------------------------------------------------------- hints


def test_hint_file_types_properties_and_names_indexes(tmp_path, capsys):
    (tmp_path / "hints.toml").write_text(
        '[properties.Person]\nage = "long"\n[indexes]\nlegacy_idx = "Person.email"\n', encoding="utf-8")
    rc, out, _ = run_cli(tmp_path, capsys, "CREATE INDEX FOR (p:Person) ON (p.age);\nDROP INDEX legacy_idx;\n",
                         "--schema", str(tmp_path / "hints.toml"))
    assert rc == 0
    assert "CREATE PROPERTY Person.age IF NOT EXISTS LONG;" in out and "assumed STRING" not in out
    assert "DROP INDEX `Person[email]` IF EXISTS;" in out


@pytest.mark.parametrize("content,message", [
    ('[properties.Person]\nage = "NUMBER"\n', "not an ArcadeDB property type"),
    ('[indexes]\nx = "nodot"\n', "Type.property"),
    ('[tables]\n', "unknown sections"),
    ("not = toml = at all", "not valid TOML"),
])
def test_bad_hint_files_are_reported(tmp_path, content, message):
    path = tmp_path / "h.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HintError, match=message):
        load_hints(path)


def test_hint_comments_and_a_bad_one(tmp_path, capsys):
    text = ("// cypherlint: type Movie.released=INTEGER, Movie.title=STRING\n"
            "// cypherlint: type Movie.rating=NUMBERISH\n"
            "CREATE INDEX FOR (m:Movie) ON (m.released, m.title);\n")
    rc, out, err = run_cli(tmp_path, capsys, text)
    assert rc == 1  # the bad hint makes the translation incomplete
    assert "CREATE PROPERTY Movie.released IF NOT EXISTS INTEGER;" in out
    assert "CREATE INDEX IF NOT EXISTS ON Movie (released, title) NOTUNIQUE;" in out
    assert "-- hint ignored: line 2: 'NUMBERISH' is not an ArcadeDB property type" in out
    assert "hint ignored" in err


def test_type_constraint_decides_the_property_type_for_every_statement():
    script = translate_text("CREATE INDEX FOR (n:P) ON (n.born);\n"
                            "CREATE CONSTRAINT FOR (n:P) REQUIRE n.born IS :: DATE;\n")
    assert script.statements() == [
        "CREATE VERTEX TYPE P IF NOT EXISTS",
        "CREATE PROPERTY P.born IF NOT EXISTS DATE",
        "CREATE INDEX IF NOT EXISTS ON P (born) NOTUNIQUE",
    ]


# ------------------------------------------------------------------------------- translation


def test_drop_by_name_uses_the_create_in_the_same_file():
    script = translate_text("CREATE CONSTRAINT pk FOR (p:Person) REQUIRE (p.first, p.last) IS NODE KEY;\n"
                            "DROP CONSTRAINT pk;\n")
    assert script.blocks[1].sql == [
        "DROP INDEX `Person[first,last]` IF EXISTS",
        "CREATE VERTEX TYPE Person IF NOT EXISTS",
        "CREATE PROPERTY Person.first IF NOT EXISTS STRING",
        "ALTER PROPERTY Person.first MANDATORY false",
        "ALTER PROPERTY Person.first NOTNULL false",
        "CREATE PROPERTY Person.last IF NOT EXISTS STRING",
        "ALTER PROPERTY Person.last MANDATORY false",
        "ALTER PROPERTY Person.last NOTNULL false",
    ]
    assert script.complete


def test_a_unique_constraint_takes_the_place_of_a_plain_index_on_the_same_properties():
    script = translate_text("CREATE INDEX FOR (p:Person) ON (p.id);\n"
                            "CREATE CONSTRAINT FOR (p:Person) REQUIRE p.id IS UNIQUE;\n")
    creates = [s for s in script.statements() if s.startswith("CREATE INDEX")]
    assert creates == ["CREATE INDEX IF NOT EXISTS ON Person (id) UNIQUE"]
    assert any("takes its place" in n.text for n in script.blocks[0].notes)


def test_a_second_index_kind_on_the_same_property_is_reported_not_created():
    script = translate_text("CREATE INDEX FOR (d:Doc) ON (d.text);\n"
                            "CREATE FULLTEXT INDEX ft FOR (d:Doc) ON EACH [d.text];\n")
    assert [s for s in script.statements() if s.startswith("CREATE INDEX")] == [
        "CREATE INDEX IF NOT EXISTS ON Doc (text) NOTUNIQUE"]
    assert script.blocks[1].status == "partial"
    assert any(n.level == LOST and "one index per property list" in n.text for n in script.blocks[1].notes)


def test_reserved_words_and_odd_names_are_backticked():
    script = translate_text("CREATE INDEX FOR (n:`My Label`) ON (n.select, n.`first-name`, n.name);\n")
    assert script.statements()[-1] == "CREATE INDEX IF NOT EXISTS ON `My Label` (`select`, `first-name`, name) NOTUNIQUE"


def test_relationship_indexes_make_edge_types_and_reset_drops_edges_first():
    script = translate_text("CREATE INDEX FOR (n:Person) ON (n.name);\n"
                            "CREATE INDEX FOR ()-[r:KNOWS]-() ON (r.since);\n", reset=True)
    assert "CREATE EDGE TYPE KNOWS IF NOT EXISTS" in script.statements()
    assert script.reset_sql == ["DROP TYPE KNOWS IF EXISTS UNSAFE", "DROP TYPE Person IF EXISTS UNSAFE"]
    assert script.statements()[:2] == script.reset_sql


def test_fulltext_on_two_labels_and_two_properties_is_four_indexes():
    script = translate_text("CREATE FULLTEXT INDEX t FOR (n:Movie|Book) ON EACH [n.title, n.plot];\n")
    creates = [s for s in script.statements() if s.startswith("CREATE INDEX")]
    assert creates == [f"CREATE INDEX IF NOT EXISTS ON {t} ({p}) FULL_TEXT"
                       for t in ("Movie", "Book") for p in ("title", "plot")]


@pytest.mark.parametrize("stmt,why", [
    ("CREATE VECTOR INDEX v FOR (n:D) ON n.e OPTIONS {indexConfig: {`vector.dimensions`: $dims}}", "literals"),
    ("CREATE VECTOR INDEX v FOR (n:D) ON n.e", "vector.dimensions"),
    ("CREATE POINT INDEX p FOR (n:Place) ON (n.loc)", "spatial"),
    ("CREATE CONSTRAINT FOR (n:D) REQUIRE n.d IS :: DURATION", "no ArcadeDB property type"),
    ("DROP INDEX $name", "parameter"),
    ("SHOW DATABASES", "not a schema listing"),
])
def test_no_equivalent_is_said_in_a_note(stmt, why):
    block = translate_text(stmt).blocks[0]
    assert block.status == "untranslated" and not block.sql
    assert any(n.level == LOST and why in n.text for n in block.notes), block.notes


def test_neo4j_schema_procedures_translate_too():
    script = translate_text("CALL db.index.fulltext.createNodeIndex('titles', ['Movie'], ['title']);\n"
                            "CALL db.index.vector.createNodeIndex('emb', 'Doc', 'vec', 4, 'euclidean');\n"
                            "CALL db.awaitIndexes(300);\n", target=parse_target("arcadedb@26.10"))
    assert [b.status for b in script.blocks] == ["translated", "translated", "not-needed"]
    assert "CREATE INDEX IF NOT EXISTS ON Doc (vec) LSM_VECTOR METADATA {dimensions: 4, similarity: 'EUCLIDEAN'}" \
        in script.statements()


def test_euclidean_vector_indexes_carry_the_measured_caveat_only_where_it_applies():
    stmt = ("CREATE VECTOR INDEX v FOR (n:D) ON (n.e) OPTIONS {indexConfig: {`vector.dimensions`: 2, "
            "`vector.similarity_function`: 'euclidean'}}")
    old = translate_text(stmt, target=parse_target("arcadedb@26.5")).blocks[0]
    new = translate_text(stmt, target=parse_target("arcadedb@26.10")).blocks[0]
    assert old.status == "partial" and any("EUCLIDEAN" in n.text for n in old.notes if n.level == LOST)
    assert new.status == "translated"


def test_a_target_profile_that_measured_if_not_exists_unsafe_drops_it(tmp_path):
    profile = tmp_path / "server.json"
    profile.write_text(json.dumps({"release": "26.10.2", "server": "test",
                                   "outcomes": {"ddl.sql.index.ine.vector": {"outcome": "error"}}}), encoding="utf-8")
    stmt = ("CREATE VECTOR INDEX v FOR (n:D) ON (n.e) OPTIONS {indexConfig: {`vector.dimensions`: 2, "
            "`vector.similarity_function`: 'cosine'}};\nCREATE INDEX FOR (n:D) ON (n.x)")
    script = translate_text(stmt, target=parse_target(str(profile)))
    assert "CREATE INDEX ON D (e) LSM_VECTOR METADATA {dimensions: 2, similarity: 'COSINE'}" in script.statements()
    assert "CREATE INDEX IF NOT EXISTS ON D (x) NOTUNIQUE" in script.statements()
    assert any("without IF NOT EXISTS" in n.text for n in script.blocks[0].notes)


# ----------------------------------------------------------------------- rules use the translator


def test_rule_fixes_show_the_translation_of_the_statement_in_context():
    text = ("CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);\n"
            "DROP INDEX person_name")
    [d] = [d for d in cypherlint.lint(text, target="arcadedb@26.7") if d.code == "ARC406"]
    assert d.fix.language == "sql" and d.fix.applicability == "display-only"
    assert d.fix.edits[0].content == "DROP INDEX `Person[name]` IF EXISTS"
    assert text[d.fix.edits[0].start:d.fix.edits[0].end] == "DROP INDEX person_name"


# ------------------------------------------------------------------------------- robustness

_PIECES = ["CREATE", "DROP", "INDEX", "CONSTRAINT", "VECTOR", "FULLTEXT", "ON", "FOR", "(n:L)", "()-[r:R]-()", "(n)",
           "REQUIRE", "ASSERT", "n.p", "(n.a, n.b)", "IS", "UNIQUE", "NOT", "NULL", "NODE", "KEY", "::", "INTEGER",
           "EACH", "[n.p]", "OPTIONS", "{indexConfig: {`vector.dimensions`: 3}}", "IF", "EXISTS", "name", "$p",
           ":L(p)", "SHOW", "INDEXES", "YIELD", "*", ";", "CALL", "db.index.fulltext.createNodeIndex('x', ['L'], ['p'])"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_any_sequence_of_schema_words_translates_without_an_exception(words):
    script = translate_text(" ".join(words), target=parse_target("arcadedb"))
    text = script.render()
    assert text.startswith("-- ArcadeDB SQL translated")
    for b in script.blocks:
        assert b.status in ("translated", "partial", "untranslated", "not-needed", "skipped")
        assert all(not s.endswith(";") and "\n" not in s for s in b.sql)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_translates_without_an_exception(text):
    translate_text(text).render()
