"""Running the outbox: the requests-based Sender and the worker loop behind
`gateway outbox run`. Several workers share one PostgreSQL through row locks; SQLite gets one."""

import logging
import threading
import time

import requests
from sqlalchemy.exc import SQLAlchemyError

from gateway.db import Database
from gateway.orders.lifecycle import check_reply
from gateway.orders.outbox import DeliveryFailed
from gateway.orders.outbox import OutboxConfig
from gateway.orders.outbox import Reply
from gateway.orders.outbox import Sender
from gateway.orders.outbox import deliver_due

__all__ = ["RequestsSender", "run_outbox"]

log = logging.getLogger("gateway.outbox")


class RequestsSender:
    """Posts with a pooled requests.Session; no redirects are followed, proxies from the
    environment are not used."""

    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.trust_env = False

    def post(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Reply:
        try:
            response = self.session.post(
                url, data=body, headers=headers, timeout=timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
        return Reply(status=response.status_code, body=response.content)


def run_outbox(
    database: Database,
    config: OutboxConfig,
    *,
    sender_factory=RequestsSender,
    workers: int = 1,
    until_empty: bool = False,
    poll_seconds: float = 1.0,
    stop: threading.Event | None = None,
) -> int:
    """Deliver until `stop` is set (or, with `until_empty`, until nothing is due); return the
    number of delivery attempts made."""
    if database.engine.dialect.name == "sqlite":
        workers = 1  # one writer: a second worker would only wait for the lock
    stop = stop or threading.Event()
    counts = [0] * workers

    def work(index: int) -> None:
        sender: Sender = sender_factory()
        while not stop.is_set():
            try:
                tried = deliver_due(database, sender, config, on_reply=check_reply)
            except SQLAlchemyError as exc:  # the database is down or restarting: wait, go on
                log.error("outbox: cannot reach the database (%s); retrying", type(exc).__name__)
                stop.wait(min(30.0, max(1.0, poll_seconds * 5)))
                continue
            counts[index] += tried
            if tried == 0:
                if until_empty:
                    return
                stop.wait(poll_seconds)

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(workers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log.info("outbox: %d attempts in %.1f s", sum(counts), time.monotonic() - started)
    return sum(counts)
