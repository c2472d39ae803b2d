"""Text -> statements with parse trees, or a syntax error with its exact span.

Parsing is two-stage, as ANTLR recommends for speed: first SLL prediction with an error strategy
that gives up at the first problem (fast, and enough for almost every real query), then — only if
that failed — full LL prediction, which either succeeds (SLL was too weak for this input) or
reports the real syntax error. The parser object is reused; ANTLR's prediction caches (DFA) are
shared by all parses, so the process gets faster as it sees more queries.

The ANTLR runtime is not thread-safe (the shared DFA is mutated while predicting), so one lock
serialises parsing; under the GIL this costs no throughput.
"""

from __future__ import annotations

import gc
import threading
from typing import Iterator

from antlr4.atn.PredictionMode import PredictionMode
from antlr4.error.ErrorStrategy import BailErrorStrategy
from antlr4.error.Errors import InputMismatchException, ParseCancellationException, RecognitionException
from antlr4.ParserRuleContext import ParserRuleContext
from antlr4.Token import Token

from cypherlint._generated.CypherParser import CypherParser
from cypherlint.syntax.fastparser import FastCypherParser
from cypherlint.syntax import fastlexer
from cypherlint.syntax.checks import check_statement
from cypherlint.syntax.errors import SyntaxIssue, describe_syntax_error, input_limit_issue
from cypherlint.syntax.fastlexer import CypherToken, Tokens, tokenize
from cypherlint.syntax.tokenstream import TokenListStream

# Nesting deeper than this is refused before parsing: each level costs several Python frames in
# the recursive-descent parser, and no real query comes close (the deepest in the corpora is 14).
MAX_NESTING = 120
# A statement with this many tokens or more is not parsed (a multi-megabyte list literal, say);
# the lexer stops making tokens for it there. The largest statement in the corpora has 17,616
# tokens; parsing 100,000 takes about a second and a half.
MAX_STATEMENT_TOKENS = 100_000
# At most this many statements of one text are analysed; the rest get one E002 (5 MB of `a;` is
# 2.5 million statements). Syntax errors are explained with trial re-parses (errors.py) in the
# first _MAX_EXPLAINED of them only: beyond that, the plain message.
MAX_STATEMENTS = 100_000
_MAX_EXPLAINED = 200

_OPEN = frozenset({fastlexer.OPERATORS["("], fastlexer.OPERATORS["["], fastlexer.OPERATORS["{"]})
_CLOSE = frozenset({fastlexer.OPERATORS[")"], fastlexer.OPERATORS["]"], fastlexer.OPERATORS["}"]})
_PREFIX_OPS = frozenset({fastlexer.KEYWORDS["NOT"], fastlexer.OPERATORS["-"], fastlexer.OPERATORS["+"]})
# Labels joined by ':' in one label expression (`:A:B:C`, `:A&B:C`). The grammar lets `n:A:B` be
# either one conjunction or two label predicates, so SLL prediction explores every split: building
# the prediction DFA for a chain of k colons costs about 0.2 s per colon and never converges
# (64 colons: ~25 s, measured). The longest chain in the corpora has 13 (TCK).
MAX_LABEL_CHAIN = 16
_COLON = fastlexer.OPERATORS[":"]
# Tokens that keep a label expression going, and those after which a name is a label name.
_LABEL_OPS = frozenset(fastlexer.OPERATORS[o] for o in ("&", "|", "!", "%", "(", ")", "$"))
_BEFORE_LABEL = frozenset(fastlexer.OPERATORS[o] for o in (":", "&", "|", "!", "(")) | {fastlexer.KEYWORDS["IS"]}
_NAMES = frozenset({fastlexer.IDENTIFIER, fastlexer.ESCAPED_NAME, *fastlexer.KEYWORDS.values()})


class Statement:
    """One ``;``-separated statement: its character span, tokens and parse tree (if it parsed).

    Plain slotted classes here, not dataclasses: see SyntaxIssue."""

    __slots__ = ("index", "start", "end", "tokens", "tree", "error", "needed_ll")

    def __init__(self, index: int, start: int, end: int, tokens: list[CypherToken],
                 tree: CypherParser.StatementContext | None = None, error: SyntaxIssue | None = None,
                 needed_ll: bool = False):
        self.index = index
        self.start = start  # offset of the first token
        self.end = end  # offset just past the last token
        self.tokens = tokens  # parser tokens, ending with an EOF token
        self.tree = tree
        self.error = error
        self.needed_ll = needed_ll

    def __repr__(self) -> str:
        return (f"Statement(index={self.index}, start={self.start}, end={self.end}, "
                f"ok={self.tree is not None}, error={self.error!r}, needed_ll={self.needed_ll})")

    @property
    def ok(self) -> bool:
        return self.tree is not None


class ParseResult:
    __slots__ = ("text", "statements", "comments", "issues")

    def __init__(self, text: str, statements: list[Statement], comments: list[CypherToken],
                 issues: list[SyntaxIssue] | None = None):
        self.text = text
        self.statements = statements
        self.comments = comments
        self.issues = [] if issues is None else issues

    def __repr__(self) -> str:
        return f"ParseResult(statements={len(self.statements)}, comments={len(self.comments)}, issues={self.issues!r})"


class _FirstErrorStrategy(BailErrorStrategy):
    """Stop at the first syntax error and remember what was found and what was expected."""

    def __init__(self) -> None:
        super().__init__()
        self.error: RecognitionException | None = None
        self.expected = None

    def reportError(self, recognizer, e):  # noqa: N802 - ANTLR runtime API
        if self.error is None:
            self.error = e
            try:
                self.expected = e.getExpectedTokens()
            except Exception:  # the runtime cannot always compute it (no state); message degrades
                self.expected = None

    def recoverInline(self, recognizer):  # noqa: N802 - ANTLR runtime API
        e = InputMismatchException(recognizer)
        self.reportError(recognizer, e)
        self.recover(recognizer, e)


class _Parsers(threading.local):
    def __init__(self) -> None:
        self.parser = FastCypherParser(TokenListStream([CypherToken(Token.EOF, 0, -1, "<EOF>")]))
        self.parser.removeErrorListeners()
        self.parser.buildParseTrees = True


_parsers = _Parsers()
_lock = threading.RLock()


def _nesting_problem(tokens: list[CypherToken]) -> CypherToken | None:
    """The token at which bracket nesting or a run of prefix operators gets too deep."""
    depth = 0
    run = 0
    for tok in tokens:
        t = tok.type
        if t in _OPEN:
            depth += 1
            if depth > MAX_NESTING:
                return tok
        elif t in _CLOSE:
            depth -= 1
        if t in _PREFIX_OPS:
            run += 1
            if run > MAX_NESTING:
                return tok
        else:
            run = 0
    return None


def _label_chain_problem(tokens: list[CypherToken]) -> CypherToken | None:
    """The colon at which one label expression joins more than MAX_LABEL_CHAIN labels with ':'."""
    colons = 0
    prev = None
    for tok in tokens:
        t = tok.type
        if t == _COLON:
            colons += 1
            if colons > MAX_LABEL_CHAIN:
                return tok
        elif t in _NAMES:
            if prev not in _BEFORE_LABEL:  # not a label name: `n` in `n:A`, `AND` in `n:A AND m:B`
                colons = 0
        elif t not in _LABEL_OPS:
            colons = 0
        prev = t
    return None


def parse_tokens(stmt_tokens: list[CypherToken]) -> tuple[CypherParser.StatementContext | None, RecognitionException | None, object, bool]:
    """Parse one statement's tokens (ending in EOF). Returns (tree, error, expected, needed_ll)."""
    parser = _parsers.parser
    stream = TokenListStream(stmt_tokens)
    with _lock:
        parser.setInputStream(stream)
        parser._interp.predictionMode = PredictionMode.SLL
        parser._errHandler = BailErrorStrategy()
        parser.reset_collected()
        try:
            return parser.statement(), None, None, False
        except ParseCancellationException as cancelled:
            _release_failed(cancelled)
        # Second stage: full LL. Either SLL was too weak, or there is a real error to report.
        stream.seek(0)
        parser.reset_collected()
        parser.setInputStream(stream)
        parser._interp.predictionMode = PredictionMode.LL
        strategy = _FirstErrorStrategy()
        parser._errHandler = strategy
        try:
            tree = parser.statement()
        except ParseCancellationException as cancelled:
            _release_failed(cancelled, strategy.error)
            return None, strategy.error, strategy.expected, True
        if strategy.error is not None:
            _release_failed(strategy.error)
            return None, strategy.error, strategy.expected, True
        return tree, None, None, True


def _release_failed(*errors) -> None:
    """Break the reference cycles a failed parse leaves behind, so it is freed at once.

    The partial tree (parent links, and ``ctx.exception`` pointing back at the error) and the
    traceback frames that hold the error are cycles; parse() pauses the cyclic collector, so
    without this a text with many bad statements would keep every one of them until the end.
    The errors keep what the error messages need (tokens, the expected set).
    """
    seen: set[int] = set()
    roots = []
    todo = [e for e in errors if e is not None]
    while todo:
        err = todo.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        err.__traceback__ = None
        ctx = getattr(err, "ctx", None)
        if ctx is not None:
            while ctx.parentCtx is not None:
                ctx = ctx.parentCtx
            roots.append(ctx)
        for linked in (err.__context__, err.__cause__, *err.args):
            if isinstance(linked, BaseException):
                todo.append(linked)
    for root in roots:
        stack = [root]
        while stack:
            node = stack.pop()
            node.parentCtx = None
            if isinstance(node, ParserRuleContext):
                node.exception = None
                if node.children:
                    stack.extend(node.children)


def _error_offset(stmt_tokens: list[CypherToken]) -> int | None:
    """Parse a token list (ending in EOF); the offset of its first syntax error, None if it parses.

    Used to explain errors: errors.py tries small repairs (a missing ')', say) and keeps those
    that let the parse get further.
    """
    try:
        tree, err, _expected, _ll = parse_tokens(stmt_tokens)
    except RecursionError:
        return -1
    if tree is not None:
        return None
    tok = getattr(err, "offendingToken", None)
    return tok.start if tok is not None else -1


def split_statements(tokens: list[CypherToken]) -> list[list[CypherToken]]:
    """Split parser tokens on ';'. Empty statements (only comments or nothing) are dropped."""
    out: list[list[CypherToken]] = []
    current: list[CypherToken] = []
    semi = fastlexer.SEMI
    for tok in tokens:
        if tok.type == semi:
            if current:
                out.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        out.append(current)
    return out


def parse(text: str) -> ParseResult:
    """Lex and parse ``text``. Never raises for any input text."""
    # Building a parse tree allocates tens of thousands of small objects and frees none, so the
    # cyclic garbage collector's young-generation passes during it are pure overhead (~15% of
    # parse time). Pause it for the duration if it is on; never touch a caller's own setting.
    pause_gc = gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return _parse(text)
    finally:
        if pause_gc:
            gc.enable()


def _parse(text: str) -> ParseResult:
    result, statements = parse_incrementally(text)
    for _ in statements:
        pass
    return result


def parse_incrementally(text: str) -> tuple[ParseResult, Iterator[Statement]]:
    """Lex ``text`` now; parse its statements one at a time as the returned iterator is consumed.

    Each statement is appended to ``result.statements`` (and its error to ``result.issues``) just
    before it is yielded, so a caller can analyse a statement and drop its tree before the next
    one is built: memory then follows the largest statement, not the whole text. The caller
    pauses the cyclic GC if it wants to (``parse`` does).
    """
    lexed: Tokens = tokenize(text, MAX_STATEMENT_TOKENS)
    result = ParseResult(text, [], lexed.comments)
    return result, _parse_statements(text, lexed, result)


def _parse_statements(text: str, lexed: Tokens, result: ParseResult) -> Iterator[Statement]:
    for index, toks in enumerate(split_statements(lexed.tokens)):
        if index >= MAX_STATEMENTS:
            result.issues.append(input_limit_issue(
                toks[0].start, len(text), f"more than {MAX_STATEMENTS:,} statements; cypherlint does not analyse the rest"))
            break
        start, end = toks[0].start, toks[-1].stop + 1
        eof = CypherToken(Token.EOF, end, end - 1, "<EOF>", toks[-1].tokenIndex + 1)
        stmt_tokens = toks + [eof]
        stmt = Statement(index, start, end, stmt_tokens)
        result.statements.append(stmt)
        if len(toks) >= MAX_STATEMENT_TOKENS:
            stmt.error = input_limit_issue(
                start, end, f"statement too large to analyse (at least {MAX_STATEMENT_TOKENS:,} tokens; "
                f"cypherlint analyses statements of fewer)"
            )
        # Both limits need more tokens (or ':' characters) than almost any statement has: the
        # cheap counts skip the token scans.
        elif len(toks) > MAX_NESTING and (deep := _nesting_problem(toks)) is not None:
            stmt.error = input_limit_issue(
                deep.start, deep.stop + 1, f"nesting deeper than {MAX_NESTING} levels; cypherlint does not analyse this statement"
            )
        elif text.count(":", start, end) > MAX_LABEL_CHAIN and (chain := _label_chain_problem(toks)) is not None:
            stmt.error = input_limit_issue(
                chain.start, chain.stop + 1, f"more than {MAX_LABEL_CHAIN} labels joined by ':' in one label expression; "
                "cypherlint does not analyse this statement")
        else:
            try:
                tree, err, expected, needed_ll = parse_tokens(stmt_tokens)
            except RecursionError:
                tree, err, expected, needed_ll = None, None, None, True
                stmt.error = input_limit_issue(start, end, "statement nested too deeply to analyse")
            stmt.needed_ll = needed_ll
            if tree is not None:
                parser = _parsers.parser
                problem = check_statement(tree, toks, parser)
                parser.reset_collected()
                if problem is None:
                    stmt.tree = tree
                else:
                    stmt.error = problem
            elif stmt.error is None:
                explain = _error_offset if len(result.issues) < _MAX_EXPLAINED else None
                stmt.error = describe_syntax_error(text, stmt, err, expected, explain)
        if stmt.error is not None:
            result.issues.append(stmt.error)
        yield stmt
