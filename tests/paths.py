"""The repository's own copies of the reference files tests read.

Kept in step with the project's reference shelf by hand (the contract carries a version);
nothing in the repository reads outside it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED_DOCX = DATA / "seed_306001_2022.docx"
SEED_JSON = DATA / "seed_306001_2022.json"
SCHEMA_PATH = ROOT / "docs" / "contract" / "extraction.schema.json"
REAL_TEMPLATES = DATA / "real-templates"  # sets of real templates with exact truth (see its README)
