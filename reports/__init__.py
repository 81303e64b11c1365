"""Documents for people: the county report, letters, feedback workbooks, charts, Word styles.

Everything here lays out figures the warehouse already holds; nothing here computes one.
"""
