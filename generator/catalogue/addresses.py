"""Which hosts the public can reach, and which only a machine or its network.

A source is a page any reader can open. An address inside the machine or
its network is not one: loopback (127.0.0.1, ::1), a private range (10.…,
192.168.…, fc00::/7), link-local (169.254.169.254 is a cloud's metadata
service), multicast, reserved or unspecified (0.0.0.0); nor is a name that
only a local network resolves (localhost, *.local, *.internal, a single
label such as ``intranet``). ``publish check`` refuses them as sources and
the source watch never requests them, also when a public name resolves to
one or a redirect leads there: one rule, here, for both.
"""

from __future__ import annotations

import ipaddress
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Names that no public resolver answers for (RFC 6761, 6762, 8375), and the
# one Google and others use for their metadata service.
LOCAL_SUFFIXES = ("localhost", "local", "internal", "home.arpa")
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

INTERNAL_ADDRESS = "internal address"
LOCAL_NAME = "local name"


def ip_literal(host: str) -> IPAddress | None:
    """The address ``host`` writes, or None if it is a name. Reads what a
    browser reads as an address too: 127.1, 0x7f.0.0.1, 0177.0.0.1 and
    2130706433 all mean 127.0.0.1 to it."""
    host = host.strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    last = host.rsplit(".", 1)[-1].lower()
    if last.isdigit() or (last.startswith("0x") and all(c in "0123456789abcdef" for c in last[2:])):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _carried(address: IPAddress) -> list[IPAddress]:
    """``address`` and the IPv4 address an IPv6 one carries (mapped,
    6to4, NAT64), which is where a packet ends up."""
    found: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            found.append(address.ipv4_mapped)
        if address.sixtofour:
            found.append(address.sixtofour)
        if address in _NAT64:
            found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def is_internal(address: IPAddress) -> bool:
    """Whether ``address`` is not a public internet address."""
    for candidate in _carried(address):
        if (not candidate.is_global or candidate.is_private or candidate.is_loopback or candidate.is_link_local
                or candidate.is_multicast or candidate.is_reserved or candidate.is_unspecified
                or getattr(candidate, "is_site_local", False)):
            return True
    return False


def internal_host(host: str) -> str:
    """INTERNAL_ADDRESS or LOCAL_NAME if ``host`` (as a URL holds it, in
    ASCII) is one the public cannot reach, else ''. A public name may still
    resolve to an internal address: the watch checks what it resolves to."""
    address = ip_literal(host)
    if address is not None:
        return INTERNAL_ADDRESS if is_internal(address) else ""
    name = host.rstrip(".").lower()
    if "." not in name or any(name == suffix or name.endswith("." + suffix) for suffix in LOCAL_SUFFIXES):
        return LOCAL_NAME
    return ""
