"""The book's build and tooling, one package; the subpackages are its layers, lowest first:
data, site, search, publish, editors, quality. A layer imports only layers below it.
"""
