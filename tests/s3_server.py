"""A local S3 for the tests of the S3 storage: moto's server in a thread of the test process, on
a free port of 127.0.0.1, reached over HTTP by boto3 as a real store would be."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

TEST_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@dataclass
class S3Server:
    server: object
    endpoint_url: str

    def client(self):
        import boto3

        return boto3.session.Session().client(
            "s3", endpoint_url=self.endpoint_url, region_name="us-east-1"
        )

    def new_bucket(self) -> str:
        name = f"family-ors-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def stop(self) -> None:
        """Stop answering: the listening socket is closed too (moto's stop() leaves it open,
        and a client would then wait for an answer instead of being refused)."""
        self.server.stop()
        self.server._server.server_close()


def start() -> S3Server:
    """Needs TEST_CREDENTIALS in the environment (boto3 reads them there)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return S3Server(server, f"http://{host}:{port}")


def settings(s3: S3Server, bucket: str, prefix: str = "attachments/") -> dict:
    """The application's settings for attachments in `bucket` of `s3`."""
    return {
        "ATTACHMENT_STORAGE": "s3",
        "ATTACHMENT_S3_BUCKET": bucket,
        "ATTACHMENT_S3_PREFIX": prefix,
        "ATTACHMENT_S3_ENDPOINT_URL": s3.endpoint_url,
        "ATTACHMENT_S3_REGION": "us-east-1",
    }
