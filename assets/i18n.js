/* Interface language (app/i18n.py). The page is built in one language (lang= in the URL); choosing
 * another in the switch, or going back/forward to a URL of another language, reloads the page in it. */
(function () {
    "use strict";
    function langOf(search) {
        var m = /(?:^\?|&)lang=([^&]*)/.exec(search || "");
        var v = m ? decodeURIComponent(m[1]) : "en";
        return ["en", "ja", "ru", "zh"].indexOf(v) >= 0 ? v : "en";
    }
    function withLang(search, lang) {
        var parts = (search || "").replace(/^\?/, "").split("&").filter(function (p) {
            return p && p.indexOf("lang=") !== 0;
        });
        if (lang !== "en") parts.push("lang=" + encodeURIComponent(lang));
        return parts.length ? "?" + parts.join("&") : "";
    }
    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        i18n: {
            /* Inputs: the switch's value, the URL search; State: the page's language. */
            follow: function (chosen, search, pageLang) {
                var nu = window.dash_clientside.no_update;
                var trig = window.dash_clientside.callback_context.triggered_id;
                pageLang = pageLang || "en";
                if (trig === "ui-lang" && chosen && chosen !== pageLang) {
                    window.location.assign(window.location.pathname + withLang(window.location.search, chosen) +
                                           window.location.hash);
                    return nu;
                }
                if (trig === "url" && langOf(search) !== pageLang) {
                    window.location.reload();
                }
                return nu;
            }
        }
    });
    window.skI18n = {langOf: langOf, withLang: withLang};
})();
