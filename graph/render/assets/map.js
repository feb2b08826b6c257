// The coalition map's own script (armskg.graph.render.coalition_map): the JSON placeholders for the
// nodes, the edges and the vis-network options below are replaced by script-safe JSON when the page is written.
(function () {
  "use strict";
  var root = document.documentElement;
  var data = {nodes: new vis.DataSet(__NODES__), edges: new vis.DataSet(__EDGES__)};
  var options = __OPTIONS__;
  var container = document.getElementById("armskg-network");
  var network = new vis.Network(container, data, options);
  var settled = false, moved = false;
  window.armskgNetwork = network;

  function byId(id) { return document.getElementById(id); }
  function text(tag, value, cls) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (cls) { element.className = cls; }
    return element;
  }
  function fit() { network.fit({animation: false}); }

  // Components other than the largest (component 0) go in rows under it, left to right.
  function pack() {
    var ids = data.nodes.getIds(), at = network.getPositions(ids), boxes = {}, order = [];
    ids.forEach(function (id) {
      var c = data.nodes.get(id).component, p = at[id], b = boxes[c];
      if (!b) { b = boxes[c] = {x0: p.x, y0: p.y, x1: p.x, y1: p.y, ids: []}; order.push(c); }
      b.x0 = Math.min(b.x0, p.x); b.y0 = Math.min(b.y0, p.y);
      b.x1 = Math.max(b.x1, p.x); b.y1 = Math.max(b.y1, p.y);
      b.ids.push(id);
    });
    if (order.length < 2) { return; }
    order.sort(function (a, b) { return a - b; });
    var main = boxes[order[0]], gap = 90, width = Math.max(main.x1 - main.x0, 900);
    var x = main.x0, y = main.y1 + gap, row = 0;
    order.slice(1).forEach(function (c) {
      var b = boxes[c], w = b.x1 - b.x0, h = b.y1 - b.y0;
      if (x > main.x0 && x + w > main.x0 + width) { x = main.x0; y += row + gap; row = 0; }
      var dx = x - b.x0, dy = y - b.y0;
      b.ids.forEach(function (id) { network.moveNode(id, at[id].x + dx, at[id].y + dy); });
      x += w + gap; row = Math.max(row, h);
    });
  }

  var relationBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-relation]"));
  var fromBox = byId("armskg-from"), toBox = byId("armskg-to"), undatedBox = byId("armskg-undated");
  function applyFilters() {
    var on = {}, from = fromBox ? fromBox.value : "", to = toBox ? toBox.value : "";
    var undated = undatedBox ? undatedBox.checked : true, linked = {}, changes = [], shownEdges = 0;
    relationBoxes.forEach(function (box) { on[box.getAttribute("data-relation")] = box.checked; });
    data.edges.forEach(function (edge) {
      var show = on[edge.relation] !== false;
      if (show && edge.first) {
        show = !(from && to && from > to) && (!from || edge.last >= from) && (!to || edge.first <= to);
      }
      else if (show && (from || to)) { show = undated; }
      else if (show) { show = undated || Boolean(edge.first); }
      if (show) { shownEdges += 1; linked[edge.from] = true; linked[edge.to] = true; }
      if (Boolean(edge.hidden) === show) { changes.push({id: edge.id, hidden: !show}); }
    });
    data.edges.update(changes);
    changes = [];
    var shownNodes = 0;
    data.nodes.forEach(function (node) {
      var show = node.links === 0 || linked[node.id] === true;
      if (show) { shownNodes += 1; }
      if (Boolean(node.hidden) === show) { changes.push({id: node.id, hidden: !show}); }
    });
    data.nodes.update(changes);
    root.dataset.shownNodes = String(shownNodes);
    root.dataset.shownEdges = String(shownEdges);
    var shown = byId("armskg-shown");
    if (shown) { shown.textContent = "shown: " + shownNodes + " nodes, " + shownEdges + " links"; }
  }
  relationBoxes.concat([fromBox, toBox, undatedBox]).forEach(function (box) {
    if (box) { box.addEventListener("change", applyFilters); }
  });
  var reset = byId("armskg-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      relationBoxes.forEach(function (box) { box.checked = true; });
      if (fromBox) { fromBox.value = fromBox.min; }
      if (toBox) { toBox.value = toBox.max; }
      if (undatedBox) { undatedBox.checked = true; }
      applyFilters();
    });
  }

  // The details of what was clicked, built as text; only http(s) addresses become links.
  function safeUrl(value) {
    try {
      var url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) { return null; }
  }
  function showDetails(item, links) {
    var panel = byId("armskg-details");
    if (!panel) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    String(item.title || "").split("\n").forEach(function (line, i) {
      panel.appendChild(text(i === 0 ? "strong" : "div", line));
    });
    var list = document.createElement("ul");
    (links || []).forEach(function (value) {
      var href = safeUrl(value), li = document.createElement("li"), a = text(href ? "a" : "span", String(value));
      if (href) { a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer"; }
      li.appendChild(a);
      list.appendChild(li);
    });
    if (list.firstChild) { panel.appendChild(text("div", "links:", "members")); panel.appendChild(list); }
  }
  // An actor's signed ties, as Python wrote them: what puts it in its coalition.
  function showTies(ties) {
    var panel = byId("armskg-details");
    if (!panel || !ties) { return; }
    panel.appendChild(text("div", ties.heading, "ties-heading"));
    [["stands with", ties["with"], ties.withMore], ["stands against", ties.against, ties.againstMore]].forEach(
      function (part) {
        if (!part[1].length) { return; }
        panel.appendChild(text("div", part[0] + " (" + (part[1].length + part[2]) + "):", "members"));
        var list = document.createElement("ul");
        list.className = "ties";
        part[1].forEach(function (line) { list.appendChild(text("li", line)); });
        if (part[2]) { list.appendChild(text("li", "and " + part[2] + " more")); }
        panel.appendChild(list);
      });
  }
  function describe(kind, id) {
    if (kind === "node") {
      var node = data.nodes.get(id);
      var wikidata = String(node.wikidata || "");
      showDetails(node, /^Q[0-9]+$/.test(wikidata) ? ["https://www.wikidata.org/wiki/" + wikidata] : []);
      showTies(node.ties);
    } else {
      var edge = data.edges.get(id);
      showDetails(edge, edge.urls);
    }
  }
  network.on("click", function (event) {
    if (event.nodes.length) { describe("node", event.nodes[0]); }
    else if (event.edges.length) { describe("edge", event.edges[0]); }
  });

  // Refit when the map is resized, until the reader pans or zooms: vis-network itself only scales
  // its old view by the change in size, which can push the map out of sight. This observer is made
  // after vis-network's own, so it runs after it, before the frame that shows the new size.
  network.on("dragEnd", function (event) { if (!event.nodes.length) { moved = true; } });
  network.on("zoom", function () { moved = true; });
  function refit() { if (settled && !moved) { fit(); } }
  if (window.ResizeObserver) { new ResizeObserver(refit).observe(container); }
  else { window.addEventListener("resize", function () { setTimeout(refit, 0); }); }

  var progress = byId("armskg-progress");
  network.on("stabilizationProgress", function (event) {
    if (progress) { progress.textContent = "laying out: " + Math.round(100 * event.iterations / event.total) + "%"; }
  });
  function settle(state, iterations) {
    network.setOptions({physics: {enabled: false}});
    pack();
    applyFilters();
    fit();
    settled = true;
    if (progress) { progress.textContent = ""; }
    root.dataset.nodes = String(data.nodes.length);
    root.dataset.edges = String(data.edges.length);
    root.dataset.iterations = String(iterations);
    root.dataset.resources = String(performance.getEntriesByType("resource").length);
    root.dataset.state = state;
  }
  window.armskgMap = {
    network: network, nodes: data.nodes, edges: data.edges, applyFilters: applyFilters, describe: describe
  };
  if (data.nodes.length === 0) { settle("empty", 0); }
  else {
    network.once("stabilizationIterationsDone", function () {
      settle("stabilised", options.physics.stabilization.iterations);
    });
  }
})();
