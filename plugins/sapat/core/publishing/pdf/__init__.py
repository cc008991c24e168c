"""The manual as a PDF: one file per edition and language, for reviewers to file and quote.

:func:`print_document` writes the edition as one HTML document for print (plain Python);
:func:`write_pdf` typesets it with WeasyPrint as PDF/A-3b with the edition's evidence attached
(:func:`write_pdfs`: several at once);
:func:`pdf_link` is the link every page of an edition shows to it (``Edition.pdf_name``).
"""

from .document import print_document, printed_pages
from .published import pdf_link
from .render import PDF_VARIANT, PdfJob, write_pdf, write_pdfs

__all__ = ["PDF_VARIANT", "PdfJob", "pdf_link", "print_document", "printed_pages", "write_pdf",
           "write_pdfs"]
