"""Background worker: consumes events and keeps the graph in sync (asyncio + neo4j async driver)."""

import asyncio

from neo4j import AsyncGraphDatabase, AsyncManagedTransaction

UPSERT = """
UNWIND $events AS ev
MERGE (u:User {id: ev.user})
MERGE (i:Item {id: ev.item})
MERGE (u)-[r:INTERACTED {kind: ev.kind}]->(i)
  ON CREATE SET r.count = 1
  ON MATCH SET r.count = r.count + 1
"""


async def _upsert(tx: AsyncManagedTransaction, events: list) -> int:
    result = await tx.run(UPSERT, events=events)
    summary = await result.consume()
    return summary.counters.relationships_created


async def _touch(tx: AsyncManagedTransaction, user_id: str) -> None:
    record = await (await tx.run("MATCH (u:User {id: $id}) RETURN u", id=user_id)).single()
    node = record["u"]
    await tx.run("MATCH (u) WHERE elementId(u) = $eid SET u.seen = timestamp()", eid=node.element_id)


async def worker(queue: asyncio.Queue) -> None:
    driver = AsyncGraphDatabase.driver("bolt://localhost:7687", auth=("root", "secret"))
    async with driver.session() as session:
        while True:
            events = await queue.get()
            created = await session.execute_write(_upsert, events)
            for ev in events:
                await session.execute_write(_touch, ev["user"])
            print(f"{created} new interactions")
            queue.task_done()
