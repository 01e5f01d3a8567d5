import Foundation
import Tapedeck

/// The seed pages' own example exchanges, copied from /work/shared/seeds (the
/// bodies verbatim), as interactions.
enum SeedExamples {
    static func interaction(
        _ url: String, status: Int = 200, body: String, contentType: String = "application/json",
        headers: HeaderFields = [:], at date: String
    ) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: url, headers: headers),
            response: RecordedResponse(
                status: status, headers: ["Content-Type": contentType],
                body: RecordedBody(content: contentType.contains("json") ? .json(try! JSONParser.parse(body)) : .text(body))),
            recordedAt: ISO8601DateFormatter().date(from: date)!, duration: 0.1)
    }

    static let alibabaURL =
        "https://petadata.aliyuncs.com/?Action=DescribeTasks&InstanceId=pd-xxxxxxxxxxxxxx"
        + "&StartTime=2018-08-05T15:00:00Z&EndTime=2018-08-09T19:00:00Z&PageNumbers=1&MaxRecordsPerPage=30"

    static let alibabaJSON = interaction(
        alibabaURL + "&Format=JSON",
        body: """
            {
                "PageNumbers":1,
                "InstanceId":"pd-xxxxxxxxxxxxxx",
                "RequestId":"D243B1DE-7419-4271-9B1A-8CA35BB7E8C4",
                "MaxRecordsPerPage":30,
                "Tasks":{
                    "Task":[

                    ]
                },
                "EndTime":"2018-08-09T19:00:00Z",
                "StartTime":"2018-08-05T15:00:00Z",
                "TotalRecords":0
            }
            """, at: "2018-08-09T19:00:00Z")

    static let alibabaXML = interaction(
        alibabaURL + "&Format=XML",
        body: """
            <DescribeTasksResponse>  
            	<PageNumbers>1</PageNumbers>
            	<InstanceId>pd-xxxxxxxxxxxxxx</InstanceId>
            	<RequestId>D243B1DE-7419-4271-9B1A-8CA35BB7E8C4</RequestId>
            	<MaxRecordsPerPage>30</MaxRecordsPerPage>
            	<Tasks></Tasks>
            	<EndTime>2018-08-09T19:00:00Z</EndTime>
            	<StartTime>2018-08-05T15:00:00Z</StartTime>
            	<TotalRecords>0</TotalRecords>
            </DescribeTasksResponse>
            """, contentType: "text/xml", at: "2018-08-09T19:00:00Z")

    /// The example request uses `schedule-tasks` and `beginTime`/`endTime`, where
    /// the tables say `scheduled-tasks` and `begin_time`/`end_time`.
    static let kafka = interaction(
        "https://dms.example.com/v2/project/instances/instance/schedule-tasks?start=0&limit=10&beginTime=19700101000000&endTime=20240101000000",
        body: """
            {
              "job_count" : 2,
              "jobs" : [ {
                "id" : "ff808082889e267601889e2df7be0013",
                "name" : "jobName",
                "user_name" : "paas_dms_03",
                "user_id" : "0b01fbb53600d4671fa8c00673c71260",
                "params" : "{\\"reassignment_topics\\":\\"[topic-1]\\"}",
                "status" : "SUCCESS",
                "created_at" : "2023-06-09T03:23:12.702Z",
                "updated_at" : "2023-06-09T03:35:00.067Z",
                "schedule_at" : "2023-06-08T05:08:26.000Z"
              } ]
            }
            """, at: "2023-06-09T04:00:00Z")

    static let iotda = interaction(
        "https://iot.example.com/v5/iot/project/iotda-instances/0a1b2c3d/tasks",
        body: """
            {
              "page" : {
                "count" : 1,
                "marker" : 1805431584415871305
              },
              "tasks" : [ {
                "task_id" : "075f413d-a3bb-4243-974d-8eb9221c2df8",
                "type" : "CREATE",
                "status" : "SUCCESS",
                "create_time" : "2020-08-19T01:52:49.493Z",
                "start_time" : "2020-08-19T01:52:49.492Z",
                "end_time" : "2020-08-19T01:52:49.492Z",
                "target_config" : null,
                "operate_window" : null
              }, {
                "task_id" : "075f413d-a3bb-4243-974d-8eb9221c1234",
                "type" : "MODIFY",
                "status" : "PENDING",
                "create_time" : "2021-08-19T01:52:49.493Z",
                "start_time" : "2021-08-19T01:52:49.492Z",
                "end_time" : "2021-08-19T01:52:49.492Z",
                "target_config" : {
                  "flavor" : {
                    "type" : "iotda.standard.s2",
                    "size" : 2
                  }
                },
                "operate_window" : {
                  "start_time" : "18:00",
                  "end_time" : "22:00"
                }
              } ]
            }
            """, at: "2021-08-20T00:00:00Z")

    /// The page shows a response of type names rather than values.
    static let yandex = interaction(
        "https://backup.example.com/backup/v1/resources/computeInstanceId/tasks",
        body: """
            {
              "tasks": [
                {
                  "id": "string",
                  "cancellable": "boolean",
                  "policyId": "string",
                  "type": "string",
                  "progress": {
                    "current": "string",
                    "total": "string"
                  },
                  "status": "string",
                  "enqueuedAt": "string",
                  "startedAt": "string",
                  "updatedAt": "string",
                  "completedAt": "string",
                  "computeInstanceId": "string",
                  "resultCode": "string",
                  "error": "string"
                }
              ],
              "nextPageToken": "string"
            }
            """, at: "2026-05-30T00:00:00Z")

    static let ddmURL = "https://ddm.eu-de.otc.t-systems.com/v3/619d3e78f61b4be68bc5aa0b59edcf7b/jobs?start_time=1746028800000&end_time=1747319097182"
    static let ddmToken: HeaderFields = ["X-Auth-Token": "TAPEDECK-REDACTED-1"]

    static let ddm = interaction(
        ddmURL,
        body: """
            {
              "jobs": [
                {
                  "id": "92370d30-3ddc-4e05-b8ab-51662d824318",
                  "name": "migrateLogicDb",
                  "status": "ToBeSwitched",
                  "created_time": "2025-05-20T15:05:13+0000",
                  "end_time": "2025-05-20T15:05:13+0000",
                  "process": "",
                  "instance_name": "UTS-ddm-dtc-src",
                  "instance_id": "733c7e8d73a54c27b8308ec784a8be8cin09",
                  "operations": [
                    "modifySwitchingStrategy",
                    "toBeCanceled"
                  ],
                  "database_name": "db_e487",
                  "fail_reason": ""
                },
                {
                  "id": "10501cd3-0c19-498b-9ba4-8935ed447542",
                  "name": "migrateLogicDb",
                  "status": "Completed",
                  "created_time": "2025-05-20T14:48:09+0000",
                  "end_time": "2025-05-20T15:03:45+0000",
                  "process": "",
                  "instance_name": "UTS-ddm-dtc-src",
                  "instance_id": "733c7e8d73a54c27b8308ec784a8be8cin09",
                  "operations": [],
                  "database_name": "db_e487",
                  "fail_reason": ""
                },
                {
                  "id": "57933931-9323-422d-8f3d-20a62eb00c4e",
                  "name": "CreateInstance",
                  "status": "Completed",
                  "created_time": "2025-05-20T07:51:47+0000",
                  "end_time": "2025-05-20T07:56:54+0000",
                  "process": "",
                  "instance_name": "UTS-ddm-dtc-src",
                  "instance_id": "733c7e8d73a54c27b8308ec784a8be8cin09",
                  "operations": [],
                  "database_name": "",
                  "fail_reason": ""
                }
              ],
              "offset": 0,
              "limit": 10,
              "total": 3
            }
            """, headers: ddmToken, at: "2025-05-20T16:00:00Z")

    static let ddmError = interaction(
        ddmURL, status: 400,
        body: """
            {
              "error_msg" : "Parameter error.",
              "error_code" : "DBS.280001"
            }
            """, headers: ddmToken, at: "2025-05-20T16:00:00Z")
}
