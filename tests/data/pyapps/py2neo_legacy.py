"""Old py2neo code still in production."""

from py2neo import Graph

graph = Graph("bolt://localhost:7687", auth=("root", "secret"))


def top_cities(limit=10):
    return graph.run(
        "MATCH (p:Person)-[:LIVES_IN]->(c:City) "
        "RETURN c.name AS city, count(p) AS people "
        "ORDER BY people DESC LIMIT $limit",
        limit=limit,
    ).data()


def person_labels(name):
    return graph.evaluate("MATCH (p {name: $name}) RETURN labels(p)", name=name)


def all_paths(a, b):
    return graph.run("MATCH path = (x {name: $a})-[*1..4]-(y {name: $b}) RETURN path", a=a, b=b).data()
