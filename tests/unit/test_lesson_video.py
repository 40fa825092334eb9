"""The lesson video as a class sees it: each step's still carries the tour's sentences in a caption panel under the
map and its key, held as long as the reading rule says (app/lessons/pace.py), and the tour ends on the epilogue's
cards. A three-step tour at 360p (the preview size; the panel scales with the frame), 10 frames a second, is
encoded and decoded back: the runs of equal frames give each still's duration, and the panel's pixels are compared
with the panel the builder laid out for that step."""

import dataclasses
import io
import shutil
import subprocess

import pytest

from app import epilogue
from app.data import load_engine
from app.export import render
from app.lessons import frames, pace, plan
from app.lessons.animate import AnimationOptions, animate

pytestmark = pytest.mark.skipif(any(shutil.which(x) is None for x in ("ffmpeg", "ffprobe", "chromium",
                                                                       "rsvg-convert", "tesseract")),
                                reason="needs Debian ffmpeg, chromium, librsvg2-bin, tesseract-ocr")
SIZE = (640, 360)
FPS = 10
SMALL = (160, 90)


@pytest.fixture(scope="module")
def engine():
    yield load_engine()
    render.stop()


@pytest.fixture(scope="module")
def short_tour(engine):
    """The tour's first step and its two shortest-told steps (each held a different time)."""
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang="en"))
    by_length = sorted(lesson.steps[1:], key=lambda s: len(s.words.text))
    second = next(s for s in by_length[1:] if pace.reading_seconds(s.words.text)
                  != pace.reading_seconds(by_length[0].words.text))
    steps = tuple(sorted((lesson.steps[0], by_length[0], second), key=lambda s: s.n))
    assert len({s.n for s in steps}) == 3 and lesson.epilogue
    return dataclasses.replace(lesson, steps=steps)


@pytest.fixture(scope="module")
def video(engine, short_tour, tmp_path_factory):
    out = tmp_path_factory.mktemp("video") / "tour.mp4"
    animate(engine, short_tour, out, AnimationOptions("mp4", "360p", None, FPS))
    return out


def _small_frames(path) -> list[bytes]:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-vf", f"scale={SMALL[0]}:{SMALL[1]}",
                          "-f", "rawvideo", "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    n = SMALL[0] * SMALL[1]
    return [raw[i:i + n] for i in range(0, len(raw), n)]


def _runs(frames_: list[bytes]) -> list[int]:
    """Lengths of the runs of (nearly) equal frames: one run per still."""
    runs = [1]
    for a, b in zip(frames_, frames_[1:], strict=False):
        diff = sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)
        if diff > 1.5:
            runs.append(1)
        else:
            runs[-1] += 1
    return runs


def _frame_at(path, seconds: float):
    from PIL import Image

    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{seconds:.3f}", "-i", str(path), "-frames:v", "1",
                          "-f", "image2pipe", "-vcodec", "png", "-"], capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(raw)).convert("RGB")


def _diff(a, b) -> float:
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def _expected_seconds(lesson) -> list[float]:
    ep = epilogue.EPILOGUE
    return ([3.0] + [pace.reading_seconds(s.words.text) for s in lesson.steps]
            + [pace.reading_seconds(i.text["en"]) for i in ep.items] + [3.0])


def test_reading_rule_has_a_floor_a_cap_and_counts_words_or_characters():
    assert pace.reading_seconds("Short.") == pace.MIN_S
    assert pace.reading_seconds("word " * 500) == pace.MAX_S
    words = "one two three four five six seven eight nine ten " * 4   # 40 words: 2 s to look + 16 s to read
    assert pace.reading_seconds(words) == pytest.approx(pace.LOOK_S + 40 / pace.WORDS_PER_S)
    assert pace.reading_seconds("歯" * 60) == pytest.approx(pace.LOOK_S + 60 / pace.CHARS_PER_S)


def test_video_frames_per_still_follow_the_reading_rule(video, short_tour):
    seconds = _expected_seconds(short_tour)
    assert len(set(seconds[1:4])) == 3 and max(seconds) > pace.MIN_S   # three steps held differently long
    expected, elapsed, written = [], 0.0, 0
    for s in seconds:   # the encoder's rule: a still ends at the frame nearest its cumulative time
        elapsed += s
        target = max(written + 1, round(elapsed * FPS))
        expected.append(target - written)
        written = target
    runs = _runs(_small_frames(video))
    assert runs == expected


def test_video_caption_panel_is_the_steps_sentences_as_laid_out(video, short_tour):
    from app.page.present import caption_parts

    engine = load_engine()
    seconds = _expected_seconds(short_tour)
    panels = {s.n: frames.caption_panel(s, "en", SIZE) for s in short_tour.steps}
    top = SIZE[1] - frames.panel_height(SIZE)
    start = seconds[0]
    for k, step in enumerate(short_tour.steps):
        told = caption_parts(engine, step.event, step.date, step.req.pov, step.mode, "en").text
        laid = panels[step.n]
        assert " ".join(laid.lines[0]) == " ".join(told.split())   # the tour's sentence, every word, in order
        assert not laid.lines[0][-1].endswith("…")
        frame = _frame_at(video, start + seconds[1 + k] / 2).crop((0, top, SIZE[0], SIZE[1]))
        ink = sum(1 for p in frame.convert("L").get_flattened_data() if p < 110)
        assert ink > 0.01 * frame.width * frame.height, "the caption panel is blank"
        own = _diff(frame, laid.image)
        assert own < 4 and all(own < _diff(frame, panels[m].image) for m in panels if m != step.n)
        start += seconds[1 + k]


def test_video_ends_with_the_epilogue_cards_each_with_its_sources(video, short_tour):
    seconds = _expected_seconds(short_tour)
    cards = frames.epilogue_cards(short_tour, SIZE)
    assert [item.id for item, _ in cards] == [i.id for i in epilogue.EPILOGUE.items]
    assert [str(i.date.year) for i in epilogue.EPILOGUE.items] == ["1960", "1993", "2001", "2018"]
    start = sum(seconds[:1 + len(short_tour.steps)])
    for n, (item, card) in enumerate(cards):
        text = " ".join(" ".join(lines) for lines in card.lines)
        assert item.text["en"] in text and all(s.short("en") in text for s in item.sources)
        frame = _frame_at(video, start + seconds[1 + len(short_tour.steps) + n] / 2)
        own = _diff(frame, card.image)
        assert own < 4 and all(own < _diff(frame, other.image) for _, other in cards if other is not card)
        start += seconds[1 + len(short_tour.steps) + n]


@pytest.mark.parametrize("lang", ["ja", "zh-Hant", "ru"])
def test_caption_panel_breaks_lines_by_the_languages_rules(engine, lang):
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang=lang))
    for step in lesson.steps:
        laid = frames.caption_panel(step, lang, SIZE)
        lines = laid.lines[0]
        glue = "" if lang != "ru" else " "
        assert glue.join(lines).replace(" ", "") == step.words.text.replace(" ", ""), step.title
        assert laid.scale >= 0.8 and len(laid.lines) >= 2   # legible, and the sources are there
        assert not any(line[:1] in "。、，）」』：；" for line in lines[1:]), lines   # never a line opened by 。


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_caption_panel_keeps_the_figures_sources_disagree_line(engine, lang):
    """The panel replaces the figure's caption: where that caption says the sources disagree, so does the panel at
    the page's 720p (its first question, in the lesson's language, whole); where it does not, neither does the
    panel."""
    from app.export import caption
    from app.i18n import gettext_for

    head = gettext_for(lang)("Sources disagree: {questions}", questions="").strip()
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang=lang))
    disputed = 0
    for step in lesson.steps:
        questions = caption.disagreements(engine, step.req)
        lines = [line for block in frames.caption_panel(step, lang, (1280, 720)).lines for line in block]
        said = "".join(lines).replace(" ", "")
        if not questions:
            assert head.replace(" ", "") not in said, (step.title, lines)
            continue
        disputed += 1
        assert (head + questions[0]).replace(" ", "") in said and not lines[-1].endswith("…"), (step.title, lines)
    assert disputed >= 3   # the tour's Yalta, San Francisco and 1956 steps at least
