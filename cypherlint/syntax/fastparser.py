"""The generated parser with the ANTLR runtime's hottest methods rewritten for cypherlint's use.

``antlr4.Parser`` is general: it supports parse listeners, error recovery and lazily filled token
streams, and pays for them on every token and every rule entry. cypherlint never uses listeners,
never recovers (it stops at the first error) and hands the parser a ``TokenListStream`` whose
token list always ends with EOF. Under those conditions the methods below do exactly what the
runtime's do, with fewer calls. The generated code in ``cypherlint/_generated`` is untouched.
"""

from __future__ import annotations

from antlr4.atn.ParserATNSimulator import ParserATNSimulator
from antlr4.ParserRuleContext import ParserRuleContext
from antlr4.atn.PredictionMode import PredictionMode
from antlr4.Token import Token
from antlr4.tree.Tree import TerminalNodeImpl

from cypherlint._generated.CypherParser import CypherParser

_EOF = Token.EOF
_WHERE = CypherParser.WHERE
_PIPE = CypherParser.PIPE
_ListExpressionContext = CypherParser.ListExpressionContext


class TerminalNode(TerminalNodeImpl):
    """``TerminalNodeImpl`` without its no-op ``__setattr__`` override (a call per attribute)."""

    __slots__ = ()
    __setattr__ = object.__setattr__


class FastRuleContext(ParserRuleContext):
    """``ParserRuleContext.__init__`` in one frame instead of three (it chains to
    ``RuleContext.__init__`` and ``object.__init__``); a parse creates one context per rule entry.

    Sets exactly the attributes the runtime's constructors set. It adds no slots, so the
    generated context classes can take it as their base (below) with their layout unchanged.
    """

    __slots__ = ()

    def __init__(self, parent=None, invokingStateNumber=None):
        self.parentCtx = parent
        self.invokingState = invokingStateNumber
        self.children = None
        self.start = None
        self.stop = None
        self.exception = None


def _rebase_generated_contexts() -> int:
    count = 0
    for value in vars(CypherParser).values():
        if isinstance(value, type) and value.__bases__ == (ParserRuleContext,):
            value.__bases__ = (FastRuleContext,)
            count += 1
    return count


_rebase_generated_contexts()


class FastATNSimulator(ParserATNSimulator):
    """Answers a prediction straight from the cached DFA when the DFA already knows the answer.

    ``ParserATNSimulator.adaptivePredict`` does bookkeeping (mark/seek the stream, reset caches,
    set fields for diagnostics) before it walks the DFA. Once a decision has been seen, the DFA
    usually resolves it in one or two tokens, so the walk below — which reads tokens without
    moving the stream — returns the same alternative far sooner. Anything it cannot settle
    (missing edge, error, predicates, full-context states in LL mode) goes to the runtime.
    """

    def adaptivePredict(self, input, decision, outerContext):  # noqa: A002,N802,N803 - runtime API
        dfa = self.decisionToDFA[decision]
        if dfa.precedenceDfa:
            s0 = dfa.getPrecedenceStartState(self.parser._precedenceStack[-1])
        else:
            s0 = dfa.s0
        if s0 is not None:
            tokens = input.tokens
            last = input._last
            i = input.index
            sll = self.predictionMode == PredictionMode.SLL
            d = s0
            while True:
                edges = d.edges
                t = tokens[i].type if i <= last else _EOF
                if edges is None or t + 1 >= len(edges):
                    break
                d = edges[t + 1]
                if d is None or d is self.ERROR or (d.requiresFullContext and not sll):
                    break
                if d.isAcceptState:
                    if d.predicates is None:
                        return d.prediction
                    # Precedence predicates of the expression rule: evaluate them as execATN
                    # would; an empty result is an error, which the runtime path reports.
                    alts = self.evalSemanticContext(d.predicates, outerContext, True)
                    if alts:
                        return min(alts)
                    break
                if t == _EOF:
                    break
                i += 1
        return ParserATNSimulator.adaptivePredict(self, input, decision, outerContext)


class FastCypherParser(CypherParser):
    # A plain attribute instead of the runtime's ``state`` property: set on every ATN transition.
    state = -1

    def __init__(self, input, output=None):  # noqa: A002 - runtime API
        super().__init__(input)
        self._interp = FastATNSimulator(self, self.atn, self.decisionsToDFA, self.sharedContextCache)
        # Nodes the structural checks (syntax/checks.py) need, collected while parsing so that no
        # tree walk is needed afterwards. Reset with reset_collected() before each parse attempt.
        self.pattern_elements: list = []
        self.yield_clauses: list = []
        self.list_expressions: list = []  # [... WHERE ...] / [... | ...] list expressions

    def reset_collected(self) -> None:
        self.pattern_elements = []
        self.yield_clauses = []
        self.list_expressions = []

    def patternElement(self):  # noqa: N802 - generated rule name
        ctx = CypherParser.patternElement(self)
        self.pattern_elements.append(ctx)
        return ctx

    def yieldClause(self):  # noqa: N802 - generated rule name
        ctx = CypherParser.yieldClause(self)
        self.yield_clauses.append(ctx)
        return ctx

    def getCurrentToken(self):  # noqa: N802 - ANTLR runtime API
        inp = self._input
        return inp.tokens[inp.index]

    def consume(self):
        inp = self._input
        tok = inp.tokens[inp.index]
        if tok.type != _EOF:
            inp.index += 1
        node = TerminalNode(tok)
        ctx = self._ctx
        node.parentCtx = ctx
        children = ctx.children
        if children is None:
            ctx.children = [node]
        else:
            children.append(node)
        return tok

    def match(self, ttype: int):
        inp = self._input
        tok = inp.tokens[inp.index]
        if tok.type == ttype:
            if ttype == _WHERE or ttype == _PIPE:
                ctx = self._ctx
                if type(ctx) is _ListExpressionContext:
                    lists = self.list_expressions
                    if not lists or lists[-1] is not ctx:
                        lists.append(ctx)
            self.consume()
            return tok
        return super().match(ttype)  # error path: lets the error strategy report it

    def enterRule(self, localctx, state: int, ruleIndex: int):  # noqa: N802,N803 - ANTLR runtime API
        self.state = state
        self._ctx = localctx
        inp = self._input
        localctx.start = inp.tokens[inp.index]
        parent = localctx.parentCtx
        if parent is not None:
            children = parent.children
            if children is None:
                parent.children = [localctx]
            else:
                children.append(localctx)

    def exitRule(self):  # noqa: N802 - ANTLR runtime API
        ctx = self._ctx
        inp = self._input
        ctx.stop = inp.tokens[inp.index - 1] if inp.index > 0 else None
        self.state = ctx.invokingState
        self._ctx = ctx.parentCtx

    def enterOuterAlt(self, localctx, altNum: int):  # noqa: N802,N803 - ANTLR runtime API
        ctx = self._ctx
        if ctx is not localctx:
            parent = ctx.parentCtx
            if parent is not None:
                parent.children[-1] = localctx
            self._ctx = localctx

    def enterRecursionRule(self, localctx, state: int, ruleIndex: int, precedence: int):  # noqa: N802,N803
        self.state = state
        self._precedenceStack.append(precedence)
        self._ctx = localctx
        inp = self._input
        localctx.start = inp.tokens[inp.index]

    def pushNewRecursionContext(self, localctx, state: int, ruleIndex: int):  # noqa: N802,N803
        previous = self._ctx
        previous.parentCtx = localctx
        previous.invokingState = state
        inp = self._input
        previous.stop = inp.tokens[inp.index - 1] if inp.index > 0 else None
        self._ctx = localctx
        localctx.start = previous.start
        children = localctx.children
        if children is None:
            localctx.children = [previous]
        else:
            children.append(previous)

    def unrollRecursionContexts(self, parentCtx):  # noqa: N802,N803 - ANTLR runtime API
        self._precedenceStack.pop()
        ret = self._ctx
        inp = self._input
        ret.stop = inp.tokens[inp.index - 1] if inp.index > 0 else None
        self._ctx = parentCtx
        ret.parentCtx = parentCtx
        if parentCtx is not None:
            children = parentCtx.children
            if children is None:
                parentCtx.children = [ret]
            else:
                children.append(ret)

    def precpred(self, localctx, precedence: int) -> bool:
        return precedence >= self._precedenceStack[-1]
