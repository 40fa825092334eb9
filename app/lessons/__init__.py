"""Lessons that leave the server: an animation for slides (MP4, WebM, GIF), a printable handout (PDF) and a
one-file interactive lesson (HTML), all three from one plan (app/lessons/plan.py) and the export's figures.

Modules: plan (the steps and their words), sheet (words and pictures on an SVG page), frames (the animation's
stills and cards), panel (the video's words set by Pango), pace (how long a step is held), video (encoders),
animate, handout (full and short), glossary (the short handout's terms), onefile, jobs (the page's background
renders), routes, cli (`python -m app export --animate | --handout | --lesson`). See docs/lessons.md.
"""
