"""Walks a task listing with a provider's official SDK, as a team's client would.

usage: sdk_walk.py kafka|ddm|alibaba|iotda|yandex ENDPOINT NOW_MS

The Kafka walk takes the SDK's own proxy and CA settings from SDK_PROXY
(host:port) and SDK_CA_CERT, to go through a forward proxy to an HTTPS endpoint.

IoTDA and Yandex have no official SDK for these calls: they are walked with
Python's requests, IoTDA signed by huaweicloudsdkcore's own Signer, Yandex with
a Bearer IAM token. Credentials come from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK,
ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET and YC_IAM_TOKEN.
Every answer is parsed by the SDK (into its response models where it has them);
one line per page is printed: the page's position, its item ids and the total
it reports, as JSON.
"""
import datetime
import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials

KAFKA_PROJECT = "0b01fbb53600d4671fa8c00673c71260"
KAFKA_INSTANCE = "6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
DDM_PROJECT = "619d3e78f61b4be68bc5aa0b59edcf7b"
IOTDA_PATH = "/v5/iot/5b4e1f2a9c8d4e3f8a7b6c5d4e3f2a1b/iotda-instances/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/tasks"
YANDEX_PATH = "/backup/v1/resources/fhm0tapedeck00000001/tasks"


def credentials(project):
    return BasicCredentials(os.environ["HUAWEICLOUD_SDK_AK"], os.environ["HUAWEICLOUD_SDK_SK"], project)


def http_config():
    """The SDK's own HTTP settings: its proxy (SDK_PROXY=host:port, for HTTPS
    endpoints) and the CA bundle it verifies HTTPS with (SDK_CA_CERT)."""
    from huaweicloudsdkcore.http.http_config import HttpConfig

    config = HttpConfig.get_default_config()
    if os.environ.get("SDK_PROXY"):
        host, port = os.environ["SDK_PROXY"].rsplit(":", 1)
        config.proxy_protocol = "http"
        config.proxy_host = host
        config.proxy_port = int(port)
    if os.environ.get("SDK_CA_CERT"):
        config.ssl_ca_cert = os.environ["SDK_CA_CERT"]
    return config


def kafka(endpoint, _now):
    from huaweicloudsdkkafka.v2 import KafkaClient, ListScheduledTasksRequest

    client = (
        KafkaClient.new_builder().with_http_config(http_config()).with_credentials(credentials(KAFKA_PROJECT)).with_endpoint(endpoint).build()
    )
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


def iotda(endpoint, _now):
    import requests
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    scheme, host = endpoint.split("://", 1)
    signer = Signer(credentials(None))
    marker = None
    number = 0
    while True:
        query = [("limit", 5)] + ([("marker", marker)] if marker else [])
        request = signer.sign(SdkRequest(method="GET", schema=scheme, host=host, resource_path=IOTDA_PATH, query_params=query, header_params={}))
        answer = requests.get(f"{scheme}://{host}{request.uri}", headers=request.header_params, timeout=10)
        answer.raise_for_status()
        page = answer.json()
        ids = [task["task_id"] for task in page["tasks"]]
        yield {"page": number, "ids": ids, "total": page["page"]["count"]}
        if len(ids) < 5:
            return
        marker = page["page"]["marker"]
        number += 1


def yandex(endpoint, _now):
    import requests

    headers = {"Authorization": "Bearer " + os.environ["YC_IAM_TOKEN"]}
    token = None
    number = 0
    while True:
        query = {"pageSize": 15, **({"pageToken": token} if token else {})}
        answer = requests.get(endpoint + YANDEX_PATH, params=query, headers=headers, timeout=10)
        answer.raise_for_status()
        page = answer.json()
        ids = [task["id"] for task in page["tasks"]]
        yield {"page": number, "ids": ids}
        token = page.get("nextPageToken")  # proto3 JSON leaves it out on the last page
        if not token:
            return
        number += 1


if __name__ == "__main__":
    walk = {"kafka": kafka, "ddm": ddm, "alibaba": alibaba, "iotda": iotda, "yandex": yandex}[sys.argv[1]]
    for page in walk(sys.argv[2], int(sys.argv[3])):
        print(json.dumps(page), flush=True)
