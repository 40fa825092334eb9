/* The frame around the map (app/page/): details tabs, drawer and bottom sheet, the ☰ menu, dialogs, the date
 * input, the key rows in use, the treaty-mode headline; the actions the keyboard controller (assets/keys.js) calls.
 * All in the browser: none of it adds a Dash component that a store update visits (scripts/bench_slider.py).
 * State the frame shows lives in <body data-*> (Dash owns the page's className):
 *   data-mode=date|event   data-details=open (drawer, M)   data-menu=open (☰, S)
 * No inline scripts or handlers (CSP): listeners are added here. */
(function () {
    "use strict";
    var K = window.skconst, ID = K.ids;   // assets/constants.js
    var frame = {mode: "date", event: null, docs: null, docOrder: []};   // the page's frame state (not a Frame)
    var MIN = Date.parse(K.EPOCH + "T00:00:00Z"), DAY = 86400000;

    function byId(id) { return document.getElementById(id); }
    function nu() { return window.dash_clientside.no_update; }
    function setProps(id, props) { window.dash_clientside.set_props(id, props); }
    function isoOf(day) { return new Date(MIN + day * DAY).toISOString().slice(0, 10); }
    /* A typed day as the slider's value: any day of MIN … MAX_DAY; a malformed one is null, one outside -1. */
    function dayOf(iso) {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
        if (!m) return null;
        var time = Date.UTC(+m[1], +m[2] - 1, +m[3]);
        if (isoOf(Math.round((time - MIN) / DAY)) !== iso) return null;   // 1956-02-30 is no day
        var day = Math.round((time - MIN) / DAY);
        return day >= 0 && day <= K.MAX_DAY ? day : -1;
    }
    function narrow() { return window.matchMedia("(max-width: " + K.PHONE_MAX_PX + "px)").matches; }
    function drawer() {
        return window.matchMedia("(min-width: " + (K.PHONE_MAX_PX + 1) + "px) and (max-width: " + K.DRAWER_MAX_PX +
                                 "px)").matches;
    }

    /* The slider's tooltip shows the date, never the day number (dcc.Slider tooltip.transform). */
    window.dccFunctions = window.dccFunctions || {};
    window.dccFunctions.skDate = function (day) {
        return window.skmap && window.skmap.formatDay ? window.skmap.formatDay(day) : isoOf(day);
    };

    /* ---- details: tabs, drawer, sheet ------------------------------------------------------------------- */
    function details() { return byId(ID.DETAILS); }
    function setSheet(state, height) {
        var d = details();
        if (!d) return;
        // the peek's row keeps its height while the sheet floats over the map, so the map never resizes nor moves
        if (d.getAttribute("data-sheet") === "peek" && d.offsetHeight) {
            document.documentElement.style.setProperty("--peek-h", d.offsetHeight + "px");
        }
        d.setAttribute("data-sheet", state);
        if (height) d.style.setProperty("--sheet-half", height + "px"); else d.style.removeProperty("--sheet-half");
        var handle = byId(ID.SHEET_HANDLE);
        if (handle) handle.setAttribute("aria-expanded", state === "peek" ? "false" : "true");
    }
    /* The place just tapped on the map (a phone's sheet opens below it, never over it). */
    var lastTap = null;
    document.addEventListener("pointerup", function (e) {
        if (e.target && e.target.closest && e.target.closest("#" + ID.MAP)) lastTap = {y: e.clientY, t: Date.now()};
    }, true);
    /* The half sheet's height that leaves the tapped place in view: at most half the screen, at least a third. */
    function sheetBelowTap() {
        var tap = lastTap && Date.now() - lastTap.t < 4000 ? lastTap : null, h = window.innerHeight;
        lastTap = null;
        if (!tap) return null;
        return Math.round(Math.max(Math.min(h - tap.y - 40, h * 0.5), h / 3));
    }
    function openDetails(height) {
        if (narrow()) {
            var d = details();
            if (d && (d.getAttribute("data-sheet") === "peek" || height)) setSheet("half", height);
        } else if (drawer()) {
            document.body.setAttribute("data-details", "open");
            var toggle = byId(ID.DETAILS_TOGGLE);
            if (toggle) toggle.setAttribute("aria-expanded", "true");
        }
    }
    /* Puts the sheet down and the drawer away; true if one was open (Esc closes it: assets/keys.js). */
    function closeDetails() {
        var d = details(), open = document.body.getAttribute("data-details") === "open" ||
            (narrow() && !!d && d.getAttribute("data-sheet") !== "peek");
        setSheet("peek");
        document.body.removeAttribute("data-details");
        var toggle = byId(ID.DETAILS_TOGGLE);
        if (toggle) toggle.setAttribute("aria-expanded", "false");
        return open;
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
        if (window.skstate) window.skstate.set({tab: tab});
    }

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
        if (el.closest("#" + ID.SHEET_HANDLE)) {
            var state = details().getAttribute("data-sheet");
            setSheet(state === "peek" ? "half" : state === "half" ? "full" : "peek");
            return;
        }
        if (el.closest("#" + ID.DETAILS_CLOSE)) { closeDetails(); return; }
        if (el.closest("#" + ID.DETAILS_TOGGLE)) {
            if (document.body.getAttribute("data-details") === "open") closeDetails(); else openDetails();
            return;
        }
        if (el.closest("#" + ID.KEY_CHIP)) { selectTab("key"); openDetails(); return; }
        if (el.closest("#" + ID.MENU_BUTTON)) {
            var open = document.body.getAttribute("data-menu") === "open";
            if (open) document.body.removeAttribute("data-menu"); else document.body.setAttribute("data-menu", "open");
            el.closest("#" + ID.MENU_BUTTON).setAttribute("aria-expanded", open ? "false" : "true");
            return;
        }
        if (el.closest(".nav-btn")) {
            document.body.removeAttribute("data-menu");
            var mb = byId(ID.MENU_BUTTON);
            if (mb) mb.setAttribute("aria-expanded", "false");
        }
        if (el.closest("#" + ID.SHARE_OPEN)) { openDialog(ID.SHARE_DIALOG); return; }
        if (el.closest("#" + ID.DOWNLOAD_OPEN)) { openDialog(ID.DOWNLOAD_DIALOG); return; }
        if (el.closest("#" + ID.KEYS_OPEN)) { openDialog(ID.KEYS_DIALOG); return; }
        if (el.closest("[data-close]")) { var dlg = el.closest("dialog"); if (dlg) dlg.close(); return; }
        if (el.closest("#" + ID.SHARE_COPY)) { copyLink(); return; }
        // a click outside an open settings / language menu closes it
        var menus = document.querySelectorAll("details.menu[open]");
        for (var i = 0; i < menus.length; i++) if (!menus[i].contains(el)) menus[i].open = false;
    });

    /* Tabs: arrow keys move between them (WAI-ARIA tabs pattern; called by assets/keys.js). */
    function tabKey(tab, key) {
        var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll(".tab"));
        var i = tabs.indexOf(tab);
        if (key === "ArrowRight") i = (i + 1) % tabs.length;
        else if (key === "ArrowLeft") i = (i - 1 + tabs.length) % tabs.length;
        else if (key === "Home") i = 0;
        else i = tabs.length - 1;
        selectTab(tabs[i].getAttribute("data-tab"), true);
    }

    /* The sheet follows a drag on its head (phones): released, it snaps to peek, half or full. */
    (function sheetDrag() {
        var start = null;
        document.addEventListener("pointerdown", function (e) {
            if (!narrow() || !e.target.closest || !e.target.closest("#" + ID.SHEET_HANDLE)) return;
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

    /* An opened picker puts the cursor in its search box (Radix first focuses the chosen option), so typing searches
     * and never fires a shortcut, until the reader moves in the list (arrows, Tab, a pointer). An opening is focus
     * coming into the list from outside it: a list may be kept between openings (reopened after a choice, the
     * cursor stayed on the chosen option), and Radix may focus the option late, after the search box. */
    var movedIn = new WeakMap();
    function listOf(t) { return t && t.closest && t.closest(".dash-dropdown-content"); }
    ["keydown", "pointerdown"].forEach(function (type) {
        document.addEventListener(type, function (e) {
            var list = listOf(e.target);
            if (list && (type === "pointerdown" || /^(Arrow|Tab|Home|End|Page)/.test(e.key))) movedIn.set(list, true);
        }, true);
    });
    document.addEventListener("focusin", function (e) {
        var list = listOf(e.target);
        if (!list) return;
        if (!e.relatedTarget || !list.contains(e.relatedTarget)) movedIn.set(list, false);   // an opening
        if (movedIn.get(list)) return;
        var search = list.querySelector("input.dash-dropdown-search");
        if (search && e.target !== search) requestAnimationFrame(function () { search.focus(); });
    });

    /* A new place's story starts at its top, whatever the last one was scrolled to: the story arrives from the
     * server after the tab is shown, so the panel is scrolled again when it lands. */
    var storyToTop = false;
    function storyTop() {
        var panel = byId("tab-place");
        if (panel) panel.scrollTop = 0;
    }
    (function watchStory() {
        var body = byId(ID.PANEL_BODY);
        if (!body || !window.MutationObserver) { setTimeout(watchStory, 500); return; }
        new MutationObserver(function () {
            if (storyToTop) { storyTop(); storyToTop = false; }
        }).observe(body, {childList: true, subtree: true});
    })();

    /* ---- dialogs -------------------------------------------------------------------------------------- */
    function openDialog(id) {
        var dlg = byId(id);
        if (!dlg || dlg.open) return;
        if (id === ID.DOWNLOAD_DIALOG) { var panel = byId(ID.EXPORT_PANEL); if (panel) panel.open = true; }
        if (id === ID.SHARE_DIALOG) share();
        var copied = byId(ID.SHARE_COPIED);
        if (copied) copied.textContent = "";
        if (dlg.showModal) dlg.showModal(); else dlg.setAttribute("open", "");
    }
    /* Share offers the map as shown: the link of the state the browser holds, and its QR code (drawn by the server
     * from that link, app/page/share.py; the link never waits for it). */
    function share() {
        var link = window.skstate ? window.skstate.link() : window.location.href;
        setProps(ID.SHARE_LINK, {children: link});
        setProps(ID.SHARE_QR, {src: "/share/qr.svg?link=" + encodeURIComponent(link)});
    }
    function copyLink() {
        var link = byId(ID.SHARE_LINK), text = link ? link.textContent : window.location.href;
        var done = function () {
            var out = byId(ID.SHARE_COPIED);
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

    /* ---- the date input: typed or picked, the map goes there; a day outside the map's range is said so ----- */
    document.addEventListener("change", function (e) {
        var t = e.target;
        if (!t || !t.id) return;
        if (t.id === ID.DATE_INPUT || t.id === ID.CMP_DATE2_INPUT) {
            var day = dayOf(t.value), main = t.id === ID.DATE_INPUT;
            if (day === null) return;
            if (day < 0) {
                var req = window.skmap && window.skmap.lastRequest && window.skmap.lastRequest();
                var shown = main ? (req ? isoOf(req.day) : "") : (window.skstate ? window.skstate.current().date2 : "");
                var words = (frame.i18n && frame.i18n.outside) || "{value} is outside {first} \u2026 {last}; " +
                            "the map stays on {shown}.";
                if (window.skstate) {
                    window.skstate.notice(words.replace("{value}", t.value).replace("{first}", K.EPOCH)
                                               .replace("{last}", K.LAST_DAY).replace("{shown}", shown));
                }
                return;
            }
            if (window.skstate) window.skstate.notice(null);
            setProps(main ? ID.SLIDER : ID.CMP_DATE2, {value: day});
        }
    });

    /* ---- after each paint: the date input, the key rows in use, the Russian government's name ----------- */
    var keyTimer = null;
    function afterPaint(gd) {
        var req = window.skmap && window.skmap.lastRequest && window.skmap.lastRequest();
        if (!req) return;
        var input = byId(ID.DATE_INPUT), iso = isoOf(req.day);
        if (input && document.activeElement !== input && input.value !== iso) input.value = iso;
        clearTimeout(keyTimer);
        keyTimer = setTimeout(function () {   // outside the measured frame
            drawKey();
            nameGovernment(req.day);
            gd.setAttribute("data-keyed", req.stamp);   // the key and the government's name follow this paint
        }, 120);
    }
    /* "Russia's / the USSR's view" names the government that spoke for it on the date shown (the Frame's
     * government of that view: app/pov_label.py through the paint table). */
    function nameGovernment(day) {
        var sk = window.skmap, gov = sk && sk.governmentOf && sk.governmentOf("russia", day);
        if (!gov) return;
        var label = document.querySelector("#" + ID.POV + " [data-pov=russia]");
        if (!label) return;
        var long = label.querySelector(".seg-long"), short = label.querySelector(".seg-short");
        if (long && long.textContent !== gov.name) long.textContent = gov.name;
        if (short && short.textContent !== gov.short) short.textContent = gov.short;
        fitPovNames();
    }
    /* The points of view by their short names when the long ones would be cut beside the date (its width
     * changes with the day, the language and the government's name). */
    function povNamesCut(seg) {
        return seg.scrollWidth > seg.clientWidth + 1 || Array.prototype.some.call(
            seg.querySelectorAll("label"), function (l) { return l.scrollWidth > l.clientWidth + 1; });
    }
    function fitPovNames() {
        var head = byId(ID.MAP_HEADER), seg = byId(ID.POV);
        if (!head || !seg) return;
        // long names only need a second layout to try them when they are not shown now
        if (!head.classList.contains("pov-short")) {
            if (povNamesCut(seg)) { head.classList.add("pov-short"); seg._skShortRoom = seg.clientWidth; }
            return;
        }
        if (seg.clientWidth <= (seg._skShortRoom || 0)) return;   // no more room than when they were cut
        head.classList.remove("pov-short");
        if (povNamesCut(seg)) { head.classList.add("pov-short"); seg._skShortRoom = seg.clientWidth; }
    }
    // Measured when a size has changed, after the frame's own layout (a resize observer), never forced mid-step.
    function watchHeader() {
        var head = byId(ID.MAP_HEADER), seg = byId(ID.POV), date = byId(ID.DATE_BIG);
        if (!head || !seg) { setTimeout(watchHeader, 200); return; }
        if (window.ResizeObserver) {
            var sizes = new ResizeObserver(fitPovNames);
            [head, seg, date].concat(Array.prototype.slice.call(seg.querySelectorAll("label")))
                .forEach(function (el) { if (el) sizes.observe(el); });
        }
        fitPovNames();
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchHeader); else watchHeader();
    function watchMap() {
        var gd = document.querySelector("#" + ID.MAP + " .js-plotly-plot");
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
    /* The Key rows of a map request (the main map's last one by default): its Frame's rows, its lines, the
     * disagreement mark. */
    function keyRows(req) {
        var sk = window.skmap;
        req = req || (sk && sk.lastRequest && sk.lastRequest());
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
    /* Draws `rows` into `holder` (the Key tab, Present's key, each compare map's key), unless it shows them. */
    function fillKey(holder, rows) {
        var sig = rows.map(function (r) { return r.text + (r.note ? "/" + r.note : ""); }).join("|");
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
    }
    function drawKey() {
        var rows = keyRows();
        if (!rows) return;
        [ID.KEY_IN_USE, ID.PRESENT_LEGEND].forEach(function (id) { fillKey(byId(id), rows); });
        var chip = byId(ID.KEY_CHIP);
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
        if (frame.docOrder[next] !== frame.event) setProps(ID.EVENT_PICK, {value: frame.docOrder[next]});
        return true;
    }

    function currentEventId() {
        var sk = window.skmap, fr = sk && sk.frame && sk.frame();
        if (fr && fr.headline.event) return fr.headline.event;
        var marks = sk && sk.store.table ? sk.store.table.marks : [];
        return marks[0] ? marks[0].id : null;
    }

    /* ---- single-key shortcuts (like Grapher's), called by the keyboard controller (assets/keys.js) -------- */
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
    /* Runs the shortcut of a single key in a view; false when the key has none. */
    function shortcut(key, view) {
        var povs = radioValues(ID.POV);
        switch (key.toLowerCase()) {
        case "1": case "2": case "3": case "4":
            if (povs[+key - 1]) clickInput(ID.POV, povs[+key - 1]);
            return true;
        case "m":
            if (frame.mode === "event") { setProps(ID.MODE, {value: "date"}); return true; }
            var ev = frame.event || currentEventId();
            if (ev) setProps(ID.EVENT_PICK, {value: ev});
            setProps(ID.MODE, {value: "event"});
            return true;
        case "w": var box = document.querySelector("#" + ID.DIFF + " input"); if (box) box.click(); return true;
        case "n":
            var names = radioValues(ID.NAMES), cur = names.indexOf(checkedValue(ID.NAMES));
            if (names.length) clickInput(ID.NAMES, names[(cur + 1) % names.length]);
            return true;
        case "y": selectTab("why"); openDetails(); return true;
        case "k": selectTab("key"); openDetails(); return true;
        case "t": selectTab("table"); openDetails(); return true;
        case "s": selectTab("sources"); openDetails(); return true;
        case "p": selectTab("place"); openDetails(); return true;
        case "f": setProps(ID.VIEW, {data: "present"}); return true;
        case "c": setProps(ID.VIEW, {data: view === "compare" ? "map" : "compare"}); return true;
        case "d": openDialog(ID.DOWNLOAD_DIALOG); return true;
        case "?": openDialog(ID.KEYS_DIALOG); return true;
        default: return false;
        }
    }
    window.skframe = {selectTab: selectTab, openDetails: openDetails, closeDetails: closeDetails, tabKey: tabKey,
                      openDialog: openDialog, stepDoc: stepDoc, shortcut: shortcut,
                      keyFor: function (holder, req) { var rows = keyRows(req); if (rows) fillKey(holder, rows); },
                      state: function () { return frame; }};

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
                var tab = byId("tab-place");   // the Place tab's panel (app/page/details.py: "tab-" + its tab)
                if (tab) tab.classList.toggle("has-unit", !!unit);   // the story first, the buttons after it
                if (window.skstate) window.skstate.set({unit: unit || null});
                if (unit) {   // its story, in view and read from its start; the address's own territory on its tab
                    selectTab((window.skstate && window.skstate.bootTab(unit)) || "place");
                    openDetails(narrow() ? sheetBelowTap() : null);
                    storyToTop = true;
                }
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
