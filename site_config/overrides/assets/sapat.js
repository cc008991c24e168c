/* sapat: switching language keeps the reader on the same clause. Without JavaScript the
   selector still opens the same page in the other language. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});
