/* sapat: the search worker of Material's search dialog, answering from Pagefind.

   Material for MkDocs runs its search in a worker and talks to it in messages: 0 sets it up
   (with the edition's search config), answered by 1; 2 is a query, answered by 3 with the
   results, a list of pages, each a list of the page and its sections. This worker answers
   them from the edition's Pagefind index (pagefind/ in the edition's folder, written by sapat,
   plugins/sapat/core/publishing/search.py): Pagefind loads only the parts of the index that the query's
   words need, and the pages it shows.

   Pagefind's script, its WebAssembly and the list of pages are loaded as the page loads; the
   first ten pages are answered as soon as they are read (Material shows ten at first),
   then all of them. The Kyrgyz index holds its words with ө, ү, ң folded onto о, у, н, as
   readers type them on a Russian keyboard: the query is folded the same way. Written by sapat
   with its folding table. */
(function (folding) {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, FIRST = 10, LENGTH = 36, CONTEXT = 6;
  /* An offline copy runs this worker from a blob (sapat-offline.js): it says where the edition
     is and loads Pagefind itself, from what the copy carries. */
  var offline = self.sapatOffline || null;
  var edition = offline ? new URL(offline.edition) : new URL("../../../", self.location.href);
  var foldable = new RegExp("[" + Object.keys(folding).join("") + "]", "g");
  var folds = false, pagefind = null, latest = 0;

  function fold(text) {
    return text.replace(foldable, function (letter) { return folding[letter]; });
  }

  /* Whether a page's matched words answer every word typed. Pagefind, finding no word that
     begins with a query word, falls back to the words that begin with a shorter piece of it:
     a typo still finds ("ондуруузз": "өндүрүү"), but a Kyrgyz word typed into the Russian
     search, cut down by the Russian stemmer, found "он", "она". A matched word must share the
     first three fifths of each query word's letters (a stem is shorter than the word). */
  function answers(matched, typed) {
    var parts = [];
    matched.forEach(function (word) {
      parts = parts.concat(word.toLowerCase().split(/[^\p{L}\p{N}]+/u));
    });
    return typed.every(function (term) {
      var needed = Math.ceil(term.length * 3 / 5);
      return parts.some(function (part) {
        var common = 0;
        while (common < term.length && part[common] === term[common]) {
          common++;
        }
        return common >= needed;
      });
    });
  }

  function engine() {
    if (pagefind === null) {
      var base = new URL("pagefind/", edition);
      var loaded = offline ? offline.load() : import(new URL("pagefind.js", base).href);
      pagefind = loaded.then(function (module) {
        return module.options({basePath: base.pathname, baseUrl: edition.pathname}).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  /* A preview: the words of a page's section around what it matched, the matches marked. The
     words are numbered as Pagefind numbers them in the page's text (the heading's own words
     first, which the result shows as its title). */
  function preview(words, from, to, matched) {
    var first = Math.min.apply(null, matched);
    var start = Math.max(from, Math.min(first - CONTEXT, to - LENGTH));
    var end = Math.min(to, start + LENGTH);
    var shown = words.slice(start, end).map(function (word, index) {
      return matched.indexOf(start + index) === -1 ? word : "<mark>" + word + "</mark>";
    });
    return (start > from ? "… " : "") + shown.join(" ") + (end < to ? " …" : "");
  }

  /* A page as Material lists it: the page, then its sections with what they matched. */
  function page(data, score, terms, typed) {
    var location = data.raw_url.replace(/^\//, "");
    var words = data.raw_content.split(/\s+/);
    var headings = data.anchors.filter(function (anchor) {
      return /^h\d$/i.test(anchor.element) && /\S/.test(anchor.text);
    }).map(function (anchor) { return anchor.location; }).concat([words.length]);
    var matched = [].concat.apply([], data.sub_results.map(function (sub) {
      return sub.locations.map(function (at) { return folds ? fold(words[at]) : words[at]; });
    }));
    if (!answers(matched, typed)) {
      return null;
    }
    var most = Math.max.apply(null, [1].concat(data.sub_results.map(function (sub) { return sub.locations.length; })));
    var article = {location: location, title: data.meta.title, text: "", score: 0, terms: terms};
    var sections = [];
    data.sub_results.forEach(function (sub) {
      var at = sub.anchor ? sub.anchor.location : 0;
      var from = sub.anchor ? at + sub.anchor.text.split(/\s+/).length : 0;
      var to = headings.filter(function (location) { return location > at; })[0];
      var item = {location: location, title: sub.title, text: preview(words, from, to, sub.locations),
                  score: score * sub.locations.length / most, terms: terms};
      if (!sub.anchor || sub.anchor.element === "h1") {
        article.text = item.text;
        article.score = item.score;
      } else {
        item.location += "#" + sub.anchor.id;
        sections.push(item);
      }
    });
    return [article].concat(sections).sort(function (a, b) { return b.score - a.score; });
  }

  function pages(results, terms, typed) {
    return Promise.all(results.map(function (result) {
      return result.data().then(function (data) { return page(data, result.score, terms, typed); });
    })).then(function (listed) {
      return listed.filter(function (items) { return items !== null; });
    });
  }

  function answer(query, asked) {
    var typed = folds ? fold(query) : query;
    if (!typed.trim()) {
      postMessage({type: RESULT, data: {items: []}});
      return;
    }
    /* The words typed, for Material to mark on the page a result opens (its "?h=") */
    var terms = {}, words = typed.trim().toLowerCase().split(/\s+/);
    query.trim().toLowerCase().split(/\s+/).forEach(function (word) { terms[word] = true; });
    engine().then(function (module) {
      return module.search(typed);
    }).then(function (found) {
      if (asked !== latest) {
        return;
      }
      var results = found.results;
      return pages(results.slice(0, FIRST), terms, words).then(function (first) {
        if (asked !== latest) {
          return;
        }
        postMessage({type: RESULT, data: {items: first}});
        if (results.length > FIRST) {
          return pages(results.slice(FIRST), terms, words).then(function (rest) {
            if (asked === latest) {
              postMessage({type: RESULT, data: {items: first.concat(rest)}});
            }
          });
        }
      });
    }).catch(function (error) {  /* as Material's worker: nothing found, and why in the console */
      console.warn("sapat search: " + error);
      postMessage({type: RESULT, data: {items: []}});
    });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      folds = message.data.config.lang.indexOf("ky") !== -1;
      engine();  /* Material sets search up as a page loads: Pagefind is ready by the first query */
      postMessage({type: READY});
    } else if (message.type === QUERY) {
      answer(message.data, ++latest);
    }
  });
})(__FOLDING_TABLE__);
