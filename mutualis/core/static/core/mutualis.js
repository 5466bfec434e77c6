/* Mutualis: small behaviours over server-rendered pages, each of which works without them.
   Loaded as a file (the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 40em)");
  var BUSY_FOR_MS = 10000;

  /* The header's menu button: on a narrow screen the menu folds behind it. */
  function setUpMenu() {
    var button = document.querySelector(".menu-button");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    document.documentElement.classList.add("has-menu-button");

    function show(open) {
      button.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    }

    show(!NARROW.matches);
    NARROW.addEventListener("change", function () { show(!NARROW.matches); });
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || document.querySelector("details.dropdown[open]")) return;
      if (NARROW.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
  }

  /* Drop-down menus (<details class="dropdown">): Escape or a click elsewhere closes them. */
  function setUpDropdowns() {
    function closeAll(except) {
      document.querySelectorAll("details.dropdown[open]").forEach(function (details) {
        if (details !== except) details.removeAttribute("open");
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector("details.dropdown[open]");
      if (!open) return;
      closeAll(null);
      open.querySelector("summary").focus();
    });
    document.addEventListener("click", function (event) {
      closeAll(event.target.closest("details.dropdown"));
    });
  }

  /* Filters are rendered open; on a narrow screen they fold under "Filtrer" unless one is set. */
  function foldFilters() {
    document.querySelectorAll("details.filter-fold").forEach(function (fold) {
      if (NARROW.matches && !fold.hasAttribute("data-active")) fold.removeAttribute("open");
    });
    // On a wide screen the summary is hidden: the filters must be open there.
    NARROW.addEventListener("change", function () {
      if (NARROW.matches) return;
      document.querySelectorAll("details.filter-fold").forEach(function (fold) { fold.setAttribute("open", ""); });
    });
  }

  /* Tables: each cell is labelled with its column's heading, so that on a narrow screen a table
     too wide for it (CSS, .stackable) becomes a card per row, of "heading: value" lines; a table
     that fits (a month's calendar) stays one. The ARIA roles keep the table's meaning for screen
     readers once its display is no longer a table's. */
  function columnHeadings(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return [];
    var headings = [];
    Array.prototype.forEach.call(head.rows[head.rows.length - 1].cells, function (cell) {
      for (var i = 0; i < cell.colSpan; i++) headings.push(cell.textContent.trim());
    });
    return headings;
  }

  function labelTable(table) {
    var headings = columnHeadings(table);
    if (headings.length < 3 || table.classList.contains("keep-table")) return;
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        var inHead = row.parentNode === table.tHead;
        if (cell.tagName === "TH") {
          cell.setAttribute("role", inHead ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
        }
        // A row's heading is its card's title: it needs no label.
        var labelled = !inHead && cell.tagName === "TD" && cell.colSpan === 1;
        if (labelled && !cell.hasAttribute("data-label") && headings[column]) {
          cell.setAttribute("data-label", headings[column]);
        }
        column += cell.colSpan;
      });
    });
    table.setAttribute("data-labelled", "");
    stackIfTooWide(table);
  }

  function stackIfTooWide(table) {
    table.classList.remove("stackable");
    if (!NARROW.matches) return;
    var room = (table.closest(".table-wrapper") || table.parentElement).clientWidth;
    if (table.getBoundingClientRect().width > room + 1) table.classList.add("stackable");
  }

  function labelTables(root) {
    root.querySelectorAll("main table").forEach(labelTable);
    if (root.matches && root.matches("main table")) labelTable(root);
  }

  NARROW.addEventListener("change", function () {
    document.querySelectorAll("main table[data-labelled]").forEach(stackIfTooWide);
  });

  /* Long operations (PDF, exports, imports): "Préparation en cours…" in a live region, and no
     second submission while the first runs. A download leaves the page as it is: the message goes
     after a while. */
  function setUpBusy() {
    var status = document.getElementById("busy-status");
    if (!status) return;
    var timer = null;

    function busy(element) {
      status.textContent = element.getAttribute("data-busy") || status.getAttribute("data-default");
      document.documentElement.classList.add("is-busy");
      clearTimeout(timer);
      timer = setTimeout(idle, BUSY_FOR_MS);
    }

    function idle() {
      status.textContent = "";
      document.documentElement.classList.remove("is-busy");
      document.querySelectorAll("[data-busy-running]").forEach(function (element) {
        element.removeAttribute("data-busy-running");
      });
    }

    function start(element, event) {
      if (element.hasAttribute("data-busy-running")) {
        event.preventDefault();
        return;
      }
      element.setAttribute("data-busy-running", "");
      busy(element);
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[download], a[data-busy]");
      if (link) start(link, event);
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches("form[data-busy], form[enctype='multipart/form-data']")) start(form, event);
    });
    // Back from another page: the browser may show this one as it was left.
    window.addEventListener("pageshow", idle);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpDropdowns();
    foldFilters();
    labelTables(document);
    setUpBusy();
  });
  // Results that htmx swaps in (filtered lists) get their labels too.
  document.addEventListener("htmx:load", function (event) { labelTables(event.target); });
})();
