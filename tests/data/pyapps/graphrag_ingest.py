"""GraphRAG ingestion: split documents into chunks, extract entities, write them in batches."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

from neo4j import GraphDatabase

NEO4J_URI = os.getenv("NEO4J_URI", "neo4j://localhost:7687")
NEO4J_AUTH = (os.getenv("NEO4J_USER", "root"), os.getenv("NEO4J_PASSWORD", "playwithdata"))
BATCH_SIZE = 500

UPSERT_CHUNKS_QUERY = """
UNWIND $rows AS row
MERGE (d:Document {id: row.doc_id})
MERGE (c:Chunk {id: row.chunk_id})
  ON CREATE SET c.text = row.text, c.position = row.position
MERGE (d)-[:HAS_CHUNK]->(c)
"""

UPSERT_ENTITIES_QUERY = (
    "UNWIND $rows AS row "
    "MERGE (e:Entity {name: row.name}) "
    "SET e.type = row.type "
    "WITH e, row "
    "MATCH (c:Chunk {id: row.chunk_id}) "
    "MERGE (c)-[:MENTIONS]->(e)"
)

CONSTRAINTS = [
    "CREATE CONSTRAINT chunk_id IF NOT EXISTS FOR (c:Chunk) REQUIRE c.id IS UNIQUE",
    "CREATE CONSTRAINT entity_name IF NOT EXISTS FOR (e:Entity) REQUIRE e.name IS UNIQUE",
]


@dataclass
class Chunk:
    doc_id: str
    chunk_id: str
    text: str
    position: int


def _batches(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _create_constraints(tx):
    for statement in CONSTRAINTS:
        tx.run(statement)


def _write_chunks(tx, rows):
    tx.run(UPSERT_CHUNKS_QUERY, rows=rows)


def _write_entities(tx, rows):
    tx.run(UPSERT_ENTITIES_QUERY, rows=rows)


class Ingester:
    def __init__(self) -> None:
        self.driver = GraphDatabase.driver(NEO4J_URI, auth=NEO4J_AUTH)

    def setup(self) -> None:
        with self.driver.session() as session:
            session.execute_write(_create_constraints)

    def ingest(self, chunks: list[Chunk], entities: list[dict]) -> None:
        rows = [c.__dict__ for c in chunks]
        with self.driver.session() as session:
            for batch in _batches(rows, BATCH_SIZE):
                session.execute_write(_write_chunks, batch)
            for batch in _batches(entities, BATCH_SIZE):
                session.execute_write(_write_entities, batch)

    def orphan_chunks(self) -> int:
        with self.driver.session() as session:
            record = session.run(
                "MATCH (c:Chunk) WHERE NOT (c)<-[:HAS_CHUNK]-() RETURN count(c) AS n"
            ).single()
            return record["n"]

    def mention_count(self) -> int:
        records, _, _ = self.driver.execute_query(
            "MATCH ()-[:MENTIONS]->() RETURN count(*) AS mentions", database_="graphrag"
        )
        return records[0]["mentions"]
