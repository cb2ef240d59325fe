"""The OCR backend: scanned filings (image-only PDF, TIFF, JPEG, PNG) into the common intermediate form.

OpenCV reads its decoder's pixel limit when it is first imported: it is set here, before any module of
this package imports cv2, to the limit the headers are checked against (`headers.MAX_PAGE_PIXELS`).
"""

import os

from extractors.ocr.headers import MAX_PAGE_PIXELS

os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PAGE_PIXELS))
