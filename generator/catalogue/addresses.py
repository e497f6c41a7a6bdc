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

# Where no public web server is, from IANA's special-purpose address
# registries (RFC 6890 and the RFCs that update it). Written as data, not
# asked of Python's ``ipaddress``, because the web form applies the same rule
# in the browser (browser_rule).
INTERNAL_IPV4 = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
)
# IPv6 servers of the public internet are in global unicast only; this takes
# out loopback, unspecified, mapped IPv4, NAT64, unique-local, link-local,
# site-local and multicast at once.
PUBLIC_IPV6 = "2000::/3"
# Within it: IETF protocol assignments (Teredo among them), documentation,
# and 6to4 (deprecated by RFC 7526), which carries an IPv4 address.
INTERNAL_IPV6 = ("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20")

_INTERNAL_IPV4 = tuple(ipaddress.IPv4Network(network) for network in INTERNAL_IPV4)
_PUBLIC_IPV6 = ipaddress.IPv6Network(PUBLIC_IPV6)
_INTERNAL_IPV6 = tuple(ipaddress.IPv6Network(network) for network in INTERNAL_IPV6)

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


def is_internal(address: IPAddress) -> bool:
    """Whether ``address`` is not a public internet address."""
    if isinstance(address, ipaddress.IPv4Address):
        return any(address in network for network in _INTERNAL_IPV4)
    return address not in _PUBLIC_IPV6 or any(address in network for network in _INTERNAL_IPV6)


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


def browser_rule() -> dict:
    """The rule above as the web form applies it (propose-rules.js reads it
    from the page): each network as its address's 16-bit words and its prefix
    length, the words that a browser's address parser gives for a host."""
    def words(network: str) -> list[int]:
        parsed = ipaddress.ip_network(network)
        number, count = int(parsed.network_address), parsed.max_prefixlen // 16
        return [(number >> (16 * (count - 1 - i))) & 0xFFFF for i in range(count)] + [parsed.prefixlen]

    return {
        "localSuffixes": list(LOCAL_SUFFIXES),
        "internalIpv4": [words(network) for network in INTERNAL_IPV4],
        "publicIpv6": words(PUBLIC_IPV6),
        "internalIpv6": [words(network) for network in INTERNAL_IPV6],
    }
