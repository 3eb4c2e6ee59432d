"""Reports: the same results as terminal text, JSON, Markdown, CSV and an HTML site."""
