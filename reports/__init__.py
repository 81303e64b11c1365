"""Documents for people: the county report, letters, feedback workbooks, charts, Word styles.

Everything here lays out figures the warehouse already holds; nothing here computes one. The
warehouse is read only through its named read-only queries (warehouse.queries, sql/queries/):
no module here opens DuckDB (tests/test_queries.py fails if one does).
"""
