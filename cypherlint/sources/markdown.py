"""Lint (and fix) Cypher in Markdown fences tagged ``cypher``.

A fence is a line of three or more backticks or tildes (CommonMark): `````cypher`````,
``~~~ cypher {title="x"}``, ```` ```Cypher title=x ````. Its info string's first word decides
the language. The block runs to a closing fence of the same character, at least as long, or to the
end of the document. When the opening fence is indented (e.g. inside a list item), that much
indentation is removed from each content line, as CommonMark does; positions are mapped back to
the ``.md`` file exactly, and fixes are written back with the indentation restored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from cypherlint.engine import LineIndex, run, validate_codes
from cypherlint.model import Diagnostic, Edit, Fix
from cypherlint.sources import FileResult
from cypherlint.sources.positions import Char, Mapped
from cypherlint.targets import parse_target

_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n\r]*?)[ \t]*$")
_LANGS = {"cypher", "opencypher", "cql"}


@dataclass
class Block:
    mapped: Mapped  # the Cypher (indentation removed, line breaks as "\n") and its map into the file
    indent: str  # the indentation removed from each line (restored when writing back)
    newline: str

    @property
    def text(self) -> str:
        return self.mapped.text


def _lines(text: str):
    """(start, end of content, end including the line break) for every line."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        j = text.find("\n", i)
        if j == -1:
            content_end = n
            if content_end > i and text[content_end - 1] == "\r":
                content_end -= 1
            out.append((i, content_end, n))
            break
        content_end = j - 1 if j > i and text[j - 1] == "\r" else j
        out.append((i, content_end, j + 1))
        i = j + 1
    return out


def cypher_blocks(text: str) -> list[Block]:
    lines = _lines(text)
    blocks = []
    k = 0
    while k < len(lines):
        ls, le, _ = lines[k]
        m = _OPEN.match(text, ls, le)
        if m is None or (m.group("fence")[0] == "`" and "`" in m.group("info")):
            k += 1
            continue
        fence, indent = m.group("fence"), m.group("indent")
        info = m.group("info").strip()
        word = re.split(r"[\s{,]", info, maxsplit=1)[0].strip(".").lower() if info else ""
        close = re.compile(r"[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        end = k + 1
        while end < len(lines) and not close.match(text, lines[end][0], lines[end][1]):
            end += 1
        if word in _LANGS:
            blocks.append(_block(text, lines[k + 1 : end], indent))
        k = end + 1
    return blocks


def _block(text: str, lines, indent: str) -> Block:
    items: list[Char] = []
    newline = "\n"
    for ls, le, lend in lines:
        i = ls
        removed = 0
        while i < le and removed < len(indent) and text[i] in " \t":
            i += 1
            removed += 1
        items.extend(Char(text[j], j, j + 1, 0) for j in range(i, le))
        if lend > le:
            if text[le:lend] == "\r\n":
                newline = "\r\n"
            items.append(Char("\n", le, lend, 0))
    origin = lines[0][0] if lines else 0
    return Block(Mapped.render(items, [], (origin, origin)), indent, newline)


def check_markdown(
    text: str,
    path: str,
    *,
    target: str = "arcadedb",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
) -> FileResult:
    t = parse_target(target)
    sel = validate_codes(select, "select")
    ign = validate_codes(ignore, "ignore")
    diags, blocks = _lint(text, t, sel, ign)
    if not fix:
        return FileResult(path, diags)
    import cypherlint

    edits: list[Edit] = []
    applied: list[Diagnostic] = []
    fixed_texts = []
    for block, bdiags in blocks:
        result = cypherlint.fix(block.text, target=target, unsafe_fixes=unsafe_fixes, select=select, ignore=ignore)
        if not result.changed:
            continue
        old, new = block.text, result.query
        p = 0
        m = min(len(old), len(new))
        while p < m and old[p] == new[p]:
            p += 1
        s = 0
        while s < m - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
            s += 1
        a, b, content = p, len(old) - s, new[p : len(new) - s]
        fixed_texts.append((block, new))
        fs, fe = block.mapped.file_span(a, b)
        edits.append(Edit(fs, fe, content.replace("\n", block.newline + block.indent)))
        lines = LineIndex(text)
        for d in result.applied:
            ds, de = block.mapped.file_span(d.start, d.end)
            applied.append(_diag(d, ds, de, lines, None))
    if not edits:
        return FileResult(path, diags)
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos : e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    new_text = "".join(out)
    # The rewrite must leave every block in place, each holding exactly its fixed query.
    fixed = {id(b): f for b, f in fixed_texts}
    after = [b.text for b in cypher_blocks(new_text) if b.text.strip()]
    if after != [fixed.get(id(b), b.text) for b, _ in blocks]:
        return FileResult(path, diags)
    remaining, _ = _lint(new_text, t, sel, ign)
    return FileResult(path, remaining, new_text, applied)


def _lint(text, target, select, ignore):
    lines = LineIndex(text)
    out = []
    blocks = []
    for block in cypher_blocks(text):
        if not block.text.strip():
            continue
        bd = run(block.text, target, None, select, ignore)
        blocks.append((block, bd))
        for d in bd:
            s, e = block.mapped.file_span(d.start, d.end)
            out.append(_diag(d, s, e, lines, _map_fix(d.fix, block)))
    out.sort(key=lambda d: (d.start, d.end, d.code))
    return out, blocks


def _map_fix(fix: Fix | None, block: Block) -> Fix | None:
    if fix is None:
        return None
    edits = []
    for e in fix.edits:
        s, t = block.mapped.file_span(e.start, e.end)
        content = e.content.replace("\n", block.newline + block.indent) if fix.language == "cypher" else e.content
        edits.append(Edit(s, t, content))
    return Fix(fix.applicability, fix.message, tuple(edits), fix.language)


def _diag(d: Diagnostic, start: int, end: int, lines: LineIndex, fix) -> Diagnostic:
    line, col = lines.line_col(start)
    eline, ecol = lines.line_col(end)
    return Diagnostic(d.code, d.name, d.message, d.severity, start, end, line, col, eline, ecol, fix, d.url, d.hint)
