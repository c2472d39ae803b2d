"""The real-world Cypher strings of Python projects, written back into generated Python modules.

Every ``python-string`` record of ../shared/corpus/realworld/queries.jsonl is embedded in a module
as a literal in a varied style (quotes, prefixes, escapes, implicit concatenation over lines with
comments between the pieces, line continuations, f-strings and ``.format`` templates with doubled
braces, ``+`` concatenation, CRLF files, non-ASCII text) and in a varied context (``session.run``,
transaction functions, ``execute_query``, a module or class constant, a variable later passed to
``Neo4jGraph.query``, an HTTP payload, a query wrapper method). The generator records where it wrote
every character of every query; the extractor must find each query with exactly that text and
exactly those character positions.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass

import pytest

from cypherlint.sources import check_text
from cypherlint.sources.pyextract import extract

from conftest import read_jsonl

MODULE_SIZE = 40


@dataclass
class Expected:
    rid: str
    query: str
    starts: list[int]
    ends: list[int]


class Writer:
    """Builds a module's text while remembering the file span of every character of a query."""

    def __init__(self, newline: str):
        self.parts: list[str] = []
        self.pos = 0
        self.nl = newline

    def put(self, s: str) -> None:
        s = s.replace("\n", self.nl)
        self.parts.append(s)
        self.pos += len(s)

    def raw(self, s: str) -> None:  # already in file form (newlines converted by the caller)
        self.parts.append(s)
        self.pos += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def _encode_char(ch: str, quote: str, triple: bool, rng: random.Random, nl: str, fmt: bool) -> str:
    q = quote[0]
    if ch == "\\":
        return "\\\\"
    if ch == q:
        return "\\" + q
    if ch == "\n":
        return nl if triple and rng.random() < 0.8 else "\\n"
    if ch == "\t":
        return "\\t" if rng.random() < 0.5 else "\t"
    if ch in "{}" and fmt:
        return ch * 2
    if ord(ch) > 127 and rng.random() < 0.5:
        return f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"
    if ch.isalpha() and ch.isascii() and rng.random() < 0.01:
        return f"\\x{ord(ch):02x}"
    return ch


def _raw_ok(s: str, quote: str) -> bool:
    triple = len(quote) == 3
    if "\\" in s or quote[0] in s or "\r" in s or "\t" in s:
        return False
    return triple or "\n" not in s


def write_piece(w: Writer, s: str, rng: random.Random, starts: list, ends: list, fmt_kind: str | None) -> None:
    """One literal token holding ``s``, in a random style; records each character's span."""
    triple = "\n" in s and rng.random() < 0.7 or rng.random() < 0.1
    quote = rng.choice(['"""', "'''"] if triple else ['"', "'"])
    if triple and (s.endswith(quote[0]) or quote in s):
        quote = '"""' if quote == "'''" else "'''"
    fmt = fmt_kind is not None
    prefix = ""
    if fmt_kind == "f":
        prefix = rng.choice(["f", "F", "rf", "fR"]) if _raw_ok(s, quote) and rng.random() < 0.3 else rng.choice(["f", "F"])
    elif fmt_kind is None:
        if _raw_ok(s, quote) and rng.random() < 0.2:
            prefix = rng.choice(["r", "R"])
        elif rng.random() < 0.05:
            prefix = "u"
    raw = "r" in prefix.lower()
    w.put(prefix + quote)
    i = 0
    while i < len(s):
        ch = s[i]
        if raw:
            enc = (ch * 2 if fmt and ch in "{}" else ch).replace("\n", w.nl)
        else:
            enc = _encode_char(ch, quote, len(quote) == 3, rng, w.nl, fmt)
            # a line continuation inside a one-line literal (no character)
            if len(quote) == 1 and ch == " " and rng.random() < 0.02:
                w.raw("\\" + w.nl)
        starts.append(w.pos)
        w.raw(enc)
        ends.append(w.pos)
        i += 1
    w.put(quote)


def write_literal(w: Writer, s: str, rng: random.Random, indent: str) -> tuple[list, list, str]:
    """A string expression for ``s``; returns char spans and the way it was written."""
    starts: list[int] = []
    ends: list[int] = []
    r = rng.random()
    if r < 0.12 and len(s) > 8:  # implicit concatenation over lines, with comments in between
        cuts = sorted(rng.sample(range(1, len(s)), min(len(s) - 1, rng.randint(1, 3))))
        pieces = [s[a:b] for a, b in zip([0] + cuts, cuts + [len(s)])]
        w.put("(")
        for k, piece in enumerate(pieces):
            if k:
                w.put("\n" + indent + "    ")
                if rng.random() < 0.3:
                    w.put("# part %d, é\n" % k + indent + "    ")
            write_piece(w, piece, rng, starts, ends, None)
        w.put(")")
        return starts, ends, "concat"
    if r < 0.18 and len(s) > 8:  # "a" + "b"
        cut = rng.randrange(1, len(s))
        write_piece(w, s[:cut], rng, starts, ends, None)
        w.put(" + ")
        write_piece(w, s[cut:], rng, starts, ends, None)
        return starts, ends, "plus"
    if r < 0.25:
        write_piece(w, s, rng, starts, ends, "f")
        return starts, ends, "f"
    if r < 0.30:
        write_piece(w, s, rng, starts, ends, "format")
        w.put(".format()")
        return starts, ends, "format"
    write_piece(w, s, rng, starts, ends, None)
    return starts, ends, "plain"


CONTEXTS = ["run", "tx", "execute_query", "constant", "variable", "http", "class", "wrapper"]


def build_module(records: list[dict], seed: int) -> tuple[str, list[Expected]]:
    rng = random.Random(seed)
    nl = "\r\n" if seed % 4 == 1 else "\n"
    w = Writer(nl)
    w.put('"""Generated from corpus records — ünïcode docstring."""\n')
    w.put("from neo4j import GraphDatabase\n\ndriver = GraphDatabase.driver('bolt://localhost:7687')\n\n\n")
    w.put("class Repo:\n    def __init__(self, driver):\n        self.driver = driver\n\n")
    w.put("    def _run(self, query, **params):\n        with self.driver.session() as s:\n"
          "            return s.run(query, params).data()\n\n\n")
    expected = []
    for k, rec in enumerate(records):
        q = rec["query"]
        ctx = CONTEXTS[rng.randrange(len(CONTEXTS))]
        if ctx == "run":
            w.put(f"def q{k}(name):\n    with driver.session() as session:\n        return session.run(")
            st, en, _ = write_literal(w, q, rng, "        ")
            w.put(", name=name).data()\n\n\n")
        elif ctx == "tx":
            w.put(f"def _work{k}(tx, rows):\n    tx.run(\n        ")
            st, en, _ = write_literal(w, q, rng, "        ")
            w.put(",\n        rows=rows,\n    )\n\n\n")
            w.put(f"def q{k}(rows):\n    with driver.session() as session:\n"
                  f"        session.execute_write(_work{k}, rows)\n\n\n")
        elif ctx == "execute_query":
            w.put(f"def q{k}():\n    return driver.execute_query(")
            st, en, _ = write_literal(w, q, rng, "    ")
            w.put(', database_="movies")\n\n\n')
        elif ctx == "constant":
            w.put(f"Q{k}_QUERY = ")
            st, en, _ = write_literal(w, q, rng, "")
            w.put("\n\n")
        elif ctx == "variable":
            w.put(f"def q{k}(graph):\n    cypher = ")
            st, en, _ = write_literal(w, q, rng, "    ")
            w.put("\n    return graph.query(cypher)\n\n\n")
        elif ctx == "http":
            w.put(f"def q{k}(client):\n    payload = {{\n        \"language\": \"opencypher\",\n        \"command\": ")
            st, en, _ = write_literal(w, q, rng, "        ")
            w.put(",\n    }\n    return client.post('/api/v1/command/db', json=payload)\n\n\n")
        elif ctx == "class":
            w.put(f"class Holder{k}:\n    FIND_CYPHER = ")
            st, en, _ = write_literal(w, q, rng, "    ")
            w.put("\n\n\n")
        else:
            w.put(f"def q{k}(repo: Repo):\n    return repo._run(")
            st, en, _ = write_literal(w, q, rng, "    ")
            w.put(")\n\n\n")
        expected.append(Expected(rec["id"], q, st, en))
    return w.text(), expected


@pytest.fixture(scope="module")
def records(shared_dir):
    recs = [r for r in read_jsonl(shared_dir / "corpus" / "realworld" / "queries.jsonl") if r["kind"] == "python-string"]
    assert len(recs) > 3000
    return [r for r in recs if r["query"].strip()]


@pytest.fixture(scope="module")
def modules(records):
    out = []
    for m, i in enumerate(range(0, len(records), MODULE_SIZE)):
        out.append(build_module(records[i : i + MODULE_SIZE], m))
    return out


def test_generated_modules_are_valid_python(modules):
    for text, _ in modules:
        compile(text.replace("\r\n", "\n"), "<generated>", "exec")
        ast.parse(text)


def test_every_query_is_found_at_its_exact_position(modules):
    total = found = 0
    wrong_positions = []
    missing = []
    for text, expected in modules:
        tree = ast.parse(text)
        queries, _ = extract(text, tree)
        by_text: dict[str, list] = {}
        for q in queries:
            by_text.setdefault(q.mapped.text, []).append(q)
        for exp in expected:
            total += 1
            cands = by_text.get(exp.query, [])
            if not cands:
                missing.append(exp.rid)
                continue
            if any(q.mapped.starts == exp.starts and q.mapped.ends == exp.ends for q in cands):
                found += 1
            else:
                wrong_positions.append(exp.rid)
    assert not wrong_positions, f"queries found at a wrong position: {wrong_positions[:10]}"
    assert found / total >= 0.99, f"found {found}/{total}; missing e.g. {missing[:10]}"


def test_no_query_is_invented_and_every_diagnostic_lies_in_a_query(modules):
    """Everything extracted is one of the embedded queries, and diagnostics point into them."""
    for text, expected in modules[:10]:
        tree = ast.parse(text)
        queries, _ = extract(text, tree)
        spans = [(e.starts[0], e.ends[-1]) for e in expected if e.starts]
        texts = {e.query for e in expected}
        for q in queries:
            assert q.mapped.text in texts, f"extracted something that is not an embedded query: {q.mapped.text[:80]!r}"
        result = check_text(text, "generated.py", kind="python")
        for d in result.diagnostics:
            assert any(a <= d.start and d.end <= b for a, b in spans), (d.code, d.line, d.column, text[d.start:d.end])


def test_fix_keeps_generated_modules_compiling_and_edits_only_literals(modules):
    for text, expected in modules[:12]:
        result = check_text(text, "generated.py", kind="python", target="arcadedb", fix=True)
        if result.new_text is None:
            continue
        compile(result.new_text.replace("\r\n", "\n"), "<fixed>", "exec")
        # Outside the query literals, not one character changed.
        old_queries, _ = extract(text, ast.parse(text))
        outside_old = _outside(text, sorted((q.mapped.starts[0], q.mapped.ends[-1]) for q in old_queries if q.mapped.text))
        new_tree = ast.parse(result.new_text)
        new_queries, _ = extract(result.new_text, new_tree)
        new_spans = sorted((q.mapped.starts[0], q.mapped.ends[-1]) for q in new_queries if q.mapped.text)
        assert _outside(result.new_text, _merge(new_spans)) == outside_old


def _merge(spans):
    out = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _outside(text: str, spans) -> str:
    out, pos = [], 0
    for a, b in _merge(spans):
        out.append(text[pos:a])
        out.append("\0")
        pos = b
    out.append(text[pos:])
    return "".join(out)
