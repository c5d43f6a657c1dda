"""Every error sitrep raises on purpose, in one place (like spaCy's `errors.py`).

Each class carries a stable `code` and a one-line message that names the input it is about, so a batch
run can report "where and what" for one bad article and go on with the next. Callers catch
`SitrepError` (or a subclass) and never need to parse messages.
"""
from __future__ import annotations

from typing import Any, Optional


class SitrepError(Exception):
    """Base of sitrep's own errors. `template` is formatted with `source` and the keyword details."""

    code = "E000"
    template = "{source}: error"

    def __init__(self, source: Optional[str] = None, **details: Any) -> None:
        self.source = source or "<input>"
        self.details = details
        self.message = self.template.format(source=self.source, **details)
        super().__init__(self.message)


class InputProblem(SitrepError):
    """An input that cannot be read as an article: the batch skips it and goes on."""

    code = "E100"
    template = "{source}: unusable input"


class EmptyInput(InputProblem):
    code = "E101"
    template = "{source}: empty input (no text, or only whitespace)"


class BinaryInput(InputProblem):
    code = "E102"
    template = "{source}: binary input, looks like {kind}; expected text, HTML or JSONL"


class InputTooLarge(InputProblem):
    code = "E103"
    template = "{source}: too large ({size}), the limit is {limit} per article"


class BadEncoding(InputProblem):
    code = "E104"
    template = "{source}: not valid UTF-8 at byte {offset} ({reason}); convert it to UTF-8 first"


class BadJSON(InputProblem):
    code = "E105"
    template = "{source}: {reason}"


class MissingText(InputProblem):
    code = "E106"
    template = "{source}: no article text (expected a non-empty \"text\" or \"html\" field)"


class UnreadableInput(InputProblem):
    code = "E107"
    template = "{source}: cannot be read ({reason})"


class UnknownFormat(InputProblem):
    code = "E108"
    template = "{source}: unknown input format {fmt!r} (expected auto, text, html or jsonl)"


class NoContent(SitrepError):
    """The input was readable, but cleaning left no body text (a page of navigation, a caption only)."""

    code = "E110"
    template = "{source}: no article text left after cleaning ({reason})"


class NotEnglish(SitrepError):
    """A valid article the coder deliberately skips: it codes English only."""

    code = "E120"
    template = "{source}: language is {language!r} (confidence {confidence:.2f}), not English"


# --- archives, tables and feeds ----------------------------------------------------------------

class BadArchive(InputProblem):
    """A WARC file that cannot be read to its end (truncated gzip, corrupt record)."""

    code = "E109"
    template = "{source}: damaged web archive, read {records} records before the damage ({reason})"


class NoPagesInArchive(InputProblem):
    code = "E111"
    template = "{source}: no HTML pages in this web archive ({found})"


class BadTable(InputProblem):
    code = "E112"
    template = "{source}: {reason}"


class NotAFeed(InputProblem):
    code = "E113"
    template = "{source}: not an RSS or Atom feed ({reason})"


# --- fetching over HTTP ------------------------------------------------------------------------

class FetchError(InputProblem):
    """A URL that could not be fetched. `transient` errors (time-outs, 5xx) are worth trying later."""

    code = "E130"
    template = "{source}: could not fetch ({reason})"
    transient = True


class FetchTimeout(FetchError):
    code = "E131"
    template = "{source}: no answer in time ({reason})"


class HTTPStatus(FetchError):
    code = "E132"
    template = "{source}: HTTP {status} {reason}"

    def __init__(self, source=None, **details):
        super().__init__(source, **details)
        status = int(details.get("status", 0))
        self.transient = status >= 500 or status in (408, 429)


class TooManyRedirects(FetchError):
    code = "E133"
    template = "{source}: {reason}"
    transient = False


class RobotsDisallowed(FetchError):
    code = "E134"
    template = "{source}: robots.txt of {host} forbids sitrep to fetch this path"
    transient = False


class NotAPage(FetchError):
    code = "E135"
    template = "{source}: not a news page ({reason})"
    transient = False


class EmptyFeedItem(InputProblem):
    code = "E114"
    template = "{source}: feed item {title!r} carries no text (give the feed's URL to fetch its page)"


# ------------------------------------------------------------------ limits on what one article may cost

class OverBudget(SitrepError):
    """An article that ran over its time budget: recorded as failed, and the batch goes on.

    The budget is cooperative: the clock is read after the model has parsed the article (its share of
    the batch's model time counts) and after each of our components, and once the budget is spent the
    article's remaining components do not run. So an article whose components are slow on it (many
    quotations, thousands of numbers, a list of hundreds of names) stops at the next component
    boundary, and a batch of thousands loses only that article. It cannot stop a component in the
    middle of its work: one component that never returned would hold the batch (none loops without
    end on any input the fuzz tests found), and the model's own time is bounded by the limits on
    article length (`coder.MAX_CODED_CHARS`) and paragraph length (`nlp.pipeline.MAX_PARAGRAPH_CHARS`), not by the
    budget.
    """

    code = "E140"
    # no seconds spent in the message: a failure recorded again must read the same (the store keeps one)
    template = "{source}: over its time budget of {budget_s:g} s per article (stopped after {stage})"


class ComponentFailed(SitrepError):
    """One of our components raised on an article (a bug): with a budget, the article is recorded as
    failed like one over its budget, and the stream goes on."""

    code = "E141"
    template = "{source}: could not be coded ({stage}: {error})"
