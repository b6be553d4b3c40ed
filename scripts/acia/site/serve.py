"""``acia apercu``: preview one audience's site, rebuilt and reloaded when a data file changes.

This module watches what the site is generated from (data/, docs/,
mkdocs.yml, the schemas and templates) and builds it as ``acia construire``
does (Zensical, clean-up, policy; the new site swapped in whole); a small
server in a child process (``preview``) serves the built folder and makes the
browser reload. Invalid data never replaces a good preview: the findings are
printed and the last valid site stays.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from acia import french, reporters
from acia.check import check_instance, default_now
from acia.paths import SITE_TEMPLATES, schemas_dir
from acia.site import generator_log, preview
from acia.site.pages import Audience, SiteError, build

POLL_SECONDS = 0.5


def _snapshot(folders: list[Path]) -> dict[str, float]:
    found = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    found[str(path)] = path.stat().st_mtime_ns
        elif folder.is_file():
            found[str(folder)] = folder.stat().st_mtime_ns
    return found


def regenerate(root: Path, audience: Audience) -> bool:
    """Rebuild the site; print findings and return False when data is invalid (the last valid site stays)."""
    checked = check_instance(root, now=default_now())
    if not checked.report.ok:
        sys.stdout.write(reporters.text(checked.report, lambda rel: rel))
        print("acia apercu : données invalides, l'aperçu garde la dernière version valide.", flush=True)
        return False
    print("Construction des pages…", flush=True)
    started = time.monotonic()
    build(root, audience, checked.report, checked.context)  # the proposal, only if a page needs it
    print(f"Pages construites en {french.number(time.monotonic() - started, 2)} s.", flush=True)
    return True


def _stop(signum, frame):
    raise KeyboardInterrupt


def _start_server(address: str, site: Path) -> subprocess.Popen:
    """The preview's server (``preview``), in its own process group, dying with us."""
    import acia

    env = dict(os.environ)
    package_parent = str(Path(acia.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(part for part in (package_parent, env.get("PYTHONPATH", "")) if part)
    command = [sys.executable, "-m", "acia.site.preview", address, str(site.resolve())]
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True, "encoding": "utf-8", "errors": "replace"}
    if os.name != "posix":
        server = subprocess.Popen(command, env=env, **output)  # type: ignore[call-overload]
    else:
        parent = os.getpid()
        server = subprocess.Popen(command, env=env, start_new_session=True, preexec_fn=lambda: preview.die_with_parent(parent), **output)  # type: ignore[call-overload]
    threading.Thread(target=_relay, args=(server.stdout,), daemon=True).start()
    return server


def _relay(stream) -> None:
    """Show what the server says (French messages of ``preview``; anything else through ``generator_log``)."""
    for line in stream:
        message = line.rstrip() if line.startswith("acia apercu") else generator_log.translate(line)
        if message:
            print(message, flush=True)


def _stop_server(server: subprocess.Popen) -> None:
    """Stop the server and anything it started (its whole process group)."""
    if server.poll() is None:
        if os.name == "posix":
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
        else:
            server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
        else:
            server.kill()
        server.wait()


def serve(root: Path, audience: Audience, address: str) -> int:
    try:
        host, _ = preview.parse_address(address)
    except preview.AddressError as error:
        raise SiteError(str(error)) from None
    warning = preview.exposure_warning(host, audience.folder, audience.internal)
    if warning is not None:
        print(warning, file=sys.stderr, flush=True)
    if not regenerate(root, audience):
        return 1
    for name in ("SIGTERM", "SIGHUP"):  # stop the server with us
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    server = _start_server(address, root / "build" / audience.folder / "site")
    watched = [root / "data", root / "docs", root / "mkdocs.yml", schemas_dir(), SITE_TEMPLATES]
    before = _snapshot(watched)
    print(f"Aperçu du site « {audience.folder} » : http://{address}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(watched)
            if now != before:
                before = now
                try:
                    if regenerate(root, audience):
                        print("Données modifiées : pages régénérées.", flush=True)
                except SiteError as error:
                    print(f"acia apercu : {error}", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        _stop_server(server)
    return 0
