"""Fixture generator: real .docx submissions drawn from a spec, with the extraction they must give.

`variants.write_variants(dir)` writes one file per layout variant of domain.md; `county.write_county`
writes a whole county inbox (tests, demo, benchmarks). Expected JSON comes from the spec, never
from jixiao's extractor.
"""
