"""A local S3-compatible server (moto) for the storage tests: a bucket on a loopback port."""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.ports import free_port

BUCKET = "innonet-test"
REGION = "eu-central-1"
KEY_ID = "test-key"  # moto accepts any credentials
SECRET = "test-secret"  # a local test server's dummy secret  # nosec B105


@dataclass(frozen=True)
class LocalS3:
    endpoint: str
    bucket: str = BUCKET

    def env(self) -> dict[str, str]:
        """The environment that puts an app server's uploads into this bucket."""
        return {
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": KEY_ID,
            "S3_SECRET_ACCESS_KEY": SECRET,
            "AWS_EC2_METADATA_DISABLED": "true",
        }

    def storage_options(self) -> dict:
        """The same as `STORAGES["default"]` for the test process itself."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.bucket,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": KEY_ID,
                "secret_key": SECRET,
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )

    def object_keys(self) -> list[str]:
        found = self.client().list_objects_v2(Bucket=self.bucket).get("Contents", [])
        return sorted(item["Key"] for item in found)


@contextmanager
def local_s3() -> Iterator[LocalS3]:
    """moto's S3 server on a free port with an empty private bucket; stopped afterwards."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        # moto keeps its buckets per process, not per server: a new name each time.
        s3 = LocalS3(endpoint=f"http://127.0.0.1:{port}", bucket=f"{BUCKET}-{secrets.token_hex(4)}")
        s3.client().create_bucket(
            Bucket=s3.bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield s3
    finally:
        server.stop()
