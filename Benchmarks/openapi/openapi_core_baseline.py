"""The baseline: openapi-core loads the description and validates every recorded
response (and its request) of the cassette, as `tapedeck check` does.

    python openapi_core_baseline.py spec.json cassette.json
"""
import json
import sys
from urllib.parse import parse_qsl, urlsplit

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse


def main():
    spec_path, cassette_path = sys.argv[1], sys.argv[2]
    openapi = OpenAPI.from_file_path(spec_path)
    with open(cassette_path) as file:
        cassette = json.load(file)
    failures = 0
    for interaction in cassette["interactions"]:
        url = urlsplit(interaction["request"]["url"])
        request = MockRequest(f"{url.scheme}://{url.netloc}", interaction["request"]["method"].lower(), url.path,
                              args=dict(parse_qsl(url.query)))
        response = MockResponse(json.dumps(interaction["response"]["body"]["json"]).encode(),
                                status_code=interaction["response"]["status"], content_type="application/json")
        try:
            openapi.validate_request(request)
            openapi.validate_response(request, response)
        except Exception as error:  # a violation: counted, as tapedeck reports it
            failures += 1
            print(f"{url.path}: {type(error).__name__}: {str(error)[:200]}", file=sys.stderr)
    print(f"openapi-core: {len(cassette['interactions'])} exchanges, {failures} failing")


if __name__ == "__main__":
    # openapi-spec-validator walks a recursive description by recursion: give it the
    # depth (and the thread stack) it needs rather than let it stop at Python's default.
    import threading
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
