/* sapat: search in an edition's offline copy, opened from disk (file://).

   Chromium refuses a page opened from disk three things the site's search needs: starting a
   worker from a file (new Worker), importing a module from a file (Pagefind's script) and
   fetching a file (Pagefind's index, its WebAssembly, the fragments of the pages). It allows
   a classic script, and a worker made of a blob. So this script, loaded by every page of the
   copy before Material's, carries sapat's search worker and every file of the edition's
   Pagefind index (base64), and gives Material, when it asks for sapat's worker, that worker
   run from a blob in which "fetch" answers from the files carried here. Nothing is fetched,
   from the disk or from another host. Written by sapat (plugins/sapat/core/publishing/offline.py). */
(function (data) {
  "use strict";
  var script = document.currentScript.src;
  var worker = new URL(data.worker, script).href;
  var edition = new URL(data.edition, script).href;

  /* Runs in the worker, before sapat's search worker. */
  function prelude(offline) {
    var base = new URL("pagefind/", offline.edition).pathname;
    function bytes(text) {
      var binary = atob(text), array = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) {
        array[i] = binary.charCodeAt(i);
      }
      return array;
    }
    self.fetch = function (input) {
      var asked = String(input && input.url ? input.url : input);
      var path = /^[a-z]+:/.test(asked) ? new URL(asked).pathname : asked.split(/[?#]/)[0];
      var name = path.indexOf(base) === 0 ? path.slice(base.length) : null;
      if (name !== null && Object.prototype.hasOwnProperty.call(offline.files, name)) {
        return Promise.resolve(new Response(bytes(offline.files[name])));
      }
      return Promise.resolve(new Response(null, {status: 404}));
    };
    self.sapatOffline = {
      edition: offline.edition,
      load: function () {
        var module = new Blob([bytes(offline.files["pagefind.js"])], {type: "text/javascript"});
        return import(URL.createObjectURL(module));
      }
    };
  }

  var Native = window.Worker;
  if (typeof Native !== "function") {
    return;
  }
  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== worker) {
      return new Native(url, options);
    }
    var code = "(" + prelude + ")(" + JSON.stringify({edition: edition, files: data.files}) + ");\n" + data.source;
    return new Native(URL.createObjectURL(new Blob([code], {type: "text/javascript"})), options);
  };
})(__OFFLINE_DATA__);
