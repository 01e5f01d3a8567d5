"""Walks a task listing with a provider's official SDK, as a team's client would.

usage: sdk_walk.py kafka|ddm|alibaba ENDPOINT NOW_MS

Credentials come from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK and
ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET. Every answer is
parsed by the SDK (into its response models where it has them); one line per
page is printed: the page's position, its item ids and the total it reports, as JSON.
"""
import datetime
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


def alibaba(endpoint, now):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkpetadata.request.v20160101.DescribeTasksRequest import DescribeTasksRequest

    client = AcsClient(os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"], os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"], "cn-hangzhou")
    moment = datetime.datetime.fromtimestamp(now / 1000, datetime.timezone.utc)
    request = DescribeTasksRequest()  # the SDK sends it as a POST
    request.set_endpoint(endpoint.split("://", 1)[1])
    request.set_protocol_type("http")
    request.set_InstanceId("pd-bp1tapedeck0000001")
    request.set_StartTime((moment - datetime.timedelta(days=25)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    request.set_EndTime(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    number = 1
    while True:
        request.set_PageNumbers(number)
        request.set_MaxRecordsPerPage(30)
        page = json.loads(client.do_action_with_exception(request))
        ids = [task["TaskId"] for task in page["Tasks"]["Task"]]
        yield {"page": number, "ids": ids, "total": page["TotalRecords"]}
        if not ids or number * 30 >= page["TotalRecords"]:
            return
        number += 1


if __name__ == "__main__":
    walk = {"kafka": kafka, "ddm": ddm, "alibaba": alibaba}[sys.argv[1]]
    for page in walk(sys.argv[2], int(sys.argv[3])):
        print(json.dumps(page), flush=True)
