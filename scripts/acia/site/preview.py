"""The address ``acia apercu`` listens on, and the MkDocs server it runs, which refuses foreign ``Host`` headers.

A page of another site can make a browser send requests to a local server
through a name that resolves to 127.0.0.1 (DNS rebinding): the server then sees
that name in the ``Host`` header. MkDocs' own server does not look at it; run
as ``python -m acia.site.preview HÔTE … -- <arguments of mkdocs serve>``, it
answers 421 to every request whose ``Host`` is not an address it serves.
This module is run by ``acia apercu`` in a child process: it imports nothing heavy.
"""

from __future__ import annotations

import html
import ipaddress
import os
import re
import signal
import socket
import sys
from pathlib import Path

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")


class AddressError(ValueError):
    """An address acia apercu cannot listen on (French message)."""


def parse_address(address: str) -> tuple[str, int]:
    """``HÔTE:PORT`` (``[::1]:8000`` for IPv6) as (host, port)."""
    host, separator, port = address.rpartition(":")
    if not separator or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(f"adresse « {address} » invalide : écrivez HÔTE:PORT, par exemple 127.0.0.1:8000")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if any(character.isspace() or character in "/@[]" for character in host):
        raise AddressError(f"adresse « {address} » invalide : écrivez HÔTE:PORT, par exemple 127.0.0.1:8000")
    return host, int(port)


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def allowed_hosts(host: str, port: int) -> set[str]:
    """Every ``Host`` header value a browser sends for the address served (lower case, with and without the port)."""
    names = {_bracketed(host.lower())}
    if is_loopback(host) or host in WILDCARDS:
        names |= set(LOOPBACK_NAMES)
    if host in WILDCARDS:  # every interface: the machine's own names and addresses
        names.discard(_bracketed(host))
        try:
            hostname = socket.gethostname()
            names |= {hostname.lower(), socket.getfqdn().lower()}
            names |= {_bracketed(address[4][0].lower()) for address in socket.getaddrinfo(hostname, None)}
        except OSError:
            pass
    allowed = {f"{name}:{port}" for name in names}
    if port == 80:
        allowed |= names
    return allowed


def host_allowed(header: str | None, allowed: set[str]) -> bool:
    return header is not None and header.strip().lower() in allowed


def exposure_warning(host: str, audience: str, internal: bool) -> str | None:
    """The French warning printed when the preview can be reached from other machines."""
    if is_loopback(host):
        return None
    where = "toutes les interfaces réseau de cette machine" if host in WILDCARDS else f"l'adresse {host}"
    what = " : il contient les données internes (personnes, notes, motivations)" if internal else ""
    return (
        f"acia apercu : attention, l'aperçu écoute sur {where} : d'autres machines du réseau peuvent lire le site « {audience} »{what}. "
        "Pour un aperçu sur cette seule machine, utilisez --adresse 127.0.0.1:8000."
    )


def refusal(header: str | None) -> bytes:
    shown = (header or "(absent)").encode("ascii", "backslashreplace").decode("ascii")[:200]
    return f"Requête refusée : l'en-tête Host « {shown} » ne correspond pas à l'adresse de cet aperçu.\n".encode()


def die_with_parent(parent: int) -> None:
    """In the child, before exec: be killed when the parent dies, even by SIGKILL (Linux only)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _guard_mkdocs(allowed: set[str]) -> None:
    from mkdocs import livereload

    original = getattr(livereload.LiveReloadServer, "serve_request", None)
    if original is None:
        print("acia apercu : cette version de MkDocs n'est pas prise en charge par l'aperçu (contrôle de l'en-tête Host impossible).", file=sys.stderr)
        raise SystemExit(1)

    def serve_request(self, environ, start_response):
        header = environ.get("HTTP_HOST")
        if not host_allowed(header, allowed):
            start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [refusal(header)]
        return original(self, environ, start_response)

    livereload.LiveReloadServer.serve_request = serve_request  # type: ignore[method-assign]


def _secure_pages(config: Path) -> None:
    """Serve every page as ``acia construire`` writes it: unsafe URLs dropped, content cleaned, the policy first in ``<head>``.

    MkDocs' server adds its live-reload script to each page it serves; that
    script is allowed (hashed) like the theme's own, so the preview still
    reloads when the data changes.
    """
    from mkdocs import livereload

    from acia.site import policy, sanitise, typography

    original = getattr(livereload.LiveReloadServer, "_inject_js_into_html", None)
    if original is None:
        print("acia apercu : cette version de MkDocs n'est pas prise en charge par l'aperçu (pages non sécurisées).", file=sys.stderr)
        raise SystemExit(1)
    template = getattr(livereload, "_SCRIPT_TEMPLATE_STR", "")
    if "${epoch}" not in template:
        print("acia apercu : cette version de MkDocs n'est pas prise en charge par l'aperçu (script de rechargement inconnu).", file=sys.stderr)
        raise SystemExit(1)
    # Its exact text, with the two numbers it varies: no other script can pass for it.
    live_reload = re.compile(re.escape(template).replace(re.escape("${epoch}"), "[0-9]+").replace(re.escape("${request_id}"), "[0-9]+"))
    theme = policy.theme_scripts(policy.theme_directories(config)) + (live_reload,)

    def inject(self, content: bytes, epoch: int) -> bytes:
        page = original(self, content, epoch).decode("utf-8", errors="replace")
        try:
            return policy.secure_html(typography.space_html(sanitise.sanitise_html(page)), theme).encode("utf-8")
        except (policy.PolicyError, sanitise.SanitiseError) as error:
            return f"<!doctype html><meta charset=utf-8><title>Aperçu</title><p>Page non affichée : {html.escape(str(error))}</p>".encode()

    livereload.LiveReloadServer._inject_js_into_html = inject  # type: ignore[method-assign]


def main(arguments: list[str]) -> int:
    """``HÔTE:PORT -- <mkdocs serve arguments>``: MkDocs' server, with the Host check and the pages secured as built."""
    address, _, rest = arguments[0], arguments[1], arguments[2:]
    host, port = parse_address(address)
    _guard_mkdocs(allowed_hosts(host, port))
    if "-f" in rest:
        _secure_pages(Path(rest[rest.index("-f") + 1]))
    from mkdocs.__main__ import cli

    return cli.main(["serve", "-a", address, *rest], prog_name="mkdocs", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
