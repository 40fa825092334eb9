"""The animation's encoders: MP4 (H.264, yuv420p, +faststart: what PowerPoint, Keynote, Google Slides and browsers
play), WebM (VP9) through Debian's ffmpeg, and GIF through Pillow.

Stills arrive one at a time (app/lessons/frames.py) and each is written to the encoder as many times as its
duration needs at the frame rate: no frame is kept after it is written, so memory stays one still whatever the
length. A GIF holds each still once with its duration (GIF frames carry their own delay), with its own
palette (Pillow, no dithering: the map's flat colours stay exact).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from app.lessons.frames import Still

VIDEO_FORMATS = ("mp4", "webm", "gif")
MIME = {"mp4": "video/mp4", "webm": "video/webm", "gif": "image/gif"}
FFMPEG = "ffmpeg"
ENCODE_NICE = int(os.environ.get("ATLAS_EXPORT_NICE", "10"))


class EncodeError(RuntimeError):
    """The video could not be encoded (message safe to show)."""


def _codec_args(fmt: str, fps: int) -> list[str]:
    colour = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]
    if fmt == "mp4":
        # High profile, level 4.1, yuv420p, BT.709 limited range: the profile slide software plays everywhere
        return ["-c:v", "libx264", "-profile:v", "high", "-level:v", "4.1", "-preset", "veryfast",
                "-tune", "stillimage", "-crf", "20", "-g", str(fps * 4), "-pix_fmt", "yuv420p",
                *colour, "-movflags", "+faststart", "-f", "mp4"]
    return ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "33", "-deadline", "realtime", "-cpu-used", "8",
            "-row-mt", "1", "-g", str(fps * 4), "-pix_fmt", "yuv420p", *colour, "-f", "webm"]


def encode_video(stills: Iterable[Still], out: Path, fmt: str, size: tuple[int, int], fps: int,
                 on_frame: Callable[[int], None] | None = None, title: str = "") -> int:
    """Stream the stills into ffmpeg; returns the number of frames written. The file appears at `out` only
    when it is complete (written beside it, then renamed)."""
    exe = shutil.which(FFMPEG)
    if exe is None:
        raise EncodeError("ffmpeg is not installed (Debian package ffmpeg: make system-deps)")
    width, height = size
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    cmd = [exe, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
           "-s", f"{width}x{height}", "-r", str(fps), "-i", "-",
           "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p", "-an",
           *(["-metadata", f"title={title}"] if title else []), *_codec_args(fmt, fps), str(tmp)]
    if ENCODE_NICE > 0 and shutil.which("nice"):
        cmd = ["nice", "-n", str(ENCODE_NICE), *cmd]
    frames = 0
    elapsed = 0.0
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        assert proc.stdin is not None
        try:
            for still in stills:
                if still.image.size != (width, height):
                    raise EncodeError(f"a still is {still.image.size}, not {width}x{height}")
                data = still.image.convert("RGB").tobytes()
                elapsed += still.seconds
                target = max(frames + 1, round(elapsed * fps))
                while frames < target:
                    proc.stdin.write(data)
                    frames += 1
                    if on_frame:
                        on_frame(frames)
                del data
            proc.stdin.close()
            code = proc.wait()
        except BrokenPipeError:
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            tmp.unlink(missing_ok=True)
            raise
        if code != 0:
            errors.seek(0)
            tmp.unlink(missing_ok=True)
            raise EncodeError(f"ffmpeg failed ({errors.read().decode('utf-8', 'replace').strip()[-300:]})")
    os.replace(tmp, out)
    return frames


def encode_gif(stills: Iterable[Still], out: Path, on_frame: Callable[[int], None] | None = None) -> int:
    """Each still once, with its duration and its own palette; loops forever. Returns the number of stills."""
    from PIL import GifImagePlugin, Image

    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    count = 0
    try:
        with open(tmp, "wb") as f:
            for still in stills:
                frame = still.image.convert("RGB").quantize(colors=255, method=Image.Quantize.MEDIANCUT,
                                                            dither=Image.Dither.NONE)
                duration = int(round(still.seconds * 1000))
                if count == 0:
                    header, _used = GifImagePlugin.getheader(frame, None, {"loop": 0, "duration": duration})
                    f.write(b"".join(header))
                for chunk in GifImagePlugin.getdata(frame, (0, 0), duration=duration, include_color_table=True):
                    f.write(chunk)
                count += 1
                if on_frame:
                    on_frame(count)
            f.write(b";")
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
