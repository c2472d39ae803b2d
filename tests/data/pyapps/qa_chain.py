"""Question answering over the movie graph, LangChain style."""

from langchain.chains import GraphCypherQAChain
from langchain_community.graphs import Neo4jGraph
from langchain_core.prompts import FewShotPromptTemplate, PromptTemplate

graph = Neo4jGraph(url="bolt://localhost:7687", username="root", password="secret", database="neo4j")

CYPHER_GENERATION_TEMPLATE = """Task: Generate a Cypher statement to query a graph database.
Instructions:
Use only the provided relationship types and properties in the schema.
Schema:
{schema}

Examples:
# Which movies did Tom Hanks act in?
MATCH (p:Person)-[:ACTED_IN]->(m:Movie)
WHERE toLower(p.name) = toLower("Tom Hanks")
RETURN m.title
# How many people acted in Top Gun?
MATCH (m:Movie {{title: "Top Gun"}})<-[:ACTED_IN]-()
RETURN count(*) AS actors

The question is:
{question}"""

CYPHER_PROMPT = PromptTemplate(input_variables=["schema", "question"], template=CYPHER_GENERATION_TEMPLATE)

examples = [
    {
        "question": "Which genres does The Matrix belong to?",
        "query": "MATCH (m:Movie {title: 'The Matrix'})-[:IN_GENRE]->(g) RETURN labels(g), g.name",
    },
    {
        "question": "Who directed the most movies?",
        "query": "MATCH (p:Person)-[:DIRECTED]->(:Movie) RETURN p.name, count(*) AS n ORDER BY n DESC LIMIT 1",
    },
]

example_prompt = PromptTemplate.from_template("Question: {question}\nCypher: {query}")
few_shot = FewShotPromptTemplate(examples=examples, example_prompt=example_prompt, suffix="Question: {question}",
                                 input_variables=["question"])

chain = GraphCypherQAChain.from_llm(llm=None, graph=graph, cypher_prompt=CYPHER_PROMPT, verbose=True)


def movie_keys(title: str) -> list:
    return graph.query("MATCH (m:Movie {title: $title}) RETURN properties(m) AS props", {"title": title})


def ask(question: str) -> str:
    return chain.invoke({"query": question})["result"]
