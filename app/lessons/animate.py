"""An animation of a lesson: title card, one held still per step, end card, encoded as MP4, WebM or GIF.

    animate(engine, lesson, Path("tour.mp4"), AnimationOptions(fmt="mp4", resolution="1080p"), progress)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import epilogue
from app.export.request import ExportParamError
from app.lessons import frames, video
from app.lessons.plan import Lesson

FPS = (10, 12, 15, 24, 25, 30)
MIN_STEP_S, MAX_STEP_S = 0.5, 30.0


@dataclass(frozen=True)
class AnimationOptions:
    fmt: str = "mp4"
    resolution: str = "1080p"
    step_seconds: float | None = None  # None: each step as long as a class needs to read it (app/lessons/pace.py)
    fps: int = 25

    @property
    def card_seconds(self) -> float:
        return max(3.0, self.step_seconds or 0.0)

    def check(self) -> AnimationOptions:
        if self.fmt not in video.VIDEO_FORMATS:
            raise ExportParamError("format", f"an animation is {', '.join(video.VIDEO_FORMATS)}, not {self.fmt!r}",
                                   ", ".join(video.VIDEO_FORMATS))
        if self.resolution not in frames.RESOLUTIONS:
            raise ExportParamError("resolution", f"unknown resolution {self.resolution!r}",
                                   ", ".join(frames.RESOLUTIONS))
        if self.step_seconds is not None and not (MIN_STEP_S <= self.step_seconds <= MAX_STEP_S):
            raise ExportParamError("step_seconds", f"{self.step_seconds:g} s per step is outside "
                                   f"{MIN_STEP_S:g} … {MAX_STEP_S:g} s", f"{MIN_STEP_S:g} … {MAX_STEP_S:g}")
        if self.fps not in FPS:
            raise ExportParamError("fps", f"{self.fps} frames per second is not offered", ", ".join(map(str, FPS)))
        return self


def total_units(lesson: Lesson, opts: AnimationOptions) -> int:
    """What the progress counts: frames written (video), or stills (GIF)."""
    items = epilogue.EPILOGUE.items if lesson.epilogue else ()
    if opts.fmt == "gif":
        return len(lesson.steps) + len(items) + 2
    seconds = (2 * opts.card_seconds + sum(frames.step_seconds(s, opts.step_seconds) for s in lesson.steps)
               + sum(frames.epilogue_seconds(i, lesson.lang, opts.step_seconds) for i in items))
    return max(len(lesson.steps) + 2, round(seconds * opts.fps))


def animate(engine: Any, lesson: Lesson, out: Path, opts: AnimationOptions,
            progress: Callable[[int, int, str], None] | None = None) -> int:
    """Write the animation to `out`; returns frames (video) or stills (GIF) written."""
    opts = opts.check()
    total = total_units(lesson, opts)
    label = {"text": ""}

    def on_still(_i: int, _n: int, text: str) -> None:
        label["text"] = text

    def on_unit(done: int) -> None:
        if progress:
            progress(min(done, total), total, label["text"])

    stills = frames.stills(engine, lesson, opts.resolution, opts.step_seconds, opts.card_seconds, on_still)
    if opts.fmt == "gif":
        return video.encode_gif(stills, out, on_unit)
    return video.encode_video(stills, out, opts.fmt, frames.RESOLUTIONS[opts.resolution], opts.fps, on_unit,
                              title=f"{lesson.title} ({lesson.range_text})")
