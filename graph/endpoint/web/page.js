/* armskg's query page: YASGUI aimed at /query, a first tab with armskg's prefixes, and the named
   query library in a list; choosing a query opens it in a tab of its own.

   Everything comes from the server that serves this page: YASGUI is the copy the oxigraph binary
   embeds, the library is /armskg/queries.json.  The YASQE autocompleters that would ask prefix.cc
   and LOV are turned off, and the page's Content-Security-Policy allows this origin only.
   ?named=NAME opens that query, ?named=NAME&run runs it too (a link to a question).
   What went wrong is noted on <html> (data-armskg-errors, data-armskg-blocked), for the tests. */
"use strict";
(function () {
  const root = document.documentElement;

  function note(key, text) {
    root.dataset[key] = ((root.dataset[key] || "") + " " + text).trim();
  }

  document.addEventListener("securitypolicyviolation", (event) => note("armskgBlocked", event.blockedURI));
  window.addEventListener("error", (event) => note("armskgErrors", String(event.message)));

  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  Yasgui.Yasqe.defaults.editorHeight = "440px"; // a named query's header, prefixes and VALUES line in view
  const endpoint = new URL("query", window.location.href).href;

  fetch("./armskg/queries.json")
    .then((response) => {
      if (!response.ok) throw new Error("the query library did not load: HTTP " + response.status);
      return response.json();
    })
    .then(start)
    .catch((error) => note("armskgErrors", String(error)));

  function start(library) {
    Yasgui.Yasqe.defaults.value = library.start;
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
      persistenceId: "armskg-" + library.version,
    });
    const select = document.getElementById("armskg-queries");
    for (const query of library.queries) {
      const option = document.createElement("option");
      option.value = query.name;
      option.textContent = query.name + ": " + query.description;
      option.title = query.description;
      select.append(option);
    }
    select.disabled = false;
    select.addEventListener("change", () => {
      const query = library.queries.find((q) => q.name === select.value);
      select.value = "";
      if (query) openQuery(yasgui, query);
    });
    root.dataset.armskgReady = "true";

    const asked = new URLSearchParams(window.location.search);
    if (asked.get("named")) {
      select.value = asked.get("named");
      select.dispatchEvent(new Event("change"));
      if (asked.has("run")) yasgui.getTab().query();
    }
  }

  function openQuery(yasgui, query) {
    yasgui.addTab(true, { name: query.name, yasqe: { value: query.query }, requestConfig: { endpoint: endpoint } });
  }
})();
