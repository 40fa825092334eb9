/* The frame around the map (app/page/): details tabs, drawer and bottom sheet, the ☰ menu, dialogs, the date
 * input, the key rows in use, the treaty-mode headline, keyboard shortcuts. All in the browser: none of it
 * adds a Dash component that a store update visits (the repaint bench, scripts/bench_slider.py).
 * State the frame shows lives in <body data-*> (Dash owns the page's className):
 *   data-mode=date|event   data-details=open (drawer, M)   data-menu=open (☰, S)
 * No inline scripts or handlers (CSP): listeners are added here. */
(function () {
    "use strict";
    var IDS = {page: "page", details: "details", slider: "date-slider", dateInput: "date-input", map: "map",
               pov: "pov", mode: "mode", names: "names", diff: "diff-toggle", eventPick: "event-pick",
               view: "view-store", tour: "tour-store", keyChip: "key-chip", keyInUse: "key-in-use",
               presentLegend: "present-legend", share: "share-dialog", download: "download-dialog",
               keys: "keys-dialog", exportPanel: "export-panel", shareLink: "share-link"};
    var frame = {mode: "date", event: null, docs: null, docOrder: []};   // the page's frame state (not a Frame)
    var MIN = Date.UTC(1905, 0, 1), DAY = 86400000;

    function byId(id) { return document.getElementById(id); }
    function nu() { return window.dash_clientside.no_update; }
    function setProps(id, props) { window.dash_clientside.set_props(id, props); }
    function isoOf(day) { return new Date(MIN + day * DAY).toISOString().slice(0, 10); }
    function dayOf(iso) {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
        if (!m) return null;
        var day = Math.round((Date.UTC(+m[1], +m[2] - 1, +m[3]) - MIN) / DAY);
        return day >= 0 && day <= 18627 ? day : null;
    }
    function narrow() { return window.matchMedia("(max-width: 767px)").matches; }
    function drawer() { return window.matchMedia("(min-width: 768px) and (max-width: 1199px)").matches; }

    /* The slider's tooltip shows the date, never the day number (dcc.Slider tooltip.transform). */
    window.dccFunctions = window.dccFunctions || {};
    window.dccFunctions.skDate = function (day) {
        return window.skmap && window.skmap.formatDay ? window.skmap.formatDay(day) : isoOf(day);
    };

    /* ---- details: tabs, drawer, sheet ------------------------------------------------------------------- */
    function details() { return byId(IDS.details); }
    function setSheet(state) {
        var d = details();
        if (!d) return;
        d.setAttribute("data-sheet", state);
        var handle = byId("sheet-handle");
        if (handle) handle.setAttribute("aria-expanded", state === "peek" ? "false" : "true");
    }
    function openDetails() {
        if (narrow()) {
            var d = details();
            if (d && d.getAttribute("data-sheet") === "peek") setSheet("half");
        } else if (drawer()) {
            document.body.setAttribute("data-details", "open");
            var toggle = byId("details-toggle");
            if (toggle) toggle.setAttribute("aria-expanded", "true");
        }
    }
    function closeDetails() {
        setSheet("peek");
        document.body.removeAttribute("data-details");
        var toggle = byId("details-toggle");
        if (toggle) toggle.setAttribute("aria-expanded", "false");
    }
    function selectTab(tab, focus) {
        var d = details();
        if (!d) return;
        d.setAttribute("data-tab", tab);
        var tabs = d.querySelectorAll(".tab");
        for (var i = 0; i < tabs.length; i++) {
            var on = tabs[i].getAttribute("data-tab") === tab;
            tabs[i].setAttribute("aria-selected", on ? "true" : "false");
            tabs[i].tabIndex = on ? 0 : -1;
            if (on && focus) tabs[i].focus();
        }
        var panels = d.querySelectorAll(".tab-panel");
        for (i = 0; i < panels.length; i++) {
            var show = panels[i].id === "tab-" + tab;
            panels[i].hidden = !show;
            panels[i].tabIndex = show ? 0 : -1;
            if (show) panels[i].scrollTop = 0;
        }
        if (tab === "key") drawKey();
    }
    window.skframe = {selectTab: selectTab, openDetails: openDetails, closeDetails: closeDetails,
                      state: function () { return frame; }};

    document.addEventListener("click", function (e) {
        var el = e.target && e.target.closest ? e.target : null;
        if (!el) return;
        var tab = el.closest(".tab[data-tab]");
        if (tab) {
            var d = details(), same = d && d.getAttribute("data-tab") === tab.getAttribute("data-tab");
            if (narrow() && same && d.getAttribute("data-sheet") !== "peek") { setSheet("peek"); return; }
            selectTab(tab.getAttribute("data-tab"));
            openDetails();
            return;
        }
        if (el.closest("#sheet-handle")) {
            var state = details().getAttribute("data-sheet");
            setSheet(state === "peek" ? "half" : state === "half" ? "full" : "peek");
            return;
        }
        if (el.closest("#details-close")) { closeDetails(); return; }
        if (el.closest("#details-toggle")) {
            if (document.body.getAttribute("data-details") === "open") closeDetails(); else openDetails();
            return;
        }
        if (el.closest("#" + IDS.keyChip)) { selectTab("key"); openDetails(); return; }
        if (el.closest("#menu-button")) {
            var open = document.body.getAttribute("data-menu") === "open";
            if (open) document.body.removeAttribute("data-menu"); else document.body.setAttribute("data-menu", "open");
            el.closest("#menu-button").setAttribute("aria-expanded", open ? "false" : "true");
            return;
        }
        if (el.closest(".nav-btn")) {
            document.body.removeAttribute("data-menu");
            var mb = byId("menu-button");
            if (mb) mb.setAttribute("aria-expanded", "false");
        }
        if (el.closest("#share-open")) { openDialog(IDS.share); return; }
        if (el.closest("#download-open")) { openDialog(IDS.download); return; }
        if (el.closest("#keys-open")) { openDialog(IDS.keys); return; }
        if (el.closest("[data-close]")) { var dlg = el.closest("dialog"); if (dlg) dlg.close(); return; }
        if (el.closest("#share-copy")) { copyLink(); return; }
        // a click outside an open settings / language menu closes it
        var menus = document.querySelectorAll("details.menu[open]");
        for (var i = 0; i < menus.length; i++) if (!menus[i].contains(el)) menus[i].open = false;
    });

    /* Tabs: arrow keys move between them (WAI-ARIA tabs pattern). */
    document.addEventListener("keydown", function (e) {
        var tab = e.target && e.target.closest && e.target.closest(".tab[data-tab]");
        if (!tab || (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End")) return;
        var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll(".tab"));
        var i = tabs.indexOf(tab);
        if (e.key === "ArrowRight") i = (i + 1) % tabs.length;
        else if (e.key === "ArrowLeft") i = (i - 1 + tabs.length) % tabs.length;
        else if (e.key === "Home") i = 0;
        else i = tabs.length - 1;
        e.preventDefault();
        e.stopPropagation();
        selectTab(tabs[i].getAttribute("data-tab"), true);
    }, true);

    /* The sheet follows a drag on its head (phones): released, it snaps to peek, half or full. */
    (function sheetDrag() {
        var start = null;
        document.addEventListener("pointerdown", function (e) {
            if (!narrow() || !e.target.closest || !e.target.closest("#sheet-handle")) return;
            start = {y: e.clientY, moved: false};
        });
        document.addEventListener("pointermove", function (e) {
            if (!start) return;
            if (Math.abs(e.clientY - start.y) > 12) start.moved = true;
        });
        document.addEventListener("pointerup", function (e) {
            if (!start) return;
            var dy = e.clientY - start.y, moved = start.moved;
            start = null;
            if (!moved) return;
            var h = window.innerHeight, top = h - e.clientY;
            setSheet(top > 0.7 * h ? "full" : top > 0.3 * h ? "half" : "peek");
            if (dy) e.preventDefault();
        });
    })();

    /* ---- dialogs -------------------------------------------------------------------------------------- */
    function openDialog(id) {
        var dlg = byId(id);
        if (!dlg || dlg.open) return;
        if (id === IDS.download) { var panel = byId(IDS.exportPanel); if (panel) panel.open = true; }
        var copied = byId("share-copied");
        if (copied) copied.textContent = "";
        if (dlg.showModal) dlg.showModal(); else dlg.setAttribute("open", "");
    }
    function copyLink() {
        var link = byId(IDS.shareLink), text = link ? link.textContent : window.location.href;
        var done = function () {
            var out = byId("share-copied");
            if (out) out.textContent = (frame.i18n && frame.i18n.copied) || "Copied";
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(text || window.location.href).then(done, function () { selectText(link); });
        } else {
            selectText(link);
        }
    }
    function selectText(el) {
        if (!el) return;
        var range = document.createRange();
        range.selectNodeContents(el);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
    }

    /* ---- the date input: typed or picked, the map goes there ------------------------------------------- */
    document.addEventListener("change", function (e) {
        var t = e.target;
        if (!t || !t.id) return;
        if (t.id === IDS.dateInput || t.id === "compare-date2-input") {
            var day = dayOf(t.value);
            if (day === null) return;
            setProps(t.id === IDS.dateInput ? IDS.slider : "compare-date2", {value: day});
        }
    });

    /* ---- after each paint: the date input, the key rows in use, the Russian government's name ----------- */
    var keyTimer = null;
    function afterPaint(gd) {
        var req = window.skmap && window.skmap.lastRequest && window.skmap.lastRequest();
        if (!req) return;
        var input = byId(IDS.dateInput), iso = isoOf(req.day);
        if (input && document.activeElement !== input && input.value !== iso) input.value = iso;
        clearTimeout(keyTimer);
        keyTimer = setTimeout(function () { drawKey(); nameGovernment(req.day); }, 120);   // outside the measured frame
    }
    /* "Russia's / the USSR's view" names the government that spoke for it on the date shown (the Frame's
     * government of that view: app/pov_label.py through the paint table). */
    function nameGovernment(day) {
        var sk = window.skmap, gov = sk && sk.governmentOf && sk.governmentOf("russia", day);
        if (!gov) return;
        var label = document.querySelector("#" + IDS.pov + " [data-pov=russia]");
        if (!label) return;
        var long = label.querySelector(".seg-long"), short = label.querySelector(".seg-short");
        if (long && long.textContent !== gov.name) long.textContent = gov.name;
        if (short && short.textContent !== gov.short) short.textContent = gov.short;
    }
    function watchMap() {
        var gd = document.querySelector("#" + IDS.map + " .js-plotly-plot");
        if (!gd) { setTimeout(watchMap, 200); return; }
        if (gd._skFrame) return;
        gd._skFrame = true;
        new MutationObserver(function () { afterPaint(gd); })
            .observe(gd, {attributes: true, attributeFilter: ["data-painted"]});
        afterPaint(gd);
        // the first drawn map takes its box's view (a phone's tall box gets the phone preset)
        var tries = 0, fit = setInterval(function () {
            if (gd._fullLayout || ++tries > 100) {
                clearInterval(fit);
                if (window.skclass && window.skclass.fitMap) window.skclass.fitMap();
            }
        }, 100);
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchMap); else watchMap();

    /* The key: one row per paint in use on the map shown (same tiles and outlines as the map: skmap.swatch). */
    /* The Key rows of the map shown: its Frame's paints in use (with whose marker each is), its lines, and
     * the disagreement outline when it is marked. */
    function keyRows() {
        var sk = window.skmap, req = sk && sk.lastRequest && sk.lastRequest();
        if (!req || !req.table) return null;
        var table = req.table, fr = sk.resolve(req), rows = [];
        fr.key.forEach(function (entry) {
            rows.push({key: table.keys[entry.key], text: entry.text, note: entry.note});
        });
        sk.drawnLines(req).forEach(function (line) { rows.push({line: line.style, text: line.text, id: line.id}); });
        if (fr.diff && fr.diff.some(function (v) { return v; })) {
            rows.push({key: {fill: "#fff", stroke: "#000", width: 3}, text: table.i18n.disagree});
        }
        return rows;
    }
    function drawKey() {
        var rows = keyRows();
        if (!rows) return;
        var sig = rows.map(function (r) { return r.text + (r.note ? "/" + r.note : ""); }).join("|");
        [IDS.keyInUse, IDS.presentLegend].forEach(function (id) {
            var holder = byId(id);
            if (!holder || holder.getAttribute("data-sig") === sig) return;
            holder.setAttribute("data-sig", sig);
            var frag = document.createDocumentFragment();
            rows.forEach(function (r) {
                var row = document.createElement("div");
                row.className = "key-row";
                if (r.id) row.setAttribute("data-line", r.id);
                row.appendChild(r.line ? window.skmap.lineSwatch(r.line) : window.skmap.swatch(r.key));
                var span = document.createElement("span");
                span.textContent = r.text;
                if (r.note) {   // whose marker it is (a position the view only knew of)
                    var note = document.createElement("span");
                    note.className = "key-note";
                    note.textContent = r.note;
                    span.appendChild(document.createElement("br"));
                    span.appendChild(note);
                }
                row.appendChild(span);
                frag.appendChild(row);
            });
            holder.replaceChildren(frag);
        });
        var chip = byId(IDS.keyChip);
        if (chip) {
            var label = ((frame.i18n && frame.i18n.keyChip) || "Key · {n}").replace("{n}", rows.length);
            if (chip.textContent !== label) chip.textContent = label;
        }
    }

    /* ---- treaty mode: the headline, and ◀ ▶ / ← → walk documents ---------------------------------------- */
    function stepDoc(dir) {
        if (frame.mode !== "event" || !frame.docOrder.length) return false;
        var i = frame.docOrder.indexOf(frame.event);
        var next = i < 0 ? (dir > 0 ? 0 : frame.docOrder.length - 1)
                         : Math.max(0, Math.min(frame.docOrder.length - 1, i + dir));
        if (frame.docOrder[next] !== frame.event) setProps(IDS.eventPick, {value: frame.docOrder[next]});
        return true;
    }
    window.skframe.stepDoc = stepDoc;

    function currentEventId() {
        var sk = window.skmap, fr = sk && sk.frame && sk.frame();
        if (fr && fr.headline.event) return fr.headline.event;
        var marks = sk && sk.store.table ? sk.store.table.marks : [];
        return marks[0] ? marks[0].id : null;
    }

    /* ---- keyboard shortcuts (single keys, like Grapher's) ---------------------------------------------- */
    function clickInput(containerId, value) {
        var input = document.querySelector("#" + containerId + " input[value='" + value + "']");
        if (input && !input.checked) input.click();
    }
    function radioValues(containerId) {
        return Array.prototype.map.call(document.querySelectorAll("#" + containerId + " input"), function (i) {
            return i.value;
        });
    }
    function checkedValue(containerId) {
        var el = document.querySelector("#" + containerId + " input:checked");
        return el ? el.value : null;
    }
    window.addEventListener("keydown", function (e) {
        var t = e.target, tag = (t && t.tagName) || "";
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        if (tag === "INPUT" && t.type !== "radio" && t.type !== "checkbox") return;
        if (tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
        if (t && t.closest && t.closest(".dash-dropdown, [role=listbox], .dash-dropdown-content")) return;
        if (document.querySelector("dialog[open]")) return;
        var view = (window.skclass && window.skclass.state().view) || "map";
        var key = e.key;
        if (frame.mode === "event" && view !== "compare" && (key === "ArrowLeft" || key === "ArrowRight") &&
            !e.shiftKey && !(window.skclass && window.skclass.state().tour && view === "present")) {
            if (tag === "INPUT") return;   // a radio group's own arrows
            e.preventDefault();
            e.stopPropagation();
            stepDoc(key === "ArrowRight" ? 1 : -1);
            return;
        }
        if ((key === "PageUp" || key === "PageDown") && (view === "map" || view === "embed")) {
            var req = window.skmap && window.skmap.lastRequest && window.skmap.lastRequest();
            if (!req || frame.mode === "event") return;
            var d = new Date(MIN + req.day * DAY);
            d.setUTCFullYear(d.getUTCFullYear() + (key === "PageDown" ? 1 : -1));
            var day = Math.max(0, Math.min(18627, Math.round((d.getTime() - MIN) / DAY)));
            e.preventDefault();
            e.stopPropagation();
            setProps(IDS.slider, {value: day});
            return;
        }
        if (key.length !== 1 || tag === "INPUT" && (key === " ")) return;
        var povs = radioValues(IDS.pov);
        var handled = true;
        switch (key.toLowerCase()) {
        case "1": case "2": case "3": case "4":
            if (povs[+key - 1]) clickInput(IDS.pov, povs[+key - 1]);
            break;
        case "m":
            if (frame.mode === "event") { setProps(IDS.mode, {value: "date"}); break; }
            var ev = frame.event || currentEventId();
            if (ev) setProps(IDS.eventPick, {value: ev});
            setProps(IDS.mode, {value: "event"});
            break;
        case "w": var box = document.querySelector("#" + IDS.diff + " input"); if (box) box.click(); break;
        case "n":
            var names = radioValues(IDS.names), cur = names.indexOf(checkedValue(IDS.names));
            if (names.length) clickInput(IDS.names, names[(cur + 1) % names.length]);
            break;
        case "y": selectTab("why"); openDetails(); break;
        case "k": selectTab("key"); openDetails(); break;
        case "t": selectTab("table"); openDetails(); break;
        case "s": selectTab("sources"); openDetails(); break;
        case "p": selectTab("place"); openDetails(); break;
        case "f": setProps(IDS.view, {data: "present"}); break;
        case "c": setProps(IDS.view, {data: view === "compare" ? "map" : "compare"}); break;
        case "d": openDialog(IDS.download); break;
        case "?": openDialog(IDS.keys); break;
        default: handled = false;
        }
        if (handled) { e.preventDefault(); e.stopPropagation(); }
    }, true);

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        skframe: {
            /* Treaty mode: the document's title and dates take the date's place in the header. */
            docHeadline: function (mode, eventId, ready, docs) {
                if (docs && !frame.docs) {
                    frame.docs = docs;
                    frame.docOrder = Object.keys(docs).filter(function (k) { return k !== "i18n" && k !== "gov"; });
                    frame.i18n = docs.i18n || null;
                }
                frame.mode = mode === "event" ? "event" : "date";
                frame.event = eventId || null;
                document.body.setAttribute("data-mode", frame.mode);
                var doc = frame.docs && eventId && frame.docs[eventId];
                if (frame.mode !== "event" || !doc) {
                    return frame.mode === "event" && frame.i18n ? frame.i18n.noDoc : "";
                }
                return [
                    {type: "Span", namespace: "dash_html_components", props: {children: doc.title, className: "doc-title"}},
                    {type: "Span", namespace: "dash_html_components",
                     props: {children: doc.kind + (doc.dates ? " \u00b7 " + doc.dates : ""), className: "doc-dates"}}
                ];
            },
            /* A territory chosen (map click, button, URL): its story opens in the details panel, in view. */
            showPlace: function (unit) {
                var tab = byId("tab-place");
                if (tab) tab.classList.toggle("has-unit", !!unit);   // the story first, the buttons after it
                if (unit) { selectTab("place"); openDetails(); }
                var buttons = document.querySelectorAll(".unit-btn");
                for (var i = 0; i < buttons.length; i++) {
                    var id = buttons[i].id || "";
                    buttons[i].setAttribute("aria-pressed", unit && id.indexOf('"' + unit + '"') >= 0 ? "true" : "false");
                }
                return nu();
            }
        }
    });
})();
