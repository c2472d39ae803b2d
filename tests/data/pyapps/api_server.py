"""A small FastAPI service in front of the graph (async driver)."""

from fastapi import FastAPI, HTTPException
from neo4j import AsyncGraphDatabase

app = FastAPI()
driver = AsyncGraphDatabase.driver("bolt://graph:7687", auth=("root", "secret"))


@app.get("/people/{name}/friends")
async def friends(name: str, depth: int = 2):
    async with driver.session(database="social") as session:
        result = await session.run(
            "MATCH p = (a:Person {name: $name})-[:KNOWS*1..3]->(b:Person) "
            "RETURN p, b.name AS friend LIMIT 50",
            name=name,
        )
        records = await result.data()
    return [{"friend": r["friend"], "hops": len(r["p"].relationships)} for r in records]


@app.get("/stats")
async def stats():
    async with driver.session(database="social") as session:
        result = await session.run("MATCH (:Person)-[:KNOWS]->(:Person) RETURN count(*) AS c")
        record = await result.single()
    return {"knows": record["c"]}


@app.post("/people")
async def create_person(name: str):
    async with driver.session(database="social") as session:
        result = await session.run("CREATE (p:Person {name: $name}) RETURN p.name AS name", name=name)
        summary = await result.consume()
    if summary.counters.nodes_created != 1:
        raise HTTPException(status_code=500, detail="not created")
    return {"name": name}
