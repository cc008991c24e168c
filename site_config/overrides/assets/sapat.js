/* sapat: switching language keeps the reader on the same clause.
   The selector's links already lead to the same page of the other edition (see
   partials/alternate.html); this adds the clause (#7.3.1) the reader is on. It listens in the
   capture phase and stops there, because Material would otherwise reroute the click through
   a sitemap, which a site without a fixed site_url does not have. Without JavaScript the
   links still open the same page. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link) {
    return;
  }
  event.stopPropagation();
  link.href = link.href.split("#")[0] + location.hash;
}, true);


/* sapat: the search dialog is named like its search field (in the edition's language), so a
   screen reader announces what the dialog is for. */
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = dialog && dialog.querySelector("input[aria-label]");
  if (field) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  }
})();
