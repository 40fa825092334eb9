"""The Download dialog's lesson section: what to make (the tour, or a date range by day, month or year), as what
(MP4, WebM, GIF, a handout PDF A4 / Letter, one HTML file), the video's size and seconds per step, a Make button,
a progress bar, and "Save this lesson" (the one-file lesson of the tour in the page's language and point of view).
Plain elements driven by assets/lessons.js (fetch /lesson/start, poll /lesson/status, download /lesson/file): no
Dash callback, so nothing here is visited by the page's paint path."""

from __future__ import annotations

from dash import dcc, html

from app.i18n import gettext_for


def _select(id_: str, options: list[tuple[str, str]], label: str, value: str) -> html.Label:
    return html.Label([label, " ", html.Select([html.Option(text, value=v, selected=v == value)
                                                for v, text in options], id=id_)], className="lesson-field")


def lesson_panel(lang: str = "en") -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.Div([
            _select("lesson-what", [("tour", t("Key events, 1905–1956")), ("range", t("A date range"))],
                    t("Lesson"), "tour"),
            html.Span([
                html.Label([t("From"), " ", dcc.Input(id="lesson-from", type="date", value="1945-08-01",
                                                      min="1905-01-01", max="1956-12-31")]),
                html.Label([t("To"), " ", dcc.Input(id="lesson-to", type="date", value="1946-03-01",
                                                    min="1905-01-01", max="1956-12-31")]),
                _select("lesson-by", [("year", t("by year")), ("month", t("by month")), ("day", t("by day"))],
                        t("Step"), "year"),
            ], className="lesson-range"),
        ], className="lesson-row"),
        html.Div([
            _select("lesson-output", [("video:mp4", t("Video MP4 (slides, browsers)")), ("video:webm", "WebM"),
                                      ("video:gif", "GIF"), ("handout:a4", t("Handout PDF, A4")),
                                      ("handout:letter", t("Handout PDF, US Letter")),
                                      ("html:html", t("One-file lesson (HTML, works offline)"))],
                    t("Make"), "video:mp4"),
            _select("lesson-resolution", [("1080p", "1080p"), ("720p", "720p")], t("Video size"), "1080p"),
            _select("lesson-seconds", [(v, t("{n} s per step", n=v)) for v in ("2", "3", "5", "8")],
                    t("Duration"), "3"),
        ], className="lesson-row"),
        html.Div([
            html.Button(t("Make the lesson"), id="lesson-make", className="btn", type="button"),
            html.Button(t("Save this lesson"), id="lesson-save", className="btn", type="button",
                        title=t("One HTML file with the map, the slider and the tour: opens without a network")),
        ], className="lesson-row"),
        html.Progress(id="lesson-progress", max=1, value=0, hidden=True),
        html.P(id="lesson-status", role="status", className="hint", **{"aria-live": "polite"}),
        html.A(id="lesson-link", hidden=True, download=""),
    ], id="lesson-panel", className="lesson-panel", **{"data-making": t("Making {label}…"),
                                                       "data-done": t("Ready: {name}"),
                                                       "data-failed": t("Cannot make the lesson: {reason}")})
