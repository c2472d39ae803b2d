"""Names the native openCypher engine knows: functions, procedures and their APOC-style registries.

Data for the function and procedure rules (ARC215, ARC216, ARC311-ARC313), written down from
../shared/arcadedb/SOURCE_NOTES.md §3 and §4 (the engine's FunctionValidator, CypherBuiltinFunctions,
CypherFunctionRegistry and CypherProcedureRegistry at the source snapshot). Everything is lower case:
the engine looks names up case-insensitively. Which releases lack a name is not here — that is
compatibility data (targets/compat.json, targets/facts/*.toml).
"""

from __future__ import annotations

# §3.2: the plain (non-dotted) names the parse-time check accepts. Any other plain name is
# "UnknownFunction". Grammar forms (count(*), reduce, all/any/none/single, shortestPath, EXISTS {})
# are not function calls in our parse tree either.
PLAIN_FUNCTIONS = frozenset(
    name.lower()
    for name in """
    count sum avg min max collect collect_list stdev stdevp stdev_samp stdev_pop percentileCont
    percentile_cont percentileDisc percentile_disc
    id elementId labels type keys properties startNode endNode nodes relationships length path_length
    size head last tail range reverse coalesce nullIf valueType isEmpty isNaN exists randomUUID timestamp
    toLower lower toUpper upper trim btrim ltrim rtrim substring replace split left right toString
    normalize isNormalized charLength char_length character_length format
    toInteger toFloat toBoolean toStringOrNull toIntegerOrNull toFloatOrNull toBooleanOrNull
    toBooleanList toFloatList toIntegerList toStringList
    abs ceil ceiling floor round sign rand sqrt exp log ln log10 e pi sin cos tan cot asin acos atan
    atan2 sinh cosh tanh coth degrees radians haversin
    date datetime zoned_datetime localdatetime local_datetime time zoned_time localtime local_time
    duration duration_between
    point distance
    vector vector_dimension_count
    file linenumber
    """.split()
)
# Grammar-level forms that our parser may see as function calls.
GRAMMAR_FUNCTIONS = frozenset({"vector_distance", "vector_norm", "shortestpath", "allshortestpaths"})

# §3.3: dotted built-ins.
_CLOCKS = ("truncate", "realtime", "statement", "transaction")
DOTTED_FUNCTIONS = frozenset(
    [f"date.{c}" for c in _CLOCKS]
    + [f"datetime.{c}" for c in _CLOCKS]
    + ["datetime.fromepoch", "datetime.fromepochmillis"]
    + [f"localdatetime.{c}" for c in _CLOCKS]
    + [f"localtime.{c}" for c in _CLOCKS]
    + [f"time.{c}" for c in _CLOCKS]
    + ["duration.between", "duration.indays", "duration.inmonths", "duration.inseconds"]
    + ["point.distance", "point.withinbbox"]
    + ["vector.similarity.cosine", "vector.similarity.euclidean", "vector.create", "vector.distance",
       "vector.distance.cosine", "vector.distance.euclidean", "vector.distance.manhattan", "vector.norm",
       "vector.dimension.count"]
    + ["char.length", "character.length"]
)
# Namespaces of Neo4j's own dotted built-ins: a name there that ArcadeDB lacks is an unknown function.
NEO4J_BUILTIN_NAMESPACES = ("date.", "datetime.", "localdatetime.", "localtime.", "time.", "duration.",
                            "point.", "db.", "graph.")
# Namespaces ArcadeDB's SQL function library serves to Cypher (§3.5): not checked name by name.
SQL_NAMESPACES = ("sql.", "geo.", "vector.", "ts.", "fulltext.")

# §3.4: CypherFunctionRegistry (also callable as apoc.<name>).
_REGISTRY = {
    "coll": "avg distinct flatten indexOf insert max min pairsMin remove sort sum toSet union unionAll",
    "text": "indexOf join split replace regexReplace capitalize capitalizeAll decapitalize decapitalizeAll "
            "camelCase snakeCase upperCamelCase lpad rpad format slug random hexValue byteCount charAt code "
            "levenshteinDistance levenshteinSimilarity sorensenDiceSimilarity jaroWinklerDistance hammingDistance",
    "map": "merge mergeList fromLists fromPairs setKey removeKey removeKeys clean flatten unflatten submap "
           "values groupBy sortedProperties",
    "math": "sigmoid sigmoidPrime tanh cosh sinh maxLong minLong maxDouble round",
    "convert": "toJson fromJsonMap fromJsonList toMap toList toSet toBoolean toInteger toFloat toString",
    "number": "format",
    "date": "format parse add convert field fields currentTimestamp toISO8601 fromISO8601 systemTimezone",
    "util": "md5 sha1 sha256 sha512 compress decompress sleep validate",
    "agg": "first last nth slice median percentiles statistics product minItems maxItems",
    "node": "degree degree.in degree.out labels id relationship.exists relationship.types",
    "rel": "id type startNode endNode",
    "path": "create combine slice elements",
    "create": "uuid uuidBase64 vNode vRelationship",
}
APOC_FUNCTIONS = frozenset(f"{ns}.{name}".lower() for ns, names in _REGISTRY.items() for name in names.split())

# §4.2: CypherProcedureRegistry (also callable as apoc.<name>); functions can be CALLed too.
_ALGO = """dijkstra astar allSimplePaths pagerank betweenness closeness degree eigenvector harmonic katz hits
articleRank personalizedPageRank voteRank wcc scc louvain leiden labelpropagation slpa kcore kTruss
triangleCount localClusteringCoefficient jaccard adamicAdar commonNeighbors preferentialAttachment
resourceAllocation totalNeighbors sameCommunity simRank knn bfs dfs apsp bellmanford dijkstra.singleSource
kShortestPaths longestPath maxFlow mst msa steinerTree topologicalSort cycleDetection bridges
articulationPoints biconnectedComponents bipartite bipartiteMatching clique densestSubgraph eccentricity
graphColoring maxKCut modularityScore conductance assortativity richClub influenceMaximization
hierarchicalClustering graphSummary randomWalk fastrp node2vec hashgnn graphsage"""
PROCEDURES = frozenset(
    name.lower()
    for name in (
        ["db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema", "db.schema.visualization",
         "db.index.vector.querynodes", "merge.node", "merge.relationship",
         "meta.graph", "meta.schema", "meta.stats", "meta.nodetypeproperties", "meta.reltypeproperties",
         "path.expand", "path.expandconfig", "path.subgraphnodes", "path.subgraphall", "path.spanningtree",
         "do.when", "refactor.mergenodes", "refactor.clonenodeswithrelationships"]
        + [f"algo.{a}" for a in _ALGO.split()]
    )
)
# Registered only after the source snapshot's last release: their own compat constructs say when.
LATE_PROCEDURES = {"do.when": "proc.apoc.do.when", "refactor.mergenodes": "proc.apoc.refactor",
                   "refactor.clonenodeswithrelationships": "proc.apoc.refactor"}
# Procedures other rules own (vector and full-text index procedures ARC301-ARC303, schema
# procedures ARC407): ARC311 leaves exactly these names to them.
FOREIGN_PROCEDURES = frozenset({
    "db.index.vector.querynodes", "db.index.vector.queryrelationships", "db.index.vector.createnodeindex",
    "db.index.vector.createrelationshipindex", "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships", "db.index.fulltext.createnodeindex",
    "db.index.fulltext.createrelationshipindex", "db.index.fulltext.drop",
    "db.index.fulltext.awaiteventuallyconsistentindexrefresh", "db.indexes", "db.awaitindexes", "db.constraints",
    "db.awaitindex", "db.createindex", "db.createuniquepropertyconstraint", "db.createnodekey",
})
# Bolt-only synthetic answers (§4.3): still unknown to the engine over HTTP and embedded.
NEO4J_PROCEDURE_NAMESPACES = ("db.", "dbms.", "tx.")

# Which apoc.* procedures have a plain-Cypher replacement worth naming in a hint.
APOC_PROCEDURE_HINTS = {
    "apoc.periodic.iterate": "use CALL { ... } IN TRANSACTIONS OF n ROWS",
    "apoc.periodic.commit": "use CALL { ... } IN TRANSACTIONS OF n ROWS",
    "apoc.create.node": "use a plain CREATE (n:Label {...})",
    "apoc.create.relationship": "use a plain CREATE (a)-[:TYPE {...}]->(b)",
    "apoc.create.addlabels": "use SET n:Label",
    "apoc.create.setlabels": "use SET n:Label / REMOVE n:Label",
    "apoc.create.setproperty": "use SET n[key] = value",
    "apoc.create.setproperties": "use SET n += $map",
    "apoc.merge.node": "use MERGE (n:Label {key: ...}), or pass ArcadeDB's merge.node its 3 arguments",
    "apoc.meta.data": "use CALL meta.schema() or ArcadeDB SQL SELECT name, type, properties FROM schema:types",
    "apoc.meta.schema": "use CALL meta.schema()",
    "apoc.cypher.run": "inline the query (or use a CALL { } subquery)",
    "apoc.cypher.doit": "inline the query (or use a CALL { } subquery)",
    "apoc.do.case": "use CASE in a CALL { } subquery, or FOREACH (x IN CASE WHEN c THEN [1] ELSE [] END | ...)",
    "apoc.load.json": "load the data in the client and pass it as $rows",
    "apoc.load.csv": "use LOAD CSV",
    "apoc.schema.assert": "use CREATE INDEX / CREATE CONSTRAINT (or ArcadeDB SQL DDL)",
}
# gds.* -> the closest algo.* procedure (signatures differ; advice only).
GDS_TO_ALGO = {
    "pagerank": "algo.pagerank", "articlerank": "algo.articleRank", "betweenness": "algo.betweenness",
    "closeness": "algo.closeness", "degree": "algo.degree", "eigenvector": "algo.eigenvector",
    "harmonic": "algo.harmonic", "hits": "algo.hits", "wcc": "algo.wcc", "scc": "algo.scc",
    "louvain": "algo.louvain", "leiden": "algo.leiden", "labelpropagation": "algo.labelpropagation",
    "kcore": "algo.kcore", "k1coloring": "algo.graphColoring", "trianglecount": "algo.triangleCount",
    "localclusteringcoefficient": "algo.localClusteringCoefficient", "nodesimilarity": "algo.jaccard",
    "knn": "algo.knn", "bfs": "algo.bfs", "dfs": "algo.dfs", "dijkstra": "algo.dijkstra",
    "astar": "algo.astar", "yens": "algo.kShortestPaths", "allshortestpaths": "algo.apsp",
    "bellmanford": "algo.bellmanford", "spanningtree": "algo.mst", "steinertree": "algo.steinerTree",
    "fastrp": "algo.fastrp", "node2vec": "algo.node2vec", "hashgnn": "algo.hashgnn",
    "graphsage": "algo.graphsage", "randomwalk": "algo.randomWalk", "modularity": "algo.modularityScore",
    "conductance": "algo.conductance", "bridges": "algo.bridges", "articulationpoints": "algo.articulationPoints",
    "maxflow": "algo.maxFlow", "topologicalsort": "algo.topologicalSort",
}
