// The claims ledger's filters (crates/mdbook-claims renders the form hidden, and the rows with their
// part, kind, verdict and drift as data-* attributes). With JavaScript the form appears; each select keeps
// only the rows whose attribute matches, and the form says how many rows are shown.
(function () {
    "use strict";
    function setUp(form) {
        var table = form.parentElement.querySelector("table.claims-ledger");
        if (!table) {
            return;
        }
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
        var shown = form.querySelector("output");
        function apply() {
            var visible = 0;
            rows.forEach(function (row) {
                var keep = selects.every(function (s) {
                    return s.value === "" || row.getAttribute("data-" + s.getAttribute("data-filter")) === s.value;
                });
                row.hidden = !keep;
                if (keep) {
                    visible += 1;
                }
            });
            if (shown) {
                shown.textContent = visible + " of " + rows.length + " claims shown";
            }
        }
        selects.forEach(function (s) {
            s.addEventListener("change", apply);
        });
        form.addEventListener("submit", function (e) {
            e.preventDefault();
        });
        form.hidden = false;
        apply();
    }
    function init() {
        document.querySelectorAll("form.claims-ledger-filters").forEach(setUp);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
