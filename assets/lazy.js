/* Content on first use (app/page/fragments.py): Help and the "?" dialog are not in the page's layout. Their holder
 * (.fragment[data-src]) is filled with the server's HTML fragment the first time its view or dialog is shown, or a
 * moment earlier, when a pointer or the keyboard reaches the button that opens it. One fetch per page (the browser
 * revalidates by ETag: a 304 on the next page); aria-busy while it comes, data-loaded once it is in, and
 * data-failed with a sentence (data-failed-text) if it cannot come, tried again at the next opening. */
(function () {
    "use strict";
    var K = window.skconst, ID = K.ids;
    var pending = {};

    function load(holder) {
        if (!holder || holder.hasAttribute("data-loaded") || pending[holder.id]) return;
        var src = holder.getAttribute("data-src");
        if (!src) return;
        holder.setAttribute("aria-busy", "true");
        holder.removeAttribute("data-failed");
        pending[holder.id] = fetch(src, {credentials: "same-origin"}).then(function (r) {
            if (!r.ok) throw new Error(r.status);
            return r.text();
        }).then(function (html) {
            holder.innerHTML = html;   // the server escaped every text (fragments.to_html); the CSP runs no script
            holder.setAttribute("data-loaded", "1");
        }, function () {
            holder.textContent = holder.getAttribute("data-failed-text") || "";
            holder.setAttribute("data-failed", "1");
        }).then(function () {
            holder.removeAttribute("aria-busy");
            delete pending[holder.id];
        });
    }
    function byId(id) { return document.getElementById(id); }
    function loadHelp() { load(byId(ID.HELP_BODY)); }
    function loadKeys() { load(byId(ID.KEYS_BODY)); }

    /* Help is a view (assets/classroom.js writes body[data-view]); "?" a dialog (assets/frame.js opens it). */
    function watch() {
        var dialog = byId(ID.KEYS_DIALOG);
        if (!document.body || !dialog) { setTimeout(watch, 100); return; }
        var shown = function () {
            if (document.body.getAttribute("data-view") === "help") loadHelp();
            if (dialog.open) loadKeys();
        };
        new MutationObserver(shown).observe(document.body, {attributes: true, attributeFilter: ["data-view"]});
        new MutationObserver(shown).observe(dialog, {attributes: true, attributeFilter: ["open"]});
        shown();
    }
    /* Intent: the button under the pointer or in focus starts the fetch before the click. */
    function early(e) {
        var el = e.target && e.target.closest ? e.target : null;
        if (!el) return;
        if (el.closest(".nav-btn[data-view=help]")) loadHelp();
        else if (el.closest("#" + ID.KEYS_OPEN)) loadKeys();
    }
    document.addEventListener("pointerover", early, {passive: true});
    document.addEventListener("focusin", early);
    watch();
    window.sklazy = {load: load};
})();
