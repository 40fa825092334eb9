/* The Download dialog (app/page/download.py). Each request is built from the map state the browser holds
 * (assets/mapstate.js: its one serialiser), so a figure or a lesson is the map as shown even while the server's
 * callbacks answer late:
 *   the figure   GET /export?<the state>&format=…&size=…, fetched, then saved under the server's file name;
 *   the lesson   GET /lesson/start (the tour or a date range, in the state's point of view, language and names),
 *                its progress polled at /lesson/status, then downloaded from /lesson/file. */
(function () {
    "use strict";
    var K = window.skconst, ID = K.ids;
    var POLL_MS = 700, QUEUE_POLL_MS = 1000;
    function $(id) { return document.getElementById(id); }
    function checked(id) {
        var el = document.querySelector("#" + id + " input:checked");
        return el ? el.value : null;
    }
    function words(panel, key, vals) {
        return (panel.getAttribute("data-" + key) || "").replace(/\{(\w+)\}/g, function (m, k) { return vals[k] || ""; });
    }
    function state() { return window.skstate.current(); }

    /* ---- the figure ------------------------------------------------------------------------------------------ */
    /* The figure's query: the state as shown (a page view other than compare prints the map), in the panel's
     * language and names, then the file options. */
    function figureQuery() {
        var s = state(), size = checked(ID.EXPORT_SIZE) || "double";
        var shown = Object.assign({}, s, {view: K.FIGURE_VIEWS.indexOf(s.view) >= 0 ? s.view : "map", tour: null,
                                          play: false, lang: checked(ID.EXPORT_LANG) || s.lang,
                                          names: checked(ID.EXPORT_NAMES) || "local"});
        var q = new URLSearchParams();
        q.set("format", checked(ID.EXPORT_FORMAT) || "pdf");
        q.set("size", size);
        if (size === "custom") {
            q.set("width_mm", $(ID.EXPORT_WIDTH).value);
            q.set("height_mm", $(ID.EXPORT_HEIGHT).value);
        }
        q.set("dpi", checked(ID.EXPORT_DPI) || "300");
        q.set("grayscale", checked(ID.EXPORT_GRAY) ? "1" : "0");
        if (checked(ID.EXPORT_PATHS)) q.set("text", "paths");
        return window.skstate.serialise(shown) + "&" + q.toString();
    }
    /* The file name the server gave (Content-Disposition: filename*=UTF-8''…, else filename="…"). */
    function fileName(response) {
        var cd = response.headers.get("Content-Disposition") || "";
        var m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
        if (m) return decodeURIComponent(m[1]);
        m = /filename="([^"]+)"/i.exec(cd);
        return m ? m[1] : "map";
    }
    /* While the figure waits in the host's export queue (app/export/queue.py), its place in line, asked once a
     * second by the ticket the request carries; "making" once it is being drawn. */
    function followQueue(ticket, panel, status, making) {
        var live = true;
        function ask() {
            if (!live) return;
            fetch("/export/queue?ticket=" + ticket, {credentials: "same-origin", cache: "no-store"})
                .then(function (r) { return r.json(); })
                .then(function (q) {
                    if (!live) return;
                    status.textContent = q.state === "waiting" ? words(panel, "queued", {place: String(q.ahead + 1)})
                                                               : making;
                    setTimeout(ask, QUEUE_POLL_MS);
                })
                .catch(function () { if (live) setTimeout(ask, QUEUE_POLL_MS); });
        }
        setTimeout(ask, QUEUE_POLL_MS);
        return function () { live = false; };
    }
    function exportFigure() {
        var panel = $(ID.EXPORT_PANEL), status = $(ID.EXPORT_STATUS), link = $(ID.EXPORT_LINK);
        var making = words(panel, "making", {label: (checked(ID.EXPORT_FORMAT) || "pdf").toUpperCase()});
        var ticket = Array.from(crypto.getRandomValues(new Uint8Array(9)), function (b) {
            return ("0" + b.toString(16)).slice(-2); }).join("");
        status.textContent = making;
        var stop = followQueue(ticket, panel, status, making);
        fetch("/export" + figureQuery() + "&ticket=" + ticket, {credentials: "same-origin"})
            .then(function (r) {
                stop();
                if (!r.ok) {
                    return r.json().then(function (body) { throw new Error(body.parameter + ": " + body.error); });
                }
                return r.blob().then(function (blob) { return [fileName(r), blob]; });
            })
            .then(function (res) {
                if (link.href && link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
                link.href = URL.createObjectURL(res[1]);
                link.setAttribute("download", res[0]);
                link.click();
                status.textContent = words(panel, "done", {filename: res[0]});
            })
            .catch(function (e) { stop(); status.textContent = words(panel, "failed", {reason: e.message}); });
    }
    /* Width and height are asked for a custom size only; the resolution only matters for a PNG. */
    function fileOptions() {
        var custom = checked(ID.EXPORT_SIZE) === "custom";
        window.dash_clientside.set_props(ID.EXPORT_WIDTH, {disabled: !custom});
        window.dash_clientside.set_props(ID.EXPORT_HEIGHT, {disabled: !custom});
        window.dash_clientside.set_props(ID.EXPORT_DPI, {style: checked(ID.EXPORT_FORMAT) === "png" ? {} : {opacity: 0.5}});
    }

    /* ---- the lesson ------------------------------------------------------------------------------------------ */
    function lessonQuery(save) {
        var s = state(), q = new URLSearchParams(), out = save ? ["html", "html"] : $(ID.LESSON_OUTPUT).value.split(":");
        q.set("output", out[0]);
        if (out[0] === "handout") q.set("paper", out[1]); else q.set("format", out[1]);
        if (out[2]) q.set("form", out[2]);   // handout:a4:short — the 2–4 page handout
        if (out[0] === "video") {
            q.set("resolution", $(ID.LESSON_RESOLUTION).value);
            q.set("step_seconds", $(ID.LESSON_SECONDS).value);
        }
        if (!save && $(ID.LESSON_WHAT).value === "range") {
            q.set("from", $(ID.LESSON_FROM).value);
            q.set("to", $(ID.LESSON_TO).value);
            q.set("by", $(ID.LESSON_BY).value);
        } else {
            q.set("tour", s.tour || "key");
        }
        q.set("pov", s.pov);
        q.set("lang", s.lang);
        q.set("names", s.names);
        return q;
    }
    function makeLesson(save) {
        var panel = $(ID.LESSON_PANEL), bar = $(ID.LESSON_PROGRESS), status = $(ID.LESSON_STATUS);
        $(ID.LESSON_LINK).hidden = true;
        bar.hidden = false;
        bar.value = 0;
        bar.max = 1;
        status.textContent = words(panel, "making", {label: ""});
        fetch("/lesson/start?" + lessonQuery(save).toString(), {credentials: "same-origin"})
            .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
            .then(function (res) {
                if (!res[0]) throw new Error(res[1].parameter + ": " + res[1].error);
                poll(res[1]);
            })
            .catch(function (e) { bar.hidden = true; status.textContent = words(panel, "failed", {reason: e.message}); });
    }
    function poll(job) {
        var panel = $(ID.LESSON_PANEL), bar = $(ID.LESSON_PROGRESS), status = $(ID.LESSON_STATUS), link = $(ID.LESSON_LINK);
        fetch(job.status, {credentials: "same-origin", cache: "no-store"})
            .then(function (r) { return r.json(); })
            .then(function (s) {
                if (s.state === "failed") throw new Error(s.error || "");
                bar.max = Math.max(1, s.total || 1);
                bar.value = s.done || 0;
                if (s.state !== "done") {
                    status.textContent = words(panel, "making", {label: s.label || ""});
                    setTimeout(function () { poll(job); }, POLL_MS);
                    return;
                }
                bar.value = bar.max;
                status.textContent = words(panel, "done", {name: s.filename});
                link.href = job.file;
                link.textContent = s.filename;
                link.setAttribute("download", s.filename);
                link.hidden = false;
                link.click();
            })
            .catch(function (e) { bar.hidden = true; status.textContent = words(panel, "failed", {reason: e.message}); });
    }

    document.addEventListener("click", function (e) {
        var t = e.target && e.target.closest ? e.target.closest("button") : null;
        if (!t || !t.id) return;
        if (t.id === ID.EXPORT_BUTTON) exportFigure();
        else if (t.id === ID.LESSON_MAKE) makeLesson(false);
        else if (t.id === ID.LESSON_SAVE) makeLesson(true);
    });
    document.addEventListener("change", function (e) {
        var t = e.target;
        if (t && t.closest && (t.closest("#" + ID.EXPORT_SIZE) || t.closest("#" + ID.EXPORT_FORMAT))) fileOptions();
    });
})();
