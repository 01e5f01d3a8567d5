"""Writes a large recursive OpenAPI 3.1 description and a clean recording of it.

    python3 generate.py OUT_DIR [--schemas N] [--pages P] [--items K]

OUT_DIR/spec.json: N component schemas, each referring to itself, the next and
the first (so nothing can be expanded), with 40 bounded integer fields; an
operation GET /nodes{i} per 10 schemas, answering a page of them.
OUT_DIR/cassette.json: P pages of K nodes (each with nested children), every
value valid, spread over the operations.
"""
import argparse
import json
import os


def schema(index, count):
    properties = {
        "id": {"type": "string", "pattern": "^n[0-9]+$", "description": f"The node's id, {index}."},
        "self": {"$ref": f"#/components/schemas/Node{index}"},
        "next": {"$ref": f"#/components/schemas/Node{(index + 1) % count}"},
        "root": {"anyOf": [{"$ref": "#/components/schemas/Node0"}, {"type": "null"}]},
        "children": {"type": "array", "maxItems": 50, "items": {"$ref": f"#/components/schemas/Node{index}"}},
    }
    for field in range(40):
        properties[f"field{field}"] = {"type": "integer", "minimum": 0, "maximum": field * 1000 + index}
    return {"type": "object", "required": ["id"], "properties": properties}


def node(serial, depth):
    value = {"id": f"n{serial}", "root": None}
    for field in range(10):
        value[f"field{field}"] = field
    if depth > 0:
        value["children"] = [node(serial * 10 + child, depth - 1) for child in range(3)]
        value["next"] = node(serial + 1, depth - 1)
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--schemas", type=int, default=3600)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    count = arguments.schemas
    operations = max(1, count // 10)
    paths = {}
    for index in range(operations):
        paths[f"/nodes{index}"] = {"get": {
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}],
            "responses": {"200": {"description": "A page of nodes.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["items", "has_more"],
                "properties": {"items": {"type": "array", "items": {"$ref": f"#/components/schemas/Node{index * 10}"}},
                               "has_more": {"type": "boolean"}}}}}}}}}
    spec = {"openapi": "3.1.0", "info": {"title": "Bench", "version": "1"},
            "servers": [{"url": "https://api.bench.example"}], "x-tapedeck-provider": "bench",
            "paths": paths, "components": {"schemas": {f"Node{index}": schema(index, count) for index in range(count)}}}
    with open(os.path.join(arguments.out, "spec.json"), "w") as file:
        json.dump(spec, file)
    interactions = []
    for page in range(arguments.pages):
        body = {"items": [node(page * arguments.items + item, 2) for item in range(arguments.items)], "has_more": False}
        interactions.append({
            "recordedAt": "2026-01-01T00:00:00.000Z", "durationMs": 1.0,
            "request": {"method": "GET", "url": f"https://api.bench.example/nodes{page % operations}?limit=100", "headers": []},
            "response": {"status": 200, "headers": [["Content-Type", "application/json"]], "body": {"json": body}},
        })
    with open(os.path.join(arguments.out, "cassette.json"), "w") as file:
        json.dump({"version": 1, "interactions": interactions}, file)


if __name__ == "__main__":
    main()
