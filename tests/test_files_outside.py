"""Nothing outside the repository is read, copied or quoted (issue 13, point 3).

Symbolic links, paths that climb out of the instance, named pipes, devices and
oversize files become French findings or errors, at once, without reading them.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from conftest import run_cli

from acia import safe_files

SECRET = "secret-hors-du-depot-0451"
APPLICATION = "data/applications/og-test-b.yml"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the instance, with a secret file and a secret folder."""
    folder = tmp_path / "ailleurs"
    (folder / "dossier").mkdir(parents=True)
    (folder / "secret.yml").write_text(f"id: {SECRET}\n", encoding="utf-8")
    (folder / "dossier" / "og-secret.yml").write_text(f"id: {SECRET}\n", encoding="utf-8")
    return folder


def _validate(root: Path) -> tuple[int, dict, str]:
    code, out, err = run_cli("validate", "--root", str(root), "--format", "json", "--maintenant", "2023-08-01")
    return code, json.loads(out), out + err


def _symlinked_data_file(instance: Path, outside: Path) -> str:
    (instance / APPLICATION).symlink_to(outside / "secret.yml")
    return APPLICATION


def _symlinked_data_file_inside(instance: Path, outside: Path) -> str:
    (instance / APPLICATION).symlink_to("og-test-a.yml")
    return APPLICATION


def _symlinked_device(instance: Path, outside: Path) -> str:
    (instance / APPLICATION).symlink_to("/dev/zero")
    return APPLICATION


def _symlinked_folder(instance: Path, outside: Path) -> str:
    (instance / "data" / "evaluations").symlink_to(outside / "dossier", target_is_directory=True)
    return "data/evaluations"


def _symlinked_followup_folder(instance: Path, outside: Path) -> str:
    (instance / "data" / "suivi").mkdir(parents=True, exist_ok=True)
    (instance / "data" / "suivi" / "og-test-a").symlink_to(outside / "dossier", target_is_directory=True)
    return "data/suivi/og-test-a"


def _symlinked_deliverables(instance: Path, outside: Path) -> str:
    (instance / "data" / "suivi" / "og-test-a").mkdir(parents=True)
    (instance / "data" / "suivi" / "og-test-a" / "livrables").symlink_to(outside, target_is_directory=True)
    return "data/suivi/og-test-a/livrables"


def _symlinked_data_root(instance: Path, outside: Path) -> str:
    moved = outside / "data"
    (instance / "data").rename(moved)
    (instance / "data").symlink_to(moved, target_is_directory=True)
    return "data"


LINKS = {
    "data-file-outside": _symlinked_data_file,
    "data-file-inside": _symlinked_data_file_inside,
    "device": _symlinked_device,
    "data-folder": _symlinked_folder,
    "followup-folder": _symlinked_followup_folder,
    "deliverables-folder": _symlinked_deliverables,
    "data-root": _symlinked_data_root,
}


@pytest.mark.parametrize("name", sorted(LINKS))
def test_symlinks_in_data_are_refused(instance, outside, name):
    expected = LINKS[name](instance, outside)
    code, result, text = _validate(instance)
    assert code == 1
    assert SECRET not in text and "Traceback" not in text
    refused = [finding for finding in result["findings"] if finding["rule"] == "ACIA010"]
    assert [finding["file"] for finding in refused] == [expected]
    assert all("lien symbolique" in finding["message"] for finding in refused)


def test_a_named_pipe_gives_a_finding_at_once(instance):
    os.mkfifo(instance / APPLICATION)
    outcome: dict = {}
    worker = threading.Thread(target=lambda: outcome.update(result=_validate(instance)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # free the reader before failing, or pytest would hang too
        descriptor = os.open(instance / APPLICATION, os.O_WRONLY | os.O_NONBLOCK)
        os.close(descriptor)
        pytest.fail("acia validate waits on a named pipe")
    code, result, _ = outcome["result"]
    assert code == 1
    rules = {finding["rule"] for finding in result["findings"] if finding["file"] == APPLICATION}
    assert rules == {"ACIA001"}


@pytest.mark.parametrize("size", [1024 * 1024 + 1, 8 * 1024 * 1024, 64 * 1024 * 1024])
def test_oversize_data_file_is_not_read(instance, monkeypatch, size):
    with open(instance / APPLICATION, "wb") as handle:
        handle.truncate(size)  # sparse: the test itself writes nothing
    read: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, count: int) -> bytes:
        chunk = real_read(descriptor, count)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(safe_files.os, "read", counting_read)
    code, result, _ = _validate(instance)
    assert code == 1
    assert [finding["rule"] for finding in result["findings"] if finding["file"] == APPLICATION] == ["ACIA005"]
    assert sum(read) < 1024 * 1024  # the other data files only (a few KB), never the big one


@pytest.mark.parametrize("relative", ["/etc/passwd", "../ailleurs/secret.yml", "docs/../../ailleurs/secret.yml", "C:/secret.yml", "~/secret.yml", ""])
def test_paths_that_leave_the_instance_are_refused(instance, outside, relative):
    assert safe_files.outside_reason(instance, relative) is not None
    with pytest.raises(safe_files.Refused) as refusal:
        safe_files.read_bytes(instance, relative, 1024)
    assert SECRET not in refusal.value.message


def test_format_never_rewrites_a_linked_file(instance, outside):
    (instance / APPLICATION).symlink_to(outside / "secret.yml")
    from acia import format as layout

    assert layout.check(instance / APPLICATION, APPLICATION) is None
    assert (instance / APPLICATION).is_symlink()
