/* The page's one keyboard controller: every key press is routed here (one listener, window, capture phase) to the
 * action of the view and the focus it happens in. The actions live with what they move: the map's steps in
 * assets/map_paint.js (skmap), the tour and the views in assets/classroom.js (skclass), the details, the dialogs and
 * the single-key shortcuts in assets/frame.js (skframe).
 *
 * A clicker never sticks: Page Down / Page Up always step (the next / previous change on a map, the next / previous
 * step in Present, document in treaty mode), and ← → too once a picker is closed or the slider has focus. What keeps
 * its own keys: an open picker, a text box (but for the clicker's pages), a radio group's arrows, side B's slider,
 * and an open dialog (Esc closes it; on the map, Esc puts the details sheet or drawer away). */
(function () {
    "use strict";
    var K = window.skconst, ID = K.ids;

    function openPicker(t) {
        return !!(t.closest && (t.closest(".dash-dropdown-content") || t.closest(".dash-dropdown[aria-expanded=true]")));
    }
    function textEntry(t) {
        var tag = t.tagName || "";
        if (tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable) return true;
        return tag === "INPUT" && ["radio", "checkbox", "range", "button", "submit"].indexOf(t.type) < 0;
    }
    function choice(t) { return t.tagName === "INPUT" && (t.type === "radio" || t.type === "checkbox"); }
    function view() { return (window.skclass && window.skclass.state().view) || "map"; }
    function mode() { return (window.skframe && window.skframe.state().mode) || "date"; }
    function done(e) { e.preventDefault(); e.stopPropagation(); }

    /* ← → / Page Down / Page Up: +1, -1 (Shift + ← → is a month, not a change); 0 for any other key. */
    function direction(e) {
        if (e.key === "PageDown" || (e.key === "ArrowRight" && !e.shiftKey)) return 1;
        if (e.key === "PageUp" || (e.key === "ArrowLeft" && !e.shiftKey)) return -1;
        return 0;
    }
    /* The map's day for a key: the next / previous change, a month, the first / last day; null for other keys. */
    function dayFor(e, day) {
        var dir = direction(e);
        if (dir) return window.skmap.nextChange(day, dir);
        if (e.key === "ArrowRight") return window.skmap.addMonths(day, 1);
        if (e.key === "ArrowLeft") return window.skmap.addMonths(day, -1);
        if (e.key === "Home") return 0;
        if (e.key === "End") return K.MAX_DAY;
        return null;
    }

    window.addEventListener("keydown", function (e) {
        var t = e.target && e.target.tagName ? e.target : document.body, key = e.key;
        if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
        if (document.querySelector("dialog[open]") || openPicker(t)) return;
        var tab = t.closest && t.closest(".tab[data-tab]");
        if (tab && ["ArrowRight", "ArrowLeft", "Home", "End"].indexOf(key) >= 0) {
            done(e);
            window.skframe.tabKey(tab, key);
            return;
        }
        if (key === "F1") {   // Help, as in most programs (its content comes on first use: assets/lazy.js)
            done(e);
            window.dash_clientside.set_props(ID.VIEW, {data: "help"});
            return;
        }
        var paging = key === "PageDown" || key === "PageUp";
        if (textEntry(t) && !paging) return;
        if (key === "Escape") {
            if (view() !== "map") { e.preventDefault(); window.skclass.leave(); }
            else if (window.skframe && window.skframe.closeDetails()) e.preventDefault();   // the sheet, the drawer
            return;
        }
        if (choice(t) && !paging && (key.length !== 1 || key === " ")) return;   // a radio group's own keys
        if (t.closest && t.closest("#" + ID.CMP_DATE2) && !/^[a-z0-9?]$/i.test(key)) return;   // side B's slider
        var dir = direction(e);
        if (view() === "present" && (dir || key === "ArrowDown" || key === "ArrowUp")) {
            done(e);
            window.skclass.presentStep(dir || (key === "ArrowDown" ? 1 : -1));
            return;
        }
        if (dir && mode() === "event" && view() !== "compare") {
            done(e);
            window.skframe.stepDoc(dir);
            return;
        }
        var req = window.skmap && window.skmap.lastRequest();
        var next = req && req.table ? dayFor(e, req.day) : null;
        if (next !== null) {
            done(e);
            next = Math.max(0, Math.min(K.MAX_DAY, next));
            if (next !== req.day) window.skmap.stepTo(next);
            return;
        }
        if (key === " " || key === "Spacebar") {
            if (t.tagName === "BUTTON" && t.id !== ID.PLAY) return;   // Space presses the other buttons
            done(e);
            document.getElementById(ID.PLAY).click();
            return;
        }
        if (key.length === 1 && window.skframe && window.skframe.shortcut(key, view())) done(e);
    }, true);
})();
