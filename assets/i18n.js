/* Interface language (app/i18n.py). The page is built in one language (lang= in its address); choosing another in
 * the switch loads the page in it, at the map as shown (the state assets/mapstate.js holds, lang replaced). */
(function () {
    "use strict";
    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        i18n: {
            /* Input: the switch's value; State: the page's language. */
            follow: function (chosen, pageLang) {
                var sk = window.skstate, langs = window.skconst.LANGS;
                if (chosen && chosen !== pageLang && langs.indexOf(chosen) >= 0 && sk) {
                    var state = Object.assign(sk.current(), {lang: chosen});
                    window.location.assign(window.location.pathname + sk.query(state) + window.location.hash);
                }
                return window.dash_clientside.no_update;
            }
        }
    });
})();
