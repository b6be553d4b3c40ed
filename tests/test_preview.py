"""acia serve's address: the public site by default, a warning when the network can read it, the Host header checked."""

from __future__ import annotations

import argparse

import pytest

from acia.cli import serve as serve_command
from acia.site import preview


def test_serve_shows_the_public_site_by_default():
    commands = argparse.ArgumentParser().add_subparsers()
    serve_command.register(commands)
    parser = next(iter(commands.choices.values()))
    arguments = parser.parse_args([])
    assert arguments.audience == "public" and arguments.adresse == "127.0.0.1:8000"
    assert "par défaut le site public" in parser.description


@pytest.mark.parametrize("address", ["8000", "localhost", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:80a", "evil/x:80", "a b:80", "user@host:80", ":8000x"])
def test_an_invalid_address_is_a_french_error(address):
    with pytest.raises(preview.AddressError, match="écrivez HÔTE:PORT"):
        preview.parse_address(address)


@pytest.mark.parametrize(("address", "expected"), [("127.0.0.1:8000", ("127.0.0.1", 8000)), ("[::1]:8001", ("::1", 8001)), ("localhost:80", ("localhost", 80)), ("0.0.0.0:8000", ("0.0.0.0", 8000))])
def test_addresses_are_read(address, expected):
    assert preview.parse_address(address) == expected


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost", "LOCALHOST"])
def test_loopback_addresses_give_no_warning(host):
    assert preview.exposure_warning(host, "interne", True) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.5", "fe80::1", "machine.local"])
def test_a_network_address_is_warned_about_naming_the_audience(host):
    public = preview.exposure_warning(host, "public", False)
    internal = preview.exposure_warning(host, "interne", True)
    assert public is not None and "attention" in public and "« public »" in public and "données internes" not in public
    assert internal is not None and "« interne »" in internal and "données internes" in internal


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "evil.example:8000",
        "evil.example",
        "127.0.0.1.evil.example:8000",
        "localhost:8001",
        "127.0.0.1:80",
        "localhost",
        "127.0.0.1:8000@evil.example",
        "127.0.0.1:8000 evil",
        "[::2]:8000",
        "\u202e127.0.0.1:8000",
    ],
)
def test_a_foreign_host_header_is_refused(header):
    assert not preview.host_allowed(header, preview.allowed_hosts("127.0.0.1", 8000))
    message = preview.refusal(header).decode("utf-8")
    assert message.startswith("Requête refusée : l'en-tête Host") and "\u202e" not in message and message.count("\n") == 1


@pytest.mark.parametrize("header", ["127.0.0.1:8000", "localhost:8000", "LocalHost:8000", "[::1]:8000"])
def test_the_served_address_is_accepted(header):
    assert preview.host_allowed(header, preview.allowed_hosts("127.0.0.1", 8000))


def test_a_named_address_accepts_only_that_name():
    allowed = preview.allowed_hosts("192.168.1.10", 8000)
    assert preview.host_allowed("192.168.1.10:8000", allowed)
    assert not preview.host_allowed("localhost:8000", allowed) and not preview.host_allowed("evil.example:8000", allowed)


def test_port_80_may_be_left_out():
    allowed = preview.allowed_hosts("localhost", 80)
    assert preview.host_allowed("localhost", allowed) and preview.host_allowed("localhost:80", allowed)
