"""Year-end self-evaluations (绩效自评): their facts, their links to the targets, their re-check.

A self-evaluation (contract `kind: self_evaluation`) is a submission like a target file: its
identity is (division_code, unit_code, fiscal_year, kind), so it never supersedes the unit's
targets and a corrected self-evaluation supersedes the earlier one. Modules:

- `scoring`: the domain's rules as functions: is a target met, what score the numbers justify,
  the execution rate, and the text a row is matched by (numbering and spacing folded);
- `frames`: a self-evaluation record -> rows of its three facts (evaluated projects and the
  department part, money lines, indicator results);
- `link`: current self-evaluations joined to the current targets of the same county, unit,
  year and project (code, else name), row by row; unmatched rows on either side kept;
- `rules`: the 自评复核 rules, as data (rule id, severity, description, function).

All pure polars / Python: the warehouse (warehouse/selfeval.py) reads and writes.
"""
