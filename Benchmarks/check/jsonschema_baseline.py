#!/usr/bin/env python3
"""The Python baseline for `tapedeck bench check`: what a team would otherwise
write. Generates the same synthetic huawei-iotda walk as CheckBenchmark (the
same fields, formats and page size), then times json.loads plus
jsonschema (Draft 2020-12) validation of every page against a schema
equivalent to the page-level part of Sources/TapedeckProviders/BuiltIn/huawei-iotda.yaml.
Prints one JSON line: {"seconds": ..., "pages": ..., "errors": ...}."""

import argparse
import datetime
import json
import time

import jsonschema

MILLIS = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$"
HH_MM = r"^[0-9]{2}:[0-9]{2}$"
WINDOW = {
    "type": ["object", "null"],
    "properties": {"start_time": {"type": "string", "pattern": HH_MM}, "end_time": {"type": "string", "pattern": HH_MM}},
}
SCHEMA = {
    "type": "object",
    "required": ["page", "tasks"],
    "properties": {
        "page": {
            "type": "object",
            "required": ["count"],
            "properties": {"count": {"type": "integer"}, "marker": {"type": "string"}},
        },
        "tasks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["task_id", "type", "status", "create_time"],
                "properties": {
                    "task_id": {"type": "string", "maxLength": 64, "pattern": "^[a-f0-9-]+$"},
                    "type": {"enum": ["CREATE", "MODIFY", "DELETE", "FREEZE", "UNFREEZE", "UPDATE_ACCESS_CONFIG",
                                      "UPDATE_ALLOW_LISTS", "OPEN_SNAT"]},
                    "status": {"enum": ["PENDING", "RUNNING", "SUCCESS", "FAILED"]},
                    "status_detail": {"type": "string"},
                    "create_time": {"type": "string", "pattern": MILLIS},
                    "start_time": {"type": "string", "pattern": MILLIS},
                    "end_time": {"type": "string", "pattern": MILLIS},
                    "target_config": {"type": ["object", "null"]},
                    "operate_window": WINDOW,
                },
            },
        },
    },
}


def pages(tasks, page_size):
    newest = 1_777_593_600 - 3600
    task_id = 0
    while task_id < tasks:
        count = min(page_size, tasks - task_id)
        items = []
        for n in range(task_id, task_id + count):
            created = datetime.datetime.fromtimestamp(newest - n * 10, datetime.timezone.utc)
            stamp = created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{created.microsecond // 1000:03d}Z"
            items.append({
                "task_id": f"{n:08x}-0000-4000-8000-{n:012x}", "type": "CREATE", "status": "SUCCESS",
                "status_detail": "done", "create_time": stamp, "start_time": stamp, "end_time": stamp,
                "target_config": None, "operate_window": {"start_time": "18:00", "end_time": "22:00"},
            })
        body = {"page": {"count": tasks, "marker": str(10_000_000_000 - (task_id + count))}, "tasks": items}
        yield json.dumps(body, separators=(",", ":")).encode()
        task_id += count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--page-size", type=int, default=500)
    arguments = parser.parse_args()
    bodies = list(pages(arguments.tasks, arguments.page_size))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = 0
    start = time.perf_counter()
    for body in bodies:
        errors += sum(1 for _ in validator.iter_errors(json.loads(body)))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "pages": len(bodies), "errors": errors}))


if __name__ == "__main__":
    main()
