"""Finding a library's phrases in a text, as the composer does in the browser
(``static/src/phrase_check/phrase_matcher.js`` follows the same rules).

- Words are runs of letters and digits, with inner apostrophes ("can't").
- Case never matters; accents do not either for a phrase that ignores them, so
  "khong the" finds "không thể" (and "đ" counts as "d").
- A phrase matches whole words; one that does not ask for whole words matches
  its last word at the start of a longer one ("problem" in "problems").
- Punctuation between the words does not break a phrase ("our policy, says"),
  the end of a sentence or of a line does ("no. Problem").
- Where phrases overlap, the longest one starting first wins; matches do not
  overlap.
"""

import functools
import re
import unicodedata
from collections import namedtuple

# A letter, a digit or a combining accent (text typed in decomposed form).
_CHAR = r"(?:[^\W_]|[\u0300-\u036f])"
WORD_RE = re.compile(rf"{_CHAR}+(?:['\u2019]{_CHAR}+)*")
# A sentence ends at "!", "?", a lone "." (not an ellipsis) or a line break.
BREAK_RE = re.compile(r"[!?\n]|(?<!\.)\.(?!\.)")

Token = namedtuple("Token", "start end fold bare")
Match = namedtuple("Match", "phrase_id start end text")


def fold(word):
    return unicodedata.normalize("NFC", word).casefold().replace("\u2019", "'")


def strip_accents(word):
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(
        "đ", "d"
    )


@functools.lru_cache(maxsize=8192)
def _forms(word):
    """A word folded, and folded without accents (the same words come back in
    every message: computed once each)."""
    folded = fold(word)
    return folded, strip_accents(folded)


def tokenize(text):
    """The words of a text and, for each, whether a sentence ends before it."""
    tokens, breaks, previous_end = [], [], 0
    search = BREAK_RE.search
    for found in WORD_RE.finditer(text or ""):
        start, end = found.span()
        tokens.append(Token(start, end, *_forms(found.group())))
        breaks.append(start > previous_end and bool(search(text, previous_end, start)))
        previous_end = end
    return tokens, breaks


class Library:
    """Phrases compiled for matching: ``phrases`` are dicts with ``id``,
    ``name``, ``whole_word`` and ``ignore_accents``."""

    def __init__(self, phrases):
        self.by_first = {}
        self.prefix_lengths = set()
        for phrase in phrases:
            words, _breaks = tokenize(phrase["name"])
            if not words:
                continue
            accents = not phrase.get("ignore_accents", True)
            entry = {
                "id": phrase["id"],
                "words": [word.fold if accents else word.bare for word in words],
                "accents": accents,
                "prefix": not phrase.get("whole_word", True),
            }
            if entry["prefix"] and len(words) == 1:
                self.prefix_lengths.add(len(words[0].bare))
            self.by_first.setdefault(words[0].bare, []).append(entry)
        for entries in self.by_first.values():
            entries.sort(key=lambda entry: -len(entry["words"]))

    def __len__(self):
        return sum(len(entries) for entries in self.by_first.values())

    def _candidates(self, token):
        candidates = self.by_first.get(token.bare, ())
        if not self.prefix_lengths:
            return candidates
        candidates = list(candidates)
        for length in self.prefix_lengths:
            if length < len(token.bare):
                candidates.extend(
                    entry
                    for entry in self.by_first.get(token.bare[:length], ())
                    if entry["prefix"] and len(entry["words"]) == 1
                )
        return candidates

    @staticmethod
    def _matches(entry, tokens, breaks, start):
        words = entry["words"]
        if start + len(words) > len(tokens) or any(
            breaks[start + 1 : start + len(words)]
        ):
            return False
        last = len(words) - 1
        for offset, word in enumerate(words):
            token = tokens[start + offset]
            text = token.fold if entry["accents"] else token.bare
            if text == word or (
                offset == last and entry["prefix"] and text.startswith(word)
            ):
                continue
            return False
        return True

    def find(self, text):
        """The phrases found in ``text``, in order, as ``Match`` tuples."""
        tokens, breaks = tokenize(text)
        found, index = [], 0
        while index < len(tokens):
            for entry in self._candidates(tokens[index]):
                if self._matches(entry, tokens, breaks, index):
                    end = tokens[index + len(entry["words"]) - 1].end
                    start = tokens[index].start
                    found.append(Match(entry["id"], start, end, text[start:end]))
                    index += len(entry["words"])
                    break
            else:
                index += 1
        return found
