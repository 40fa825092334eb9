/* The one-file lesson's controller: the slider over the lesson's range, ◀ ⏵ ▶ through its steps, the points of
 * view, the caption and sources of the step, the key rows in use; keyboard and clicker (Page Up / Page Down,
 * arrows, Space, B). The map is painted by the page's own painter (map_paint.js: window.skmap) from the page's
 * paint table, both inlined in this file by app/lessons/onefile.py. Nothing is fetched. */
(function () {
    "use strict";
    function json(id) { return JSON.parse(document.getElementById(id).textContent); }
    var table = json("paint-table"), events = json("event-paints"), figure = json("map-figure"), L = json("lesson-data");
    var T = L.i18n, steps = L.steps;
    var state = {day: steps[0].day, pov: L.pov, step: 0, mode: steps[0].mode, event: steps[0].event, timer: null};
    var gd = document.getElementById("map-graph");
    var slider = document.getElementById("slider");

    window.dash_clientside.skmap.load(table, events);

    function el(tag, attrs, text) {
        var e = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
        if (text !== undefined && text !== null) e.textContent = text;
        return e;
    }
    function fmt(s, vals) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in vals ? vals[k] : m; }); }

    /* ---- the points of view ---- */
    var povBox = document.getElementById("povs");
    document.getElementById("pov-legend").textContent = T.view;
    L.povs.forEach(function (p, i) {
        var label = el("label", {"data-pov": p.id}), input = el("input", {type: "radio", name: "pov", value: p.id});
        input.checked = p.id === state.pov;
        input.addEventListener("change", function () { setPov(p.id); });
        label.appendChild(input);
        label.appendChild(document.createTextNode((i + 1) + " "));
        label.appendChild(el("span", {}, p.label));
        povBox.appendChild(label);
    });

    /* ---- the key rows in use: the map's Frame (window.skmap.resolve), drawn as the page's Key draws it ---- */
    document.getElementById("key-title").textContent = T.key;
    function drawKey(frame) {
        var box = document.getElementById("key"), rows = [];
        frame.key.forEach(function (e) { rows.push({key: table.keys[e.key], text: e.text, note: e.note}); });
        frame.lines.forEach(function (l) {
            rows.push({line: table.lineStyles[l.status === "proposed" ? 0 : 1], text: l.text, id: l.id});
        });
        var want = rows.map(function (r) { return r.text + "/" + (r.note || ""); }).join("|");
        if (box.getAttribute("data-rows") === want) return;
        box.textContent = "";
        rows.forEach(function (r) {
            var row = el("div", {"class": "row"});
            if (r.id) row.setAttribute("data-line", r.id);
            row.appendChild(r.line ? window.skmap.lineSwatch(r.line) : window.skmap.swatch(r.key));
            var span = el("span", {}, r.text);
            if (r.note) {
                span.appendChild(el("br"));
                span.appendChild(el("em", {"class": "note"}, r.note));
            }
            row.appendChild(span);
            box.appendChild(row);
        });
        box.setAttribute("data-rows", want);
    }
    /* Russia's / the USSR's view is named after its government on the day shown. */
    function nameViews() {
        var gov = window.skmap.governmentOf("russia", state.day), label = povBox.querySelector("label[data-pov=russia] > span");
        if (gov && label && label.textContent !== gov.name) label.textContent = gov.name;
    }

    /* ---- the step's caption ---- */
    function stepAt(day) {
        var k = 0;
        for (var i = 0; i < steps.length; i++) if (steps[i].day <= day) k = i;
        return k;
    }
    function between() { return state.mode === "date" && steps[state.step].day !== state.day; }
    /* The step's caption: the view, the event, its dates, the tour's sentences; the clause (folded: it is long)
     * and the sources under them. */
    function drawCaption() {
        var s = steps[state.step], box = document.getElementById("caption");
        box.textContent = "";
        box.setAttribute("data-step", String(s.n));
        if (between()) {
            box.appendChild(el("p", {"class": "hint"}, fmt(T.between, {date: window.skmap.formatDay(state.day)})));
        }
        box.appendChild(el("p", {"class": "view"}, s.mode === "event" ? s.view : labelOf(state.pov)));
        box.appendChild(el("h2", {}, s.eventTitle || s.title));
        if (s.when) box.appendChild(el("p", {"class": "when"}, s.when));
        if (s.text) box.appendChild(el("p", {"class": "text"}, s.text));
        if (s.hint) box.appendChild(el("p", {"class": "hint"}, s.hint));
        if (s.quote) {
            var says = el("details", {"class": "says"});
            says.appendChild(el("summary", {}, T.says));
            says.appendChild(el("blockquote", {lang: s.quote.lang}, s.quote.original));
            if (s.quote.en && s.quote.lang !== "en" && s.quote.en !== s.quote.original) {
                says.appendChild(el("blockquote", {lang: "en"}, s.quote.en));
            }
            box.appendChild(says);
        }
        if (s.sources.length) {
            box.appendChild(el("h3", {}, T.sources));
            var ul = el("ul", {"class": "sources"});
            s.sources.forEach(function (c) {
                var li = el("li"), d = el("details"), sum = el("summary", {}, c.short);
                d.appendChild(sum);
                d.appendChild(el("p", {}, c.full));
                li.appendChild(d);
                ul.appendChild(li);
            });
            box.appendChild(ul);
        }
        document.getElementById("step-of").textContent = fmt(T.step, {n: s.n, total: steps.length});
    }
    /* After the last step (one more Page Down): what happened after 1956 (content/epilogue.yaml), each document
     * with its sources, over the whole frame; the map stays on the last step. */
    var atEpilogue = false;
    function drawEpilogue() {
        var sec = document.getElementById("epilogue");
        if (sec.childNodes.length) return;
        sec.appendChild(el("p", {"class": "intro"}, L.epilogue.intro));
        var items = el("div", {"class": "items"});
        L.epilogue.items.forEach(function (item) {
            var div = el("div", {"class": "item", "data-epilogue": item.id});
            div.appendChild(el("h3", {}, item.date));
            div.appendChild(el("p", {}, item.text));
            /* who and when on the screen, the whole reference one click away */
            div.appendChild(el("p", {"class": "cites"}, T.sources + ": " +
                                     item.sources.map(function (c) { return c.brief; }).join("; ")));
            var d = el("details", {"class": "refs"}), ul = el("ul", {"class": "sources"});
            d.appendChild(el("summary", {}, T.refs));
            item.sources.forEach(function (c) { ul.appendChild(el("li", {}, c.full + " " + c.url)); });
            d.appendChild(ul);
            div.appendChild(d);
            items.appendChild(div);
        });
        sec.appendChild(items);
    }
    function showEpilogue(on) {
        atEpilogue = !!(on && L.epilogue);
        var sec = document.getElementById("epilogue");
        if (atEpilogue) drawEpilogue();
        sec.hidden = !atEpilogue;
        document.body.classList.toggle("at-epilogue", atEpilogue);
        drawHeader();
        if (atEpilogue) document.getElementById("step-of").textContent = L.epilogue.years;
        else drawCaption();
    }
    /* The header names the step shown (or, between two steps, the day and the event in force). */
    var headline = "";
    function drawHeader() {
        var date = window.skmap.formatDay(state.day), name = between() ? headline : stepName(steps[state.step], date);
        if (atEpilogue) { date = L.epilogue.years; name = L.epilogue.title; }
        document.getElementById("date-big").textContent = date;
        document.getElementById("step-name").textContent = name ? "\u00b7 " + name : "";
        document.getElementById("headline").setAttribute("title", date + (name ? " \u00b7 " + name : ""));
    }
    /* The view as its button names it (Russia's after its government on the day). */
    function labelOf(pov) {
        var span = povBox.querySelector("label[data-pov=" + pov + "] > span");
        return span ? span.textContent : pov;
    }
    /* A step's title without the day the header already shows in large type. */
    function stepName(s, date) {
        var title = s.title;
        if (date && title.length > date.length && title.slice(-date.length) === date) {
            title = title.slice(0, -date.length).replace(/[\s,\u3001\uff0c:\uff1a]+$/, "");
        }
        return title;
    }

    /* ---- paint: the page's painter on the page's figure ---- */
    function paint() {
        var req = window.skmap.request(state.day, state.mode, state.pov, false, state.event, "local");
        window.skmap.paintGraph("map", req);
        var frame = window.skmap.resolve(req);
        var head = [window.skmap.formatDay(state.day), frame.headline.text];
        headline = head[1];
        slider.value = String(state.day);
        slider.setAttribute("aria-valuetext", head[0] + ", " + head[1]);
        document.body.setAttribute("data-day", String(state.day));
        document.body.setAttribute("data-pov", state.pov);
        document.body.setAttribute("data-mode", state.mode);
        drawKey(frame);
        nameViews();
        showEpilogue(false);
    }
    /* The part of the map a tour step shows (assets/constants.js GEO_VIEWS: the southern Kurils zoomed, else the
     * whole map), as the page's Present does; the painter arranges the labels and hides the insets for it. */
    function showGeoView(name) {
        var views = window.skconst.GEO_VIEWS, v = views[name] ? name : "home";
        if (v === (gd._skView || "home")) return;
        gd._skView = v;
        window.Plotly.relayout(gd, {"geo.lonaxis.range": views[v].lon.slice(), "geo.lataxis.range": views[v].lat.slice(),
                                    "geo.center": Object.assign({}, views[v].center), "geo.projection.scale": 1});
    }
    function goStep(k) {
        if (k >= steps.length && L.epilogue) { goStep(steps.length - 1); showEpilogue(true); return; }
        k = Math.max(0, Math.min(steps.length - 1, k));
        var s = steps[k];
        state.step = k;
        showGeoView(s.geoView);
        state.day = s.day;
        state.mode = s.mode;
        state.event = s.event;
        if (s.pov && s.pov !== state.pov) { setPov(s.pov); return; }   // the view the step's story needs
        paint();
    }
    function goDay(day) {
        showGeoView("home");   // off the step: the whole map
        state.day = Math.max(L.start, Math.min(L.end, day));
        state.mode = "date";
        state.event = null;
        state.step = stepAt(state.day);
        paint();
    }
    function setPov(pov) {
        state.pov = pov;
        var inputs = povBox.querySelectorAll("input");
        for (var i = 0; i < inputs.length; i++) inputs[i].checked = inputs[i].value === pov;
        paint();
    }
    var addMonths = window.skmap.addMonths;   // the page's own month step (assets/map_paint.js)
    function step(dir) {
        if (atEpilogue) { if (dir < 0) showEpilogue(false); return; }
        if (state.mode === "date" && steps[state.step].day !== state.day && dir < 0) goStep(state.step);
        else goStep(state.step + dir);
    }
    var play = document.getElementById("play");
    function setPlaying(on) {
        clearInterval(state.timer);
        state.timer = null;
        if (on) {
            state.timer = setInterval(function () {
                if (atEpilogue || (state.step >= steps.length - 1 && !L.epilogue)) { setPlaying(false); return; }
                goStep(state.step + 1);
            }, 4000);
        }
        play.textContent = on ? T.pause : T.play;
        play.setAttribute("aria-pressed", on ? "true" : "false");
    }

    document.getElementById("lesson-title").textContent = L.title + " · " + L.range;
    document.getElementById("prev").setAttribute("aria-label", T.prev);
    document.getElementById("next").setAttribute("aria-label", T.next);
    document.getElementById("prev").addEventListener("click", function () { step(-1); });
    document.getElementById("next").addEventListener("click", function () { step(1); });
    play.addEventListener("click", function () { setPlaying(!state.timer); });
    /* A click with the mouse leaves no focus behind, so the clicker's Space and arrows keep their lesson meaning
     * (a keyboard's Enter or Space on a button keeps the focus where it is). */
    document.addEventListener("click", function (e) {
        var t = e.target && e.target.closest && e.target.closest("button, label, summary, input[type=radio]");
        if (e.detail > 0 && t && document.activeElement && document.activeElement !== document.body &&
            document.activeElement.type !== "range") document.activeElement.blur();
    });
    slider.min = String(L.start);
    slider.max = String(L.end);
    slider.setAttribute("aria-label", T.slider);
    slider.addEventListener("input", function () { goDay(parseInt(slider.value, 10)); });
    document.getElementById("keys-hint").textContent = T.keys;
    document.getElementById("footer").textContent = L.footer + (L.link ? " " + fmt(T.online, {url: L.link}) : "");
    setPlaying(false);

    /* Keyboard and clickers (which send Page Up / Page Down, arrows, or B for a blank screen). */
    document.addEventListener("keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        var tag = (e.target && e.target.tagName) || "";
        if (tag === "INPUT" && e.target.type === "range" && !e.shiftKey &&
            (e.key === "ArrowLeft" || e.key === "ArrowRight")) e.preventDefault();
        var k = e.key;
        if (k === "ArrowRight" || k === "PageDown") { if (e.shiftKey && k === "ArrowRight") goDay(addMonths(state.day, 1)); else step(1); }
        else if (k === "ArrowLeft" || k === "PageUp") { if (e.shiftKey && k === "ArrowLeft") goDay(addMonths(state.day, -1)); else step(-1); }
        else if (k === "Home") goStep(0);
        else if (k === "End") goStep(L.epilogue ? steps.length : steps.length - 1);
        else if (k === " " || k === "Spacebar") { if (tag === "BUTTON") return; setPlaying(!state.timer); }
        else if (k >= "1" && k <= "4" && L.povs[+k - 1]) setPov(L.povs[+k - 1].id);
        else if (k === "b" || k === "B" || k === ".") document.body.classList.toggle("blank");
        else return;
        e.preventDefault();
    });

    var config = {displaylogo: false, responsive: true, scrollZoom: false, showSendToCloud: false,
                  modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"]};
    /* The map's box changes height with the key's rows: the plot follows its box (plotly's own "responsive"
     * follows the window only). */
    if (window.ResizeObserver) {
        new ResizeObserver(function () { if (gd._fullLayout) window.Plotly.Plots.resize(gd); })
            .observe(document.getElementById("map"));
    }
    window.Plotly.newPlot(gd, figure.data, figure.layout, config).then(function () {
        goStep(0);
        document.body.setAttribute("data-ready", "1");
    });
    window.sklesson = {goStep: goStep, goDay: goDay, setPov: setPov, state: state, steps: steps,
                       atEpilogue: function () { return atEpilogue; }};
})();
