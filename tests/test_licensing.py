"""Our examples are written anew: no comment, docstring, string or data line of the package or its tests
shares a 45-character run with a dev-set record or a corpus story that is not ours to publish.

Runs only where ../shared is beside the checkout (as on a developer's machine and in CI); each set's
ABOUT.txt is the project's own note, not scanned. Voice of America
and Wikinews text is openly licensed (the bundled samples carry it with its notice), so those corpus
folders are not scanned. Names and codebook definitions are facts, so the knowledge-base tables of names
and the CAMEO codebook are not scanned either."""
from __future__ import annotations

import io
import os
import re
import tokenize
from pathlib import Path

import pytest

RUN = 45  # characters: a run this long shared with a gold record or a corpus story is a copy
OPEN_CORPORA = {"voa", "wikinews", "wikinews-crisis", "wikinews-gum"}
FACT_TABLES = {"codebook.yaml", "igos.yaml", "groups.yaml", "countries.json", "people.yaml",
               "people_more.yaml", "people_history.yaml", "outlets.yaml"}
# stock phrases of news and of coders' remarks, which the cleaning and evaluation code must name to remove
STOCK = ("no group has claimed responsibility for the attack", "the syrian observatory for human rights said",
         "unspecified number of fatalities coded as", "this material may not be published, broadcast",
         '"actortext": "amnesty international')

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_DEV") or ROOT.parent / "shared" / "dev").parent


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text.lower())


def _word_starts(text: str):
    """The runs that start a word: a copied passage starts at one."""
    for m in re.finditer(r"(?<![0-9a-z])[0-9a-z]", text):
        run = text[m.start():m.start() + RUN]
        if len(run) == RUN:
            yield run


def _prose_of(path: Path) -> str:
    """A Python file's comments and string literals; a data or text file whole."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text
    pieces = [token.string.lstrip("#") if token.type == tokenize.COMMENT else token.string.strip("\"'rbf")
              for token in tokenize.generate_tokens(io.StringIO(text).readline)
              if token.type in (tokenize.COMMENT, tokenize.STRING)]
    return "\n".join(pieces)


def _ours() -> list[Path]:
    package = ROOT / "src" / "sitrep"
    files = [p for p in package.rglob("*") if p.suffix in (".py", ".yaml", ".json", ".txt")
             and p.name not in FACT_TABLES and "samples" not in p.parts]
    return files + sorted((ROOT / "tests").glob("*.py")) + [ROOT / "README.md", ROOT / "DEVELOPERS.md"]


def _theirs():
    for path in sorted((SHARED / "dev").rglob("*")) + sorted((SHARED / "corpus").rglob("*")):
        if (path.is_file() and path.suffix.lower() not in (".pdf", ".gz", ".zip", ".parquet")
                and path.name not in ("ABOUT.txt", "README.md")  # the project's own notes on each set
                and not (SHARED / "corpus" in path.parents
                         and path.relative_to(SHARED / "corpus").parts[0] in OPEN_CORPORA)):
            yield path


def test_no_source_or_test_quotes_a_gold_record_or_a_closed_corpus_story():
    if not (SHARED / "dev").is_dir():
        pytest.skip("the dev sets and the corpus live in ../shared, not shipped")
    runs: dict[str, str] = {}
    for path in _ours():
        for line_no, line in enumerate(_prose_of(path).splitlines(), 1):
            line = _norm(line)
            for stock in STOCK:  # cut out, so no run spans one
                line = line.replace(stock, "\x00")
            for run in _word_starts(line):
                runs.setdefault(run, f"{path.relative_to(ROOT)} (piece {line_no})")
    copied = set()
    for path in _theirs():
        for run in _word_starts(_norm(path.read_text(encoding="utf-8", errors="ignore"))):
            if run in runs:
                copied.add((runs[run], run, str(path.relative_to(SHARED))))
    assert not copied, "\n".join(sorted(f"{ours}: {run!r} is in {theirs}" for ours, run, theirs in copied))
