"""The MkDocs adapter: hands MkDocs the pages that the core produces."""
