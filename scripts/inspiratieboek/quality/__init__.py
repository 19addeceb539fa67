"""Quality tooling: the gates, HTML and browser audits, readability, benchmarks."""
