"""Publishing: open data, the chapter and book PDFs printed with Chromium."""
