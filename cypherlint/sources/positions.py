"""Python string literals, character by character: where each character of a value sits in the file.

Cypher found in a Python file is linted as the *value* of a string literal, but every diagnostic
must point into the file, and every fix must be written back into the literal with the literal's
own quoting. This module does the exact bookkeeping, independently of the running Python's
tokenizer (so it behaves the same on every supported Python and understands the f-string syntax
of Python 3.12+ even when run on an older one):

* :func:`scan_string` finds the end of one literal (prefix, quotes, body) starting at an offset;
* :func:`decode` turns a literal's body into :class:`Char` items (a value character and the file
  span it came from: escapes, line continuations, CRLF newlines) and :class:`Hole` items (f-string
  replacement fields, and later template placeholders);
* :class:`Mapped` renders items into a text with a per-character offset map back into the file;
* :func:`encode` writes a value fragment in a given literal's style, or says it cannot.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

_PREFIX_QUOTE = re.compile(r"([rRbBuUfFtT]{0,2})('''|\"\"\"|'|\")")
_VALID_PREFIXES = frozenset({"", "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt"})
_SIMPLE_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                   "t": "\t", "v": "\v"}
_OCT = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")


class StringScanError(ValueError):
    """The text at an offset is not a complete Python string literal."""


@dataclass(frozen=True)
class StrToken:
    """One string literal token: ``text[start:end]``; its body is ``text[body_start:body_end]``."""

    start: int
    end: int
    prefix: str  # as written, e.g. "rb", "F"
    quote: str  # ', ", ''' or """
    body_start: int
    body_end: int

    @property
    def flags(self) -> str:
        return self.prefix.lower()

    @property
    def raw(self) -> bool:
        return "r" in self.flags

    @property
    def is_bytes(self) -> bool:
        return "b" in self.flags

    @property
    def is_format(self) -> bool:  # f-strings and (3.14) t-strings
        return "f" in self.flags or "t" in self.flags

    @property
    def triple(self) -> bool:
        return len(self.quote) == 3


@dataclass(frozen=True, slots=True)
class Char:
    """A value character and the file span ``[start, end)`` it was written as."""

    ch: str
    start: int
    end: int
    piece: int = -1  # index of the literal token it belongs to (set by the caller)


@dataclass(frozen=True, slots=True)
class Hole:
    """Something that is not literal text: an f-string field, a template placeholder, an operand."""

    start: int
    end: int
    source: str  # the Python text it stands for (for messages)
    kind: str = "field"  # "field" (f-string), "format" ({name}), "percent" (%s), "operand" (a + b)


Item = "Char | Hole"


def _is_ident_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def string_start(text: str, i: int) -> re.Match | None:
    """A prefix+quote opening a literal at ``i`` (not in the middle of an identifier), or None."""
    m = _PREFIX_QUOTE.match(text, i)
    if m is None or m.group(1).lower() not in _VALID_PREFIXES:
        return None
    if i > 0 and _is_ident_char(text[i - 1]) and m.group(1):
        return None
    return m


def scan_string(text: str, i: int) -> StrToken:
    """The literal starting exactly at ``i``; raises :class:`StringScanError` if there is none."""
    m = string_start(text, i)
    if m is None:
        raise StringScanError(f"no string literal at offset {i}")
    prefix, quote = m.group(1), m.group(2)
    body_start = m.end()
    fmt = "f" in prefix.lower() or "t" in prefix.lower()
    if fmt:
        body_end = _scan_format_body(text, body_start, quote, "r" in prefix.lower())
    else:
        body_end = _scan_plain_body(text, body_start, quote)
    return StrToken(i, body_end + len(quote), prefix, quote, body_start, body_end)


def _scan_plain_body(text: str, j: int, quote: str) -> int:
    n = len(text)
    triple = len(quote) == 3
    q = quote[0]
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            if j > n:
                break
            # "\" + CRLF: the continuation covers both characters
            if text[j - 1] == "\r" and j < n and text[j] == "\n":
                j += 1
            continue
        if c == q and (not triple or text.startswith(quote, j)):
            return j
        if c in "\r\n" and not triple:
            raise StringScanError(f"unterminated string literal at offset {j}")
        j += 1
    raise StringScanError("unterminated string literal")


def _scan_format_body(text: str, j: int, quote: str, raw: bool) -> int:
    n = len(text)
    triple = len(quote) == 3
    q = quote[0]
    while j < n:
        c = text[j]
        if c == "\\":
            if not raw and text.startswith("N{", j + 1):
                k = text.find("}", j + 3)
                if k == -1:
                    raise StringScanError("unterminated \\N{...} escape")
                j = k + 1
                continue
            # a brace after a backslash still opens/closes a field
            j += 1 if text.startswith(("{", "}"), j + 1) else 2
            if text[j - 1 : j + 1] == "\r\n":  # "\" + CRLF continues the line
                j += 1
            continue
        if c == "{":
            if text.startswith("{", j + 1):
                j += 2
                continue
            j = _scan_field(text, j + 1, quote, raw)
            continue
        if c == "}":
            j += 2 if text.startswith("}", j + 1) else 1
            continue
        if c == q and (not triple or text.startswith(quote, j)):
            return j
        if c in "\r\n" and not triple:
            raise StringScanError(f"unterminated string literal at offset {j}")
        j += 1
    raise StringScanError("unterminated f-string")


def _scan_field(text: str, j: int, quote: str, raw: bool) -> int:
    """Offset just past the ``}`` closing a replacement field whose expression starts at ``j``."""
    n = len(text)
    depth = 0
    triple = len(quote) == 3
    while j < n:
        c = text[j]
        if c in "([{":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "}":
            if depth == 0:
                return j + 1
            depth -= 1
        elif depth == 0 and c == "!" and not text.startswith("!=", j):
            j += 1
            while j < n and _is_ident_char(text[j]):
                j += 1
            continue
        elif depth == 0 and c == ":":
            return _scan_format_spec(text, j + 1, quote, raw)
        elif c == "#" and triple:
            k = text.find("\n", j)
            j = n if k == -1 else k
            continue
        elif c in "'\"" or (c.isalpha() and string_start(text, j) is not None):
            m = string_start(text, j)
            if m is not None:
                j = scan_string(text, j).end
                continue
        elif c == "\\":
            j += 2
            continue
        elif c in "\r\n" and not triple and quote in ("'", '"') and depth == 0:
            raise StringScanError("unterminated f-string field")
        j += 1
    raise StringScanError("unterminated f-string field")


def _scan_format_spec(text: str, j: int, quote: str, raw: bool) -> int:
    n = len(text)
    while j < n:
        c = text[j]
        if c == "{":
            j = _scan_field(text, j + 1, quote, raw)
            continue
        if c == "}":
            return j + 1
        if c == "\\":
            j += 2
            continue
        if text.startswith(quote, j):
            raise StringScanError("unterminated f-string format spec")
        j += 1
    raise StringScanError("unterminated f-string format spec")


def _newline_at(text: str, j: int) -> int:
    """Length of the line break at ``j`` (2 for CRLF, 1 for LF or CR), 0 if none."""
    c = text[j]
    if c == "\r":
        return 2 if text.startswith("\n", j + 1) else 1
    if c == "\n":
        return 1
    return 0


def decode(text: str, tok: StrToken, piece: int = -1) -> list:
    """The value of one literal as items: :class:`Char` (with file spans) and :class:`Hole` (fields)."""
    out: list = []
    j, end = tok.body_start, tok.body_end
    raw, fmt, is_bytes = tok.raw, tok.is_format, tok.is_bytes
    append = out.append
    while j < end:
        c = text[j]
        nl = _newline_at(text, j) if c in "\r\n" else 0
        if nl:
            append(Char("\n", j, j + nl, piece))
            j += nl
            continue
        if c == "\\":
            if raw:  # the backslash is itself; what follows is read as usual
                append(Char("\\", j, j + 1, piece))
                j += 1
                continue
            j = _decode_escape(text, j, end, is_bytes, piece, append)
            continue
        if fmt and c == "{":
            if text.startswith("{", j + 1):
                append(Char("{", j, j + 2, piece))
                j += 2
                continue
            k = _scan_field(text, j + 1, tok.quote, raw)
            append(Hole(j, k, text[j:k], "field"))
            j = k
            continue
        if fmt and c == "}" and text.startswith("}", j + 1):
            append(Char("}", j, j + 2, piece))
            j += 2
            continue
        append(Char(c, j, j + 1, piece))
        j += 1
    return out


def _decode_escape(text: str, j: int, end: int, is_bytes: bool, piece: int, append) -> int:
    k = j + 1
    if k >= end:
        append(Char("\\", j, k, piece))
        return k
    e = text[k]
    if e in "\r\n":
        return k + _newline_at(text, k)  # line continuation: no character
    if e in _SIMPLE_ESCAPES:
        append(Char(_SIMPLE_ESCAPES[e], j, k + 1, piece))
        return k + 1
    if e in _OCT:
        m = k + 1
        while m < end and m < k + 3 and text[m] in _OCT:
            m += 1
        append(Char(chr(int(text[k:m], 8)), j, m, piece))
        return m
    if e == "x" and k + 3 <= end and all(ch in _HEX for ch in text[k + 1 : k + 3]):
        append(Char(chr(int(text[k + 1 : k + 3], 16)), j, k + 3, piece))
        return k + 3
    if not is_bytes:
        if e == "u" and k + 5 <= end and all(ch in _HEX for ch in text[k + 1 : k + 5]):
            append(Char(chr(int(text[k + 1 : k + 5], 16)), j, k + 5, piece))
            return k + 5
        if e == "U" and k + 9 <= end and all(ch in _HEX for ch in text[k + 1 : k + 9]):
            append(Char(chr(int(text[k + 1 : k + 9], 16)), j, k + 9, piece))
            return k + 9
        if e == "N" and text.startswith("{", k + 1):
            close = text.find("}", k + 2, end)
            if close != -1:
                try:
                    append(Char(unicodedata.lookup(text[k + 2 : close]), j, close + 1, piece))
                    return close + 1
                except KeyError:
                    pass
    # An unknown escape keeps its backslash (Python warns about it, but the value is this).
    append(Char("\\", j, k, piece))
    return k


def literal_value(items: list) -> str | None:
    """The plain value of decoded items, or None if they contain holes."""
    if any(isinstance(it, Hole) for it in items):
        return None
    return "".join(it.ch for it in items)


# ------------------------------------------------------------------------------ mapped text


@dataclass
class Mapped:
    """A text rendered from items, with ``starts[i]``/``ends[i]``: the file span of character ``i``.

    Holes are rendered with a mask text chosen per hole (``masks``); every character of a mask maps
    to the whole hole. ``pieces[i]`` is the literal token index of character ``i`` (-1 in a mask).
    """

    text: str
    starts: list[int]
    ends: list[int]
    pieces: list[int]
    holes: list[tuple[int, int, Hole]] = field(default_factory=list)  # (text start, text end, hole)
    origin_start: int = 0  # file offset of the whole expression (for empty texts)
    origin_end: int = 0

    @classmethod
    def render(cls, items: list, masks: list[str] | None = None, origin: tuple[int, int] = (0, 0)) -> Mapped:
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pieces: list[int] = []
        holes = []
        h = 0
        for it in items:
            if isinstance(it, Char):
                chars.append(it.ch)
                starts.append(it.start)
                ends.append(it.end)
                pieces.append(it.piece)
            else:
                mask = masks[h] if masks is not None else ""
                h += 1
                t0 = len(chars)
                for ch in mask:
                    chars.append(ch)
                    starts.append(it.start)
                    ends.append(it.end)
                    pieces.append(-1)
                holes.append((t0, len(chars), it))
        return cls("".join(chars), starts, ends, pieces, holes, origin[0], origin[1])

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The file span of ``text[start:end]`` (an empty span maps to an insertion point)."""
        n = len(self.text)
        if n == 0:
            return self.origin_start, self.origin_start
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if end > start:
            return self.starts[start], self.ends[end - 1]
        if start < n:
            return self.starts[start], self.starts[start]
        return self.ends[n - 1], self.ends[n - 1]

    def piece_of_span(self, start: int, end: int) -> int | None:
        """The one literal token holding ``text[start:end]`` entirely (None: a hole or several tokens).

        An insertion (empty span) belongs to the token of the character after it, else before it.
        """
        n = len(self.text)
        if n == 0:
            return None
        if end > start:
            ps = set(self.pieces[start:end])
            if len(ps) != 1:
                return None
            p = ps.pop()
            return None if p < 0 else p
        cands = []
        if start < n:
            cands.append(self.pieces[start])
        if start > 0:
            cands.append(self.pieces[start - 1])
        for p in cands:
            if p >= 0:
                return p
        return None


# ------------------------------------------------------------------------------ encoding


def _needs_escape(ch: str) -> bool:
    if ch in "\t":
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _escape_char(ch: str) -> str:
    o = ord(ch)
    if o < 0x100:
        return f"\\x{o:02x}"
    if o < 0x10000:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


def encode(content: str, tok: StrToken, newline: str = "\n") -> str | None:
    """``content`` written for the body of ``tok`` (same prefix and quotes), or None if impossible.

    Non-raw literals can hold anything (backslashes, the quote character and control characters are
    escaped; a newline is a literal line break inside triple quotes, ``\\n`` otherwise). A raw
    literal cannot escape, so content with a backslash, its quote character or (outside triple
    quotes) a line break cannot be written into it.
    """
    if tok.is_bytes or tok.is_format:
        return None
    q = tok.quote[0]
    if tok.raw:
        if "\\" in content or q in content or "\r" in content:
            return None
        if "\n" in content and not tok.triple:
            return None
        if any(_needs_escape(ch) and ch != "\n" for ch in content):
            return None
        return content.replace("\n", newline) if tok.triple else content
    out = []
    for ch in content:
        if ch == "\\":
            out.append("\\\\")
        elif ch == q:
            out.append("\\" + q)
        elif ch == "\n":
            out.append(newline if tok.triple else "\\n")
        elif ch == "\r":
            out.append("\\r")
        elif _needs_escape(ch):
            out.append(_escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


# ------------------------------------------------------------------------------ lines and tokens


class PyLines:
    """Python's view of lines (``\\r\\n``, ``\\r`` and ``\\n`` end a line) and ast's byte columns."""

    _BREAK = re.compile(r"\r\n|\r|\n")

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in self._BREAK.finditer(text):
            starts.append(m.end())
        self.starts = starts
        self._ascii: dict[int, bool] = {}

    def offset(self, lineno: int, col_utf8: int) -> int:
        """File offset of ast position (1-based line, UTF-8 byte column)."""
        if lineno < 1:
            return 0
        if lineno > len(self.starts):
            return len(self.text)
        ls = self.starts[lineno - 1]
        le = self.starts[lineno] if lineno < len(self.starts) else len(self.text)
        ascii_line = self._ascii.get(lineno)
        if ascii_line is None:
            ascii_line = self._ascii[lineno] = self.text[ls:le].isascii()
        if lineno == 1 and self.text.startswith("\ufeff"):
            ls += 1  # ast is given the text without its byte-order mark
            ascii_line = False
        if ascii_line:
            return ls + col_utf8
        encoded = self.text[ls:le].encode("utf-8", "surrogatepass")
        return ls + len(encoded[:col_utf8].decode("utf-8", "ignore"))

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


@dataclass(frozen=True, slots=True)
class Comment:
    start: int
    end: int
    text: str


def lexical_tokens(text: str) -> tuple[list[StrToken], list[Comment]]:
    """Every string literal and comment of a Python text, found without parsing it.

    Used for ``# noqa`` comments and as a fallback when the file does not parse with the running
    Python (e.g. syntax of a newer Python). Unterminated literals end the scan.
    """
    strings: list[StrToken] = []
    comments: list[Comment] = []
    n = len(text)
    i = 0
    find_any = re.compile(r"""#|['"]""")
    while i < n:
        m = find_any.search(text, i)
        if m is None:
            break
        j = m.start()
        if text[j] == "#":
            k = j
            while k < n and text[k] not in "\r\n":
                k += 1
            comments.append(Comment(j, k, text[j:k]))
            i = k
            continue
        # back up over a string prefix
        s = j
        while s > 0 and s > j - 2 and text[s - 1] in "rRbBuUfFtT":
            s -= 1
        start = s
        while start < j and string_start(text, start) is None:
            start += 1
        try:
            tok = scan_string(text, start)
        except StringScanError:
            break
        strings.append(tok)
        i = tok.end
    return strings, comments
