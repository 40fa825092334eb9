/* Classroom views of the map page (callbacks/classroom.py wires these clientside functions).
 *
 * view      the page's class (view-map | view-present | view-compare | view-embed | view-help); in presentation
 *           mode the map is resized to fill its cell.
 * nav       view buttons, "Start the guided tour", "Exit".
 * tourGo    a tour step sets the date, the mode, the event, the point of view and the part of the map shown
 *           (tour data shipped once in "tour-data"); leaving the step brings the map's own view back.
 * autoplay  ?play=1 starts playing, never when the reader asks for reduced motion (prefers-reduced-motion).
 * cmpFigures / cmpPaint   the two compare maps: copies of the main figure, painted by assets/map_paint.js,
 *           each with its own key; side B's date box shows side B's day.
 * Keys (assets/keys.js calls these): in Present, Page Up / Page Down and the arrows step the tour; Esc leaves a view.
 * No inline scripts or handlers anywhere (CSP): listeners are added here.
 */
(function () {
    "use strict";
    /* The component ids (assets/constants.js: loaded after this file, so read when first needed). */
    function ID() { return window.skconst.ids; }
    var state = {view: "map", tour: null, step: 1, tours: null};

    function nu() { return window.dash_clientside.no_update; }
    /* Interface strings of the page's language: the tour store's "i18n" entry (app/narration.py
     * js_strings, translated in translations/*.po); English when it is missing. */
    var EN = {reducedMotion: "Autoplay is off because your system asks for reduced motion. Press Play to start.",
              iframeTitle: "Sakhalin and the Kurils, 1905\u20131956"};
    function tr(tours, key) {
        var t = (tours && tours.i18n) || (state.tours && state.tours.i18n);
        return (t && t[key]) || EN[key];
    }
    function escapeAttr(text) {
        return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    }
    function reducedMotion() {
        return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
    }
    function plotly() { return window.Plotly; }

    /* The map fills its grid cell (assets/map.css); Plotly follows a window resize by itself, a view change
     * resizes the cell without one. Labels grow on a large presentation screen. */
    function fitMap() {
        var holder = document.getElementById(ID().MAP);
        var gd = holder && holder.querySelector(".js-plotly-plot");
        if (!gd || !plotly() || !gd._fullLayout || !holder.offsetWidth) return;
        var box = holder.getBoundingClientRect();
        showView(gd, box);
        if (Math.abs(gd._fullLayout.width - box.width) > 2 || Math.abs(gd._fullLayout.height - box.height) > 2) {
            plotly().Plots.resize(gd);
        }
    }
    /* The part of the map on screen, one of assets/constants.js GEO_VIEWS (app/cartography/views.py): the tour
     * step's own while Present shows a step that names one (the southern Kurils zoomed); else, in a phone's tall
     * box, the phone view (the islands fill the width instead of a strip across a wide view); else home. A
     * projector's Present box (1024×768: 592×555) is no phone: it shows the whole map, which Present's type and
     * larger inset are placed for (assets/map_paint.js arrange), as on any larger projector. */
    function viewName(box) {
        var present = state.view === "present";
        var steps = present && state.tour && state.tours && state.tours[state.tour];
        var s = steps && steps[Math.max(1, Math.min(steps.length, state.step)) - 1];
        if (s && s.view && window.skconst.GEO_VIEWS[s.view]) return s.view;
        var phone = box.width < (present ? Math.min(600, window.skconst.PRESENT_MIN_PX) : 600);
        return phone && box.height > box.width * 0.9 ? "phone" : "home";
    }
    function showView(gd, box) {
        var name = viewName(box);
        if (name === (gd._skView || "home")) return;
        var v = window.skconst.GEO_VIEWS[name];
        gd._skView = name;
        plotly().relayout(gd, {"geo.lonaxis.range": v.lon.slice(), "geo.lataxis.range": v.lat.slice(),
                               "geo.center": Object.assign({}, v.center), "geo.projection.scale": 1});
    }
    var fitTimer = null;
    function fitSoon() {
        clearTimeout(fitTimer);
        fitTimer = setTimeout(fitMap, 60);
    }
    window.addEventListener("resize", fitSoon);

    function setStep(n) {
        var steps = state.tours && state.tour && state.tours[state.tour];
        if (!steps) return false;
        n = Math.max(1, Math.min(steps.length, n));
        if (n !== state.step) {
            state.step = n;   // at once: a clicker may send the next key before the tour callback has run
            window.dash_clientside.set_props(ID().STEP, {data: n});
        }
        return true;
    }
    /* The tour's step on screen: its day, mode and event, as tourGo sets them. */
    function stepShown(steps, n) {
        var s = steps[Math.max(1, Math.min(steps.length, n)) - 1];
        return {day: s.day, mode: s.mode, event: s.mode === "event" ? s.event : null};
    }

    window.skclass = {
        /* ◀ ▶ in a tour (presentation view) step the tour; in treaty mode they walk documents
         * (assets/frame.js); else false: map_paint.js steps to the previous / next change date. */
        tourStep: function (dir) {
            if (state.view === "present" && state.tour) return setStep(state.step + dir);
            return !!(window.skframe && window.skframe.stepDoc(dir));
        },
        state: function () { return state; }
    };

    /* Present's keys: a clicker's Page Down / Page Up (some send arrows) step the tour, else the ◀ ▶ buttons
     * (changes, or documents in treaty mode). */
    window.skclass.presentStep = function (dir) {
        if (state.tour) { setStep(state.step + dir); return; }
        var btn = document.getElementById(dir > 0 ? ID().NEXT_EVENT : ID().PREV_EVENT);
        if (btn) btn.click();
    };
    /* The map moved away from the tour's step (the slider touched, a month stepped): the tour is left, so the
     * caption speaks of the map's own moment; the Tour button comes back to the step. */
    window.skclass.mapMoved = function (req) {
        var steps = state.tours && state.tour && state.tours[state.tour];
        // a step asked for (a clicker's quick run) and not yet on the map: the map is on its way there
        if (state.view !== "present" || !steps || state.applied !== state.step) return;
        var on = stepShown(steps, state.step);
        var same = req.mode === on.mode && (on.mode === "event" ? req.event === on.event : req.day === on.day);
        if (!same) {
            keep(state.tour, state.step);
            state.tour = null;
            window.dash_clientside.set_props(ID().TOUR, {data: null});
            fitMap();
        }
    };
    /* The embed view's "open the full map" link and Help's iframe code, for the state the page holds: written only
     * in those views (and on entering them), since each write is an update of Dash's store (50-70 ms of renderer
     * work a step at 4x CPU, scripts/profile_step.py). */
    window.skclass.embedLinks = function (mapState, serialise) {
        if (mapState.view !== "embed" && mapState.view !== "help") return;
        var full = window.location.pathname + serialise(Object.assign({}, mapState, {view: "map"}));
        var src = window.location.origin + window.location.pathname +
                  serialise(Object.assign({}, mapState, {view: "embed"}));
        var code = '<iframe src="' + src + '" title="' + escapeAttr(tr(null, "iframeTitle")) + '" ' +
                   'width="100%" height="760" style="border:0" loading="lazy"></iframe>';
        if (state.embedFull !== full) {
            state.embedFull = full;
            window.dash_clientside.set_props(ID().EMBED_LINK, {href: full});
        }
        if (state.embedCode !== code) {
            state.embedCode = code;
            window.dash_clientside.set_props(ID().EMBED_CODE, {children: code});
        }
    };
    window.skclass.leave = function () { leave(); };

    /* Leaving Present keeps the tour's step: the Tour button (or Esc, then Tour) comes back to it. */
    function leave() {
        if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
        if (state.tour) keep(state.tour, state.step);
        window.dash_clientside.set_props(ID().VIEW, {data: "map"});
        window.dash_clientside.set_props(ID().TOUR, {data: null});
    }
    function keep(tour, step) {
        state.kept = {tour: tour, step: step};
        try { window.sessionStorage.setItem("sk-tour", JSON.stringify(state.kept)); } catch (err) { /* private mode */ }
    }
    function kept() {
        if (state.kept) return state.kept;
        try { return JSON.parse(window.sessionStorage.getItem("sk-tour") || "null"); } catch (err) { return null; }
    }

    document.addEventListener("click", function (e) {
        var el = e.target && e.target.closest && e.target.closest("#" + ID().FULLSCREEN);
        if (!el) return;
        var root = document.documentElement;
        if (document.fullscreenElement) {
            if (document.exitFullscreen) document.exitFullscreen().catch(function () {});
        } else if (root.requestFullscreen) {
            root.requestFullscreen().catch(function () {});
        }
    });
    document.addEventListener("fullscreenchange", fitSoon);

    /* Reduced motion switched on while playing: pause. */
    if (window.matchMedia) {
        var mq = window.matchMedia("(prefers-reduced-motion: reduce)");
        var onChange = function () {
            if (!mq.matches) return;
            var t = window.skmap && window.skmap.store && window.skmap.store.table;
            window.dash_clientside.set_props(ID().TICKER, {disabled: true});
            window.dash_clientside.set_props(ID().PLAY, {children: (t && t.i18n && t.i18n.play) || "\u25B6 Play"});
        };
        if (mq.addEventListener) mq.addEventListener("change", onChange);
    }

    /* A readable citation: the short form, the full reference (and its link) on demand. */
    function citeNode(c, open) {
        var det = document.createElement("details");
        det.className = "cite";
        var sum = document.createElement("summary");
        sum.textContent = c.short;
        det.appendChild(sum);
        var full = document.createElement("span");
        full.className = "cite-full";
        full.textContent = c.full + " ";
        det.appendChild(full);
        if (c.url && /^https?:\/\//.test(c.url)) {
            var a = document.createElement("a");
            a.href = c.url;
            a.rel = "noopener";
            a.target = "_blank";
            a.textContent = c.url;
            det.appendChild(a);
        }
        if (open) det.open = false;
        return det;
    }

    /* Under each compare map: its own key (areas, lines, marks), the same rows as the page's Key for its state. */
    function compareKey(id, req) {
        var holder = document.getElementById(id);
        if (holder && window.skframe && window.skframe.keyFor) window.skframe.keyFor(holder, req);
    }

    /* A compare map: a copy of the main figure that fills its half of the map's place. */
    function compareFigure(fig) {
        var copy = JSON.parse(JSON.stringify(fig));
        copy.layout = copy.layout || {};
        delete copy.layout.height;
        delete copy.layout.width;
        copy.layout.autosize = true;
        copy.layout.uirevision = "compare";
        return copy;
    }

    /* Present: the caption never scrolls; its type steps down until it fits its box (at most to 60 %). */
    function fitCaption() {
        var inner = document.querySelector(".present-caption-inner");
        var box = inner && inner.parentNode;
        if (!box || state.view !== "present" || !box.clientHeight) return;
        var fit = 1, src = 1;
        var over = function () { return box.scrollHeight > box.clientHeight + 1; };
        inner.style.setProperty("--fit", "1");
        inner.style.setProperty("--src-fit", "1");
        while (over() && src > 0.8) {   // the sources line first, then the whole caption, a little
            src = Math.round((src - 0.05) * 100) / 100;
            inner.style.setProperty("--src-fit", String(src));
        }
        while (over() && fit > 0.7) {
            fit = Math.round((fit - 0.02) * 100) / 100;
            inner.style.setProperty("--fit", String(fit));
        }
        box.setAttribute("data-fit", String(fit));
        box.setAttribute("data-overflow", box.scrollHeight > box.clientHeight + 1 ? "1" : "0");
    }
    /* Present's key: every row in its box (it is drawn after the map paints, so after the caption); its type
    steps down a little before a row would be cut. */
    function fitKey() {
        var key = document.getElementById(ID().PRESENT_LEGEND);
        if (!key || state.view !== "present" || !key.clientHeight) return;
        var fit = 1;
        key.style.setProperty("--key-fit", "1");
        while (key.scrollHeight > key.clientHeight + 1 && fit > 0.8) {
            fit = Math.round((fit - 0.05) * 100) / 100;
            key.style.setProperty("--key-fit", String(fit));
        }
        key.setAttribute("data-fit", String(fit));
    }
    window.addEventListener("resize", function () { setTimeout(fitCaption, 80); });
    (function watchCaption() {
        var el = window.skconst && document.getElementById(ID().PRESENT_CAPTION);
        var key = el && document.getElementById(ID().PRESENT_LEGEND);
        if (!el || !key) { setTimeout(watchCaption, 300); return; }
        new MutationObserver(function () { fitCaption(); }).observe(el, {childList: true, subtree: true, characterData: true});
        // the key's rows arrive after the caption (when the map has painted) and take height from the caption's
        // box, as does a header that wraps: refit whenever either box changes size, not only when words change
        new MutationObserver(function () { fitKey(); }).observe(key, {childList: true, subtree: true});
        if (window.ResizeObserver) {
            new ResizeObserver(function () { fitCaption(); }).observe(el);
            // the caption's box shrinks when the key's rows arrive (or a wide step changes the columns): refit
            new ResizeObserver(function () { fitCaption(); }).observe(el.parentNode);
            new ResizeObserver(function () { fitKey(); }).observe(key);
        }
    })();
    window.skclass.fitCaption = fitCaption;
    window.skclass.fitMap = fitMap;

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        skclass: {
            view: function (view, tour, tours) {
                state.tours = tours || state.tours;
                state.view = view || "map";
                state.tour = tour || null;
                if (state.tour) keep(state.tour, state.step);
                document.body.setAttribute("data-view", state.view);
                fitSoon();
                setTimeout(fitMap, 400);
                setTimeout(fitCaption, 60);
                return "page view-" + state.view + (state.tour && state.view === "present" ? " in-tour" : "");
            },
            nav: function (viewClicks, tourClicks, exitClicks, step) {
                var trig = window.dash_clientside.callback_context.triggered_id;
                if (trig === "tour-start") {
                    var k = kept();
                    return ["present", (k && k.tour) || "key", (k && k.step) || 1];
                }
                if (trig === "exit-view") {
                    if (document.fullscreenElement && document.exitFullscreen) {
                        document.exitFullscreen().catch(function () {});
                    }
                    if (state.tour) keep(state.tour, state.step);
                    return ["map", null, nu()];
                }
                if (trig && typeof trig === "object" && trig.index) {
                    if (state.tour) keep(state.tour, state.step);
                    return [trig.index, null, nu()];
                }
                return [nu(), nu(), nu()];
            },
            tourGo: function (step, tour, tours) {
                state.tours = tours || state.tours;
                state.tour = tour || null;
                state.step = step || 1;
                var steps = tour && state.tours && state.tours[tour];
                if (!steps) return [nu(), nu(), nu(), nu()];
                var s = steps[Math.max(1, Math.min(steps.length, state.step)) - 1];
                keep(tour, state.step);
                state.applied = state.step;
                fitMap();   // the step's view (or back to the map's own)
                return [s.day, s.mode, s.mode === "event" ? s.event : null, s.pov || "de_facto"];
            },
            autoplay: function (flag, tours) {
                if (!flag) return [nu(), nu()];
                if (reducedMotion()) {
                    if (window.skstate) window.skstate.notice(tr(tours, "reducedMotion"));
                    return [true, nu()];
                }
                var label = (window.skmap && window.skmap.store && window.skmap.store.table &&
                             window.skmap.store.table.i18n && window.skmap.store.table.i18n.pause) || "\u23F8 Pause";
                return [false, label];
            },
            /* The map as a table (callbacks/classroom.py table_model), drawn as DOM: text only, never HTML. */
            table: function (model) {
                var holder = document.getElementById(ID().TABLE_BODY);
                if (!holder || !model) return nu();
                var el = function (tag, text, attrs) {
                    var node = document.createElement(tag);
                    if (text !== undefined && text !== null) node.textContent = text;
                    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
                    return node;
                };
                var tbl = el("table", null, {"class": "state-table"});
                tbl.appendChild(el("caption", model.caption));
                var headRow = el("tr");
                (model.head || []).forEach(function (h) { headRow.appendChild(el("th", h, {scope: "col"})); });
                tbl.appendChild(el("thead")).appendChild(headRow);
                var body = tbl.appendChild(el("tbody"));
                var seen = {}, all = [];
                (model.rows || []).forEach(function (row) {
                    var tr = body.appendChild(el("tr", null, {"data-target": row.target}));
                    row.cells.forEach(function (cell, i) {
                        if (i === 0) { tr.appendChild(el("th", cell, {scope: "row"})); return; }
                        if (cell && cell.cites) {
                            var td = tr.appendChild(el("td", cell.cites.length ? null : "\u2014"));
                            if (cell.cites.length) {
                                var ul = td.appendChild(el("ul", null, {"class": "src-keys"}));
                                cell.cites.forEach(function (c) { ul.appendChild(el("li")).appendChild(citeNode(c)); });
                            }
                            cell.cites.forEach(function (c) { if (!seen[c.full]) { seen[c.full] = 1; all.push(c); } });
                            return;
                        }
                        tr.appendChild(el("td", cell));
                    });
                });
                holder.replaceChildren(tbl);
                var list = document.getElementById(ID().SOURCES_LIST);
                if (list) {
                    var ol = el("ol", null, {"class": "sources-all"});
                    all.sort(function (a, b) { return a.short.localeCompare(b.short); });
                    all.forEach(function (c) { ol.appendChild(el("li")).appendChild(citeNode(c, true)); });
                    list.replaceChildren(ol);
                }
                return nu();
            },
            cmpShow: function (show) {
                setTimeout(function () {
                    [ID().CMP_A, ID().CMP_B].forEach(function (id) {
                        var gd = document.querySelector("#" + id + " .js-plotly-plot");
                        if (gd && gd.offsetWidth && plotly()) plotly().Plots.resize(gd);
                    });
                }, 50);
                return "compare-section show-" + (show || "both");
            },
            cmpFigures: function (view, fig, have) {
                if (view !== "compare" || !fig || (have && have.data && have.data.length)) return [nu(), nu()];
                return [compareFigure(fig), compareFigure(fig)];
            },
            cmpPaint: function (view, day, day2, mode, pov, pov2, eventId, event2, names, ready, figA, show) {
                // side B's day as side A's: the long date in words beside its label, ISO in its date box
                var iso = window.skmap ? window.skmap.dayToIso(day2 || 0) : "";
                if (view !== "compare" || !window.skmap || !window.skmap.store.table) return [nu(), nu()];
                var dayText = window.skmap.formatDay(day2 || 0);
                var reqA = window.skmap.request(day, mode, pov, false, eventId, names);
                var reqB = window.skmap.request(day2, mode, pov2, false, mode === "event" ? event2 : null, names);
                if (mode === "event" && !event2) reqB.mode = "date";
                var tries = 0;
                var run = function () {
                    [[ID().CMP_A, reqA], [ID().CMP_B, reqB]].forEach(function (p) {
                        var gd = document.querySelector("#" + p[0] + " .js-plotly-plot");
                        if (gd && plotly() && gd._fullLayout && gd.offsetWidth &&
                            Math.abs(gd._fullLayout.width - gd.offsetWidth) > 2) {
                            plotly().Plots.resize(gd);
                        }
                    });
                    var a = window.skmap.paintGraph(ID().CMP_A, reqA), b = window.skmap.paintGraph(ID().CMP_B, reqB);
                    if (!(a && b) && ++tries < 200) setTimeout(run, 50);
                    compareKey(ID().CMP_A + "-lines", reqA);
                    compareKey(ID().CMP_B + "-lines", reqB);
                    var box = document.getElementById(ID().CMP_DATE2_INPUT);
                    if (box && document.activeElement !== box && box.value !== iso) box.value = iso;
                };
                run();
                return [reqA.stamp + "|" + reqB.stamp, dayText];
            }
        }
    });
})();

/* Accessibility patches for Dash 4.4.1 components (found by axe-core in tests/browser/test_a11y_classroom.py):
 * - RadioItems / Checklist render role="listbox" > label[role=option] > input: nested interactive controls and
 *   a listbox without a name. The native radios/checkboxes (inside a <fieldset> with a <legend>) carry the
 *   semantics, so the ARIA roles are removed.
 * - Dropdown's keyboard focus target is an <input aria-hidden="true" tabindex="0">: focusable but hidden from
 *   assistive technology. It is un-hidden and named after its label and current value.
 * - Slider thumbs (role="slider") have no accessible name: named after their box's title.
 */
(function () {
    "use strict";
    function labelText(wrapper) {
        var btn = wrapper.querySelector("button.dash-dropdown");
        var value = wrapper.querySelector(".dash-dropdown-value");
        var name = "";
        if (btn && btn.id) {
            var lab = document.querySelector('label[for="' + btn.id + '"]');
            if (lab) name = lab.textContent.trim();
        }
        if (!name) {
            var outer = wrapper.closest("label");
            if (outer && outer.firstChild && outer.firstChild.nodeType === 3) name = outer.firstChild.textContent.trim();
        }
        var v = value ? value.textContent.trim() : "";
        return name && v ? name + ": " + v : (name || v);
    }
    function patch() {
        var i, el, list;
        list = document.querySelectorAll(".dash-radioitems[role], .dash-checklist[role]");
        for (i = 0; i < list.length; i++) list[i].removeAttribute("role");
        list = document.querySelectorAll(".dash-radioitems label[role], .dash-checklist label[role], " +
                                         ".dash-radioitems label[aria-selected], .dash-checklist label[aria-selected]");
        for (i = 0; i < list.length; i++) {
            list[i].removeAttribute("role");
            list[i].removeAttribute("aria-selected");
        }
        list = document.querySelectorAll("input.dash-dropdown-focus-target");
        for (i = 0; i < list.length; i++) {
            el = list[i];
            if (el.getAttribute("aria-hidden") === "true") el.removeAttribute("aria-hidden");
            var text = labelText(el.parentNode);
            if (text && el.getAttribute("aria-label") !== text) el.setAttribute("aria-label", text);
            // a readonly text input may take the combobox role (not button); its state mirrors the dropdown's
            var btn = el.parentNode.querySelector("button.dash-dropdown");
            var expanded = (btn && btn.getAttribute("aria-expanded")) || "false";
            if (el.getAttribute("role") !== "combobox") el.setAttribute("role", "combobox");
            if (el.getAttribute("aria-haspopup") !== "listbox") el.setAttribute("aria-haspopup", "listbox");
            if (el.getAttribute("aria-expanded") !== expanded) el.setAttribute("aria-expanded", expanded);
        }
        list = document.querySelectorAll("[role=slider]");
        for (i = 0; i < list.length; i++) {
            el = list[i];
            var box = el.closest("[title]");
            var name = box ? box.getAttribute("title") : "";
            if (name && !el.getAttribute("aria-label")) el.setAttribute("aria-label", name);
        }
    }
    /* A map step only rewrites texts (the big date, the labels): no new control, role or dropdown value, so
     * no document-wide re-scan in the step's frame (scripts/profile_step.py: 10 % of a step at 4x CPU). */
    function matters(records) {
        for (var r = 0; r < records.length; r++) {
            var rec = records[r];
            if (rec.type === "attributes") return true;
            var t = rec.target;
            if (t.closest && t.closest(".dash-dropdown")) return true;   // its value's text names the input
            var nodes = [rec.addedNodes, rec.removedNodes];
            for (var n = 0; n < 2; n++) {
                for (var i = 0; i < nodes[n].length; i++) if (nodes[n][i].nodeType === 1) return true;
            }
        }
        return false;
    }
    var queued = false, runs = 0;
    window.skA11yPatch = {runs: function () { return runs; }};
    function schedule(records) {
        if (queued || (records && !matters(records))) return;
        queued = true;
        (window.requestAnimationFrame || setTimeout)(function () { queued = false; runs++; patch(); });
    }
    function start() {
        patch();
        new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true, attributes: true,
            attributeFilter: ["role", "aria-hidden", "aria-selected", "aria-expanded"]});
    }
    if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
