"""A first validation of a large instance shares its work between cores, and finds exactly what one core finds.

``acia valider`` parses the files and runs the rules of one file in forked
copies of itself when there are many (``acia.forking``): the report must be
the same, finding for finding, as a run on one core without any cache.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import NOW, REPO

from acia import forking
from acia.check import validate

sys.path.insert(0, str(REPO / "benchmarks"))
from validate import generate  # noqa: E402  (benchmarks/validate.py: applications with their own valid identifiers)

# Starts processes: left out of « tasks.py test --rapide ».
pytestmark = pytest.mark.acceptance


def test_a_large_first_run_on_every_core_reports_what_one_core_reports(tmp_path, monkeypatch):
    files = generate(tmp_path, 260)
    # Problems for the rules of one file, in files of every share, and for a rule that compares files.
    for index in (3, 130, 257):
        text = files[index].read_text(encoding="utf-8")
        files[index].write_text(re.sub(r'telephone: "[^"]*"', 'telephone: "04 95 12"', text, count=1), encoding="utf-8")
    files[200].write_text(files[200].read_text(encoding="utf-8").replace("@", " arobase ", 1), encoding="utf-8")
    files[10].write_text(files[11].read_text(encoding="utf-8").replace(files[11].stem, files[10].stem), encoding="utf-8")  # the same SIRET twice
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    expected = validate(tmp_path, now=NOW, use_cache=False).as_dict()
    assert {finding["rule"] for finding in expected["findings"]} >= {"ACIA204", "ACIA203", "ACIA205"}
    command = [sys.executable, "-m", "acia", "valider", "--racine", str(tmp_path), "--maintenant", NOW.isoformat(), "--format", "json"]
    shared = subprocess.run(command, capture_output=True, text=True, check=False)
    assert json.loads(shared.stdout) == expected, shared.stderr
    again = subprocess.run(command, capture_output=True, text=True, check=False)  # from the caches, filled by the shared run
    assert json.loads(again.stdout) == expected


def test_the_shares_come_back_in_order_from_forked_processes(monkeypatch):
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    assert forking.map_shares(lambda share: [value * 2 for value in share], [[1, 2], [3], [4, 5, 6]]) == [[2, 4], [6], [8, 10, 12]]
    processes = forking.map_shares(lambda share: os.getpid(), [0, 1, 2])
    assert processes[0] == os.getpid() and os.getpid() not in processes[1:]  # the first share here, the others in copies
