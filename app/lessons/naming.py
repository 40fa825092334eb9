"""File names that say what a lesson file holds: what it shows, its years, the view, the size, the language."""

from __future__ import annotations

from app.export.request import slug
from app.lessons.plan import Lesson


def lesson_filename(lesson: Lesson, ext: str, variant: str) -> str:
    """e.g. key-events-1905-1956_1905-1956_de_facto_1080p_en.mp4, …_a4_ja.pdf, …_lesson_ru.html"""
    years = f"{lesson.start.year}-{lesson.end.year}" if lesson.start.year != lesson.end.year else f"{lesson.start.year}"
    what = slug(lesson.title) if lesson.lang == "en" else "lesson"
    return f"{what[:40].strip('-')}_{years}_{lesson.pov}_{variant}_{lesson.lang}.{ext}"
