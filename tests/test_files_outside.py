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


# --- the site: docs/ and deliverables -------------------------------------------------

LISULA_A = "og-2a-fondation-u-sole"


def _docs_link_outside(root: Path, outside: Path) -> None:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "passwd.md").symlink_to(outside / "secret.yml")


def _docs_link_etc_passwd(root: Path, outside: Path) -> None:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "utilisateurs.txt").symlink_to("/etc/passwd")


def _docs_link_application(root: Path, outside: Path) -> None:
    (root / "docs" / "annexes").mkdir(parents=True, exist_ok=True)
    application = sorted((root / "data" / "applications").glob("*.yml"))[0]
    (root / "docs" / "annexes" / "dossier.md").symlink_to(application)


def _docs_linked_folder(root: Path, outside: Path) -> None:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "ressources").symlink_to(outside / "dossier", target_is_directory=True)


def _docs_is_a_link(root: Path, outside: Path) -> None:
    if (root / "docs").exists():
        (root / "docs").rename(outside / "docs")
    else:
        (outside / "docs").mkdir()
    (root / "docs").symlink_to(outside / "docs", target_is_directory=True)


def _docs_fifo(root: Path, outside: Path) -> None:
    (root / "docs").mkdir(exist_ok=True)
    os.mkfifo(root / "docs" / "tube.md")


def _docs_oversize(root: Path, outside: Path) -> None:
    (root / "docs").mkdir(exist_ok=True)
    with open(root / "docs" / "enorme.pdf", "wb") as handle:
        handle.truncate(200 * 1024 * 1024)


DOCS = {
    "link-outside": _docs_link_outside,
    "link-etc-passwd": _docs_link_etc_passwd,
    "link-application": _docs_link_application,
    "linked-folder": _docs_linked_folder,
    "docs-is-a-link": _docs_is_a_link,
    "fifo": _docs_fifo,
    "oversize": _docs_oversize,
}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_docs_files_outside_the_repository_stop_the_build(tmp_path, outside, name):
    from conftest import build_site, copy_shipped

    from acia.site.pages import SiteError

    root = copy_shipped(tmp_path)
    DOCS[name](root, outside)
    with pytest.raises(SiteError) as error:
        build_site(root, "public", run_builder=False)
    message = str(error.value)
    assert "docs/" in message and "rien n'a été construit" in message
    assert SECRET not in message and "root:" not in message
    assert not (root / "build" / "public").exists()


def _deliverable_linked_outside(root: Path, outside: Path) -> None:
    target = root / "data" / "suivi" / LISULA_A / "livrables" / "diagnostic.md"
    target.unlink()
    target.symlink_to(outside / "secret.yml")


def _deliverable_linked_inside(root: Path, outside: Path) -> None:
    target = root / "data" / "suivi" / LISULA_A / "livrables" / "diagnostic.md"
    target.unlink()
    target.symlink_to(sorted((root / "data" / "applications").glob("*.yml"))[0])


def _deliverables_folder_linked(root: Path, outside: Path) -> None:
    folder = root / "data" / "suivi" / LISULA_A / "livrables"
    folder.rename(outside / "livrables")
    folder.symlink_to(outside / "livrables", target_is_directory=True)


def _deliverable_climbs_out(root: Path, outside: Path) -> None:
    record = root / "data" / "suivi" / LISULA_A / "livrables.yml"
    (outside / "secret.md").write_text(f"{SECRET}\n", encoding="utf-8")
    record.write_text(record.read_text(encoding="utf-8").replace("livrables/diagnostic.md", "livrables/../../../../../ailleurs/secret.md"), encoding="utf-8")


def _deliverable_web_page(root: Path, outside: Path) -> None:
    """A web page or an SVG opened from the site would run its scripts in the site's origin."""
    page = root / "data" / "suivi" / LISULA_A / "livrables" / "diagnostic.svg"
    page.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><text>{SECRET}</text></svg>', encoding="utf-8")
    record = root / "data" / "suivi" / LISULA_A / "livrables.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("livrables/diagnostic.md", "livrables/diagnostic.svg"), encoding="utf-8")


DELIVERABLES = {
    "file-linked-outside": _deliverable_linked_outside,
    "file-linked-inside": _deliverable_linked_inside,
    "folder-linked": _deliverables_folder_linked,
    "path-climbs-out": _deliverable_climbs_out,
    "web-page": _deliverable_web_page,
}


@pytest.mark.parametrize("name", sorted(DELIVERABLES))
def test_deliverables_outside_their_folder_are_refused(tmp_path, outside, name):
    from conftest import SNAPSHOT, copy_shipped

    from acia.check import check_instance
    from acia.site import followup as site_followup

    root = copy_shipped(tmp_path)
    DELIVERABLES[name](root, outside)
    checked = check_instance(root, now=SNAPSHOT)
    assert not checked.report.ok
    refused = [finding for finding in checked.report.findings if finding.rule in ("ACIA010", "ACIA105", "ACIA511") and LISULA_A in finding.file]
    assert refused, [(finding.rule, finding.file, finding.message) for finding in checked.report.findings]
    assert all(SECRET not in finding.message for finding in checked.report.findings)
    # Even with validation skipped, the page builder never copies the file.
    followup = checked.context.followup
    assert followup is not None and LISULA_A in followup.structures
    if name == "web-page":  # the schema refused its record: the model has no such file to copy
        assert not [path for path in site_followup.deliverable_files(root, followup, {LISULA_A}) if path.endswith(".svg")]
        return
    with pytest.raises(safe_files.Refused) as refusal:
        site_followup.deliverable_files(root, followup, {LISULA_A})
    assert SECRET not in refusal.value.message


# --- logos of the letters -------------------------------------------------------------


def _with_logo(root: Path, logo: str) -> None:
    programme = root / "data/programme.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("    sigle: ARS\n", f"    sigle: ARS\n    logo: '{logo}'\n", 1), encoding="utf-8")


def _logo_climbs_out(root: Path, outside: Path) -> str:
    return "../ailleurs/logo.png"


def _logo_climbs_out_of_a_folder(root: Path, outside: Path) -> str:
    (root / "logos").mkdir()
    return "logos/../../ailleurs/logo.png"


def _logo_absolute(root: Path, outside: Path) -> str:
    return str(outside / "logo.png")


def _logo_etc_passwd(root: Path, outside: Path) -> str:
    return "/etc/passwd"


def _logo_symlink(root: Path, outside: Path) -> str:
    (root / "logos").mkdir()
    (root / "logos" / "ars.png").symlink_to(outside / "logo.png")
    return "logos/ars.png"


def _logo_symlinked_folder(root: Path, outside: Path) -> str:
    (root / "logos").symlink_to(outside, target_is_directory=True)
    return "logos/logo.png"


def _logo_fifo(root: Path, outside: Path) -> str:
    (root / "logos").mkdir()
    os.mkfifo(root / "logos" / "ars.png")
    return "logos/ars.png"


LOGOS = {
    "climbs-out": _logo_climbs_out,
    "climbs-out-of-a-folder": _logo_climbs_out_of_a_folder,
    "absolute": _logo_absolute,
    "etc-passwd": _logo_etc_passwd,
    "symlink": _logo_symlink,
    "symlinked-folder": _logo_symlinked_folder,
    "fifo": _logo_fifo,
}


def _letterhead(root: Path):
    from conftest import SNAPSHOT

    from acia.check import check_instance
    from acia.letters import documents

    checked = check_instance(root, now=SNAPSHOT)
    return documents._Letters(checked.context, root).letterhead()


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_logos_outside_the_instance_are_refused(tmp_path, outside, name):
    from conftest import copy_shipped

    from acia.letters import documents
    from acia.letters.documents import DocumentError

    (outside / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    root = copy_shipped(tmp_path)
    logo = LOGOS[name](root, outside)
    with pytest.raises(DocumentError) as error:
        documents._logo(root, "ars", logo)
    message = str(error.value)
    assert "organisations › ars › logo" in message and "refusé" in message
    assert SECRET not in message
    _with_logo(root, logo)
    if logo.startswith("/"):  # the schema already refuses an absolute path: no letter is produced
        code, out, _ = run_cli("documents", "--root", str(root), "--maintenant", "2023-08-01")
        assert code == 1 and "logo" in out and SECRET not in out
        return
    with pytest.raises(DocumentError):
        _letterhead(root)


def test_a_missing_logo_falls_back_to_the_name(tmp_path):
    from conftest import copy_shipped

    root = copy_shipped(tmp_path)
    _with_logo(root, "logos/absent.png")
    heading, resources = _letterhead(root)
    assert "**Agence régionale de santé de Corse**" in heading and resources == ()


# --- the Annexe 1 import: archives out of proportion ------------------------------------


def _zip(path: Path, members: dict[str, int | bytes]) -> Path:
    """A DOCX-like zip; an int member is that many zero bytes, written in chunks (never held in memory)."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as member:
                chunk = bytes(1024 * 1024)
                for _ in range(content // len(chunk)):
                    member.write(chunk)
    return path


def _bomb_200mb(folder: Path) -> Path:
    return _zip(folder / "fiche.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": 200 * 1024 * 1024})


def _bomb_odt(folder: Path) -> Path:
    return _zip(folder / "fiche.odt", {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": 60 * 1024 * 1024})


def _bomb_ratio(folder: Path) -> Path:
    return _zip(folder / "fiche.docx", {"word/document.xml": 20 * 1024 * 1024})


def _many_entries(folder: Path) -> Path:
    return _zip(folder / "fiche.docx", {f"word/media/image{index}.png": b"x" for index in range(2500)})


def _lying_sizes(folder: Path) -> Path:
    """The central directory claims 1 KB while the member expands to 60 MB."""
    import struct

    path = _zip(folder / "fiche.docx", {"word/document.xml": 60 * 1024 * 1024})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        if struct.unpack_from("<I", data, start + offset)[0] != 0xFFFFFFFF:
            struct.pack_into("<I", data, start + offset, 1024)
    zip64 = data.find(b"\x01\x00\x10\x00")  # zip64 extra field: uncompressed size first
    while zip64 != -1:
        struct.pack_into("<Q", data, zip64 + 4, 1024)
        zip64 = data.find(b"\x01\x00\x10\x00", zip64 + 1)
    path.write_bytes(bytes(data))
    return path


def _fifo_form(folder: Path) -> Path:
    os.mkfifo(folder / "fiche.docx")
    return folder / "fiche.docx"


BOMBS = {
    "200-megabytes-of-zeros": _bomb_200mb,
    "odt-60-megabytes": _bomb_odt,
    "ratio": _bomb_ratio,
    "too-many-entries": _many_entries,
    "lying-sizes": _lying_sizes,
}


def _paths(instance: Path) -> list[str]:
    """What the instance holds, but the cache of build/.cache (validation keeps its parses there)."""
    return sorted(relative for relative in (path.relative_to(instance).as_posix() for path in instance.rglob("*")) if relative != "build" and not relative.startswith("build/.cache"))


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_annexe_import_refuses_archives_out_of_proportion(instance, tmp_path, name):
    import resource
    import time

    form = BOMBS[name](tmp_path)
    before = _paths(instance)
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    code, out, err = run_cli("new", "application", "--root", str(instance), "--from", str(form), "--id", "og-bombe", "--recu-le", "2023-06-19 14:05", "--maintenant", "2023-08-01")
    elapsed = time.monotonic() - started
    assert code == 1, (out, err)
    assert "Traceback" not in out + err and "fiche" in err
    assert elapsed < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before < 200 * 1024  # KB: no 200 MB held
    assert _paths(instance) == before


def test_annexe_import_refuses_a_named_pipe_at_once(tmp_path):
    from acia.forms import importer

    with pytest.raises(importer.FormError) as error:
        importer.check_archive(_fifo_form(tmp_path))
    assert "fichier ordinaire" in str(error.value)


def test_pandoc_accepts_the_memory_cap():
    import subprocess

    from acia.forms import importer
    from acia.letters.documents import pandoc_path

    completed = subprocess.run([pandoc_path(), "+RTS", f"-M{importer.PANDOC_MEMORY}", "-RTS", "-f", "markdown", "-t", "json"], input=b"bonjour", capture_output=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
