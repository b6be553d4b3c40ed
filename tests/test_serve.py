"""acia serve regenerates the pages when a data file changes, and the browser page follows."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

from acia.site import preview

# Builds sites or documents, or runs other programs: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, expected: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if expected in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"« {expected} » absent de {url} après {seconds} s")


def test_serve_follows_data_changes(tmp_path):
    root = tmp_path / "instance"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    port = _free_port()
    env = dict(os.environ, ACIA_MAINTENANT="2023-08-01")
    server = subprocess.Popen(
        [sys.executable, "-m", "acia", "apercu", "--racine", str(root), "--public", "interne", "--adresse", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        page = f"http://127.0.0.1:{port}/dossiers/og-2a-ornano-enfance/"
        _wait_for(page, "Association Ornano Enfance")
        version = _get(f"http://127.0.0.1:{port}{preview.VERSION_PATH}")
        application = root / "data" / "applications" / "og-2a-ornano-enfance.yml"
        application.write_text(
            application.read_text(encoding="utf-8").replace("raison_sociale: Association Ornano Enfance (fictive)", "raison_sociale: Association Ornano Jeunesse (fictive)"), encoding="utf-8"
        )
        _wait_for(page, "Association Ornano Jeunesse")
        assert _get(f"http://127.0.0.1:{port}{preview.VERSION_PATH}") != version  # what makes the browser reload
        application.write_text("id: [", encoding="utf-8")  # invalid: the last good page stays
        time.sleep(2)
        assert "Association Ornano Jeunesse" in _get(page)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Données modifiées : pages régénérées." in output
    assert "données invalides, l'aperçu garde la dernière version valide" in output
    assert "Construction des pages…" in output and "Pages construites en " in output
    assert "INFO" not in output and "Building" not in output and "Serving" not in output  # French only


def _status(url: str, host: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().split(") ")[-1][:1]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal and /proc: Linux")
def test_serve_shows_the_public_site_checks_the_host_and_dies_with_its_parent(tmp_path):
    root = tmp_path / "instance"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    (root / "docs" / "piege.md").write_text("# Piège\n\n[lien](javascript:alert(1))\n\n<script>window.__pwned = 1</script>\n\nTexte.\n", encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, ACIA_MAINTENANT="2023-08-01")
    server = subprocess.Popen([sys.executable, "-m", "acia", "serve", "--root", str(root), "--adresse", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    children: list[int] = []
    try:
        home = f"http://127.0.0.1:{port}/"
        _wait_for(home, "Accueil")
        page = _get(home)
        assert "Document interne" not in page  # the public audience by default
        # Served as built: the policy first in <head>; the preview's reload script is a file of the site ('self'), after the content.
        assert page.split("<head>", 1)[1].lstrip().startswith('<meta http-equiv="Content-Security-Policy"')
        assert page.rstrip().endswith(f'<script src="{preview.RELOAD_PATH}"></script></body>\n</html>') and "script-src 'self'" in page
        assert "location.reload()" in _get(f"http://127.0.0.1:{port}{preview.RELOAD_PATH}")
        version = _get(f"http://127.0.0.1:{port}{preview.VERSION_PATH}")
        assert version and version != "absent"
        trap = _get(f"http://127.0.0.1:{port}/piege/")
        assert "Texte." in trap and "javascript:" not in trap and "__pwned" not in trap
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", f"127.0.0.1.example.org:{port}"):
            status, body = _status(home, host)
            assert status == 421 and "Requête refusée" in body, host
        assert _status(home, f"localhost:{port}")[0] == 200
        children = _children(server.pid)
        assert children
        server.kill()  # SIGKILL: no cleanup can run in acia serve itself
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(child) for child in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(child) for child in children)
    finally:
        if server.poll() is None:
            server.kill()
        output = server.communicate(timeout=20)[0]
        for child in children:
            if _alive(child):
                os.kill(child, 9)
    assert "Aperçu du site « public »" in output and "attention" not in output


def test_the_open_page_reloads_itself_when_the_site_is_rebuilt(tmp_path):
    """In Chromium, under the page's policy: the preview's reload script runs and brings the new build."""
    from playwright.sync_api import sync_playwright

    import tasks

    chromium = tasks.find_chromium()
    assert chromium, "Chromium introuvable : indiquez son chemin dans ACIA_CHROMIUM"
    root = tmp_path / "instance"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    port = _free_port()
    env = dict(os.environ, ACIA_MAINTENANT="2023-08-01")
    server = subprocess.Popen(
        [sys.executable, "-m", "acia", "apercu", "--racine", str(root), "--public", "interne", "--adresse", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        page_url = f"http://127.0.0.1:{port}/dossiers/og-2a-ornano-enfance/"
        _wait_for(page_url, "Association Ornano Enfance")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
            page.goto(page_url)
            page.wait_for_timeout(1500)  # the reload script has read the current version
            application = root / "data" / "applications" / "og-2a-ornano-enfance.yml"
            application.write_text(
                application.read_text(encoding="utf-8").replace("raison_sociale: Association Ornano Enfance (fictive)", "raison_sociale: Association Ornano Jeunesse (fictive)"), encoding="utf-8"
            )
            deadline = time.monotonic() + 90
            while "Association Ornano Jeunesse" not in page.locator("body").inner_text() and time.monotonic() < deadline:
                page.wait_for_timeout(500)  # no navigation from here: only the page's own script can reload it
            assert "Association Ornano Jeunesse" in page.locator("body").inner_text()
            browser.close()
        assert violations == []
    finally:
        server.terminate()
        server.wait(timeout=20)
