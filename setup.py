"""Build hook: the wheel carries ``schemas/`` and ``templates/`` as package data of ``acia``.

Everything else is declared in pyproject.toml. The two folders stay where
they are, at the repository root, and are copied into the package only
inside the build (``build_lib/acia/schemas``, ``build_lib/acia/templates``):
the repository holds one copy of each, the one the Corse instance's files
point at in their ``$schema`` comments and the one developers edit. An
installed acia reads them from its package, a checkout from the repository
(``acia.paths``). An editable install (``tasks.py``) copies nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGE_DATA = ("schemas", "templates")  # folders of the repository root, copied into acia/
# templates/documents/make_references.py regenerates the reference documents: a developer's script, not data.
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.py", "*.pyc")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # acia.paths reads the repository's folders in place
        for folder in PACKAGE_DATA:
            target = Path(self.build_lib) / "acia" / folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / folder, target, ignore=LEFT_OUT)


setup(cmdclass={"build_py": BuildWithData})
