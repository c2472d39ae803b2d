// cypherlint — Cypher parser (openCypher 9 + Neo4j 4/5 syntax as found in real code).
// Written for cypherlint from the openCypher specification and the Neo4j Cypher manual.
// Licensed under the Apache License, Version 2.0.
//
// Shaped for ANTLR's SLL prediction mode, which is several times faster than full LL in the
// Python runtime:
// - a statement is a flat list of clauses, so no decision needs to look across clause boundaries;
//   clause order (RETURN last, a query not ending in MATCH) is not checked by the parse layer;
// - one left-recursive `expression` rule carries all operator precedence (no 12-level rule chain);
// - alternatives are keyword-led wherever the language allows, so most decisions need one token;
// - list literals and list comprehensions share one rule (`[a IN l WHERE p | e]` is a list whose
//   first element is `a IN l`), checked after parsing (syntax/checks.py), instead of an unbounded
//   lookahead;
// - patterns are any sequence of node, relationship and parenthesized-path patterns; that they
//   alternate properly is checked after parsing (syntax/checks.py).
//
// The parse layer splits a script on ';' tokens and parses each statement with `statement`.

parser grammar CypherParser;

options { tokenVocab = CypherLexer; }

// ================================================================ statements

statement
    : preparserOption* statementBody EOF
    ;

preparserOption
    : EXPLAIN
    | PROFILE
    | CYPHER cypherOption*
    ;

cypherOption
    : DECIMAL_INTEGER
    | DECIMAL_DOUBLE
    | symbolicName EQ symbolicName
    ;

statementBody
    : schemaCommand
    | showCommand
    | adminCommand
    | query
    ;

query
    : periodicCommitHint? queryPart ( queryConnector queryPart )*
    ;

periodicCommitHint
    : USING PERIODIC COMMIT DECIMAL_INTEGER?
    ;

queryConnector
    : UNION ( ALL | DISTINCT )?
    | NEXT
    ;

queryPart
    : clause+
    | conditionalQuery
    | LBRACE query RBRACE
    ;

// Cypher 25 conditional query: WHEN cond THEN <query> ... ELSE <query>
conditionalQuery
    : ( WHEN expression THEN conditionalBranch )+ ( ELSE conditionalBranch )?
    ;

conditionalBranch
    : LBRACE query RBRACE
    | clause+
    ;

// ================================================================ clauses

clause
    : matchClause
    | withClause
    | returnClause
    | unwindClause
    | createClause
    | mergeClause
    | setClause
    | removeClause
    | deleteClause
    | callClause
    | foreachClause
    | loadCsvClause
    | useClause
    | finishClause
    | insertClause
    | letClause
    | filterClause
    | startClause
    ;

matchClause
    : OPTIONAL? MATCH matchMode? pattern hint* searchClause? whereClause?
    ;

matchMode
    : REPEATABLE ( ELEMENT | ELEMENTS ) BINDINGS?
    | DIFFERENT ( RELATIONSHIP | RELATIONSHIPS ) BINDINGS?
    ;

hint
    : USING ( TEXT | RANGE | POINT | BTREE )? INDEX SEEK? variable labelExpression LPAREN symbolicName ( COMMA symbolicName )* RPAREN
    | USING JOIN ON variable ( COMMA variable )*
    | USING SCAN variable labelExpression
    ;

// Neo4j 2025 vector search: MATCH (n:L) SEARCH n IN (VECTOR INDEX idx FOR $v LIMIT k) SCORE AS s
searchClause
    : SEARCH variable IN LPAREN VECTOR INDEX symbolicName FOR expression whereClause? LIMIT expression RPAREN ( SCORE AS variable )?
    ;

whereClause
    : WHERE expression
    ;

withClause
    : WITH projectionBody whereClause?
    ;

returnClause
    : RETURN projectionBody
    ;

projectionBody
    : DISTINCT? projectionItems orderBy? skip? limit?
    ;

projectionItems
    : STAR ( COMMA projectionItem )*
    | projectionItem ( COMMA projectionItem )*
    ;

projectionItem
    : expression ( AS symbolicName )?
    ;

orderBy
    : ORDER BY sortItem ( COMMA sortItem )*
    ;

sortItem
    : expression ( ASC | ASCENDING | DESC | DESCENDING )?
    ;

skip
    : ( SKIP_ | OFFSET ) expression
    ;

limit
    : LIMIT expression
    ;

unwindClause
    : UNWIND expression AS symbolicName
    ;

createClause
    : CREATE UNIQUE? pattern      // CREATE UNIQUE: Neo4j 3, flagged by a rule
    ;

insertClause
    : INSERT pattern
    ;

mergeClause
    : MERGE patternPart mergeAction*
    ;

mergeAction
    : ON ( MATCH | CREATE ) setClause
    ;

setClause
    : SET setItem ( COMMA setItem )*
    ;

setItem
    : propertyTarget EQ expression
    | variable ( EQ | PLUSEQ ) expression
    | variable labelExpression
    ;

// n.p, n.p.q, n[$key], (expr).p — the left side of SET / REMOVE
propertyTarget
    : propertyTargetBase ( DOT symbolicName | LBRACKET expression RBRACKET )+
    ;

propertyTargetBase
    : variable
    | LPAREN expression RPAREN
    ;

removeClause
    : REMOVE removeItem ( COMMA removeItem )*
    ;

removeItem
    : variable labelExpression
    | propertyTarget
    ;

deleteClause
    : ( DETACH | NODETACH )? DELETE expression ( COMMA expression )*
    ;

foreachClause
    : FOREACH LPAREN variable IN expression PIPE clause+ RPAREN
    ;

callClause
    : OPTIONAL? CALL subqueryScope? LBRACE query? RBRACE inTransactions?   # SubqueryCall
    | OPTIONAL? CALL procedureName procedureArguments? yieldClause?        # ProcedureCall
    ;

subqueryScope
    : LPAREN ( STAR | variable ( COMMA variable )* )? RPAREN
    ;

inTransactions
    : IN ( expression? CONCURRENT )? TRANSACTIONS inTransactionsOption*
    ;

inTransactionsOption
    : OF expression ( ROW | ROWS )
    | ON ERROR ( CONTINUE | BREAK | FAIL | RETRY ( FOR? expression symbolicName? )? ( THEN ( CONTINUE | BREAK | FAIL ) )? )
    | REPORT STATUS AS variable
    ;

procedureName
    : symbolicName ( DOT symbolicName )*
    ;

procedureArguments
    : LPAREN ( expression ( COMMA expression )* )? RPAREN
    ;

yieldClause
    : YIELD ( STAR | yieldItem ( COMMA yieldItem )* ) orderBy? skip? limit? whereClause?
    ;

yieldItem
    : symbolicName ( AS symbolicName )?
    ;

loadCsvClause
    : LOAD CSV ( WITH HEADERS )? FROM expression AS symbolicName ( FIELDTERMINATOR STRING_LITERAL )?
    ;

useClause
    : USE graphReference
    ;

graphReference
    : symbolicName ( DOT symbolicName )* ( LPAREN ( expression ( COMMA expression )* )? RPAREN )?
    ;

finishClause
    : FINISH
    ;

letClause
    : LET letItem ( COMMA letItem )*
    ;

letItem
    : variable EQ expression
    ;

filterClause
    : FILTER WHERE? expression
    ;

// Neo4j 2/3: START n = node:index(key = 'v'), m = node(*)
startClause
    : START startItem ( COMMA startItem )* whereClause?
    ;

startItem
    : variable EQ symbolicName ( COLON symbolicName )? LPAREN ( STAR | expression ( COMMA expression )* )? RPAREN
    ;

// ================================================================ patterns

pattern
    : patternPart ( COMMA patternPart )*
    ;

patternPart
    : ( variable EQ )? pathSelector? patternElement
    ;

pathSelector
    : ANY SHORTEST ( PATH | PATHS )? pathMode?
    | ALL SHORTEST ( PATH | PATHS )? pathMode?
    | SHORTEST DECIMAL_INTEGER? ( PATH | PATHS | GROUP | GROUPS )? pathMode?
    | ANY DECIMAL_INTEGER? ( PATH | PATHS )? pathMode?
    | ALL ( PATH | PATHS )? pathMode?
    | pathMode ( PATH | PATHS )?
    ;

pathMode
    : WALK
    | TRAIL
    | ACYCLIC
    | SIMPLE
    ;

// A sequence of node patterns, relationship patterns and parenthesized (possibly quantified) path
// patterns. Which sequences are valid is checked after parsing.
patternElement
    : shortestPathPattern
    | ( nodePattern | parenthesizedPath quantifier? | relationshipPattern quantifier? )+
    ;


shortestPathPattern
    : ( SHORTESTPATH | ALLSHORTESTPATHS ) LPAREN patternElement RPAREN
    ;

parenthesizedPath
    : LPAREN pathSelector? patternElement whereClause? RPAREN
    ;

// The first part cannot be a reserved word: NOT (x) is a negation, not a call of "not".
functionName
    :
      ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALTER | ARRAY | AS | ASC | ASCENDING | ASSERT
      | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY | CALL | COLLECT | COMMIT | COMPOSITE
      | CONCURRENT | CONSTRAINT | CONSTRAINTS | CONTAINS | CONTINUE | COUNT | CREATE | CSV | CYPHER
      | DATABASE | DATABASES | DATE | DATETIME | DEALLOCATE | DELETE | DENY | DESC | DESCENDING
      | DETACH | DIFFERENT | DISABLE | DROP | DRYRUN | DURATION | EACH | EDGE | ELEMENT | ELEMENTS
      | ENABLE | END | ENDS | ERROR | EXISTS | EXPLAIN | EXTRACT | FAIL | FIELDTERMINATOR | FILTER
      | FINISH | FLOAT | FOREACH | FROM | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | INDEX
      | INDEXES | INSERT | INT | INTEGER | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL
      | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC | NFD | NFKC | NFKD | NODE | NODETACH | NONE
      | NORMALIZED | NOTHING | OF | OFFSET | OPTIONAL | OPTIONS | ORDER | PATH | PATHS | PERIODIC
      | POINT | PROFILE | PROPERTY | RANGE | REALLOCATE | REDUCE | REL | RELATIONSHIP
      | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE | REPLACE | REPORT | REQUIRE | RETRY | RETURN
      | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE | SEARCH | SEEK | SERVER | SERVERS | SET
      | SHORTEST | SHOW | SIGNED | SIMPLE | SINGLE | SKIP_ | START | STARTS | STATUS | STOP | STRING
      | TERMINATE | TEXT | TIME | TIMESTAMP | TIMEZONE | TRAIL | TRANSACTIONS | TYPED | UNION
      | UNIQUE | UNWIND | USE | USER | USERS | USING | VALUE | VARCHAR | VECTOR | VERTEX | WALK
      | WITH | WITHOUT | YIELD | ZONED
      ) ( DOT symbolicName )*
    ;

nodePattern
    : LPAREN variable? labelExpression? ( mapLiteral | parameter )? whereClause? RPAREN
    ;

relationshipPattern
    : LT? MINUS relationshipDetail? MINUS GT?
    ;

relationshipDetail
    : LBRACKET variable? labelExpression? rangeLiteral? ( mapLiteral | parameter )? whereClause? RBRACKET
    ;

rangeLiteral
    : STAR DECIMAL_INTEGER? ( DOTDOT DECIMAL_INTEGER? )?
    ;

quantifier
    : LBRACE DECIMAL_INTEGER? COMMA DECIMAL_INTEGER? RBRACE
    | LBRACE DECIMAL_INTEGER RBRACE
    | PLUS
    | STAR
    ;


// :A, :A:B, :A|B, :A|:B, :A&B, :!A, :%, :(A|B)&C, IS A, :$(expr)
labelExpression
    : ( COLON | IS ) labelTerm
    ;

// Precedence: ! binds tighter than & (or :), which binds tighter than |.
labelTerm
    :
      ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALL | ALLSHORTESTPATHS | ALTER | AND | ANY
      | ARRAY | AS | ASC | ASCENDING | ASSERT | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY
      | CALL | CASE | COLLECT | COMMIT | COMPOSITE | CONCURRENT | CONSTRAINT | CONSTRAINTS
      | CONTAINS | CONTINUE | COUNT | CREATE | CSV | CYPHER | DATABASE | DATABASES | DATE | DATETIME
      | DEALLOCATE | DELETE | DENY | DESC | DESCENDING | DETACH | DIFFERENT | DISABLE | DISTINCT
      | DROP | DRYRUN | DURATION | EACH | EDGE | ELEMENT | ELEMENTS | ELSE | ENABLE | END | ENDS
      | ERROR | EXISTS | EXPLAIN | EXTRACT | FAIL | FALSE | FIELDTERMINATOR | FILTER | FINISH
      | FLOAT | FOR | FOREACH | FROM | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | IF | IN | INDEX
      | INDEXES | INSERT | INT | INTEGER | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL
      | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC | NFD | NFKC | NFKD | NODE | NODETACH | NONE
      | NORMALIZED | NOT | NOTHING | NULL | OF | OFFSET | ON | OPTIONAL | OPTIONS | OR | ORDER
      | PATH | PATHS | PERIODIC | POINT | PROFILE | PROPERTY | RANGE | REALLOCATE | REDUCE | REL
      | RELATIONSHIP | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE | REPLACE | REPORT | REQUIRE
      | RETRY | RETURN | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE | SEARCH | SEEK | SERVER
      | SERVERS | SET | SHORTEST | SHORTESTPATH | SHOW | SIGNED | SIMPLE | SINGLE | SKIP_ | START
      | STARTS | STATUS | STOP | STRING | TERMINATE | TEXT | THEN | TIME | TIMESTAMP | TIMEZONE
      | TRAIL | TRANSACTIONS | TRUE | TYPED | UNION | UNIQUE | UNWIND | USE | USER | USERS | USING
      | VALUE | VARCHAR | VECTOR | VERTEX | WALK | WHEN | WHERE | WITH | WITHOUT | XOR | YIELD
      | ZONED
      )  # LabelName
    | PERCENT                                            # AnyLabel
    | LPAREN labelTerm RPAREN                            # ParenthesizedLabel
    | DOLLAR ( ANY | ALL )? LPAREN expression RPAREN     # DynamicLabel
    | BANG labelTerm                                     # NegatedLabel
    | labelTerm ( AMP | COLON ) labelTerm                # LabelConjunction
    | labelTerm PIPE COLON? labelTerm                    # LabelDisjunction
    ;





// ================================================================ expressions

// One left-recursive rule; earlier alternatives bind tighter. Atoms are primary alternatives of
// this rule (not a separate `atom` rule) so an atom costs one parse-tree node, not two.
expression
    : ( DECIMAL_INTEGER | DECIMAL_DOUBLE | HEX_INTEGER | OCTAL_INTEGER )               # NumberLiteral
    | STRING_LITERAL                                                                   # StringLiteral
    | ( TRUE | FALSE )                                                                 # BooleanLiteral
    | NULL                                                                             # NullLiteral
    | mapLiteral                                                                       # MapLiteralExpression
    | parameter                                                                        # ParameterExpression
    | CASE expression? caseAlternative+ ( ELSE expression )? END                       # CaseExpression
    | COUNT LPAREN STAR RPAREN                                                         # CountStar
    | EXISTS LBRACE subqueryContent RBRACE                                             # ExistsSubquery
    | COUNT LBRACE subqueryContent RBRACE                                              # CountSubquery
    | COLLECT LBRACE subqueryContent RBRACE                                             # CollectSubquery
    | LBRACKET ( variable EQ )? patternElement whereClause? PIPE expression RBRACKET     # PatternComprehension
    | LBRACKET ( expression ( ( COMMA expression )+ | WHERE expression ( PIPE expression )? | PIPE expression )? )? RBRACKET  # ListExpression
    | REDUCE LPAREN variable EQ expression COMMA variable IN expression PIPE expression RPAREN  # ReduceExpression
    | ( ALL | ANY | NONE | SINGLE ) LPAREN variable IN expression ( WHERE expression )? RPAREN  # ListPredicate
    | ( FILTER | EXTRACT ) LPAREN variable IN expression ( WHERE expression )? ( PIPE expression )? RPAREN  # LegacyListFunction
    | shortestPathPattern                                                              # ShortestPathExpression
    | variable LBRACE ( mapProjectionItem ( COMMA mapProjectionItem )* )? RBRACE        # MapProjection
    | nodePattern ( relationshipPattern quantifier? nodePattern )+                     # PatternExpression
    | functionName LPAREN DISTINCT? ( expression ( COMMA expression )* )? RPAREN        # FunctionInvocation
    | LPAREN expression RPAREN                                                         # ParenthesizedExpression
    |
      ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALTER | ARRAY | AS | ASC | ASCENDING | ASSERT
      | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY | CALL | COLLECT | COMMIT | COMPOSITE
      | CONCURRENT | CONSTRAINT | CONSTRAINTS | CONTAINS | CONTINUE | COUNT | CREATE | CSV | CYPHER
      | DATABASE | DATABASES | DATE | DATETIME | DEALLOCATE | DELETE | DENY | DESC | DESCENDING
      | DETACH | DIFFERENT | DISABLE | DROP | DRYRUN | DURATION | EACH | EDGE | ELEMENT | ELEMENTS
      | ENABLE | END | ENDS | ERROR | EXISTS | EXPLAIN | EXTRACT | FAIL | FIELDTERMINATOR | FILTER
      | FINISH | FLOAT | FOREACH | FROM | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | INDEX
      | INDEXES | INSERT | INT | INTEGER | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL
      | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC | NFD | NFKC | NFKD | NODE | NODETACH | NONE
      | NORMALIZED | NOTHING | OF | OFFSET | OPTIONAL | OPTIONS | ORDER | PATH | PATHS | PERIODIC
      | POINT | PROFILE | PROPERTY | RANGE | REALLOCATE | REDUCE | REL | RELATIONSHIP
      | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE | REPLACE | REPORT | REQUIRE | RETRY | RETURN
      | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE | SEARCH | SEEK | SERVER | SERVERS | SET
      | SHORTEST | SHOW | SIGNED | SIMPLE | SINGLE | SKIP_ | START | STARTS | STATUS | STOP | STRING
      | TERMINATE | TEXT | TIME | TIMESTAMP | TIMEZONE | TRAIL | TRANSACTIONS | TYPED | UNION
      | UNIQUE | UNWIND | USE | USER | USERS | USING | VALUE | VARCHAR | VECTOR | VERTEX | WALK
      | WITH | WITHOUT | YIELD | ZONED
      )  # VariableExpression
    | expression DOT
      ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALL | ALLSHORTESTPATHS | ALTER | AND | ANY
      | ARRAY | AS | ASC | ASCENDING | ASSERT | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY
      | CALL | CASE | COLLECT | COMMIT | COMPOSITE | CONCURRENT | CONSTRAINT | CONSTRAINTS
      | CONTAINS | CONTINUE | COUNT | CREATE | CSV | CYPHER | DATABASE | DATABASES | DATE | DATETIME
      | DEALLOCATE | DELETE | DENY | DESC | DESCENDING | DETACH | DIFFERENT | DISABLE | DISTINCT
      | DROP | DRYRUN | DURATION | EACH | EDGE | ELEMENT | ELEMENTS | ELSE | ENABLE | END | ENDS
      | ERROR | EXISTS | EXPLAIN | EXTRACT | FAIL | FALSE | FIELDTERMINATOR | FILTER | FINISH
      | FLOAT | FOR | FOREACH | FROM | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | IF | IN | INDEX
      | INDEXES | INSERT | INT | INTEGER | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL
      | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC | NFD | NFKC | NFKD | NODE | NODETACH | NONE
      | NORMALIZED | NOT | NOTHING | NULL | OF | OFFSET | ON | OPTIONAL | OPTIONS | OR | ORDER
      | PATH | PATHS | PERIODIC | POINT | PROFILE | PROPERTY | RANGE | REALLOCATE | REDUCE | REL
      | RELATIONSHIP | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE | REPLACE | REPORT | REQUIRE
      | RETRY | RETURN | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE | SEARCH | SEEK | SERVER
      | SERVERS | SET | SHORTEST | SHORTESTPATH | SHOW | SIGNED | SIMPLE | SINGLE | SKIP_ | START
      | STARTS | STATUS | STOP | STRING | TERMINATE | TEXT | THEN | TIME | TIMESTAMP | TIMEZONE
      | TRAIL | TRANSACTIONS | TRUE | TYPED | UNION | UNIQUE | UNWIND | USE | USER | USERS | USING
      | VALUE | VARCHAR | VECTOR | VERTEX | WALK | WHEN | WHERE | WITH | WITHOUT | XOR | YIELD
      | ZONED
      )  # PropertyExpression
    | expression LBRACKET ( expression ( DOTDOT expression? )? | DOTDOT expression? ) RBRACKET  # SubscriptExpression
    | expression COLON labelTerm                                                       # LabelPredicateExpression
    | ( PLUS | MINUS ) expression                                                      # UnaryExpression
    | expression CARET expression                                                      # PowerExpression
    | expression ( STAR | SLASH | PERCENT ) expression                                 # MultiplicativeExpression
    | expression ( PLUS | MINUS | CONCAT ) expression                                  # AdditiveExpression
    | expression ( REGEX_MATCH | STARTS WITH | ENDS WITH | CONTAINS | IN ) expression  # StringListPredicateExpression
    | expression IS NOT? NULL                                                          # NullPredicateExpression
    | expression ( IS NOT? TYPED | IS NOT? COLONCOLON | COLONCOLON ) typeName          # TypePredicateExpression
    | expression IS NOT? ( NFC | NFD | NFKC | NFKD )? NORMALIZED                       # NormalizedPredicateExpression
    | expression ( EQ | NEQ | BANG_EQ | LT | GT | LE | GE ) expression                 # ComparisonExpression
    | NOT expression                                                                   # NotExpression
    | expression AND expression                                                        # AndExpression
    | expression XOR expression                                                        # XorExpression
    | expression OR expression                                                         # OrExpression
    ;




// Keys are name tokens written out (not a `symbolicName` node): large literal maps are common.
mapLiteral
    : LBRACE
      (
  ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALL | ALLSHORTESTPATHS | ALTER | AND | ANY | ARRAY
  | AS | ASC | ASCENDING | ASSERT | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY | CALL | CASE
  | COLLECT | COMMIT | COMPOSITE | CONCURRENT | CONSTRAINT | CONSTRAINTS | CONTAINS | CONTINUE
  | COUNT | CREATE | CSV | CYPHER | DATABASE | DATABASES | DATE | DATETIME | DEALLOCATE | DELETE
  | DENY | DESC | DESCENDING | DETACH | DIFFERENT | DISABLE | DISTINCT | DROP | DRYRUN | DURATION
  | EACH | EDGE | ELEMENT | ELEMENTS | ELSE | ENABLE | END | ENDS | ERROR | EXISTS | EXPLAIN
  | EXTRACT | FAIL | FALSE | FIELDTERMINATOR | FILTER | FINISH | FLOAT | FOR | FOREACH | FROM
  | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | IF | IN | INDEX | INDEXES | INSERT | INT | INTEGER
  | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC
  | NFD | NFKC | NFKD | NODE | NODETACH | NONE | NORMALIZED | NOT | NOTHING | NULL | OF | OFFSET
  | ON | OPTIONAL | OPTIONS | OR | ORDER | PATH | PATHS | PERIODIC | POINT | PROFILE | PROPERTY
  | RANGE | REALLOCATE | REDUCE | REL | RELATIONSHIP | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE
  | REPLACE | REPORT | REQUIRE | RETRY | RETURN | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE
  | SEARCH | SEEK | SERVER | SERVERS | SET | SHORTEST | SHORTESTPATH | SHOW | SIGNED | SIMPLE
  | SINGLE | SKIP_ | START | STARTS | STATUS | STOP | STRING | TERMINATE | TEXT | THEN | TIME
  | TIMESTAMP | TIMEZONE | TRAIL | TRANSACTIONS | TRUE | TYPED | UNION | UNIQUE | UNWIND | USE
  | USER | USERS | USING | VALUE | VARCHAR | VECTOR | VERTEX | WALK | WHEN | WHERE | WITH | WITHOUT
  | XOR | YIELD | ZONED
  )
        COLON expression
        ( COMMA
  ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALL | ALLSHORTESTPATHS | ALTER | AND | ANY | ARRAY
  | AS | ASC | ASCENDING | ASSERT | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY | CALL | CASE
  | COLLECT | COMMIT | COMPOSITE | CONCURRENT | CONSTRAINT | CONSTRAINTS | CONTAINS | CONTINUE
  | COUNT | CREATE | CSV | CYPHER | DATABASE | DATABASES | DATE | DATETIME | DEALLOCATE | DELETE
  | DENY | DESC | DESCENDING | DETACH | DIFFERENT | DISABLE | DISTINCT | DROP | DRYRUN | DURATION
  | EACH | EDGE | ELEMENT | ELEMENTS | ELSE | ENABLE | END | ENDS | ERROR | EXISTS | EXPLAIN
  | EXTRACT | FAIL | FALSE | FIELDTERMINATOR | FILTER | FINISH | FLOAT | FOR | FOREACH | FROM
  | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | IF | IN | INDEX | INDEXES | INSERT | INT | INTEGER
  | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC
  | NFD | NFKC | NFKD | NODE | NODETACH | NONE | NORMALIZED | NOT | NOTHING | NULL | OF | OFFSET
  | ON | OPTIONAL | OPTIONS | OR | ORDER | PATH | PATHS | PERIODIC | POINT | PROFILE | PROPERTY
  | RANGE | REALLOCATE | REDUCE | REL | RELATIONSHIP | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE
  | REPLACE | REPORT | REQUIRE | RETRY | RETURN | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE
  | SEARCH | SEEK | SERVER | SERVERS | SET | SHORTEST | SHORTESTPATH | SHOW | SIGNED | SIMPLE
  | SINGLE | SKIP_ | START | STARTS | STATUS | STOP | STRING | TERMINATE | TEXT | THEN | TIME
  | TIMESTAMP | TIMEZONE | TRAIL | TRANSACTIONS | TRUE | TYPED | UNION | UNIQUE | UNWIND | USE
  | USER | USERS | USING | VALUE | VARCHAR | VECTOR | VERTEX | WALK | WHEN | WHERE | WITH | WITHOUT
  | XOR | YIELD | ZONED
  )
          COLON expression )*
      )?
      RBRACE
    ;

// $name, $0, and the Neo4j 3 form {name}
parameter
    : DOLLAR ( symbolicName | DECIMAL_INTEGER )
    | LBRACE symbolicName RBRACE
    ;


caseAlternative
    : WHEN expression ( COMMA expression )* THEN expression
    ;





subqueryContent
    : query
    | pattern whereClause?
    ;







mapProjectionItem
    : DOT ( symbolicName | STAR )
    | symbolicName COLON expression
    | variable
    ;





// Types for IS :: / IS TYPED predicates and property type constraints.
typeName
    : typeAtom ( PIPE typeAtom )*
    ;

typeAtom
    : ( NOTHING
      | NULL
      | BOOL | BOOLEAN
      | STRING | VARCHAR
      | SIGNED? ( INT | INTEGER )
      | FLOAT
      | DATE
      | LOCAL ( TIME | DATETIME )
      | ZONED ( TIME | DATETIME )
      | TIME ( WITHOUT | WITH ) TIMEZONE
      | TIMESTAMP ( WITHOUT | WITH ) TIMEZONE
      | DATETIME
      | DURATION
      | POINT
      | ANY? ( NODE | VERTEX )
      | ANY? ( RELATIONSHIP | EDGE )
      | ANY? MAP
      | PATH
      | ANY? PROPERTY VALUE
      | ANY VALUE?
      | ( LIST | ARRAY ) LT typeName GT
      | ANY? LT typeName GT
      | VECTOR ( LT typeName GT )? ( LPAREN DECIMAL_INTEGER RPAREN )?
      )
      ( NOT NULL | BANG )?
    ;

// ================================================================ schema commands

schemaCommand
    : createIndex
    | dropIndex
    | createConstraint
    | dropConstraint
    ;

createIndex
    : CREATE ( OR REPLACE )? indexKind? INDEX
      ( ON COLON symbolicName LPAREN symbolicName ( COMMA symbolicName )* RPAREN       // Neo4j 3/4
      | schemaName? ( IF NOT EXISTS )? FOR indexPattern ON indexTarget indexFilterProperties? indexOptions?
      )
    ;

indexKind
    : RANGE
    | TEXT
    | POINT
    | LOOKUP
    | FULLTEXT
    | VECTOR
    | BTREE
    ;

indexPattern
    : patternElement
    ;

indexTarget
    : propertyRef
    | LPAREN propertyRef ( COMMA propertyRef )* RPAREN
    | EACH? LBRACKET propertyRef ( COMMA propertyRef )* RBRACKET
    | EACH symbolicName LPAREN variable RPAREN
    ;

// Neo4j 2025 vector indexes: ... ON n.embedding WITH [n.year, n.genre]
indexFilterProperties
    : WITH LBRACKET propertyRef ( COMMA propertyRef )* RBRACKET
    ;

indexOptions
    : OPTIONS mapLiteral
    ;

dropIndex
    : DROP INDEX
      ( ON COLON symbolicName LPAREN symbolicName ( COMMA symbolicName )* RPAREN
      | schemaName ( IF EXISTS )?
      )
    ;

createConstraint
    : CREATE ( OR REPLACE )? CONSTRAINT schemaName? ( IF NOT EXISTS )? ( FOR | ON ) constraintPattern ( REQUIRE | ASSERT ) constraintBody indexOptions?
    ;

dropConstraint
    : DROP CONSTRAINT
      ( ON constraintPattern ASSERT constraintBody
      | schemaName ( IF EXISTS )?
      )
    ;

constraintPattern
    : patternElement
    ;

constraintBody
    : constraintProperties IS ( NODE | RELATIONSHIP | REL )? ( UNIQUE | KEY )    # UniqueOrKeyConstraint
    | constraintProperties IS NOT NULL                                          # NotNullConstraint
    | constraintProperties ( IS TYPED | IS COLONCOLON | COLONCOLON ) typeName   # TypeConstraint
    | EXISTS LPAREN propertyRef RPAREN                                          # LegacyExistsConstraint
    ;

constraintProperties
    : propertyRef
    | LPAREN propertyRef ( COMMA propertyRef )* RPAREN
    ;

propertyRef
    : variable DOT symbolicName
    ;

schemaName
    : variable
    | parameter
    ;

// SHOW INDEXES / CONSTRAINTS / PROCEDURES / ... with optional YIELD, WHERE and further clauses.
showCommand
    : SHOW showWord+ ( whereClause | yieldClause clause* )?
    ;

showWord
    : ~( YIELD | WHERE | SEMI )
    ;

// Administration commands are recognised, not analysed.
adminCommand
    : ( CREATE ( OR REPLACE )? | DROP | ALTER | RENAME | START | STOP | ENABLE | DISABLE | DEALLOCATE | REALLOCATE | DRYRUN )
      adminObject adminWord*
    | ( GRANT | DENY | REVOKE | TERMINATE ) adminWord*
    ;

adminObject
    : USER | USERS | ROLE | ROLES | DATABASE | DATABASES | COMPOSITE | ALIAS | SERVER | SERVERS
    ;

adminWord
    : ~SEMI
    ;

// ================================================================ names

variable
    :
      ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALTER | ARRAY | AS | ASC | ASCENDING | ASSERT
      | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY | CALL | COLLECT | COMMIT | COMPOSITE
      | CONCURRENT | CONSTRAINT | CONSTRAINTS | CONTAINS | CONTINUE | COUNT | CREATE | CSV | CYPHER
      | DATABASE | DATABASES | DATE | DATETIME | DEALLOCATE | DELETE | DENY | DESC | DESCENDING
      | DETACH | DIFFERENT | DISABLE | DROP | DRYRUN | DURATION | EACH | EDGE | ELEMENT | ELEMENTS
      | ENABLE | END | ENDS | ERROR | EXISTS | EXPLAIN | EXTRACT | FAIL | FIELDTERMINATOR | FILTER
      | FINISH | FLOAT | FOREACH | FROM | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | INDEX
      | INDEXES | INSERT | INT | INTEGER | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL
      | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC | NFD | NFKC | NFKD | NODE | NODETACH | NONE
      | NORMALIZED | NOTHING | OF | OFFSET | OPTIONAL | OPTIONS | ORDER | PATH | PATHS | PERIODIC
      | POINT | PROFILE | PROPERTY | RANGE | REALLOCATE | REDUCE | REL | RELATIONSHIP
      | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE | REPLACE | REPORT | REQUIRE | RETRY | RETURN
      | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE | SEARCH | SEEK | SERVER | SERVERS | SET
      | SHORTEST | SHOW | SIGNED | SIMPLE | SINGLE | SKIP_ | START | STARTS | STATUS | STOP | STRING
      | TERMINATE | TEXT | TIME | TIMESTAMP | TIMEZONE | TRAIL | TRANSACTIONS | TYPED | UNION
      | UNIQUE | UNWIND | USE | USER | USERS | USING | VALUE | VARCHAR | VECTOR | VERTEX | WALK
      | WITH | WITHOUT | YIELD | ZONED
      )
    ;



// Any name, keywords included: labels, relationship types, property keys, map keys, function
// and procedure name parts.
symbolicName
    :
      ( IDENTIFIER | ESCAPED_NAME | ACYCLIC | ALIAS | ALL | ALLSHORTESTPATHS | ALTER | AND | ANY
      | ARRAY | AS | ASC | ASCENDING | ASSERT | BINDINGS | BOOL | BOOLEAN | BREAK | BTREE | BY
      | CALL | CASE | COLLECT | COMMIT | COMPOSITE | CONCURRENT | CONSTRAINT | CONSTRAINTS
      | CONTAINS | CONTINUE | COUNT | CREATE | CSV | CYPHER | DATABASE | DATABASES | DATE | DATETIME
      | DEALLOCATE | DELETE | DENY | DESC | DESCENDING | DETACH | DIFFERENT | DISABLE | DISTINCT
      | DROP | DRYRUN | DURATION | EACH | EDGE | ELEMENT | ELEMENTS | ELSE | ENABLE | END | ENDS
      | ERROR | EXISTS | EXPLAIN | EXTRACT | FAIL | FALSE | FIELDTERMINATOR | FILTER | FINISH
      | FLOAT | FOR | FOREACH | FROM | FULLTEXT | GRANT | GROUP | GROUPS | HEADERS | IF | IN | INDEX
      | INDEXES | INSERT | INT | INTEGER | IS | JOIN | KEY | LET | LIMIT | LIST | LOAD | LOCAL
      | LOOKUP | MAP | MATCH | MERGE | NEXT | NFC | NFD | NFKC | NFKD | NODE | NODETACH | NONE
      | NORMALIZED | NOT | NOTHING | NULL | OF | OFFSET | ON | OPTIONAL | OPTIONS | OR | ORDER
      | PATH | PATHS | PERIODIC | POINT | PROFILE | PROPERTY | RANGE | REALLOCATE | REDUCE | REL
      | RELATIONSHIP | RELATIONSHIPS | REMOVE | RENAME | REPEATABLE | REPLACE | REPORT | REQUIRE
      | RETRY | RETURN | REVOKE | ROLE | ROLES | ROW | ROWS | SCAN | SCORE | SEARCH | SEEK | SERVER
      | SERVERS | SET | SHORTEST | SHORTESTPATH | SHOW | SIGNED | SIMPLE | SINGLE | SKIP_ | START
      | STARTS | STATUS | STOP | STRING | TERMINATE | TEXT | THEN | TIME | TIMESTAMP | TIMEZONE
      | TRAIL | TRANSACTIONS | TRUE | TYPED | UNION | UNIQUE | UNWIND | USE | USER | USERS | USING
      | VALUE | VARCHAR | VECTOR | VERTEX | WALK | WHEN | WHERE | WITH | WITHOUT | XOR | YIELD
      | ZONED
      )
    ;


// Reserved words (not variables): ALL AND CASE DISTINCT ELSE FALSE IN NOT NULL OR THEN TRUE WHEN WHERE XOR FOR IF ON SHORTESTPATH ALLSHORTESTPATHS ANY —
// literals, operators that also start an expression, and words whose use as a variable would make
// a clause ambiguous. Every other keyword is a valid variable, as in Neo4j (MATCH (end) ...).
// The name token lists above are written out in full (one parse-tree node per name instead of
// two); tests/test_grammar.py checks they stay complete and consistent with this list.
