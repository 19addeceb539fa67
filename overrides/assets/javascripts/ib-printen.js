/* Print button: printing needs JavaScript (window.print), so the button is
   hidden in the HTML and shown here. Without JavaScript readers still have
   Ctrl+P and the "Download als PDF" link. Mounted via Material's document$,
   so it also works if instant navigation is ever switched on.

   Also: a shortened example list ends with "all N examples" (.ib-meer), a link
   inside the site. On paper only its text would show, so the reader could not
   find the rest. Its full web address goes into data-ib-adres, which ib.css
   prints after the link. The address is taken from the page's canonical link
   (the public site, like the address in the print header), not from wherever
   the page happens to be opened. */
(function () {
  "use strict";

  function fullAddress(link) {
    const canonical = document.querySelector('link[rel="canonical"]');
    const base = canonical ? canonical.href : document.baseURI;
    return new URL(link.getAttribute("href"), base).href;
  }

  function mount() {
    document.querySelectorAll("[data-ib-print]").forEach(function (button) {
      button.hidden = false;
      if (!button.dataset.ibPrintMounted) {
        button.dataset.ibPrintMounted = "true";
        button.addEventListener("click", function () {
          window.print();
        });
      }
    });
    document.querySelectorAll(".ib-meer a[href]").forEach(function (link) {
      link.dataset.ibAdres = fullAddress(link);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
