"""The OCR backend: scanned filings (image-only PDF, TIFF, JPEG, PNG) into the common intermediate form."""
