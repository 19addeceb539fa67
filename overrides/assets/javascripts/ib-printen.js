/* Print button: printing needs JavaScript (window.print), so the button is
   hidden in the HTML and shown here. Without JavaScript readers still have
   Ctrl+P and the "Download als PDF" link. Mounted via Material's document$,
   so it also works if instant navigation is ever switched on. */
(function () {
  "use strict";

  function mount() {
    // No public address (SITE_URL unset): name the address this page was opened
    // from on paper, never a made-up one. The PDF step sets ibGeenAdres, because
    // its address is internal.
    document.querySelectorAll("[data-ib-adres-hier]").forEach(function (slot) {
      if (!window.ibGeenAdres && /^https?:$/.test(location.protocol)) {
        slot.textContent = location.href.split("#")[0] + " · ";
      }
    });
    document.querySelectorAll("[data-ib-print]").forEach(function (button) {
      button.hidden = false;
      if (!button.dataset.ibPrintMounted) {
        button.dataset.ibPrintMounted = "true";
        button.addEventListener("click", function () {
          window.print();
        });
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
