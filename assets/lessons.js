/* The Download dialog's lesson section (app/lessons/ui.py): start a lesson on the server (/lesson/start), show its
 * progress (/lesson/status, polled), then download it (/lesson/file). The lesson takes the page's language and
 * point of view from the URL. */
(function () {
    "use strict";
    var POLL_MS = 700;
    function $(id) { return document.getElementById(id); }
    function pageParam(name) { return new URLSearchParams(window.location.search).get(name); }
    function words(panel, key, vals) {
        return (panel.getAttribute("data-" + key) || "").replace(/\{(\w+)\}/g, function (m, k) { return vals[k] || ""; });
    }
    function query(save) {
        var q = new URLSearchParams(), out = save ? "html:html" : $("lesson-output").value.split(":");
        if (save) out = ["html", "html"];
        q.set("output", out[0]);
        if (out[0] === "handout") q.set("paper", out[1]); else q.set("format", out[1]);
        if (out[0] === "video") {
            q.set("resolution", $("lesson-resolution").value);
            q.set("step_seconds", $("lesson-seconds").value);
        }
        if (!save && $("lesson-what").value === "range") {
            q.set("from", $("lesson-from").value);
            q.set("to", $("lesson-to").value);
            q.set("by", $("lesson-by").value);
        } else {
            q.set("tour", pageParam("tour") || "key");
        }
        q.set("pov", pageParam("pov") || "de_facto");
        q.set("lang", pageParam("lang") || document.documentElement.lang.slice(0, 2) || "en");
        return q;
    }
    function make(save) {
        var panel = $("lesson-panel"), bar = $("lesson-progress"), status = $("lesson-status"), link = $("lesson-link");
        link.hidden = true;
        bar.hidden = false;
        bar.value = 0;
        bar.max = 1;
        status.textContent = words(panel, "making", {label: ""});
        fetch("/lesson/start?" + query(save).toString(), {credentials: "same-origin"})
            .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
            .then(function (res) {
                if (!res[0]) throw new Error(res[1].parameter + ": " + res[1].error);
                poll(res[1]);
            })
            .catch(function (e) { bar.hidden = true; status.textContent = words(panel, "failed", {reason: e.message}); });
    }
    function poll(job) {
        var panel = $("lesson-panel"), bar = $("lesson-progress"), status = $("lesson-status"), link = $("lesson-link");
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
        var t = e.target;
        if (!t || !t.id) return;
        if (t.id === "lesson-make") make(false);
        else if (t.id === "lesson-save") make(true);
    });
})();
