"""Structured log lines: JSON with the request id; CR/LF in messages cannot forge lines."""

import json
import logging
from datetime import UTC, datetime

from .request_context import request_id_var


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        # Machine-readable extras: logger.warning(..., extra={"event": "...", "data": {...}}).
        event = getattr(record, "event", None)
        if event is not None:
            entry["event"] = event
            entry["data"] = getattr(record, "data", None) or {}
        if record.exc_info or record.exc_text:
            # exc_text is the masked text when the secrets filter ran (core/logsafety.py).
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
