"""Free loopback ports for servers that tests start."""

import socket


def free_port() -> int:
    """A port the kernel has just handed out, so two test processes never get the same one.

    A fixed range scanned from its start gave both xdist workers the same port at once: one
    test then talked to the other test's server and failed when that one stopped.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
