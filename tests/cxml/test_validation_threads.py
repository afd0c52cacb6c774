"""The first validations of a new process, in many threads at once: a server worker's threads
all compile the schema at its first requests. libxml2 must not be asked to compile two at a
time; when it was, about one process in ten answered its first orders with status 500
("cannot load the lenient cXML schema") or died of a segmentation fault."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from cxml import build_cxml

PROCESSES = 40
THREADS = 8

# Each thread validates the same valid order at once, in both modes, and prints any error.
CHILD = """
import sys, threading
from cxml import validate_cxml
body = sys.stdin.buffer.read()
start = threading.Barrier({threads})
def validate(mode):
    start.wait()
    try:
        validate_cxml(body, mode=mode)
    except Exception as error:
        print(repr(error), flush=True)
modes = ["strict", "lenient"] * ({threads} // 2)
threads = [threading.Thread(target=validate, args=(mode,)) for mode in modes]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
"""


def first_validations(body: bytes) -> tuple[int, str]:
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(threads=THREADS)],
        input=body,
        capture_output=True,
        timeout=120,
    )
    return child.returncode, child.stdout.decode() + child.stderr.decode()[-500:]


def test_a_new_process_validates_in_many_threads_at_once(samples):
    body = build_cxml(samples.ALL_DOCUMENTS["order-request"])
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(first_validations, [body] * PROCESSES))
    failures = [outcome for outcome in outcomes if outcome != (0, "")]
    assert not failures, f"{len(failures)} of {PROCESSES} processes: {failures[:3]}"
