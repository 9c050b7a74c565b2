"""Finding a class on the LAN: the coach announces it with zeroconf (mDNS / DNS-SD).

A coach bound to the loopback address announces only there, so nothing leaves
the machine; one bound to every address announces on every network it is on.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

from zeroconf import InterfaceChoice, IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from montage.classroom.protocol import SERVICE_TYPE
from montage.web.addresses import is_local, machine_addresses

Interfaces = list[str] | InterfaceChoice
"""Where to announce or look: addresses of this machine's interfaces, or all of them."""


@dataclass(frozen=True, slots=True)
class FoundClass:
    """A class announced on the network."""

    workout: str
    """Its workout's name."""
    address: str
    """The coach's address."""
    port: int
    """The coach's port."""

    @property
    def where(self) -> str:
        """``HOST:PORT``, as ``montage follow`` takes it."""
        return f"{self.address}:{self.port}"


def interfaces_for(host: str) -> Interfaces:
    """The interfaces to announce a class bound to ``host`` on."""
    if is_local(host):
        return ["127.0.0.1"]
    if host in ("0.0.0.0", "", "::"):
        return InterfaceChoice.All
    return [host]


class Announcement:
    """A class announced on the network until ``close``.

    Args:
        workout: The class's workout, shown to those who look.
        host: The address the coach listens on.
        port: The coach's port.
    """

    def __init__(self, workout: str, host: str, port: int) -> None:
        interfaces = interfaces_for(host)
        if isinstance(interfaces, list):
            addresses = interfaces
        else:
            addresses = machine_addresses() or ["127.0.0.1"]
        label = "".join(c for c in workout if c.isalnum() or c in " -")[:40] or "class"
        self._zeroconf = AsyncZeroconf(interfaces=interfaces, ip_version=IPVersion.V4Only)
        self._info = AsyncServiceInfo(
            SERVICE_TYPE,
            f"{label} on {socket.gethostname()[:20]}.{SERVICE_TYPE}",
            addresses=[socket.inet_aton(address) for address in addresses],
            port=port,
            properties={"workout": workout[:100]},
        )

    async def open(self) -> None:
        """Announce the class."""
        await self._zeroconf.async_register_service(self._info, allow_name_change=True)

    async def close(self) -> None:
        """Take the announcement back."""
        await self._zeroconf.async_unregister_service(self._info)
        await self._zeroconf.async_close()


async def find_classes(
    seconds: float = 3.0, interfaces: Interfaces = InterfaceChoice.All
) -> list[FoundClass]:
    """Look for classes announced on the network for ``seconds``."""
    zeroconf = AsyncZeroconf(interfaces=interfaces, ip_version=IPVersion.V4Only)
    names: list[str] = []

    def heard(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change is ServiceStateChange.Added and name not in names:
            names.append(name)

    browser = AsyncServiceBrowser(zeroconf.zeroconf, SERVICE_TYPE, handlers=[heard])
    try:
        await asyncio.sleep(seconds)
        found: list[FoundClass] = []
        for name in names:
            info = AsyncServiceInfo(SERVICE_TYPE, name)
            if not await info.async_request(zeroconf.zeroconf, 2000):
                continue
            workout = info.properties.get(b"workout") or name.encode()
            for address in info.parsed_addresses(IPVersion.V4Only)[:1]:
                if info.port:
                    found.append(FoundClass(workout.decode(errors="replace"), address, info.port))
        return found
    finally:
        await browser.async_cancel()
        await zeroconf.async_close()
