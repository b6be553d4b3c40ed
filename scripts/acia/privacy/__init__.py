"""The rights of the persons named in the data: erase what is kept too long (``acia purger``), show someone their data (``acia extraire``).

Both read the files themselves, not only the model: the purge rewrites the
text in place (``edits``), keeping every comment and every other byte, and
the extraction points at the exact line of each mention.
"""
