"""The typed word that used to mark a paragraph restricted, before each paragraph had its own
classification: the data migration reads it in old text, and the form refuses it in a paragraph
classified Unrestricted, where it would now be printed for everyone.

Any spelling a person would type counts: RESTRICTED, RESTRICTED:, RESTRICTED :, [Restricted],
Restricted - and so on, after any whitespace. A word "Restricted" in ordinary case with no mark
after it ("Restricted access to the park…") is the start of a sentence, not a marker.
"""

import re

OLD_MARK = re.compile(
    r"""^\s*[\[(]?\s*(?:
        RESTRICTED(?![^\W\d_])                                 # the word in capitals
        | (?i:restricted)(?=\s*(?:[\]):;.,\-–—]|$))            # any case, then a mark or nothing
    )\s*[\]):;.,\-–—]*\s*""",
    re.VERBOSE,
)


def strip_old_mark(text):
    """(whether `text` starts with the old marker, the text without it)."""
    match = OLD_MARK.match(text)
    if match is None:
        return False, text
    return True, text[match.end() :]
