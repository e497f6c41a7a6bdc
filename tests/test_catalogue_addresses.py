"""Which hosts the public can reach: the one rule of `publish check` and of
the source watch."""

from __future__ import annotations

import ipaddress

import pytest

from generator.catalogue.addresses import INTERNAL_ADDRESS, LOCAL_NAME, internal_host, is_internal

INTERNAL = [
    "127.0.0.1", "127.1", "0x7f.0.0.1", "0177.0.0.1", "2130706433", "0.0.0.0", "10.0.0.1", "172.16.5.4", "192.168.1.1",
    "169.254.169.254", "100.64.0.1", "224.0.0.251", "255.255.255.255", "240.0.0.1", "192.0.2.1",
    "[::1]", "::", "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%25eth0", "ff02::1", "::ffff:127.0.0.1",
    "::ffff:169.254.169.254", "2002:7f00:1::", "64:ff9b::a9fe:a9fe", "2001:db8::1",
]
LOCAL = ["localhost", "LOCALHOST.", "app.localhost", "printer.local", "metadata.google.internal", "router.home.arpa",
         "intranet", "lisboa"]
PUBLIC = ["example.org", "www.lisboa.pt", "xn--mnchen-3ya.de", "93.184.216.34", "8.8.8.8", "2001:4860:4860::8888",
          "localhost.example.org", "internal.example.org"]


@pytest.mark.parametrize("host", INTERNAL)
def test_internal_addresses_in_any_form_a_browser_reads(host):
    assert internal_host(host) == INTERNAL_ADDRESS


@pytest.mark.parametrize("host", LOCAL)
def test_names_only_a_local_network_resolves(host):
    assert internal_host(host) == LOCAL_NAME


@pytest.mark.parametrize("host", PUBLIC)
def test_public_hosts_pass(host):
    assert internal_host(host) == ""


def test_resolved_addresses_are_judged_alike():
    assert is_internal(ipaddress.ip_address("::ffff:10.0.0.1")) and not is_internal(ipaddress.ip_address("1.1.1.1"))
