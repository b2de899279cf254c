"""Chinese full-text search over articles: the index, the reader's search page
and the editors' search in the admin. See ``segment.py`` for how text is cut."""
