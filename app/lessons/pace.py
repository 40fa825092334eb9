"""How long a video holds a step: long enough for a class to read its words off the screen together.

    seconds = LOOK_S + words / WORDS_PER_S        (English, Russian: words between spaces)
    seconds = LOOK_S + characters / CHARS_PER_S   (Japanese, Chinese: characters other than spaces)

clamped to MIN_S … MAX_S; LOOK_S is the time to find on the map what the words name. docs/lessons.md states the rule.
"""

from __future__ import annotations

import math

from app.cartography.fonts import is_cjk

WORDS_PER_S = 2.5  # 150 words a minute: a class reading together, slower than one adult alone
CHARS_PER_S = 6.0  # 360 characters a minute in Japanese and Chinese
LOOK_S = 2.0
MIN_S, MAX_S = 6.0, 30.0


def reading_seconds(text: str) -> float:
    """Seconds to hold `text` on screen (whole tenths of a second: a frame boundary at any usual fps)."""
    wide = sum(1 for ch in text if is_cjk(ch))
    narrow_words = len([w for w in "".join(" " if is_cjk(ch) else ch for ch in text).split() if w.strip()])
    reading = wide / CHARS_PER_S + narrow_words / WORDS_PER_S  # digits, Latin names in CJK text: words
    return min(MAX_S, max(MIN_S, math.ceil((LOOK_S + reading) * 10) / 10))
