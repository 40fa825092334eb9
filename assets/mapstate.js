/* The map state in the browser, the mirror of app/mapstate.py.
 *
 * The index page carries the state its address asks for, parsed by the server (app/page/boot.py: a JSON data block
 * with the state, the controls' values for it and the parser's notices). `boot` moves the controls there; from then
 * on this module keeps the current state as the page changes it, each field from one writer:
 *   date, mode, pov, diff, event, names   the painter (assets/map_paint.js: the map as shown, keyboard steps at once)
 *   view, tour, step, date2, pov2, event2 `track` (the classroom stores and compare's side B)
 *   unit                                  assets/frame.js showPlace;  tab  assets/frame.js selectTab
 *   lang                                  the page's (a language change loads the page in it)
 * and writes the address bar from it (history.replaceState, WRITE_MS after a change), the Share link, the embed
 * links and the Download requests: none of them waits for the server. `serialise` is the one serialiser, the mirror
 * of mapstate.serialise (tests/browser/test_state.py compares them on 200+ states). */
(function () {
    "use strict";
    var K = window.skconst, ID = K.ids;
    var WRITE_MS = 300;
    var DAY = 86400000, EPOCH = Date.parse(K.EPOCH + "T00:00:00Z");
    var state = Object.assign({}, K.DEFAULTS);
    var booted = false, writeTimer = null, bootTab = null;

    var boot = (function () {
        var el = document.getElementById(ID.BOOT);
        try { return el ? JSON.parse(el.textContent) : null; } catch (err) { return null; }
    })();
    if (boot && boot.state) state = Object.assign({}, K.DEFAULTS, boot.state, {play: false});   // play: one-shot
    if (state.unit) bootTab = {unit: state.unit, tab: state.tab || "place"};   // its territory's story opens there

    function isoOf(day) { return new Date(EPOCH + day * DAY).toISOString().slice(0, 10); }

    /* urllib.parse.quote_plus: what Python's urlencode writes for a value. */
    function quotePlus(text) {
        return encodeURIComponent(String(text)).replace(/[!'()*]/g, function (c) {
            return "%" + c.charCodeAt(0).toString(16).toUpperCase();
        }).replace(/%20/g, "+");
    }
    function defaultTab(s) { return s.unit ? "place" : "why"; }
    /* The search string of a state, as app/mapstate.py serialise writes it. */
    function serialise(s) {
        var p = [["date", s.date]];
        if (s.mode !== "date") p.push(["mode", s.mode]);
        if (s.pov !== "de_facto") p.push(["pov", s.pov]);
        if (s.diff) p.push(["diff", "1"]);
        if (s.event) p.push(["event", s.event]);
        if (s.unit) p.push(["unit", s.unit]);
        if (s.tab && s.tab !== defaultTab(s)) p.push(["tab", s.tab]);
        if (s.names !== "local") p.push(["names", s.names]);
        if (s.lang !== K.DEFAULTS.lang) p.push(["lang", s.lang]);
        if (s.view !== "map") p.push(["view", s.view]);
        if (s.tour) { p.push(["tour", s.tour]); p.push(["step", String(s.step)]); }
        if (s.date2 !== K.DEFAULTS.date2 || s.view === "compare") p.push(["date2", s.date2]);
        if (s.pov2 !== "de_facto") p.push(["pov2", s.pov2]);
        if (s.event2) p.push(["event2", s.event2]);
        if (s.play) p.push(["play", "1"]);
        return "?" + p.map(function (kv) { return quotePlus(kv[0]) + "=" + quotePlus(kv[1]); }).join("&");
    }

    /* The state's fields from control values (any subset), as app/mapstate.py from_controls reads them. */
    function fromControls(values) {
        var out = {};
        Object.keys(values).forEach(function (name) {
            var v = values[name];
            if (name === "date" || name === "date2") {
                var ok = typeof v === "number" && isFinite(v) && v >= 0 && v <= K.MAX_DAY;
                out[name] = ok ? isoOf(Math.floor(v)) : K.DEFAULTS[name];
            } else if (name === "pov" || name === "pov2") {
                out[name] = K.POVS.indexOf(v) >= 0 ? v : "de_facto";
            } else if (name === "diff") {
                out[name] = Array.isArray(v) ? v.length > 0 : v === true;
            } else if (name === "event" || name === "unit" || name === "event2" || name === "tour") {
                out[name] = typeof v === "string" && v ? v : null;
            } else if (name === "tab") {
                out[name] = K.TABS.indexOf(v) >= 0 ? v : null;
            } else if (name === "step") {
                out[name] = typeof v === "number" && Math.floor(v) === v && v >= 1 ? v : 1;
            } else {
                var allowed = {mode: K.MODES, names: K.NAMES, lang: K.LANGS, view: K.VIEWS}[name];
                if (allowed) out[name] = allowed.indexOf(v) >= 0 ? v : K.DEFAULTS[name];
            }
        });
        if (out.mode === "event" && !out.event) out.mode = "date";   // treaty mode needs its document
        return out;
    }

    /* serialise, plus lang=en where the browser asks for another language: an address without lang= opens in
     * the browser's language (app/i18n.py), so a reader's choice of English must be written. */
    function query(s) {
        var q = serialise(s);
        return s.lang === K.DEFAULTS.lang && boot && boot.browserLang && boot.browserLang !== s.lang
            ? q + "&lang=" + s.lang : q;
    }
    function address() { return window.location.pathname + query(state) + window.location.hash; }
    function writeAddress() {
        writeTimer = null;
        var search = serialise(state);
        if (window.location.search !== search) {
            window.history.replaceState(window.history.state, "", address());
        }
        if (window.skclass && window.skclass.embedLinks) window.skclass.embedLinks(state, serialise);
    }
    function scheduleWrite() {
        if (!writeTimer) writeTimer = setTimeout(writeAddress, WRITE_MS);
    }
    /* Fields the page changed; nothing is taken before the boot state is on the controls. */
    function set(fields) {
        if (!booted) return false;
        var changed = false;
        Object.keys(fields).forEach(function (k) {
            if (k in K.DEFAULTS && state[k] !== fields[k]) { state[k] = fields[k]; changed = true; }
        });
        if (state.mode === "event" && !state.event) { state.mode = "date"; changed = true; }
        if (changed) scheduleWrite();
        return changed;
    }
    /* The link to the map as shown (Share, the QR code). */
    function link(s) { return window.location.origin + window.location.pathname + query(s || state); }

    function notices(list) {
        return (list || []).map(function (text) {
            return {type: "Span", namespace: "dash_html_components", props: {children: text}};
        });
    }

    window.skstate = {
        current: function () { return Object.assign({}, state); },
        set: set, serialise: serialise, query: query, fromControls: fromControls, link: link,
        booted: function () { return booted; },
        /* The address's tab, once, when its territory's story opens (assets/frame.js showPlace). */
        bootTab: function (unit) {
            var found = bootTab && bootTab.unit === unit ? bootTab.tab : null;
            bootTab = null;
            return found;
        },
        /* A notice under the header in the page's words (the date box's, the reduced-motion one). */
        notice: function (text) { window.dash_clientside.set_props(ID.NOTICE, {children: text ? notices([text]) : null}); }
    };

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        skstate: {
            /* Runs once, at load: the controls take the boot state's values, the details panel its tab; returns the
             * parser's notices. */
            boot: function () {
                var nu = window.dash_clientside.no_update;
                if (booted) return nu;
                (boot && boot.controls || []).forEach(function (c) {
                    var props = {};
                    props[c[1]] = c[2];
                    window.dash_clientside.set_props(c[0], props);
                });
                if (boot && boot.state && boot.state.play) window.dash_clientside.set_props(ID.AUTOPLAY, {data: true});
                booted = true;
                if (window.skframe && !state.unit && state.tab) {   // with a territory: assets/frame.js showPlace
                    window.skframe.selectTab(state.tab);
                    window.skframe.openDetails();
                }
                scheduleWrite();   // the address as the state reads it (defaults dropped, aliases replaced)
                var list = notices(boot && boot.notices);
                return list.length ? list : nu;
            },
            /* The classroom's stores and compare's side B: view, tour, step, date2, pov2, event2. */
            track: function (view, tour, step, day2, pov2, event2) {
                set(fromControls({view: view, tour: tour, step: step, date2: day2, pov2: pov2, event2: event2}));
                return window.dash_clientside.no_update;
            }
        }
    });
})();
