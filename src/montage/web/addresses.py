"""Which addresses a server is reachable at, said plainly before it opens."""

from __future__ import annotations

import ipaddress

LOCAL_HOSTS = frozenset(("127.0.0.1", "localhost", "::1"))
"""Addresses that only this machine can reach."""


def is_local(host: str) -> bool:
    """Whether only this machine can reach a server bound to ``host``."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def machine_addresses() -> list[str]:
    """This machine's IPv4 addresses other than the loopback one, read from its interfaces
    (no packet is sent)."""
    try:
        import ifaddr  # comes with zeroconf
    except ImportError:
        return []
    found: list[str] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str) and not ipaddress.ip_address(ip.ip).is_loopback:
                found.append(ip.ip)
    return sorted(set(found))


def reachable_at(host: str) -> list[str]:
    """The addresses to give others for a server bound to ``host``."""
    if host in ("0.0.0.0", "", "::"):
        return machine_addresses() or ["this machine's address"]
    return [host]


def describe_bind(host: str, port: int, scheme: str) -> list[str]:
    """Say where a server listens and who can reach it.

    Args:
        host: The address it binds to.
        port: Its port.
        scheme: ``http`` for a page, ``ws`` for a class's socket.

    Returns:
        The lines to print.
    """
    where = [f"{scheme}://{address}:{port}" for address in reachable_at(host)]
    if is_local(host):
        return [
            f"  open {where[0]}",
            "  only this machine can reach it; --host 0.0.0.0 opens it to your network",
        ]
    lines = [f"  open {address}" for address in where]
    lines.append(
        f"  anyone on the networks of {host} can reach it: serve it on a network you trust"
    )
    return lines
