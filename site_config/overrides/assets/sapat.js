/* sapat: moving between languages and editions keeps the reader on the same page and clause.

   Three kinds of links lead to the same page elsewhere: the language selector (its links are
   written by sapat and already name the same page of the other language), the link of the
   banner on a draft or superseded edition (data-sapat-same-clause: the same page in the edition
   in force), and Material's version selector. The first two only need the clause (#7.3.1) the
   reader is on. The version selector leads to an edition's home page: here it leads to the same
   page of that edition when the page exists there (asked with a HEAD request), and to its home
   page otherwise. The handler listens in the capture phase and stops there, because Material
   would otherwise reroute these clicks through a sitemap, which a site without a fixed site_url
   does not have. Without JavaScript every link still opens a sensible page. */
(function () {
  "use strict";

  function siteBase() {
    var config = document.getElementById("__config");
    return new URL(config ? JSON.parse(config.textContent).base : ".", location.href);
  }

  function samePageIn(versionHome) {
    var base = siteBase();
    if (location.pathname.indexOf(base.pathname) !== 0) {
      return null;
    }
    return new URL(location.pathname.slice(base.pathname.length), versionHome);
  }

  function goToVersion(link) {
    var target = samePageIn(link.href);
    if (!target) {
      location.href = link.href;
      return;
    }
    fetch(target.href, {method: "HEAD"}).then(function (response) {
      location.href = response.ok ? target.href + location.hash : link.href;
    }, function () {
      location.href = link.href;
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(
      "a.md-select__link[hreflang], a[data-sapat-same-clause], .md-version a.md-version__link");
    if (!link || event.metaKey || event.ctrlKey) {
      return;
    }
    event.stopPropagation();
    if (link.classList.contains("md-version__link")) {
      event.preventDefault();
      goToVersion(link);
      return;
    }
    link.href = link.href.split("#")[0] + location.hash;
  }, true);
})();

/* sapat: the search dialog is named like its search field (in the edition's language), so a
   screen reader announces what the dialog is for. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = dialog && dialog.querySelector("input[aria-label]");
  if (field) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  }
})();

/* sapat: the version selector is named by what it shows, then by what it is for
   ("Долбоор (бекитиле элек) — Басылышты тандоо"). Material names its button by the purpose
   alone (select.version, in the edition's language), which does not contain the edition the
   button shows: WCAG 2.5.3 (Label in Name) asks that the name contain the visible text, so that
   a reader who speaks to the computer can say what is on the screen. Material renders the
   selector once versions.json has come; the name is set as soon as it appears. */
(function () {
  "use strict";
  var header = document.querySelector(".md-header");
  if (!header || !window.MutationObserver) {
    return;
  }

  function name() {
    var button = header.querySelector(".md-version__current");
    var shown = button ? button.textContent.replace(/\s+/g, " ").trim() : "";
    var purpose = button ? (button.getAttribute("aria-label") || "").trim() : "";
    if (shown && purpose.indexOf(shown) !== 0) {
      button.setAttribute("aria-label", purpose ? shown + " — " + purpose : shown);
    }
  }

  new MutationObserver(name).observe(header, {childList: true, subtree: true});
  name();
})();

/* sapat: what is said after a review date once it has passed (data-sapat-due), and while it is
   near (data-sapat-soon: from that day until the date, data-sapat-until), decided when the page
   is read, so that a frozen page built before the date never has to change. */
(function () {
  "use strict";
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll("[data-sapat-due]").forEach(function (mark) {
    if (mark.getAttribute("data-sapat-due") < today) {
      mark.hidden = false;
    }
  });
  document.querySelectorAll("[data-sapat-soon]").forEach(function (mark) {
    if (mark.getAttribute("data-sapat-soon") <= today && today <= mark.getAttribute("data-sapat-until")) {
      mark.hidden = false;
    }
  });
})();

/* sapat: a printout has the document control whole. Print style sheets show the details of the
   block (sapat.css); a browser that cannot style what a closed <details> holds prints it only
   open, so the details closed on screen are opened for printing and closed again after. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details.sapat-control__details:not([open])"));
    opened.forEach(function (details) {
      details.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();
