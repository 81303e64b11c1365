"""Number formats (d3) BI tools show the marts' measures in: money as a finance bureau writes it.

Its own module, without DuckDB, so the command line can describe a dashboard without loading it.
"""

from __future__ import annotations

# Two decimals with thousands separators: 1,234,567.89 (万元, 亿元); d3's default would write 1.05B.
MONEY_FORMAT = ",.2f"
COUNT_FORMAT = ",d"
SHARE_FORMAT = ",.1f"
# (metric name infix, divisor, unit): 万元 for units and departments, 亿元 for county totals.
MONEY_SCALES = (("wan", 10_000, "万元"), ("yi", 100_000_000, "亿元"))
