"""The public library contract: lint/fix signatures, Diagnostic/Fix/FixResult shapes, errors, threads."""

from __future__ import annotations

import dataclasses
import json
import threading

import pytest

import cypherlint
from cypherlint import Diagnostic, Edit, Fix, FixResult

TOLOWER = "MATCH (n:Person) WHERE toLower(n.name) = 'x' RETURN n"


def test_done_criterion_tolower_legacy_vs_native():
    diags = cypherlint.lint(TOLOWER, target="arcadedb-legacy")
    (d,) = [d for d in diags if d.code == "ARC001"]
    assert TOLOWER[d.start : d.end] == "toLower(n.name)"
    assert (d.line, d.column, d.end_line, d.end_column) == (1, 24, 1, 39)
    assert "legacy" in d.message
    assert cypherlint.lint(TOLOWER, target="arcadedb@26.10") == []


def test_diagnostic_shape_is_the_contract():
    d = cypherlint.lint(TOLOWER, target="arcadedb-legacy")[0]
    assert dataclasses.is_dataclass(d) and d.__dataclass_params__.frozen
    for field in ("code", "name", "message", "severity", "start", "end", "line", "column", "end_line",
                  "end_column", "fix", "url"):
        assert hasattr(d, field)
    as_dict = d.to_dict()
    json.dumps(as_dict)  # plain data
    assert as_dict["code"] == "ARC001" and as_dict["severity"] in ("error", "warning")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.code = "X"  # type: ignore[misc]


def test_syntax_error_is_a_diagnostic_not_an_exception():
    q = "MATCH (n RETURN n"
    diags = cypherlint.lint(q)
    assert [d.code for d in diags] == ["E001"]
    d = diags[0]
    assert q[d.start : d.end] == "RETURN" and d.line == 1 and d.column == 10
    assert d.severity == "error" and d.fix is None


def test_multiple_statements_are_linted_separately():
    q = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c;\nMATCH (n RETURN n;\nSHOW INDEXES"
    codes = [d.code for d in cypherlint.lint(q, target="arcadedb@26.5")]
    assert codes == ["ARC101", "E001", "ARC401"]
    lines = [d.line for d in cypherlint.lint(q, target="arcadedb@26.5")]
    assert lines == [1, 2, 3]


@pytest.mark.parametrize(
    "kwargs,needle",
    [
        ({"target": "neo4j"}, "unknown target"),
        ({"target": "arcadedb@19.1"}, "predates"),
        ({"target": ""}, "empty target"),
        ({"select": "ARC001"}, "not a string"),
        ({"select": ["NOPE999"]}, "unknown rule code"),
        ({"ignore": [3]}, "not a rule code"),
        ({"params": ["x"]}, "params must be a dict"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, needle):
    with pytest.raises(ValueError, match=needle):
        cypherlint.lint("RETURN 1", **kwargs)
    with pytest.raises(ValueError):
        cypherlint.fix("RETURN 1", **kwargs)


def test_query_must_be_a_string():
    with pytest.raises(ValueError):
        cypherlint.lint(b"RETURN 1")  # type: ignore[arg-type]


def test_select_and_ignore_by_code_and_prefix():
    q = "MATCH (n) WHERE 'A' IN labels(n) AND toLower(n.x) = 'a' RETURN ()--()"
    all_codes = {d.code for d in cypherlint.lint(q, target="arcadedb-legacy")}
    assert {"ARC001", "ARC002"} <= all_codes
    assert {d.code for d in cypherlint.lint(q, target="arcadedb-legacy", select=["ARC001"])} == {"ARC001"}
    assert "ARC001" not in {d.code for d in cypherlint.lint(q, target="arcadedb-legacy", ignore=["ARC00"])}
    assert {d.code for d in cypherlint.lint(q, target="arcadedb-legacy", select=["arc0"])} <= {
        f"ARC00{i}" for i in range(10)}


def test_fix_result_shape_and_feedback():
    q = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c"
    r = cypherlint.fix(q, target="arcadedb@26.5")
    assert isinstance(r, FixResult)
    assert r.changed and r.query == "MATCH ()-[r:KNOWS]->() RETURN count(*) AS c"
    assert [d.code for d in r.applied] == ["ARC101"] and r.remaining == []
    assert "No problems" in r.feedback
    json.dumps(r.to_dict())


def test_fix_leaves_text_alone_when_nothing_applies():
    q = "MATCH (n) RETURN n"
    r = cypherlint.fix(q, target="arcadedb@26.10.2")
    assert r.query == q and not r.changed and r.applied == [] and r.remaining == []


def test_unsafe_fixes_need_opt_in():
    q = "UNWIND $rows AS row MERGE (n:X {key: row.key})"
    safe = cypherlint.fix(q, target="arcadedb@26.5")
    assert safe.query == q and [d.code for d in safe.remaining] == ["ARC501"]
    assert safe.remaining[0].fix.applicability == "unsafe"
    unsafe = cypherlint.fix(q, target="arcadedb@26.5", unsafe_fixes=True)
    assert unsafe.query != q and not [d for d in unsafe.remaining if d.code == "ARC501"]


def test_display_only_and_sql_fixes_are_never_applied():
    q = "SHOW INDEXES"
    r = cypherlint.fix(q, target="arcadedb@26.5", unsafe_fixes=True)
    assert r.query == q
    (d,) = r.remaining
    assert d.fix.language == "sql" and d.fix.applicability == "display-only"
    assert "schema:indexes" in d.fix.edits[0].content


def test_feedback_names_what_where_and_instead():
    r = cypherlint.fix("MATCH (n:Person) WHERE toLower(n.name) = $q RETURN n", target="arcadedb-legacy")
    lines = r.feedback.splitlines()
    assert lines[0].startswith("1 problem remains")
    assert 'ARC001 (error) at line 1, column 24, in "toLower(n.name)"' in lines[1]
    assert "Instead:" in lines[1]


def test_comment_inside_a_fixed_range_makes_the_fix_unsafe():
    q = "MATCH (n) WHERE 'Person' /* keep me */ IN labels(n) RETURN n"
    (d,) = [d for d in cypherlint.lint(q, target="arcadedb-legacy") if d.code == "ARC002"]
    assert d.fix.applicability == "unsafe" and "comment" in d.fix.message
    assert cypherlint.fix(q, target="arcadedb-legacy").query == q
    # Outside the range, a comment changes nothing and survives the fix.
    q2 = "// header\nMATCH (n) WHERE 'Person' IN labels(n) RETURN n // tail"
    r = cypherlint.fix(q2, target="arcadedb-legacy")
    assert r.query == "// header\nMATCH (n) WHERE n:Person RETURN n // tail"


def test_fixes_in_several_statements_and_rounds():
    q = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c;\nMATCH (n:A|B) RETURN n"
    r = cypherlint.fix(q, target="arcadedb@26.5")
    assert r.query == "MATCH ()-[r:KNOWS]->() RETURN count(*) AS c;\nMATCH (n) WHERE n:A OR n:B RETURN n"
    assert sorted(d.code for d in r.applied) == ["ARC101", "ARC102"]


def test_fix_held_back_for_renaming_a_column_applies_once_an_alias_protects_it():
    # Found by hypothesis: renaming `my var` would change the unaliased COUNT column, so the
    # rename was held back; ARC213's rewrite then adds an alias, after which the rename is
    # column-neutral. It must apply in the same fix() call, or a second call changes the output.
    q = ("MATCH (m)-->(:Person)-[`my var`]->(:B)-[:ACTED_IN]-(:Person) "
         "RETURN DISTINCT COUNT { (`my var`)<-[:ACTED_IN|`HAS PART`]-()-->() }")
    once = cypherlint.fix(q, target="arcadedb@26.3")
    assert sorted(d.code for d in once.applied) == ["ARC104", "ARC213", "ARC214"]
    assert "`my var`" not in once.query.split(" AS ")[0]
    assert once.query.endswith("AS `COUNT { (``my var``)<-[:ACTED_IN|``HAS PART``]-()-->() }`")
    assert cypherlint.fix(once.query, target="arcadedb@26.3").query == once.query


def test_params_missing_and_unused():
    q = "MATCH (n:Person {name: $name}) WHERE n.age > $minAge RETURN n"
    # (a release where $params in pattern maps are bound: ARC506 flags them on 26.2)
    diags = cypherlint.lint(q, target="arcadedb@26.5", params={"name": "a", "min_age": 3})
    by_code = {d.code: d for d in diags}
    assert q[by_code["ARC502"].start : by_code["ARC502"].end] == "$minAge"
    assert by_code["ARC502"].severity == "error"
    assert by_code["ARC503"].severity == "warning" and "min_age" in by_code["ARC503"].message
    assert cypherlint.lint(q, target="arcadedb@26.5", params={"name": "a", "minAge": 3}) == []
    # Without params= nothing is said about parameters.
    assert cypherlint.lint(q, target="arcadedb@26.5") == []


def test_noqa_suppressions():
    q = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c // noqa: ARC101"
    assert cypherlint.lint(q, target="arcadedb@26.5") == []
    q = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c // noqa"
    assert cypherlint.lint(q, target="arcadedb@26.5") == []
    q = "// cypherlint: noqa\nMATCH ()-[:KNOWS]->() RETURN count(*) AS c"
    assert cypherlint.lint(q, target="arcadedb@26.5") == []
    unused = cypherlint.lint("MATCH (n) RETURN n // noqa: ARC101", target="arcadedb@26.5")
    assert [d.code for d in unused] == ["CL100"] and unused[0].severity == "warning"
    unknown = cypherlint.lint("MATCH (n) RETURN n // noqa: XYZ123")
    assert "unknown rule code XYZ123" in unknown[0].message
    # the unused-suppression fix removes the comment
    assert cypherlint.fix("MATCH (n) RETURN n // noqa: ARC101", target="arcadedb@26.5").query == "MATCH (n) RETURN n "


def test_thread_safety_same_results_as_sequential():
    queries = [
        TOLOWER,
        "MATCH ()-[:KNOWS]->() RETURN count(*) AS c",
        "MATCH (n:A|B) WHERE n.x > 1 RETURN n",
        "UNWIND $rows AS row MERGE (n:X {key: row.key})",
        "MATCH (n RETURN n",
        "SHOW CONSTRAINTS",
    ] * 5
    expected = [cypherlint.fix(q, target="arcadedb@26.5", unsafe_fixes=True).to_dict() for q in queries]
    results: list = [None] * len(queries)
    errors = []

    def work(i):
        try:
            results[i] = cypherlint.fix(queries[i], target="arcadedb@26.5", unsafe_fixes=True).to_dict()
        except Exception as exc:  # pragma: no cover - a failure is the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(queries))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == expected


def test_public_types_are_exported():
    assert cypherlint.Edit is Edit and cypherlint.Fix is Fix and cypherlint.Diagnostic is Diagnostic
    f = Fix("safe", "m", [Edit(5, 6, "b"), Edit(1, 2, "a")])
    assert [e.start for e in f.edits] == [1, 5]
    assert f.language == "cypher"
