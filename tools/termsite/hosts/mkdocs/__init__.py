"""The MkDocs adapter: hosts termsite's pages in an MkDocs site. Nothing else imports MkDocs."""
