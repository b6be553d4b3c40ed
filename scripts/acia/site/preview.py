"""The address ``acia apercu`` listens on, and its small server, which refuses foreign ``Host`` headers.

``acia apercu`` builds the site as ``acia construire`` does (Zensical, then
our clean-up and policy); run as ``python -m acia.site.preview HÔTE:PORT
SITE``, this module serves the built folder as it is, adds to each page a
reload script (a file of the preview, allowed by the pages' policy) that
reloads the page once a new build was swapped in, and answers 421 to every
request whose ``Host`` is not an address it serves: a page of another site
can make a browser send requests to a local server through a name that
resolves to 127.0.0.1 (DNS rebinding), and the server then sees that name.
It runs in a child process and imports nothing heavy.
"""

from __future__ import annotations

import ipaddress
import os
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


RELOAD_PATH = "/.acia-apercu/recharger.js"
VERSION_PATH = "/.acia-apercu/version"
# A file of the preview, not an inline script: the pages' policy allows it ('self') without a hash.
RELOAD_SCRIPT = b"""// acia apercu: reload the page once the site was rebuilt.
(function () {
  var known = null;
  function ask() {
    fetch("/.acia-apercu/version", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : known; })
      .then(function (version) {
        if (known !== null && version !== known) { location.reload(); return; }
        known = version;
        setTimeout(ask, 1000);
      })
      .catch(function () { setTimeout(ask, 2000); });
  }
  ask();
})();
"""


def site_version(site: Path) -> str:
    """What changes when ``acia construire`` swaps a new build in (the folder itself is replaced)."""
    try:
        state = site.stat()
    except OSError:
        return "absent"
    return f"{state.st_ino}-{state.st_mtime_ns}"


def with_reload(page: bytes) -> bytes:
    """The page, the preview's reload script added at the end of its body (outside its content)."""
    tag = f'<script src="{RELOAD_PATH}"></script>'.encode()
    at = page.rfind(b"</body>")
    return page[:at] + tag + page[at:] if at != -1 else page + tag


def handler(site: Path, allowed: set[str]):
    """The request handler of the preview: files of ``site`` as built, to the served ``Host`` only, never cached."""
    from http.server import SimpleHTTPRequestHandler

    class Preview(SimpleHTTPRequestHandler):
        def __init__(self, *arguments, **options):
            super().__init__(*arguments, directory=str(site), **options)

        def log_message(self, format, *arguments):  # noqa: A002 - the base class's name
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def _answer(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):  # noqa: N802 - the base class's name
            self.do_GET()

        def do_GET(self):  # noqa: N802 - the base class's name
            header = self.headers.get("Host")
            if not host_allowed(header, allowed):
                return self._answer(421, refusal(header), "text/plain; charset=utf-8")
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path == VERSION_PATH:
                return self._answer(200, site_version(site).encode(), "text/plain; charset=utf-8")
            if path == RELOAD_PATH:
                return self._answer(200, RELOAD_SCRIPT, "text/javascript; charset=utf-8")
            local = Path(self.translate_path(path))
            if local.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                return self._answer(200, with_reload(local.read_bytes()), "text/html; charset=utf-8")
            if not local.exists() and (site / "404.html").is_file():
                return self._answer(404, with_reload((site / "404.html").read_bytes()), "text/html; charset=utf-8")
            return super().do_GET()

    return Preview


def main(arguments: list[str]) -> int:
    """``HÔTE:PORT SITE``: serve the built site folder ``SITE``, with the Host check and the reload script."""
    from http.server import ThreadingHTTPServer

    address, site = arguments[0], Path(arguments[1])
    host, port = parse_address(address)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET

    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True

    try:
        server = Server((host, port), handler(site, allowed_hosts(host, port)))
    except OSError as error:
        print(f"acia apercu : impossible d'écouter sur {address} ({error.strerror or error}).", file=sys.stderr, flush=True)
        return 1
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    sys.exit(main(sys.argv[1:]))
