// cypherlint — Cypher lexer (openCypher 9 + Neo4j 4/5 syntax as found in real code).
// Written for cypherlint from the openCypher specification and the Neo4j Cypher manual.
// Licensed under the Apache License, Version 2.0.
//
// Design notes
// - Keywords are case-insensitive; every keyword is also usable as a name where the parser allows it.
// - Whitespace is skipped; comments go to the HIDDEN channel so suppression comments stay reachable.
// - A last-resort ERROR_CHAR rule means the lexer itself never fails: the parser reports the bad
//   character with its position, which gives one consistent error path.
// - cypherlint/syntax/fastlexer.py mirrors these rules with one regular expression; a test checks
//   both produce the same tokens. Change them together.

lexer grammar CypherLexer;

options { caseInsensitive = true; }

channels { COMMENTS }

// ---------------------------------------------------------------- trivia
WHITESPACE     : [ \t\n\r\u000B\u000C\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+ -> skip ;
BLOCK_COMMENT  : '/*' .*? '*/' -> channel(COMMENTS) ;
LINE_COMMENT   : '//' ~[\r\n]* -> channel(COMMENTS) ;

// ---------------------------------------------------------------- literals
STRING_LITERAL
    : '\'' ( ~['\\] | ESCAPE )* '\''
    | '"' ( ~["\\] | ESCAPE )* '"'
    ;
fragment ESCAPE : '\\' ( ~[u] | 'u' HEX HEX HEX HEX ) ;
fragment HEX    : [0-9a-f] ;

HEX_INTEGER     : '0x' HEX ( '_'? HEX )* ;
OCTAL_INTEGER   : '0o' [0-7] ( '_'? [0-7] )* ;
DECIMAL_DOUBLE
    : DIGITS '.' DIGITS EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;
DECIMAL_INTEGER : DIGITS ;
fragment DIGITS   : [0-9] ( '_'? [0-9] )* ;
fragment EXPONENT : 'e' [+-]? DIGITS ;

// ---------------------------------------------------------------- punctuation and operators
SEMI        : ';' ;
COMMA       : ',' ;
DOTDOT      : '..' ;
DOT         : '.' ;
COLONCOLON  : '::' ;
COLON       : ':' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACKET    : '[' ;
RBRACKET    : ']' ;
LBRACE      : '{' ;
RBRACE      : '}' ;
PLUSEQ      : '+=' ;
PLUS        : '+' ;
MINUS       : '-' ;
STAR        : '*' ;
SLASH       : '/' ;
PERCENT     : '%' ;
CARET       : '^' ;
REGEX_MATCH : '=~' ;
EQ          : '=' ;
NEQ         : '<>' ;
BANG_EQ     : '!=' ;
LE          : '<=' ;
GE          : '>=' ;
LT          : '<' ;
GT          : '>' ;
CONCAT      : '||' ;
PIPE        : '|' ;
AMP         : '&' ;
BANG        : '!' ;
DOLLAR      : '$' ;

// ---------------------------------------------------------------- keywords (alphabetical)
ACYCLIC        : 'ACYCLIC' ;
ALIAS          : 'ALIAS' ;
ALL            : 'ALL' ;
ALLSHORTESTPATHS : 'ALLSHORTESTPATHS' ;
ALTER          : 'ALTER' ;
AND            : 'AND' ;
ANY            : 'ANY' ;
ARRAY          : 'ARRAY' ;
AS             : 'AS' ;
ASC            : 'ASC' ;
ASCENDING      : 'ASCENDING' ;
ASSERT         : 'ASSERT' ;
BINDINGS       : 'BINDINGS' ;
BOOL           : 'BOOL' ;
BOOLEAN        : 'BOOLEAN' ;
BREAK          : 'BREAK' ;
BTREE          : 'BTREE' ;
BY             : 'BY' ;
CALL           : 'CALL' ;
CASE           : 'CASE' ;
COLLECT        : 'COLLECT' ;
COMMIT         : 'COMMIT' ;
COMPOSITE      : 'COMPOSITE' ;
CONCURRENT     : 'CONCURRENT' ;
CONSTRAINT     : 'CONSTRAINT' ;
CONSTRAINTS    : 'CONSTRAINTS' ;
CONTAINS       : 'CONTAINS' ;
CONTINUE       : 'CONTINUE' ;
COUNT          : 'COUNT' ;
CREATE         : 'CREATE' ;
CSV            : 'CSV' ;
CYPHER         : 'CYPHER' ;
DATABASE       : 'DATABASE' ;
DATABASES      : 'DATABASES' ;
DATE           : 'DATE' ;
DATETIME       : 'DATETIME' ;
DEALLOCATE     : 'DEALLOCATE' ;
DELETE         : 'DELETE' ;
DENY           : 'DENY' ;
DESC           : 'DESC' ;
DESCENDING     : 'DESCENDING' ;
DETACH         : 'DETACH' ;
DIFFERENT      : 'DIFFERENT' ;
DISABLE        : 'DISABLE' ;
DISTINCT       : 'DISTINCT' ;
DRYRUN         : 'DRYRUN' ;
DROP           : 'DROP' ;
DURATION       : 'DURATION' ;
EACH           : 'EACH' ;
EDGE           : 'EDGE' ;
ELEMENT        : 'ELEMENT' ;
ELEMENTS       : 'ELEMENTS' ;
ELSE           : 'ELSE' ;
ENABLE         : 'ENABLE' ;
END            : 'END' ;
ENDS           : 'ENDS' ;
ERROR          : 'ERROR' ;
EXISTS         : 'EXISTS' ;
EXPLAIN        : 'EXPLAIN' ;
EXTRACT        : 'EXTRACT' ;
FAIL           : 'FAIL' ;
FALSE          : 'FALSE' ;
FIELDTERMINATOR : 'FIELDTERMINATOR' ;
FILTER         : 'FILTER' ;
FINISH         : 'FINISH' ;
FLOAT          : 'FLOAT' ;
FOR            : 'FOR' ;
FOREACH        : 'FOREACH' ;
FROM           : 'FROM' ;
FULLTEXT       : 'FULLTEXT' ;
GRANT          : 'GRANT' ;
GROUP          : 'GROUP' ;
GROUPS         : 'GROUPS' ;
HEADERS        : 'HEADERS' ;
IF             : 'IF' ;
IN             : 'IN' ;
INDEX          : 'INDEX' ;
INDEXES        : 'INDEXES' ;
INSERT         : 'INSERT' ;
INT            : 'INT' ;
INTEGER        : 'INTEGER' ;
IS             : 'IS' ;
JOIN           : 'JOIN' ;
KEY            : 'KEY' ;
LET            : 'LET' ;
LIMIT          : 'LIMIT' ;
LIST           : 'LIST' ;
LOAD           : 'LOAD' ;
LOCAL          : 'LOCAL' ;
LOOKUP         : 'LOOKUP' ;
MAP            : 'MAP' ;
MATCH          : 'MATCH' ;
MERGE          : 'MERGE' ;
NEXT           : 'NEXT' ;
NFC            : 'NFC' ;
NFD            : 'NFD' ;
NFKC           : 'NFKC' ;
NFKD           : 'NFKD' ;
NODE           : 'NODE' ;
NODETACH       : 'NODETACH' ;
NONE           : 'NONE' ;
NORMALIZED     : 'NORMALIZED' ;
NOT            : 'NOT' ;
NOTHING        : 'NOTHING' ;
NULL           : 'NULL' ;
OF             : 'OF' ;
OFFSET         : 'OFFSET' ;
ON             : 'ON' ;
OPTIONAL       : 'OPTIONAL' ;
OPTIONS        : 'OPTIONS' ;
OR             : 'OR' ;
ORDER          : 'ORDER' ;
PATH           : 'PATH' ;
PATHS          : 'PATHS' ;
PERIODIC       : 'PERIODIC' ;
POINT          : 'POINT' ;
PROFILE        : 'PROFILE' ;
PROPERTY       : 'PROPERTY' ;
RANGE          : 'RANGE' ;
REALLOCATE     : 'REALLOCATE' ;
REDUCE         : 'REDUCE' ;
REL            : 'REL' ;
RELATIONSHIP   : 'RELATIONSHIP' ;
RELATIONSHIPS  : 'RELATIONSHIPS' ;
REMOVE         : 'REMOVE' ;
RENAME         : 'RENAME' ;
REPEATABLE     : 'REPEATABLE' ;
REPLACE        : 'REPLACE' ;
REPORT         : 'REPORT' ;
REQUIRE        : 'REQUIRE' ;
RETRY          : 'RETRY' ;
RETURN         : 'RETURN' ;
REVOKE         : 'REVOKE' ;
ROLE           : 'ROLE' ;
ROLES          : 'ROLES' ;
ROW            : 'ROW' ;
ROWS           : 'ROWS' ;
SCAN           : 'SCAN' ;
SCORE          : 'SCORE' ;
SEARCH         : 'SEARCH' ;
SEEK           : 'SEEK' ;
SERVER         : 'SERVER' ;
SERVERS        : 'SERVERS' ;
SET            : 'SET' ;
SHORTEST       : 'SHORTEST' ;
SHORTESTPATH   : 'SHORTESTPATH' ;
SHOW           : 'SHOW' ;
SIGNED         : 'SIGNED' ;
SIMPLE         : 'SIMPLE' ;
SINGLE         : 'SINGLE' ;
SKIP_          : 'SKIP' ;
START          : 'START' ;
STARTS         : 'STARTS' ;
STATUS         : 'STATUS' ;
STOP           : 'STOP' ;
STRING         : 'STRING' ;
TERMINATE      : 'TERMINATE' ;
TEXT           : 'TEXT' ;
THEN           : 'THEN' ;
TIME           : 'TIME' ;
TIMESTAMP      : 'TIMESTAMP' ;
TIMEZONE       : 'TIMEZONE' ;
TRAIL          : 'TRAIL' ;
TRANSACTIONS   : 'TRANSACTIONS' ;
TRUE           : 'TRUE' ;
TYPED          : 'TYPED' ;
UNION          : 'UNION' ;
UNIQUE         : 'UNIQUE' ;
UNWIND         : 'UNWIND' ;
USE            : 'USE' ;
USER           : 'USER' ;
USERS          : 'USERS' ;
USING          : 'USING' ;
VALUE          : 'VALUE' ;
VARCHAR        : 'VARCHAR' ;
VECTOR         : 'VECTOR' ;
VERTEX         : 'VERTEX' ;
WALK           : 'WALK' ;
WHEN           : 'WHEN' ;
WHERE          : 'WHERE' ;
WITH           : 'WITH' ;
WITHOUT        : 'WITHOUT' ;
XOR            : 'XOR' ;
YIELD          : 'YIELD' ;
ZONED          : 'ZONED' ;

// ---------------------------------------------------------------- names
IDENTIFIER    : ID_START ID_PART* ;
ESCAPED_NAME  : '`' ( ~'`' | '``' )* '`' ;
fragment ID_START : [\p{L}\p{Nl}_] ;
fragment ID_PART  : [\p{L}\p{Nl}_\p{Nd}\p{Mn}\p{Mc}\p{Pc}] ;

// ---------------------------------------------------------------- anything else
ERROR_CHAR : . ;
