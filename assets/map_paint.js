/* Clientside painter of the map page.
 *
 * A date change never rebuilds the figure: the paint table (dcc.Store "paint-store", shipped once) holds,
 * per point of view and per drawn location, the day indices where its paint changes and the paint-key index
 * from each of them. paint() looks the keys up (binary search) and sets fill / stroke of the choropleth paths
 * that Plotly already drew, then writes the same z / hovertext into gd.data, gd._fullData and gd.calcdata so
 * hover and any later Plotly redraw (zoom, resize, relayout) stay right. Patterns (dots, stripes, hatching)
 * are <pattern> tiles injected once into Plotly's <defs>; after every Plotly redraw (plotly_afterplot) the
 * last paint is re-applied. Relies on plotly.js 4.1.1 internals (path.choroplethlocation, path.__data__ =
 * calcdata item, gd.calcdata): the version is pinned and tests/browser/test_map*.py check every colour.
 */
(function () {
    "use strict";
    var K = window.skconst, ID = K.ids;   // assets/constants.js, written from app/ids.py and app/mapstate.py
    var SETTLE_MS = 350;
    var settleTimer = null, settledDay = null;
    var DAY = 86400000;
    var MIN = Date.parse(K.EPOCH + "T00:00:00Z");
    var last = null;          // last paint request, re-applied after Plotly redraws
    var store = {table: null, events: null};
    var hooked = null;        // the graph div whose plotly_afterplot we listen to

    /* Interface strings of the page's language (paint table "i18n", app/cartography/paint_table.py js_strings). */
    var EN = {lang: "en", htmlLang: "en", disagree: "The points of view disagree here",
              before: "Before the first event", showing: "Showing what it provides: {title}",
              play: "\u25B6 Play", pause: "\u23F8 Pause"};
    function tr(key) {
        var t = store.table && store.table.i18n;
        return (t && t[key]) || EN[key];
    }
    /* The big date, as Babel writes it in the page's language (app.i18n.date_pattern_for: the long date pattern as
     * parts, a literal or [field, width], and the month names), the same words as the figures and the panels. */
    function formatDay(day, table) {
        table = table || store.table;
        var spec = table && table.i18n && table.i18n.date;
        var d = new Date(MIN + day * DAY);
        if (!spec) return dayToIso(day);
        var y = d.getUTCFullYear(), m = d.getUTCMonth(), dd = d.getUTCDate();
        return spec.parts.map(function (p) {
            if (typeof p === "string") return p;
            if (p[0] === "d") return p[1] > 1 && dd < 10 ? "0" + dd : String(dd);
            if (p[0] === "M" || p[0] === "L") {
                return p[1] >= 3 ? spec.months[m] : (p[1] > 1 && m < 9 ? "0" : "") + (m + 1);
            }
            if (p[0] === "y") return p[1] === 2 ? String(y).slice(-2) : String(y);
            return "";
        }).join("");
    }
    function graphDiv() {
        return document.querySelector("#" + ID.MAP + " .js-plotly-plot");
    }
    function dayToIso(day) {
        return new Date(MIN + day * DAY).toISOString().slice(0, 10);
    }
    function isoToDay(iso) {
        var p = iso.split("-");
        return Math.round((Date.UTC(+p[0], +p[1] - 1, +p[2]) - MIN) / DAY);
    }
    function lookup(seg, day) {          // seg = [starts[], values[]]; value in force on `day`
        var s = seg[0], lo = 0, hi = s.length - 1, ans = 0;
        while (lo <= hi) {
            var mid = (lo + hi) >> 1;
            if (s[mid] <= day) { ans = mid; lo = mid + 1; } else { hi = mid - 1; }
        }
        return seg[1][ans];
    }
    /* Pattern ids are unique per graph: a url(#id) resolves to the first element with that id in the
     * document, so graphs sharing ids (main map, compare A and B) drew each other's tiles, or nothing when
     * the first one sat in a hidden graph. */
    function patternPrefix(gd) {
        var box = gd.parentElement && gd.parentElement.closest("[id]");
        return "skpat-" + (box ? box.id : "graph").replace(/[^A-Za-z0-9_-]/g, "_") + "-";
    }
    function ensurePatterns(gd, table) {
        var svg = gd.querySelector("svg.main-svg");
        if (!svg) return;
        var defs = svg.querySelector("defs");
        if (!defs) return;
        var prefix = patternPrefix(gd);
        gd._skPatPrefix = prefix;
        if (defs.querySelector("#" + prefix + "ready")) return;
        var ns = "http://www.w3.org/2000/svg";
        var html = '<g id="' + prefix + 'ready"></g>';
        table.keys.forEach(function (k, i) {
            if (k.pattern) {
                html += '<pattern id="' + prefix + i + '" width="12" height="12" patternUnits="userSpaceOnUse" ' +
                        'patternTransform="rotate(45)">' + k.pattern + '</pattern>';
            }
        });
        var tmp = document.createElementNS(ns, "svg");
        tmp.innerHTML = html;
        while (tmp.firstChild) defs.appendChild(tmp.firstChild);
    }
    function paintTrace(gd) {
        for (var t = 0; t < gd.calcdata.length; t++) {
            var cd = gd.calcdata[t];
            if (cd && cd[0] && cd[0].trace && cd[0].trace.uid === "paint") return t;
        }
        return -1;
    }
    /* ---- what the map shows for a state: the mirror of app/cartography/resolve.py ----------------------
     * resolve(req) returns the Frame of app/cartography/resolve.py as JSON data, field for field (the browser
     * test test_resol001 compares both on 200+ states); the painter, the Key (assets/frame.js), the headline and
     * the one-file lesson read it and decide nothing again. */
    var POV_ALIASES = {soviet: "russia"}, EMPTY_KEYS = {"S|": 1, "T|none|none||||": 1};
    function lastAt(list, day, at) {       // the last item whose day (at(item)) is <= day, or null
        var lo = 0, hi = list.length - 1, ans = -1;
        while (lo <= hi) {
            var mid = (lo + hi) >> 1;
            if (at(list[mid]) <= day) { ans = mid; lo = mid + 1; } else { hi = mid - 1; }
        }
        return ans < 0 ? null : list[ans];
    }
    function labelText(lab, day, names, lang) {
        var idx = 0, st = lab.starts;
        for (var q = 0; q < st.length; q++) if (st[q] <= day) idx = q;
        if (names === "both") {
            var ja = lab.ja[idx], ru = lab.ru[idx];
            return ja === ru ? ja : ja + " / " + ru;
        }
        var code = names === "local" ? lang : names;
        return (lab[code] || lab.en)[idx];
    }
    function frameHeadline(table, titles, day) {
        var mark = lastAt(table.marks, day, function (m) { return m.day; }) || table.prelude || null, words = table.i18n;
        if (!mark) return {event: null, what: "none", status: "none", day: null, title: "", text: words.before};
        var status = mark.status;
        if (status === "in_force" && mark.end !== undefined && mark.end !== null && day >= mark.end) status = "dated";
        var title = (titles && titles[mark.id]) || mark.id;
        return {event: mark.id, what: mark.what, status: status, day: mark.day, title: title,
                text: words[mark.what].replace("{title}", title).replace("{date}", formatDay(mark.day, table))};
    }
    function governmentOf(table, pov, day) {
        var rows = table.govs[pov] || table.govs.de_facto, row = lastAt(rows, day, function (r) { return r[0]; }) || rows[0];
        return {name: row[1], short: row[2]};
    }
    function keyRowsOf(table, keys, notes) {
        var seen = {}, out = [], texts = table.notes.texts;
        for (var i = 0; i < keys.length; i++) {
            var k = keys[i], n = notes ? notes[i] : 0, entry = table.keys[k], id = k + ":" + n;
            if (seen[id] || !entry.text || EMPTY_KEYS[entry.key]) continue;
            seen[id] = true;
            out.push({key: k, text: entry.text, note: texts[n]});
        }
        return out;
    }
    function resolveFrame(req) {
        var table = req.table, evs = req.evs || {}, n = table.locations.length, keys = new Array(n), i;
        var day = Math.max(0, Math.min(table.max_day, req.day));
        var pov = POV_ALIASES[req.pov] || req.pov;
        if (!table.pov[pov]) pov = "de_facto";
        var names = req.names === undefined ? "local" : req.names, lang = req.lang || table.i18n.lang;
        var diff = null, notes = null, lines = [], headline, mode;
        var eventKeys = evs.keys || {};
        if (req.mode === "event" && req.event && eventKeys[req.event]) {
            mode = "event";
            var ev = eventKeys[req.event], on = (evs.lines || {})[req.event] || {};
            for (i = 0; i < n; i++) keys[i] = ev[i];
            table.lines.forEach(function (ln) {
                if (!on[ln.id]) return;
                var word = on[ln.id] === 2 ? "proposed" : "provided";
                lines.push({id: ln.id, status: word, name: ln.name, text: ln.key[word]});
            });
            var title = evs.titles[req.event];
            headline = {event: req.event, what: "provides", status: "provides", day: null, title: title,
                        text: table.i18n.showing.replace("{title}", title)};
        } else {
            mode = "date";
            var per = table.pov[pov];
            for (i = 0; i < n; i++) keys[i] = lookup(per[i], day);
            if (req.diff) {
                diff = new Array(n);
                for (i = 0; i < n; i++) diff[i] = lookup(table.diff[i], day);
            }
            var runs = table.notes.pov[pov];
            if (runs) {
                notes = new Array(n);
                for (i = 0; i < n; i++) notes[i] = 0;
                Object.keys(runs).forEach(function (j) { notes[+j] = lookup(runs[j], day); });
            }
            table.lines.forEach(function (ln) {
                if (lookup(ln.seg, day)) lines.push({id: ln.id, status: "in_force", name: ln.name, text: ln.key.in_force});
            });
            headline = frameHeadline(table, evs.titles, day);
        }
        var labels = {};
        table.labels.forEach(function (lab) { labels[lab.id] = labelText(lab, day, names, lang); });
        (table.insets || []).forEach(function (inset) {
            inset.labels.forEach(function (lab) { labels[lab.id] = labelText(lab, day, names, lang); });
        });
        return {day: day, mode: mode, pov: pov, names: names, keys: keys, diff: diff, notes: notes, lines: lines,
                labels: labels, key: keyRowsOf(table, keys, notes), headline: headline,
                in_force: lookup(table.inForce, day).slice(), government: governmentOf(table, pov, day)};
    }
    /* A Key row's symbol: the map's own pattern tile and outline (or a line's stroke) in a 28 px square. */
    var SVGNS = "http://www.w3.org/2000/svg", swatchSeq = 0;
    function swatch(k) {
        var svg = document.createElementNS(SVGNS, "svg");
        svg.setAttribute("width", "28");
        svg.setAttribute("height", "28");
        svg.setAttribute("viewBox", "0 0 28 28");
        svg.setAttribute("aria-hidden", "true");
        var fill = k.fill || "#fff", body = "";
        if (k.pattern) {
            var pid = "skkey-" + (++swatchSeq);   // unique per drawing: url(#id) resolves to the first in the page
            body += '<defs><pattern id="' + pid + '" width="12" height="12" patternUnits="userSpaceOnUse" ' +
                    'patternTransform="rotate(45)">' + k.pattern + "</pattern></defs>";
            fill = "url(#" + pid + ")";
        }
        var w = Math.max(1, Math.min(4, k.width || 1));
        body += '<rect x="2" y="2" width="24" height="24" fill="' + fill + '" stroke="' + (k.stroke || "#555") +
                '" stroke-width="' + w + '"' + (k.dash ? ' stroke-dasharray="' + k.dash + '"' : "") + "/>";
        svg.innerHTML = body;
        return svg;
    }
    function lineSwatch(style) {
        var svg = document.createElementNS(SVGNS, "svg");
        svg.setAttribute("width", "28");
        svg.setAttribute("height", "28");
        svg.setAttribute("aria-hidden", "true");
        svg.innerHTML = '<line x1="2" y1="14" x2="26" y2="14" stroke="' + style.stroke + '" stroke-width="' +
                        Math.max(2, style.width) + '"' + (style.dash ? ' stroke-dasharray="' + style.dash + '"' : "") + "/>";
        return svg;
    }
    /* The Frame of a request, computed once per request. */
    function frameOf(req) {
        if (!req.frame) req.frame = resolveFrame(req);
        return req.frame;
    }
    /* Every drawn trace of the graph by uid: its index in gd.data and its <g class="trace"> layer. */
    function traceLayers(gd) {
        var out = {}, groups = gd.querySelectorAll("g.trace");
        for (var g = 0; g < groups.length; g++) {
            var cd = groups[g].__data__, tr = cd && cd[0] && cd[0].trace;
            if (tr && tr.uid) out[tr.uid] = {index: tr.index, layer: groups[g], cd: cd};
        }
        return out;
    }
    function fillOf(gd, table, key) {
        var k = table.keys[key];
        return k.pattern ? "url(#" + gd._skPatPrefix + key + ")" : k.fill;
    }
    /* Paints the choropleth paths of one trace (the main map's or an inset's) from the request's keys. */
    function paintPaths(gd, layer, index, keys, hover, diff, table) {
        var paths = layer ? layer.querySelectorAll("path.choroplethlocation") : [];
        for (var p = 0; p < paths.length; p++) {
            var path = paths[p], d = path.__data__;
            if (!d || !(d.loc in index)) continue;
            var j = index[d.loc], k = table.keys[keys[j]];
            var fill = fillOf(gd, table, keys[j]);
            path.setAttribute("fill", fill);
            path.style.fill = fill;
            path.setAttribute("data-key", k.key);
            path.setAttribute("data-loc", d.loc);
            var stroke = k.stroke, width = k.width, dash = k.dash, opacity = 1;
            if (diff) {
                if (diff[j]) { stroke = "#000000"; width = Math.max(width, 3); dash = ""; }
                else { opacity = 0.3; }
            }
            path.style.stroke = stroke;
            path.style.strokeWidth = width + "px";
            path.style.strokeDasharray = dash || "";
            path.style.opacity = opacity;
            path.style.fillOpacity = 1;
            d.z = keys[j];
            d.htx = hover[j];
        }
    }
    /* Small-island symbols take the paint of the place they stand for; tap targets carry its hover text. */
    function paintSymbols(gd, layers, keys, hover, table) {
        var proxies = layers.proxies, targets = layers.targets;
        if (proxies && table.proxies) {
            var pts = proxies.layer.querySelectorAll("path.point");
            for (var i = 0; i < pts.length; i++) {
                var d = pts[i].__data__, n = d && typeof d.i === "number" ? d.i : i, item = table.proxies[n];
                if (!item) continue;
                var key = keys[item.loc], k = table.keys[key];
                pts[i].style.fill = fillOf(gd, table, key);
                pts[i].style.stroke = k.dash ? k.stroke : "#1A1A1A";
                pts[i].style.strokeWidth = (k.dash ? 2.5 : 1.5) + "px";
                pts[i].setAttribute("data-loc", table.locations[item.loc]);
                pts[i].setAttribute("data-key", k.key);
                if (d) d.htx = hover[item.loc];
            }
            setHover(gd, proxies.index, table.proxies.map(function (it) { return hover[it.loc]; }));
            var own = layers["proxy-targets"];
            if (own) {
                var op = own.layer.querySelectorAll("path.point");
                for (var o = 0; o < op.length; o++) {
                    var od = op[o].__data__, on = od && typeof od.i === "number" ? od.i : o;
                    if (!table.proxies[on]) continue;
                    if (od) od.htx = hover[table.proxies[on].loc];
                    op[o].setAttribute("data-loc", table.locations[table.proxies[on].loc]);
                }
                setHover(gd, own.index, table.proxies.map(function (it) { return hover[it.loc]; }));
            }
        }
        if (targets && table.targets) {
            var tp = targets.layer.querySelectorAll("path.point");
            var th = table.targets.map(function (it) { return it.name + "<br>" + hover[it.loc].split("<br>").slice(1).join("<br>"); });
            for (var q = 0; q < tp.length; q++) {
                var dd = tp[q].__data__, m = dd && typeof dd.i === "number" ? dd.i : q;
                if (dd) dd.htx = th[m];
                tp[q].setAttribute("data-loc", table.locations[table.targets[m].loc]);
            }
            setHover(gd, targets.index, th);
            (table.insets || []).forEach(function (inset) {   // the inset's own targets: the same places
                var layer = layers["targets-" + inset.id];
                if (!layer) return;
                var inner = table.targets.filter(function (t) {
                    return inset.locations.indexOf(table.locations[t.loc]) >= 0;
                });
                var ip = layer.layer.querySelectorAll("path.point");
                for (var w = 0; w < ip.length; w++) {
                    var di = ip[w].__data__, n2 = di && typeof di.i === "number" ? di.i : w;
                    if (!inner[n2]) continue;
                    if (di) di.htx = th[table.targets.indexOf(inner[n2])];
                    ip[w].setAttribute("data-loc", table.locations[inner[n2].loc]);
                }
                setHover(gd, layer.index, inner.map(function (t) { return th[table.targets.indexOf(t)]; }));
            });
        }
    }
    function setHover(gd, t, texts) {
        [gd.data[t], gd._fullData[t]].forEach(function (tr) { if (tr) tr.hovertext = texts.slice(); });
    }
    function apply(req, target) {
        var gd = target || graphDiv();
        if (!gd || !gd.calcdata || !req || !req.table) return false;
        var table = req.table, t = paintTrace(gd);
        if (t < 0) return false;
        ensurePatterns(gd, table);
        var frame = frameOf(req), keys = frame.keys, diff = frame.diff, notes = frame.notes;
        if (!table.locIndex) {
            table.locIndex = {};
            table.locations.forEach(function (loc, i) { table.locIndex[loc] = i; });
        }
        var index = table.locIndex;
        var hover = new Array(keys.length);
        for (var i = 0; i < keys.length; i++) {   // app/cartography/resolve.py hover_texts
            hover[i] = table.names[i] + "<br>" + table.keys[keys[i]].text +
                       (notes && notes[i] ? "<br>" + table.notes.texts[notes[i]] : "") +
                       (diff && diff[i] ? "<br><b>" + tr("disagree") + "</b>" : "");
        }
        var layers = traceLayers(gd);
        Object.keys(layers).forEach(function (uid) {
            if (uid !== "paint" && uid.indexOf("paint-") !== 0) return;
            var info = layers[uid];
            paintPaths(gd, info.layer, index, keys, hover, diff, table);
            var locs = (gd.data[info.index] || {}).locations || [];
            var z = locs.map(function (loc) { return keys[index[loc]]; });
            var hv = locs.map(function (loc) { return hover[index[loc]]; });
            [gd.data[info.index], gd._fullData[info.index]].forEach(function (trc) {
                if (!trc) return;
                trc.z = z.slice();
                trc.hovertext = hv.slice();
            });
        });
        paintSymbols(gd, layers, keys, hover, table);
        applyLines(gd, req);
        applyLabels(gd, req, layers);
        gd.setAttribute("data-painted", req.stamp);
        arrangeSoon(gd, req);
        return true;
    }
    function firstChoropleth(gd) {
        for (var t = 0; t < gd.calcdata.length; t++) {
            if (gd.calcdata[t][0] && gd.calcdata[t][0].trace.type === "choropleth") return t;
        }
        return 0;
    }
    /* The lines a request draws (its Frame's), each with its style and Key words: no drawn line goes unnamed. */
    function drawnLines(req) {
        return frameOf(req).lines.map(function (line) {
            return {id: line.id, status: line.status, name: line.name, text: line.text,
                    style: req.table.lineStyles[line.status === "proposed" ? 0 : 1]};
        });
    }
    function applyLines(gd, req) {
        var table = req.table;
        if (!table.lines || !table.lines.length) return;
        var status = {};
        frameOf(req).lines.forEach(function (line) { status[line.id] = line.status; });
        var groups = gd.querySelectorAll("g.trace.scattergeo");
        for (var g = 0; g < groups.length; g++) {
            var cd = groups[g].__data__, uid = cd && cd[0] && cd[0].trace && cd[0].trace.uid;
            if (!uid || uid.indexOf("line-") !== 0) continue;   // figures.py: "line-" + id
            var line = table.linesById[uid.slice(5)];
            if (!line) continue;
            var path = groups[g].querySelector("path.js-line");
            if (!path) continue;
            var st = status[line.id], ti = cd[0].trace.index;
            [gd.data[ti], gd._fullData[ti]].forEach(function (trc) {   // a hidden line has no hover either
                if (trc && trc.uid === uid) trc.hoverinfo = st ? "text" : "skip";
            });
            path.setAttribute("data-active", st && st !== "proposed" ? "1" : "0");
            path.setAttribute("data-status", st === "proposed" ? "proposed" : st ? "in_force" : "none");
            if (!st) { path.style.display = "none"; continue; }   // no line outside its period
            var style = table.lineStyles[st === "proposed" ? 0 : 1];
            path.style.display = "";
            path.style.strokeOpacity = "1";   // figures.py draws a line not in force on the first day transparent
            path.style.stroke = style.stroke;
            path.style.strokeWidth = style.width + "px";
            path.style.strokeDasharray = style.dash || "";
        }
    }
    function labelTexts(list, req, shown) {
        var labels = frameOf(req).labels;
        return list.map(function (lab, i) { return shown && !shown[i] ? "" : labels[lab.id]; });
    }
    /* The drawn label texts follow the date and the names convention (scattergeo draws a bare <text> per
     * point; its __data__.i is the point index). */
    function writeTexts(gd, info, out) {
        if (!info) return;
        var texts = info.layer.querySelectorAll("text");
        for (var k = 0; k < texts.length; k++) {
            var pt = texts[k].__data__, point = pt && typeof pt.i === "number" ? pt.i : k;
            if (point >= out.length) continue;
            if (texts[k].textContent !== out[point]) texts[k].textContent = out[point];
            if (pt) pt.tx = out[point];
        }
        info.cd[0].trace.text = out;
        if (gd.data[info.index]) gd.data[info.index].text = out.slice();
    }
    function applyLabels(gd, req, layers) {
        var table = req.table;
        layers = layers || traceLayers(gd);
        var arranged = gd._skArranged;
        var rung = arranged && arranged.ladder ? arranged.ladder.rungs[arranged.rung] : null;
        var shown = rung ? rung.names[req.names] && rung.names[req.names].pos : null;
        writeTexts(gd, layers.labels, labelTexts(table.labels, req, shown));
        (table.insets || []).forEach(function (inset) {
            var ishown = rung ? rung.insets[inset.id][req.names].pos : null;
            writeTexts(gd, layers["labels-" + inset.id], labelTexts(inset.labels, req, ishown));
        });
    }
    /* The box's own scale and size decide the labels' rung and where the insets sit: after a redraw (resize,
     * first draw, names convention), one Plotly.react moves labels, leaders, symbols and inset frames. */
    function arrangeSoon(gd, req) {
        gd._skArrangeReq = req;
        if (gd._skArrangeTimer) return;
        gd._skArrangeTimer = setTimeout(function () {
            gd._skArrangeTimer = null;
            arrange(gd, gd._skArrangeReq);
        }, 0);
    }
    function textPosition(p) {
        return p && p[2] === "l" ? "middle right" : p && p[2] === "r" ? "middle left" : "middle center";
    }
    function kmPerPx(sp, lon, lat) {
        var a = sp.projection([lon, lat]), b = sp.projection([lon, lat + 0.1]);
        return 11.119 / Math.hypot(b[0] - a[0], b[1] - a[1]);
    }
    /* app/cartography/insets.py inset_frame: in its corner of what the map shows (plotly.js clips to sp.bounds) or
     * centred on its `centre`, its size fixed on the ground. */
    function insetDomain(sp, size, inset, present) {
        var b = sp.bounds, km = kmPerPx(sp, inset.anchor[0], inset.anchor[1]);
        var ground = present && inset.present ? inset.present : inset;   // Present's larger frame
        var w = ground.widthKm / km, h = ground.heightKm / km, margin = 6;
        var top = b[1][1] - size.t - margin - h;
        var left = inset.corner === "se" ? b[1][0] - size.l - margin - w : b[0][0] - size.l + margin;
        if (inset.centre) {  // centred on open sea (app/cartography/insets.py TSUSHIMA)
            var at = sp.projection(inset.centre);
            left = at[0] - size.l - w / 2;
            top = at[1] - size.t - h / 2;
        }
        function c(v) { return Math.max(0, Math.min(1, Math.round(v * 1e4) / 1e4)); }
        return {x: [c(left / size.w), c((left + w) / size.w)], y: [c(1 - (top + h) / size.h), c(1 - top / size.h)]};
    }
    /* Present (the page's class view-present, assets/classroom.js view) is read from the back of a classroom: the
     * main map takes the ladder's "present" rungs (app/cartography/ladder.py), larger type, symbols and inset. */
    function inPresent(gd) {
        var page = document.getElementById(ID.PAGE);
        return !!page && page.classList.contains("view-present") && gd === graphDiv();
    }
    function arrange(gd, req) {
        var table = req && req.table;
        if (!table || !table.labelLadder || !gd._fullLayout || !gd._fullLayout.geo) return;
        var sp = gd._fullLayout.geo._subplot, size = gd._fullLayout._size;
        if (!sp || !sp.projection) return;
        // the figure's view, a phone's or a tour step's (assets/classroom.js switches): each has its rungs
        var range = JSON.stringify(gd.layout.geo.lonaxis.range);
        if (!gd._skHome) gd._skHome = range;
        var shown = shownView(range), phone = shown === "phone";
        var stepView = shown && shown !== "home" && !phone && table.labelLadder.views &&
                       table.labelLadder.views[shown] ? shown : null;
        var atHome = range === gd._skHome || shown === "home" || phone;
        var km = kmPerPx(sp, 150, 45);
        var base = stepView ? table.labelLadder.views[stepView] :
                   phone && table.labelLadder.phone ? table.labelLadder.phone : table.labelLadder;
        // Present's rungs (the whole map's, a step view's) end at the smallest projector's map: a smaller map (a
        // phone) keeps the page's type
        var own = base.present;
        var present = !phone && !!own && own.rungs.length > 0 && inPresent(gd) &&
                      km <= own.rungs[own.rungs.length - 1].km;
        var ladder = present ? own : base;
        var rungs = ladder.rungs, best = 0;
        for (var r = 1; r < rungs.length; r++) {
            if (Math.abs(Math.log(rungs[r].km / km)) < Math.abs(Math.log(rungs[best].km / km))) best = r;
        }
        // A box smaller than its rung draws the rung's labels closer together than they were placed (up to 7 %):
        // the next smaller rung, when it sets the same type, places them so that gaps only grow (Present's type
        // follows the scale: its next smaller rung's is a little smaller, as the box is).
        if (rungs[best].km < km && best + 1 < rungs.length && (present ||
                JSON.stringify(rungs[best + 1].sizes) === JSON.stringify(rungs[best].sizes))) best += 1;
        var domains = {};
        (table.insets || []).forEach(function (inset) {
            domains[inset.geo] = atHome ? insetDomain(sp, size, inset, present) : gd.layout[inset.geo].domain;
        });
        var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
        var want = JSON.stringify([stepView || (phone ? "phone" : "home"), best, req.names, domains, touch, present]);
        if (gd._skArrangeKey === want) return;
        gd._skArrangeKey = want;
        gd._skArranged = {rung: best, names: req.names, ladder: ladder};
        gd._skPresent = present;
        var rung = rungs[best], place = rung.names[req.names] || rung.names.local;
        // by the figure's data, not the drawn layers: an inset hidden in a step view has none, and comes back
        var layers = tracesByUid(gd), data = gd.data.slice(), layout = Object.assign({}, gd.layout);
        function set(uid, patch) {
            var info = layers[uid];
            if (!info) return;
            data[info.index] = Object.assign({}, data[info.index], patch);
        }
        var pos = place.pos, texts = labelTexts(table.labels, req, pos);
        set("labels", {lon: pos.map(function (p) { return p ? p[0] : null; }),
                       lat: pos.map(function (p) { return p ? p[1] : null; }), text: texts,
                       textposition: pos.map(textPosition),
                       textfont: Object.assign({}, data[layers.labels.index].textfont,
                                               {size: table.labels.map(function (lab, i) {   // [3]: a smaller fallback
                                                   return (pos[i] && pos[i][3]) || rung.sizes[lab.tier] || 12; })})});
        var llon = [], llat = [];
        place.leaders.forEach(function (s) { llon.push(s[0], s[2], null); llat.push(s[1], s[3], null); });
        set("leaders", {lon: llon.length ? llon : [null], lat: llat.length ? llat : [null]});
        if (layers.towns) {
            var towns = data[layers.towns.index].customdata || [];
            set("towns", {marker: Object.assign({}, data[layers.towns.index].marker,
                                                {size: towns.map(function (i) { return pos[i] ? 6 : 0; })})});
        }
        var psize = rung.proxyPx;
        if (layers.proxies) {
            set("proxies", {marker: Object.assign({}, data[layers.proxies.index].marker,
                                                  {size: rung.proxies.map(function (v) { return v ? psize : 0; })})});
        }
        var tpx = table.targetPx[touch ? 1 : 0];
        if (layers.targets) {
            var symbols = (table.proxies || []).map(function (p, i) {
                return {xy: sp.projection([p.lon, p.lat]), unit: p.unit, shown: !!rung.proxies[i]};
            });
            var mine = table.targets.map(function (t, i) {
                return {xy: sp.projection([t.lon, t.lat]), unit: t.id, shown: !!rung.targets[i]};
            });
            set("targets", {marker: Object.assign({}, data[layers.targets.index].marker,
                                                  {size: tapSizes(mine, symbols, tpx)})});
            if (layers["proxy-targets"]) {   // each small-island symbol a target of its own, clear of other units'
                set("proxy-targets", {marker: Object.assign({}, data[layers["proxy-targets"].index].marker,
                                                            {size: tapSizes(symbols, mine, tpx)})});
            }
        }
        (table.insets || []).forEach(function (inset) {
            var layer = layers["targets-" + inset.id];
            if (!layer) return;
            // px per km inside the inset: its frame's width over the ground its box shows
            var d = domains[inset.geo], b = inset.bbox, lat0 = (b[1] + b[3]) / 2;
            var kx = 111.32 * Math.cos(lat0 * Math.PI / 180), pxPerKm = (d.x[1] - d.x[0]) * size.w / ((b[2] - b[0]) * kx);
            var inner = table.targets.filter(function (t) {
                return inset.locations.indexOf(table.locations[t.loc]) >= 0;
            }).map(function (t) {
                return {xy: [(t.lon - b[0]) * kx * pxPerKm, (b[3] - t.lat) * 111.32 * pxPerKm], unit: t.id,
                        shown: t.lon > b[0] && t.lon < b[2] && t.lat > b[1] && t.lat < b[3]};
            });
            set("targets-" + inset.id, {marker: Object.assign({}, data[layer.index].marker,
                                                              {size: tapSizes(inner, [], tpx)})});
        });
        (table.insets || []).forEach(function (inset) {
            var ip = rung.insets[inset.id][req.names] || rung.insets[inset.id].local;
            layout[inset.geo] = Object.assign({}, layout[inset.geo], {domain: domains[inset.geo]});
            if (!layers["labels-" + inset.id]) return;
            set("labels-" + inset.id, {lon: ip.pos.map(function (p) { return p ? p[0] : null; }),
                                        lat: ip.pos.map(function (p) { return p ? p[1] : null; }),
                                        text: labelTexts(inset.labels, req, ip.pos),
                                        textposition: ip.pos.map(textPosition),
                                        textfont: Object.assign({}, data[layers["labels-" + inset.id].index].textfont,
                                                                {size: ip.size.map(function (v) { return v || 12; })})});
        });
        if (layers["inset-titles"]) {
            var tl = [], tt = [];
            (table.insets || []).forEach(function (inset) {
                var d = domains[inset.geo], x = size.l + (inset.corner === "se" ? d.x[1] : d.x[0]) * size.w;
                var p = sp.projection.invert([x, size.t + (1 - d.y[1]) * size.h - 2]);
                tl.push(p[0]);
                tt.push(p[1]);
            });
            var titles = (table.insets || []).map(function (inset) {
                return present && inset.present ? inset.present.title : inset.title;
            });
            set("inset-titles", {lon: tl, lat: tt, text: titles,
                                 textfont: Object.assign({}, data[layers["inset-titles"].index].textfont,
                                                         {size: titles.map(function () { return rung.titlePx; })})});
        }
        showInsets(gd, table, data, !stepView);
        // data-rung says the arranged labels and insets are drawn: set once this react (still the latest) is done
        gd.removeAttribute("data-rung");
        window.Plotly.react(gd, data, layout).then(function () {
            if (gd._skArrangeKey === want) gd.setAttribute("data-rung", String(best));
        });
    }
    /* Which of assets/constants.js GEO_VIEWS the map shows (by its longitude range), or null (another view). */
    function shownView(range) {
        var views = (window.skconst && window.skconst.GEO_VIEWS) || {}, names = Object.keys(views);
        for (var i = 0; i < names.length; i++) if (JSON.stringify(views[names[i]].lon) === range) return names[i];
        return null;
    }
    /* Every trace of the figure by uid ({index}), drawn or hidden. */
    function tracesByUid(gd) {
        var out = {};
        gd.data.forEach(function (trc, i) { if (trc.uid) out[trc.uid] = {index: i}; });
        return out;
    }
    /* A step view (the southern Kurils zoomed) shows in full what the insets magnify or locate: their locator rings
     * and titles are hidden in it, and assets/map.css hides the inset subplots (frames, land, labels, tap areas)
     * while the graph says data-insets="off"; all are back in the map's own view. */
    function showInsets(gd, table, data, on) {
        var uids = {"inset-titles": 1};
        (table.insets || []).forEach(function (inset) { uids["locator-" + inset.id] = 1; });
        data.forEach(function (trc, i) {
            if (uids[trc.uid] && (trc.visible !== false) !== on) data[i] = Object.assign({}, trc, {visible: on});
        });
        gd.setAttribute("data-insets", on ? "on" : "off");
    }
    /* Tap targets a finger can hit: each as large as `want` px, but never reaching into the tap area of another
     * unit's symbol (plotly.js gives a tap inside two markers to the last one drawn, so Shikotan's area must end
     * where the Habomai islets' begins: the nearer symbol wins). `others`: symbols that are not targets (proxies). */
    function tapSizes(targets, others, want) {
        var all = targets.concat(others);
        return targets.map(function (t) {
            if (!t.shown) return 0;
            var room = want;
            all.forEach(function (o) {
                if (o === t || !o.shown || o.unit === t.unit) return;
                room = Math.min(room, Math.hypot(o.xy[0] - t.xy[0], o.xy[1] - t.xy[1]));
            });
            return Math.floor(room);
        });
    }
    /* A tap on the map opens the place and leaves the map where it is (an inset never zooms nor pans the main map);
     * on a touch screen its tooltip goes with the tap, as a finger has no "mouse out". */
    function hookTaps(gd) {
        if (gd._skTaps) return;
        gd._skTaps = true;
        // a double tap (a phone's dblclick) reset a map's view to plotly's first one: the main map jumped to the
        // inset's corner and the next taps missed; the modebar's reset and the arrangement keep the view instead
        gd.addEventListener("dblclick", function (e) { e.stopPropagation(); }, true);
        // d3's zoom reads a second one-finger tap within 500 ms as "zoom in here" and swallows its click: quick taps
        // on Shikotan then the Habomai islets zoomed the inset and moved the locator over it; pan and pinch stay
        var lastTouch = 0;
        gd.addEventListener("touchstart", function (e) {
            var now = Date.now();
            if (e.touches.length === 1 && now - lastTouch < 500) e.stopPropagation();
            lastTouch = now;
        }, true);
        gd.on("plotly_click", function (ev) {
            var pointer = ev && ev.event;
            if (pointer && (pointer.pointerType === "touch" || (window.matchMedia &&
                    window.matchMedia("(hover: none)").matches))) {
                setTimeout(function () { window.Plotly.Fx.unhover(gd); }, 0);
            }
        });
    }
    function hook(gd) {
        if (hooked === gd || !gd.on) return;
        hooked = gd;
        hookTaps(gd);
        gd.on("plotly_afterplot", function () { if (last) apply(last); });
        watch(gd, function () { return last; });
        // entering or leaving Present changes the map's type and inset (inPresent): arrange again
        var page = document.getElementById(ID.PAGE);
        if (page && window.MutationObserver) {
            new MutationObserver(function () {
                if (last && inPresent(gd) !== !!gd._skPresent) arrangeSoon(gd, last);
            }).observe(page, {attributes: true, attributeFilter: ["class"]});
        }
    }
    /* Plotly redraws (autosize, resize, zoom) replace the choropleth paths; repaint them in the same task
     * (a MutationObserver runs as a microtask), so nobody ever sees or reads an unpainted map between the
     * redraw and plotly_afterplot. apply() changes only attributes, never children: no loop. */
    function watch(gd, getReq) {
        if (gd._skWatched || !window.MutationObserver) return;
        gd._skWatched = true;
        new MutationObserver(function () {
            var req = getReq();
            if (!req || !gd.calcdata) return;
            if (gd.querySelector("path.choroplethlocation:not([data-loc])")) apply(req, gd);
        }).observe(gd, {childList: true, subtree: true});
    }
    /* The slider's day once it stops changing reaches the server's panels (Why, Place, Present, Table) through
     * ids.SETTLED; the address and Share never wait for it (assets/mapstate.js writes them from the state). */
    function settle(day) {
        // a newer change has its own timer; keyboard steps not yet sent settle with the slider (sendSteps)
        if (!last || last.day !== day || pendingDay !== null) return;
        settledDay = day;
        window.dash_clientside.set_props(ID.SETTLED, {data: day});
    }
    /* The map's part of the state (assets/mapstate.js): the day, mode, view, disagreements, event and names shown. */
    function follow(req) {
        if (!window.skstate) return;   // the one-file lesson has no address
        window.skstate.set({date: dayToIso(req.day), mode: req.mode, pov: req.pov, diff: !!req.diff,
                            event: req.event || null, names: req.names});
        if (window.skclass && window.skclass.mapMoved) window.skclass.mapMoved(req);
    }
    /* Paint another graph drawn from the same figure (compare view): `req` as built by request(). */
    function paintGraph(graphId, req) {
        var gd = document.querySelector("#" + graphId + " .js-plotly-plot");
        if (!gd || !gd.calcdata) return false;
        gd._skReq = req;
        if (!gd._skHooked && gd.on) {
            gd._skHooked = true;
            gd.on("plotly_afterplot", function () { if (gd._skReq) apply(gd._skReq, gd); });
            watch(gd, function () { return gd._skReq; });
        }
        return apply(req, gd);
    }
    function request(day, mode, pov, diff, eventId, names) {
        var table = store.table, events = store.events;
        if (!table) return null;
        if (!table.linesById) {
            table.linesById = {};
            (table.lines || []).forEach(function (l) { table.linesById[l.id] = l; });
        }
        return {day: day, mode: mode, pov: pov, diff: !!diff, event: eventId, names: names || "local",
                table: table, evs: events || {}, events: events ? events.keys : null,
                stamp: (mode === "event" ? "event:" + eventId : dayToIso(day) + ":" + pov) +
                       (diff ? ":diff" : "") + ":" + (names || "local")};
    }
    /* The slider's accessible value: the date and the event in force (aria-valuetext), after React's render. */
    var valueText = null, valueWatched = false;
    function applyValueText() {
        var thumbs = document.querySelectorAll("#" + ID.SLIDER + " [role=slider]");
        for (var i = 0; i < thumbs.length; i++) {
            if (thumbs[i].getAttribute("aria-valuetext") !== valueText) thumbs[i].setAttribute("aria-valuetext", valueText);
        }
    }
    /* The slider (a chunk loaded on demand) may draw its thumb after the first paint and redraws it on each value:
     * the text is put back whenever the thumb appears or moves. */
    function setValueText(text) {
        valueText = text;
        applyValueText();
        var box = document.getElementById(ID.SLIDER);
        if (valueWatched || !window.MutationObserver) return;
        if (!box) { setTimeout(function () { setValueText(valueText); }, 200); return; }
        valueWatched = true;
        new MutationObserver(applyValueText).observe(box, {childList: true, subtree: true, attributes: true,
                                                           attributeFilter: ["aria-valuenow"]});
    }

    /* The big date and the headline (or, in treaty mode, what the map shows) for a request. */
    function headline(req) {
        return [formatDay(req.day), frameOf(req).headline.text];
    }
    /* A keyboard step paints the map, the big date and the event line in this task, so the very next frame
     * shows them, and the address follows at once (follow). Dash learns the day only once the keys stop
     * (SETTLE_MS after the last one): the slider and the server's panels together, in one update. Each update of
     * Dash's store costs this page seconds of renderer work at 4x CPU, which a clicker's next press waited behind. */
    var pendingDay = null, stepTimer = null, sliderDay = null;
    function stepTo(day) {
        var req = request(day, last.mode, last.pov, last.diff, last.event, last.names);
        last = req;
        apply(req);
        follow(req);
        var sideA = document.querySelector("#" + ID.CMP_A + " .js-plotly-plot");
        if (sideA && sideA.offsetWidth) {   // Compare's side A is the map stepped (its own paint waits for Dash)
            paintGraph(ID.CMP_A, request(day, req.mode, req.pov, false, req.event, req.names));
        }
        var text = headline(req), big = document.getElementById(ID.DATE_BIG),
            evEl = document.getElementById(ID.EVENT_IN_FORCE);
        if (big && big.textContent !== text[0]) big.textContent = text[0];
        if (big) big.setAttribute("data-date", dayToIso(day));
        if (evEl && evEl.textContent !== text[1]) evEl.textContent = text[1];
        pendingDay = day;
        clearTimeout(stepTimer);
        stepTimer = setTimeout(sendSteps, SETTLE_MS);
    }
    /* The keys stopped: the slider takes the day shown, and the panels follow it, unless they already show it. */
    function sendSteps() {
        var day = pendingDay;
        stepTimer = null;
        pendingDay = null;
        if (day === null) return;
        clearTimeout(settleTimer);
        var panels = day !== settledDay;
        settledDay = day;   // before the slider's paint callback runs: it finds the day settled, no second wait
        if (day !== sliderDay) window.dash_clientside.set_props(ID.SLIDER, {value: day});
        if (panels) window.dash_clientside.set_props(ID.SETTLED, {data: day});
    }
    window.skmap = {dayToIso: dayToIso, isoToDay: isoToDay, lookup: lookup, drawnLines: drawnLines,
                    lastRequest: function () { return last; }, store: store, paintGraph: paintGraph,
                    request: request, formatDay: function (d) { return formatDay(d); },
                    /* The Frame of a state {day, mode, pov, diff, event, names, lang} (or of a request). */
                    resolve: function (state) {
                        if (state.table) return frameOf(state);
                        return resolveFrame(Object.assign({table: store.table, evs: store.events || {}}, state));
                    },
                    frame: function () { return last ? frameOf(last) : null; },
                    swatch: swatch, lineSwatch: lineSwatch,
                    governmentOf: function (pov, day) { return store.table ? governmentOf(store.table, pov, day) : null; },
                    stepTo: function (day) { if (last && last.table) stepTo(day); },
                    nextChange: function (day, dir) { return stepEvent(last.table, day, dir); },
                    addMonths: function (day, n) { return addMonths(day, n); },
                    eventText: function (day) {
                        return store.table ? frameHeadline(store.table, store.events && store.events.titles, day).text
                                           : tr("before");
                    }};

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        skmap: {
            /* Runs once: keeps the paint table and event paints in this module (not as callback State: Dash
             * would copy the large stores on every step), then empties the stores in the layout. */
            load: function (table, events) {
                var nu = window.dash_clientside.no_update;
                if (!table) return nu;
                store.table = table;
                store.events = events;
                if (table.i18n && table.i18n.htmlLang) document.documentElement.lang = table.i18n.htmlLang;
                window.dash_clientside.set_props(ID.PAINT_STORE, {data: null});
                window.dash_clientside.set_props(ID.EVENT_STORE, {data: null});
                return "ready";
            },
            /* Inputs: day, mode, pov, diff, event, names, ready. */
            paint: function (day, mode, pov, diff, eventId, names, ready) {
                var nu = window.dash_clientside.no_update;
                var table = store.table;
                if (!table || day === undefined || day === null) return [nu, nu];
                // a keyboard step painted a newer day, which reaches the slider once the keys stop; a slider moved
                // since (a drag, the date box, a tour step) wins over it
                var moved = day !== sliderDay;
                sliderDay = day;
                if (pendingDay !== null && !moved) {
                    day = pendingDay;
                } else if (pendingDay !== null) {
                    pendingDay = null;
                    clearTimeout(stepTimer);
                }
                var req = request(day, mode, pov, diff && diff.length, eventId, names);
                var gd = graphDiv();
                var painted = last && last.stamp === req.stamp && gd && gd.getAttribute("data-painted") === req.stamp;
                last = req;
                if (gd) hook(gd);
                follow(req);
                if (!painted && !apply(req)) {
                    // the graph is not drawn yet: paint as soon as it is
                    var tries = 0, timer = setInterval(function () {
                        var g = graphDiv();
                        if (g) hook(g);
                        if (apply(last) || ++tries > 200) clearInterval(timer);
                    }, 25);
                }
                if (day !== settledDay && pendingDay === null) {
                    clearTimeout(settleTimer);
                    settleTimer = setTimeout(function () { settle(last.day); }, SETTLE_MS);
                }
                var text = headline(req), big = document.getElementById(ID.DATE_BIG);
                if (big) big.setAttribute("data-date", dayToIso(req.day));  // the ISO day, for scripts and tests
                setValueText(text[0] + ", " + text[1]);
                return text;
            },
            /* prev / next event buttons */
            step: function (prevClicks, nextClicks, day) {
                var table = store.table;
                var trig = window.dash_clientside.callback_context.triggered_id;
                if (!table) return window.dash_clientside.no_update;
                // in a guided tour (assets/classroom.js) the buttons step through the tour instead
                if (window.skclass && window.skclass.tourStep(trig === ID.PREV_EVENT ? -1 : 1)) {
                    return window.dash_clientside.no_update;
                }
                if (pendingDay !== null) day = pendingDay;   // keyboard steps not yet on the slider
                return stepEvent(table, day, trig === ID.PREV_EVENT ? -1 : 1);
            },
            /* play / pause: returns [interval disabled, button label] */
            toggle: function (clicks, disabled) {
                var now = !disabled;
                return [now, now ? tr("play") : tr("pause")];
            },
            tick: function (n, day, speed, disabled) {
                var nu = window.dash_clientside.no_update;
                if (disabled) return [nu, nu, nu];
                var next = (pendingDay !== null ? pendingDay : day) + (speed || 30);
                if (next >= K.MAX_DAY) return [K.MAX_DAY, true, tr("play")];
                return [next, nu, nu];
            }
        }
    });

    function stepEvent(table, day, dir) {
        var marks = table.marks, i;
        if (dir > 0) {
            for (i = 0; i < marks.length; i++) if (marks[i].day > day) return marks[i].day;
            return table.max_day;
        }
        for (i = marks.length - 1; i >= 0; i--) if (marks[i].day < day) return marks[i].day;
        return 0;
    }
    function addMonths(day, n) {
        var d = new Date(MIN + day * DAY);
        var y = d.getUTCFullYear(), m = d.getUTCMonth() + n, dd = d.getUTCDate();
        var t = new Date(Date.UTC(y, m, 1));
        var dim = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
        t.setUTCDate(Math.min(dd, dim));
        return Math.round((t.getTime() - MIN) / DAY);
    }
})();
