"""``acia init``: a new programme repository, from a few answers.

- ``answers``: the answers (a file for ``--depuis``, or questions asked on a
  terminal), read into typed values, each problem explained in French;
- ``files``: every file of the new repository, rendered from the templates of
  ``templates/init/`` (the programme, commented, with « À COMPLÉTER » where
  the answers say nothing), plus the copies of the tool's own files (schemas,
  reference of the checks);
- ``create``: writes them, never over an existing file, once the programme
  they describe passes ``acia valider``.
"""
