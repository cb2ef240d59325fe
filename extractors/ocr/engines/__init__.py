"""OCR engines behind one interface: `OcrEngine.read(image) -> list[OcrWord]`."""
