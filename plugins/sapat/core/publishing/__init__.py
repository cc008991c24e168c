"""Publishing: the generated pages, the page header, search, printing and the PDF."""
