"""A whole Neo4j schema file -> one ordered, idempotent ArcadeDB SQL script.

The file is parsed once; every statement becomes a plan (``translate.plan_statement``); a catalog
of the whole file settles what one statement cannot know alone (property types, which Neo4j name
defines which index, whether a name is a label or a relationship type); a pass over all index
actions in order resolves what ArcadeDB cannot hold at once (one index per property list); then
each statement is rendered under a comment that quotes it, with repeated ``CREATE TYPE`` /
``CREATE PROPERTY`` lines left out after their first appearance.

The script runs as one SQL script (Studio's "SQL Script" language, HTTP/embedded language
``sqlscript``), outside an explicit transaction, and can be run again without changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cypherlint.ddl.hints import SchemaHints, comment_hints
from cypherlint.ddl.translate import (
    INFO, LOST, WARNING, Catalog, CreateIndex, DropByName, DropIndex, Flags, Note, Rendered, StatementPlan,
    _one_line, plan_statement, render, status_of,
)
from cypherlint.ddl.sqlnames import sql_name
from cypherlint.syntax.parser import parse

# Target data that changes the SQL (cypherlint/targets/facts/schema.toml and compat.json).
_INE_CONSTRUCTS = {
    "ddl.sql.index.ine.twice": ("NOTUNIQUE", "UNIQUE"),
    "ddl.sql.index.ine.fulltext": ("FULL_TEXT",),
    "ddl.sql.index.ine.vector": ("LSM_VECTOR",),
}
_NOTE_CONSTRUCTS = {
    "ddl.sql.vector.euclidean": "similarity=EUCLIDEAN",
}


def flags_for(target) -> Flags:
    """Target-dependent rendering choices, from the compatibility data (never hard-coded releases)."""
    if target is None:
        return Flags()
    no_ine: set[str] = set()
    for construct, kinds in _INE_CONSTRUCTS.items():
        if target.affected(construct) is not None:
            no_ine.update(kinds)
    notes = []
    for construct, key in _NOTE_CONSTRUCTS.items():
        a = target.affected(construct)
        if a is not None:
            title = target.data.titles.get(construct, construct)
            notes.append((key, f"{title}: {a.where}"))
    return Flags(frozenset(no_ine), tuple(notes))


@dataclass
class Block:
    plan: StatementPlan
    rendered: Rendered
    status: str
    suppressed: dict = field(default_factory=dict)  # action position -> why it is not created

    @property
    def sql(self) -> list[str]:
        return self.rendered.sql

    @property
    def notes(self) -> list[Note]:
        return self.rendered.notes


@dataclass
class Script:
    source: str
    target: str
    blocks: list[Block]
    reset_sql: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # unusable hint comments
    catalog: Catalog | None = None  # what the whole file declares

    # ---------------------------------------------------------------------- counts and status
    def counts(self) -> dict[str, int]:
        out = {"translated": 0, "partial": 0, "untranslated": 0, "not-needed": 0, "skipped": 0}
        for b in self.blocks:
            out[b.status] += 1
        return out

    @property
    def complete(self) -> bool:
        """Every schema statement translated (or needing nothing), and every hint usable."""
        return not self.problems and all(b.status in ("translated", "not-needed", "skipped") for b in self.blocks)

    def statements(self) -> list[str]:
        """Every SQL statement of the script in order, as run (reset first, duplicates left out)."""
        out = list(self.reset_sql)
        for lines in self._deduped():
            out.extend(lines)
        return out

    def _deduped(self) -> list[list[str]]:
        seen: set[str] = set()
        out = []
        for b in self.blocks:
            lines = []
            for line in b.sql:
                if line.startswith(("CREATE VERTEX TYPE", "CREATE EDGE TYPE", "CREATE PROPERTY")):
                    if line in seen:
                        continue
                    seen.add(line)
                lines.append(line)
            out.append(lines)
        return out

    def assumed_strings(self) -> list[tuple[str, str]]:
        out = []
        for b in self.blocks:
            for n in b.notes:
                if isinstance(n.key, tuple) and n.key[0] == "string" and n.key[1:] not in out:
                    out.append(n.key[1:])
        return out

    # ---------------------------------------------------------------------------- the text
    def render(self) -> str:
        c = self.counts()
        schema = len(self.blocks) - c["skipped"]
        head = [
            f"-- ArcadeDB SQL translated by cypherlint ddl from {self.source} (target: {self.target})",
            f"-- {schema} schema statement{'s' if schema != 1 else ''}: {c['translated']} translated, "
            f"{c['partial']} partly translated, {c['untranslated']} not translated, {c['not-needed']} not needed"
            + (f"; {c['skipped']} other statement{'s' if c['skipped'] != 1 else ''} skipped" if c["skipped"] else ""),
            "-- Run it as one SQL script (Studio: language \"SQL Script\"; HTTP or embedded: language \"sqlscript\"),",
            "-- outside a transaction. Running it again changes nothing.",
        ]
        assumed = self.assumed_strings()
        if assumed:
            head.append("-- warning: property type assumed STRING (no type constraint or hint says otherwise) for: "
                        + ", ".join(f"{t}.{p}" for t, p in assumed))
            head.append("--   declare the types the data has (--schema hints.toml, or `// cypherlint: type Label.prop=LONG`")
            head.append("--   comments): MERGE/MATCH with a value of another type misbehave on ArcadeDB up to 26.7.2")
        for p in self.problems:
            head.append(f"-- hint ignored: {p}")
        parts = ["\n".join(head)]
        if self.reset_sql:
            parts.append("\n".join(["-- reset: drops every type below WITH ITS DATA (edges first, then vertices)",
                                    *(s + ";" for s in self.reset_sql)]))
        for b, lines in zip(self.blocks, self._deduped()):
            parts.append(_block_text(b, lines))
        return "\n\n".join(parts) + "\n"


_STATUS_WORDS = {
    "partial": "partly translated",
    "untranslated": "not translated",
    "not-needed": "nothing needed",
    "skipped": "skipped (not a schema statement)",
}


def _block_text(block: Block, lines: list[str]) -> str:
    plan = block.plan
    head = f"-- line {plan.line}: {_one_line(plan.text)}"
    if block.status in _STATUS_WORDS:
        head += f"  [{_STATUS_WORDS[block.status]}]"
    out = [head]
    if block.status != "skipped":
        for n in block.notes:
            if n.key is not None:
                continue  # stated once in the header
            word = {INFO: "note", WARNING: "warning", LOST: "not translated"}[n.level]
            out.append(f"--   {word}: {_one_line(n.text, 400)}")
    if block.sql and not lines:
        out.append("--   (every statement above already declares what it needs)")
    out.extend(line + ";" for line in lines)
    return "\n".join(out)


# ------------------------------------------------------------------------------ index conflicts


def _index_conflicts(plans: list[StatementPlan], catalog: Catalog) -> dict[int, dict[int, Note]]:
    """Positions of index actions that must not be created, with the note that says why.

    ArcadeDB keeps one index per type and property list, and ``CREATE INDEX IF NOT EXISTS`` on a
    list that already has an index of another kind silently does nothing up to 26.7.2 (26.10.2
    raises instead). So: a NOTUNIQUE index that a later UNIQUE one on the same properties would
    collide with gives way to it (the unique index serves the same lookups); a second index of
    another kind (FULL_TEXT, LSM_VECTOR) on a list that already has one is not created.
    """
    seq = []  # (plan i, action j, action, line)
    for i, plan in enumerate(plans):
        for j, action in enumerate(plan.actions):
            if isinstance(action, (CreateIndex, DropIndex, DropByName)):
                seq.append((i, j, action, plan.line))

    def key(a: CreateIndex):
        return (catalog.entity(a.entity)[0].name, a.props)

    def dropped_keys(a) -> set:
        if isinstance(a, DropIndex):
            return {k for k in keys_by_name.get(a.name, ())}
        if isinstance(a, DropByName):
            found = catalog.resolve(a.name, 10**9)
            if found is None:
                return set()
            return {key(d) for d in found.actions if isinstance(d, CreateIndex)}
        return set()

    keys_by_name: dict[str, set] = {}
    for _, _, a, _ in seq:
        if isinstance(a, CreateIndex):
            keys_by_name.setdefault(a.name, set()).add(key(a))

    out: dict[int, dict[int, Note]] = {}
    live: dict[tuple, tuple[str, tuple, int]] = {}
    for n, (i, j, a, line) in enumerate(seq):
        if not isinstance(a, CreateIndex):
            for k in dropped_keys(a):
                live.pop(k, None)
            continue
        k = key(a)
        if a.replace:
            live.pop(k, None)
        if k not in live:
            if a.kind == "NOTUNIQUE":
                later = _later_unique(seq[n + 1 :], k, key, dropped_keys)
                if later is not None:
                    out.setdefault(i, {})[j] = Note(INFO, f"index {a.name} not created here: the UNIQUE index at line "
                                                          f"{later} takes its place (ArcadeDB keeps one index per "
                                                          "property list; a unique index serves the same lookups)")
                    continue
            live[k] = (a.kind, a.metadata, line)
            continue
        kind, meta, at = live[k]
        if kind == a.kind and meta == a.metadata:
            continue  # the same index again: IF NOT EXISTS makes it a no-op
        if kind == "UNIQUE" and a.kind == "NOTUNIQUE":
            out.setdefault(i, {})[j] = Note(INFO, f"index {a.name} not created: the UNIQUE index from line {at} "
                                                  "already covers these properties")
            continue
        what = f"a {kind} index" + (f" with {dict(meta)}" if meta and kind == a.kind else "")
        out.setdefault(i, {})[j] = Note(LOST, f"{a.kind} index {a.name} not created: ArcadeDB keeps one index per "
                                              f"property list and line {at} already makes it {what}")
    return out


def _later_unique(rest, k, key, dropped_keys) -> int | None:
    for _, _, a, line in rest:
        if isinstance(a, CreateIndex):
            if key(a) == k and a.kind == "UNIQUE":
                return line
        elif k in dropped_keys(a):
            return None
    return None


# ------------------------------------------------------------------------------------ the entry


def translate_text(text: str, *, target=None, hints: SchemaHints | None = None, reset: bool = False,
                   source: str = "<text>") -> Script:
    """Translate every schema statement of ``text``; ``target`` is a parsed Target (or None)."""
    parsed = parse(text)
    plans, catalog, problems = file_plans(parsed, text, hints)
    flags = flags_for(target)
    conflicts = _index_conflicts(plans, catalog)
    blocks = []
    for i, plan in enumerate(plans):
        rendered = render(plan, catalog, flags, conflicts.get(i))
        blocks.append(Block(plan, rendered, status_of(plan, rendered), conflicts.get(i, {})))
    reset_sql = _reset(catalog) if reset else []
    return Script(source, target.spec if target is not None else "arcadedb", blocks, reset_sql, problems, catalog)


def file_plans(parsed, text: str, hints: SchemaHints | None = None):
    """(plans, catalog, hint problems) of a parsed text; hint comments fill what ``hints`` leaves open."""
    lines = _LineOf(text)
    inline, problems = comment_hints(parsed.comments, lines)
    merged = (hints or SchemaHints()).merged(inline)
    plans = [plan_statement(st, text, lines(st.start)) for st in parsed.statements]
    return plans, Catalog.build(plans, merged), problems


class _LineOf:
    def __init__(self, text: str):
        import bisect

        self._bisect = bisect.bisect_right
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def __call__(self, offset: int) -> int:
        return self._bisect(self.starts, offset)


def _reset(catalog: Catalog) -> list[str]:
    edges = [n for n, (edge, _) in catalog.kinds.items() if edge]
    vertices = [n for n, (edge, _) in catalog.kinds.items() if not edge]
    return [f"DROP TYPE {sql_name(n)} IF EXISTS UNSAFE" for n in [*edges, *vertices]]


__all__ = ["Block", "Script", "file_plans", "flags_for", "translate_text", "WARNING"]


# --------------------------------------------------------------------- one statement, for rules

_SCHEMA_WORDS = frozenset({"CREATE", "DROP", "SHOW", "CALL"})
# The last text analysed and its (plans by statement index, catalog, conflicts by index). One
# tuple swapped in by a single store, so a thread never sees one text with another's analysis.
_TEXT_CACHE: list = [(None, None)]


def _text_analysis(text: str):
    """Plans of the statements of ``text`` that can be schema statements, and the file catalog.

    The lint engine parses a text one statement at a time and frees each tree once analysed, so
    a rule cannot look at the other statements' trees; this re-reads the text on its own, parsing
    only statements that start with CREATE, DROP, SHOW or CALL (cached for the last text seen).
    """
    cached, analysis = _TEXT_CACHE[0]
    if cached is not None and (cached is text or cached == text):
        return analysis
    from cypherlint.syntax.fastlexer import tokenize
    from cypherlint.syntax.parser import MAX_STATEMENT_TOKENS, split_statements

    lexed = tokenize(text, MAX_STATEMENT_TOKENS)
    lines = _LineOf(text)
    plans: dict[int, StatementPlan] = {}
    for index, toks in enumerate(split_statements(lexed.tokens)):
        if not toks or toks[0].text.upper() not in _SCHEMA_WORDS or len(toks) >= MAX_STATEMENT_TOKENS:
            continue
        start, end = toks[0].start, toks[-1].stop + 1
        piece = text[start:end]
        sub = parse(piece).statements
        if len(sub) != 1:
            continue
        plan = plan_statement(sub[0], piece, lines(start))
        plan.index = index
        plans[index] = plan
    inline, _ = comment_hints(lexed.comments, lines)
    ordered = [plans[i] for i in sorted(plans)]
    catalog = Catalog.build(ordered, inline)
    conflicts = _index_conflicts(ordered, catalog)
    by_index = {ordered[i].index: c for i, c in conflicts.items()}
    analysis = (plans, catalog, by_index)
    _TEXT_CACHE[0] = (text, analysis)
    return analysis


def file_catalog(parsed, text: str) -> Catalog:
    """The catalog of a text (``parsed`` is unused: the engine may have freed its trees)."""
    return _text_analysis(text)[1]


def statement_rendering(parsed, text: str, index: int, target=None) -> tuple[StatementPlan, Rendered] | None:
    """The plan and SQL of statement ``index`` of ``text``, knowing the whole text.

    For rules: the catalog (names, types) and the index conflicts come from every statement of the
    text; the rendering is self-contained.
    """
    plans, catalog, conflicts = _text_analysis(text)
    plan = plans.get(index)
    if plan is None:
        return None
    return plan, render(plan, catalog, flags_for(target), conflicts.get(index))
