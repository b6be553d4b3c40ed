"""Publishing the site: each structure's protected area, opened in the reader's browser with its own passphrase."""
