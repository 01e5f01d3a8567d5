"""Walks a task listing with a Huawei Cloud official SDK, as a team's client would.

usage: huawei_walk.py kafka|ddm ENDPOINT NOW_MS

Credentials come from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK. Every answer is
parsed into the SDK's response model; one line per page is printed: the page's
position, its item ids and the total the page reports, as JSON.
"""
import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials

KAFKA_PROJECT = "0b01fbb53600d4671fa8c00673c71260"
KAFKA_INSTANCE = "6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
DDM_PROJECT = "619d3e78f61b4be68bc5aa0b59edcf7b"


def credentials(project):
    return BasicCredentials(os.environ["HUAWEICLOUD_SDK_AK"], os.environ["HUAWEICLOUD_SDK_SK"], project)


def kafka(endpoint, _now):
    from huaweicloudsdkkafka.v2 import KafkaClient, ListScheduledTasksRequest

    client = KafkaClient.new_builder().with_credentials(credentials(KAFKA_PROJECT)).with_endpoint(endpoint).build()
    start = 0
    while True:
        page = client.list_scheduled_tasks(ListScheduledTasksRequest(instance_id=KAFKA_INSTANCE, start=str(start), limit=20))
        ids = [job.id for job in page.jobs or []]
        yield {"start": start, "ids": ids, "total": str(page.job_count)}
        if not ids:
            return
        start += len(ids)


def ddm(endpoint, now):
    from huaweicloudsdkddm.v1 import DdmClient, ListTasksRequest

    client = DdmClient.new_builder().with_credentials(credentials(DDM_PROJECT)).with_endpoint(endpoint).build()
    offset = 0
    while True:
        request = ListTasksRequest(start_time=str(now - 29 * 86_400_000), end_time=str(now), offset=offset, limit=16)
        page = client.list_tasks(request)
        ids = [job.id for job in page.jobs or []]
        yield {"offset": offset, "ids": ids, "total": page.total}
        offset += len(ids)
        if not ids or offset >= page.total:
            return


if __name__ == "__main__":
    walk = {"kafka": kafka, "ddm": ddm}[sys.argv[1]]
    for page in walk(sys.argv[2], int(sys.argv[3])):
        print(json.dumps(page), flush=True)
