"""The site layer: pages rendered from the data and written into docs/, labels, print helpers."""
