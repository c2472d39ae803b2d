"""Repository pattern over the movie graph: one class, query constants, one session helper."""

from neo4j import GraphDatabase


class MovieRepository:
    FIND_MOVIE_CYPHER = "MATCH (m:Movie {title: $title}) RETURN m"
    CAST_CYPHER = (
        "MATCH (m:Movie {title: $title})<-[:ACTED_IN]-() "
        "RETURN count(*) AS cast"
    )
    GENRE_COUNT_CYPHER = "MATCH (:Movie)-[:IN_GENRE]->(:Genre {name: $genre}) RETURN count(*) AS movies"

    def __init__(self, uri: str, user: str, password: str):
        self._driver = GraphDatabase.driver(uri, auth=(user, password))

    def close(self) -> None:
        self._driver.close()

    def _read(self, query: str, **params) -> list[dict]:
        with self._driver.session() as session:
            return session.execute_read(lambda tx: tx.run(query, **params).data())

    def find(self, title: str) -> dict | None:
        rows = self._read(self.FIND_MOVIE_CYPHER, title=title)
        return rows[0]["m"] if rows else None

    def cast_size(self, title: str) -> int:
        return self._read(self.CAST_CYPHER, title=title)[0]["cast"]

    def movies_in_genre(self, genre: str) -> int:
        return self._read(self.GENRE_COUNT_CYPHER, genre=genre)[0]["movies"]

    def shortest(self, a: str, b: str) -> list:
        return self._read(
            "MATCH (x:Person {name: $a}), (y:Person {name: $b}) "
            "RETURN shortestPath((x)-[:ACTED_IN*]-(y)) AS path",
            a=a,
            b=b,
        )
