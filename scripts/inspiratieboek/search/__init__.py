"""Search: the examples' own index, the Dutch stemmer, the per-language header search."""
