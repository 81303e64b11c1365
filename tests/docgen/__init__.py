"""Fixture generator: real .docx submissions drawn from a spec, with the extraction they must give.

`variants.write_variants(dir)` writes one file per layout variant of domain.md; `county.write_county`
writes a whole county inbox (tests, demo, benchmarks), with `self_evaluations=True` each unit's
year-end self-evaluation beside its targets (`county_selfeval`); `templates` and `selfeval` draw
published forms of other issuers. Expected JSON comes from the spec, never from jixiao's extractor.
"""
