"""The runner and its judgement, on the real engine: what counts as ok, error, wrong, unknown."""

from __future__ import annotations

import pytest

from cypherlint.probe.cases import Case, Post, judge, Execution, Failure, rows_equal, values_equal


def case(**kw) -> Case:
    kw.setdefault("code", "T")
    kw.setdefault("index", 0)
    kw.setdefault("construct", "test.construct")
    return Case(**kw)


# ------------------------------------------------------------------ fixtures are what they claim


def test_people_fixture_has_12_nodes_and_10_relationships(runner):
    nodes = runner.execute(case(bad="MATCH (n) RETURN labels(n)[0] AS l, count(*) AS c", setup="people"))
    assert nodes.failure is None and nodes.setup_failure is None
    assert rows_equal(nodes.rows, [{"l": "Person", "c": 5}, {"l": "Company", "c": 1}, {"l": "City", "c": 4},
                                   {"l": "Worker", "c": 2}])
    rels = runner.execute(case(bad="MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c", setup="people"))
    assert rows_equal(rels.rows, [{"t": "KNOWS", "c": 4}, {"t": "WORKS_AT", "c": 2}, {"t": "ROAD", "c": 4}])


def test_unique_string_key_fixture_rejects_a_duplicate_at_commit(runner):
    ex = runner.execute(case(bad="CREATE (:X {key: 'k'}) CREATE (:X {key: 'k'})", setup="unique_string_key"))
    assert ex.failure is not None
    assert "Duplicated" in ex.failure.text()


def test_docs_fixture_has_a_vector_index_named_like_arcadedb_does(runner):
    ex = runner.execute(case(bad="SELECT name, indexType FROM schema:indexes WHERE name = 'Doc[embedding]'",
                             language="sql", setup="docs", mode="query"))
    assert ex.failure is None, ex.failure
    assert ex.rows == [{"name": "Doc[embedding]", "indexType": "LSM_VECTOR"}]
    docs = runner.execute(case(bad="MATCH (d:Doc) RETURN d.name AS n", setup="docs"))
    assert rows_equal(docs.rows, [{"n": "d1"}, {"n": "d2"}, {"n": "d3"}])


# ------------------------------------------------------------------ classification


def test_a_known_wrong_construct_is_classified_wrong(runner):
    # vector.similarity.cosine returns the raw cosine (0.0 for orthogonal vectors) on every release;
    # Neo4j's scale is (1 + cos) / 2.
    v = runner.run(case(bad="RETURN vector.similarity.cosine([1.0, 0.0], [0.0, 1.0]) AS s", setup="empty",
                        expected=[{"s": 0.5}]))
    assert v.outcome == "wrong", v
    assert "Neo4j returns" in v.evidence and '"s": 0.5' in v.evidence


def test_a_failing_construct_is_classified_error_with_the_root_cause(runner):
    # Neo4j's index name does not exist in ArcadeDB (it calls the index 'Doc[embedding]').
    v = runner.run(case(
        bad="CALL db.index.vector.queryNodes('vidx', 2, [1.0, 0.0, 0.0]) YIELD node RETURN node.name AS name",
        setup="docs", expected=[{"name": "d1"}, {"name": "d3"}]))
    assert v.outcome == "error", v
    assert v.detail["error"]["class"].startswith("com.arcadedb.")
    assert "vidx" in v.evidence or "queryNodes" in v.evidence.lower() or "querynodes" in v.evidence


def test_same_rows_are_ok_as_a_multiset_and_order_matters_only_when_asked(runner):
    q = "MATCH (p:Person) RETURN p.name AS name ORDER BY p.age DESC"
    names = [{"name": n} for n in "abcde"]
    assert runner.run(case(bad=q, setup="people", expected=names)).outcome == "ok"
    assert runner.run(case(bad=q, setup="people", expected=names, ordered=True)).outcome == "wrong"
    assert runner.run(case(bad=q, setup="people", expected=names[::-1], ordered=True)).outcome == "ok"


def test_integer_and_float_compare_equal_but_a_missing_row_does_not(runner):
    assert runner.run(case(bad="RETURN 1 AS v", setup="empty", expected=[{"v": 1.0}])).outcome == "ok"
    assert runner.run(case(bad="UNWIND [1, 1] AS v RETURN v", setup="empty", expected=[{"v": 1}])).outcome == "wrong"


def test_nested_parameters_reach_the_engine(runner):
    v = runner.run(case(
        bad="UNWIND $rows AS row RETURN row.k AS k, row.tags AS tags, $m.x AS x",
        setup="empty",
        params={"rows": [{"k": 1, "tags": ["a", "b"]}, {"k": 2, "tags": []}], "m": {"x": 2.5}},
        expected=[{"k": 1, "tags": ["a", "b"], "x": 2.5}, {"k": 2, "tags": [], "x": 2.5}],
    ))
    assert v.outcome == "ok", v


def test_expect_error_means_ok_only_when_the_engine_raises(runner):
    assert runner.run(case(bad="RETURN 1/0 AS v", setup="empty", expect_error=True)).outcome == "ok"
    v = runner.run(case(bad="RETURN 1 AS v", setup="empty", expect_error=True))
    assert v.outcome == "wrong" and "without the error" in v.evidence


def test_post_checks_see_committed_side_effects(runner):
    bad = "UNWIND [1, 2, 3] AS i CREATE (:Thing {i: i})"
    ok = case(bad=bad, setup="empty", expected=[], post=Post("MATCH (t:Thing) RETURN count(t) AS c", [{"c": 3}]))
    assert runner.run(ok).outcome == "ok"
    wrong = case(bad=bad, setup="empty", expected=[], post=Post("SELECT count(*) AS c FROM Thing", [{"c": 2}], "sql"))
    v = runner.run(wrong)
    assert v.outcome == "wrong" and "post-check" in v.evidence


def test_a_broken_fixture_is_unknown_not_a_failure_of_the_construct(runner):
    v = runner.run(case(bad="RETURN 1 AS v", setup=("CREATE VERTEX TYPE",), expected=[{"v": 1}]))
    assert v.outcome == "unknown" and v.evidence.startswith("setup failed")


def test_an_unknown_fixture_name_is_unknown_with_the_known_names(runner):
    v = runner.run(case(bad="RETURN 1 AS v", setup="no_such_graph", expected=[{"v": 1}]))
    assert v.outcome == "unknown" and "people" in v.evidence


def test_each_case_gets_a_fresh_database(runner):
    write = case(bad="CREATE (:Fresh {k: 1})", setup="empty", expected=[])
    assert runner.run(write).outcome == "ok"
    v = runner.run(case(bad="MATCH (n) RETURN count(n) AS c", setup="empty", expected=[{"c": 0}]))
    assert v.outcome == "ok", v


# ------------------------------------------------------------------ pure comparison rules


@pytest.mark.parametrize("a,b,equal", [
    (1, 1.0, True), (True, 1, False), (None, None, True), (None, 0, False), ("1", 1, False),
    ([1, [2.0, {"a": 3}]], [1.0, [2, {"a": 3.0}]], True), ({"a": 1}, {"a": 1, "b": None}, False),
    (0.8535534143447876, 0.8535533905932737, True), (0.85355, 0.8536, False), ([1, 2], [2, 1], False),
])
def test_value_equality(a, b, equal):
    assert values_equal(a, b) is equal


def test_judge_reports_commit_phase_errors():
    c = case(bad="X", expected=[])
    v = judge(c, Execution(failure=Failure("com.arcadedb.exception.DuplicatedKeyException", "dup", None, "commit")))
    assert v.outcome == "error" and v.evidence.endswith("(at commit)")
