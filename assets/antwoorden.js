/*
 * Jouw antwoorden: remembers the answers given in this visit and shows them, with a
 * summary of the route on an end page. Nothing leaves the browser, and without this
 * script every link still works; it only adds comfort.
 *
 * On the site the answers travel in the page address (?antwoorden=...), which works from
 * file:// and over HTTP alike. In the single file, where every page is a #section of one
 * document, they live in the browser's history entries, so Back goes back one answer.
 */
(function () {
  "use strict";

  var data = window.BESLISBOOM;
  var body = document.body;
  if (!data || !body) {
    return;
  }

  /* --- The tree: which pages a list of answers passes ({q: page, i: option}) --- */

  /* Follow "Volgende" links from a page until a question or an end; list the pages passed. */
  function onward(page) {
    var passed = [page];
    var node = data.nodes[page];
    while (node && node.n && passed.length <= Object.keys(data.nodes).length) {
      page = node.n;
      passed.push(page);
      node = data.nodes[page];
    }
    return passed;
  }

  /* Replay answers from the start; return the pages visited, or null if they do not fit. */
  function replay(answers) {
    var path = onward(data.start);
    for (var k = 0; k < answers.length; k++) {
      var node = data.nodes[path[path.length - 1]];
      var a = answers[k];
      if (!node || path[path.length - 1] !== a.q || !node.o || !node.o[a.i]) {
        return null;
      }
      path = path.concat(onward(node.o[a.i][1]));
    }
    return path;
  }

  /* Do the answers lead to this page: is it among the pages after the last answer? */
  function leadsTo(answers, page) {
    var path = replay(answers);
    var position = path ? path.lastIndexOf(page) : -1;
    return position >= 0 && path.length - position === onward(page).length;
  }

  /* The question a page asks, as written (node.w): the copies the labels make of one
     question share it; a page of a question with several answers adds its place in the
     row. "" for a page without answers. */
  function questionOf(page) {
    var node = data.nodes[page];
    if (!node || !node.o) {
      return "";
    }
    return node.m ? node.m[0] + "\n" + node.m[1] : node.w;
  }

  /* After a changed answer: keep later answers while they still fit the new route, also
     where the route now passes another copy of the same question. */
  function keep(answers, later) {
    var kept = answers.slice();
    for (var k = 0; k < later.length; k++) {
      var path = replay(kept);
      var here = path ? path[path.length - 1] : null;
      if (!here || (here !== later[k].q && questionOf(here) !== questionOf(later[k].q)) ||
          !questionOf(here)) {
        break;
      }
      kept.push({ q: here, i: later[k].i });
    }
    return kept;
  }

  /* How many of the answers were given before this page. */
  function answersBefore(answers, page) {
    for (var k = answers.length; k > 0; k--) {
      if (leadsTo(answers.slice(0, k), page)) {
        return k;
      }
    }
    return 0;
  }

  /* --- Showing: "Jouw antwoorden" and the summary at the end --- */

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  /* The questions answered, each once, in route order, with the answer given last:
     [{page, k (index in answers), node}]. Ways on from an advice page are no answers. */
  function answered(answers) {
    var rows = [];
    var seen = {};
    answers.forEach(function (a, k) {
      var node = data.nodes[a.q];
      if (node && node.m) {
        chosenRow(rows, seen, a, k, node);
        return;
      }
      if (!node || !node.q) {
        return;
      }
      var key = questionOf(a.q); /* copies of one question, made by labels, count as one */
      if (seen.hasOwnProperty(key)) {
        rows[seen[key]] = { page: a.q, k: k, node: node };
      } else {
        seen[key] = rows.length;
        rows.push({ page: a.q, k: k, node: node });
      }
    });
    return rows;
  }

  /* A question with several answers is asked one answer at a time (node.m: [question,
     position, count, answer]): its answers make one row, {chosen: [...], n: answers in
     it}, which starts again when the reader comes back to its first page. */
  function chosenRow(rows, seen, a, k, node) {
    var key = "m:" + node.m[0];
    var row;
    if (node.m[1] === 1) {
      row = { page: a.q, k: k, n: 0, node: node, chosen: [], none: "" };
      if (seen.hasOwnProperty(key)) {
        rows[seen[key]] = row;
      } else {
        seen[key] = rows.length;
        rows.push(row);
      }
    } else if (seen.hasOwnProperty(key)) {
      row = rows[seen[key]];
    } else {
      return;
    }
    row.n = k - row.k + 1;
    if (a.i === 0) {
      row.chosen.push(node.m[3]);
    } else if (a.i === 2 && node.o[2]) {
      row.none = node.o[2][0];
    }
  }

  function given(row, answers) {
    return row.node.o[answers[row.k].i];
  }

  /* The answer of a row in words: the one chosen, or the ones ticked, by commas. */
  function answerWords(row, answers) {
    if (row.chosen) {
      return row.chosen.length ? row.chosen.join(", ") : (row.none || "Geen");
    }
    return given(row, answers)[0];
  }

  /* view: {here, answers, place (the page's main or section), change(k) -> link} */
  function show(view) {
    Array.prototype.forEach.call(
      document.querySelectorAll(".your-answers, .result-advice, .result-actions"),
      function (old) { old.parentNode.removeChild(old); });
    var node = data.nodes[view.here];
    var rows = answered(view.answers);
    var resultPlace = view.place.querySelector(".result-place");
    if (node && !node.n && !node.o && resultPlace) {
      var advice = adviceList(rows, view.answers);
      if (advice) {
        resultPlace.appendChild(advice);
      }
      if (rows.length) {
        resultPlace.appendChild(answerTable(view, rows));
      }
      Array.prototype.forEach.call(view.place.querySelectorAll(".result-note"),
        function (note) { note.hidden = rows.length > 0; });
      var actionsPlace = view.place.querySelector(".result-actions-place") || view.place;
      actionsPlace.appendChild(actions(view, rows));
    } else if (rows.length) {
      view.place.appendChild(answerTable(view, rows));
    }
  }

  /* A section named by its own heading: h2 on a page, h3 in a section of the single file. */
  function headedSection(className, id, title) {
    var section = element("section", className);
    section.setAttribute("aria-labelledby", id);
    var heading = element(data.single ? "h3" : "h2", "", title);
    heading.id = id;
    section.appendChild(heading);
    return section;
  }

  /* On an end page: per question with a topic, the answer and the advice it led to. */
  function adviceItems(rows, answers) {
    return rows.filter(function (row) { return row.node.k; }).map(function (row) {
      if (row.chosen) {
        return { name: row.node.k + ": " + answerWords(row, answers), advice: [] };
      }
      var option = given(row, answers);
      var target = data.nodes[option[1]];
      return {
        name: row.node.k + ": " + (option[2] || option[0]),
        advice: target && target.a ? texts(option[1]) : []
      };
    });
  }

  function adviceList(rows, answers) {
    var items = adviceItems(rows, answers);
    if (!items.length) {
      return null;
    }
    var section = headedSection("result-advice", "wat-volgt", "Wat volgt uit je antwoorden");
    var list = element("dl", "advice-list");
    items.forEach(function (item) {
      var entry = element("div", "advice-item");
      entry.appendChild(element("dt", "", item.name));
      var dd = element("dd", "");
      item.advice.forEach(function (paragraph) { dd.appendChild(element("p", "", paragraph)); });
      entry.appendChild(dd);
      list.appendChild(entry);
    });
    section.appendChild(list);
    return section;
  }

  function answerTable(view, rows) {
    var section = headedSection("your-answers", "jouw-antwoorden", "Jouw antwoorden");
    var table = element("table", "answer-table");
    var head = element("tr", "");
    ["Vraag", "Jouw antwoord"].forEach(function (name) {
      var th = element("th", "", name);
      th.scope = "col";
      head.appendChild(th);
    });
    var changeHead = element("th", "");
    changeHead.scope = "col";
    changeHead.appendChild(element("span", "visually-hidden", "Wijzigen"));
    head.appendChild(changeHead);
    var thead = element("thead", "");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = element("tbody", "");
    rows.forEach(function (row) {
      var tr = element("tr", "answer-row");
      var question = element("th", "answer-question", row.node.t);
      question.scope = "row";
      tr.appendChild(question);
      var answer = element("td", "answer-given");
      if (row.chosen && row.chosen.length) {
        var list = element("ul", "answer-choices");
        row.chosen.forEach(function (label) { list.appendChild(element("li", "", label)); });
        answer.appendChild(list);
      } else {
        answer.textContent = answerWords(row, view.answers);
      }
      tr.appendChild(answer);
      var cell = element("td", "answer-change-cell");
      var change = view.change(row.k, row.chosen ? 0 : 1); /* ticked again from 'later' */
      change.className = "answer-change";
      change.appendChild(document.createTextNode("Wijzigen"));
      change.appendChild(element("span", "visually-hidden", " antwoord op: " + row.node.t));
      cell.appendChild(change);
      tr.appendChild(cell);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    section.appendChild(table);
    return section;
  }

  /* A page's text as paragraphs: from assets/teksten.js, which only end pages load, or in
     the single file from the page's own section. */
  function texts(page) {
    var loaded = window.BESLISBOOM_TEKSTEN;
    if (loaded) {
      return loaded[page] || [];
    }
    var section = document.getElementById(page);
    if (!section || !data.single) {
      return [];
    }
    return Array.prototype.map.call(
      section.querySelectorAll(".text p, .text li"),
      function (block) { return block.textContent.replace(/\s+/g, " ").trim(); }
    ).filter(function (line) { return line; });
  }

  /* The words of an element as a reader hears them, without what is only for screens: a
     line break stays a line, and a link to elsewhere keeps its address, which a note or an
     e-mail could not follow otherwise. */
  function words(el) {
    var copy = el.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".visually-hidden"),
      function (hidden) { hidden.parentNode.removeChild(hidden); });
    Array.prototype.forEach.call(copy.querySelectorAll("br"),
      function (line) { line.parentNode.replaceChild(document.createTextNode("\n"), line); });
    Array.prototype.forEach.call(copy.querySelectorAll("a[href^='http']"), function (link) {
      var address = link.getAttribute("href");
      if (link.textContent.trim() !== address) {
        link.appendChild(document.createTextNode(" (" + address + ")"));
      }
    });
    return copy.textContent.split("\n").map(function (line) {
      return line.replace(/\s+/g, " ").trim();
    }).filter(function (line) { return line; }).join("\n");
  }

  /* The result as plain text for a note or an e-mail: advice, answers and contact. */
  function summaryText(view, rows) {
    var lines = [document.title.split(" - ").pop(), ""];
    var title = view.place.querySelector(".node-title");
    if (title) {
      lines.push(words(title));
    }
    Array.prototype.forEach.call(view.place.querySelectorAll(".text p, .text li, .labels li"),
      function (block) { lines.push(words(block)); });
    var items = adviceItems(rows, view.answers);
    if (items.length) {
      lines.push("", "Wat volgt uit je antwoorden");
      items.forEach(function (item) {
        lines.push(item.name);
        item.advice.forEach(function (paragraph) { lines.push(paragraph); });
      });
    }
    if (rows.length) {
      lines.push("", "Jouw antwoorden");
      rows.forEach(function (row) {
        lines.push(row.node.t + " " + answerWords(row, view.answers));
      });
    }
    var contact = view.place.querySelector(".contact");
    if (contact) {
      lines.push("");
      Array.prototype.forEach.call(contact.querySelectorAll("h2, h3, li, p"),
        function (block) { lines.push(words(block)); });
    }
    return lines.join("\n").trim();
  }

  function actions(view, rows) {
    var section = element("div", "result-actions");
    var printed = element("p", "print-only printed-from");
    printed.textContent = "Afgedrukt op " + new Date().toLocaleDateString("nl-NL",
      { day: "numeric", month: "long", year: "numeric" }) + " van " + window.location.href;
    section.appendChild(printed);
    var buttons = element("p", "summary-actions");
    var print = element("button", "summary-button", "Afdrukken");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var copy = element("button", "summary-button", "Samenvatting kopiëren");
    copy.type = "button";
    var status = element("span", "summary-status");
    status.setAttribute("role", "status");
    copy.addEventListener("click", function () {
      copySummary(summaryText(view, rows), section, status);
    });
    buttons.appendChild(print);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(copy);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(status);
    section.appendChild(buttons);
    return section;
  }

  /* Copy to the clipboard; where the browser does not allow that (a file opened from
     disk), show the text selected, ready for Ctrl+C. */
  function copySummary(text, place, status) {
    function selected() {
      var shown = place.querySelector(".summary-text") || element("textarea", "summary-text");
      shown.readOnly = true;
      shown.value = text;
      shown.rows = Math.min(20, text.split("\n").length + 1);
      shown.setAttribute("aria-label", "Samenvatting als tekst");
      place.appendChild(shown);
      shown.focus();
      shown.select();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (ignored) {
        done = false;
      }
      status.textContent = done ? "Gekopieerd." : "De tekst is geselecteerd: kopieer hem met Ctrl+C.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = "Gekopieerd.";
      }, selected);
    } else {
      selected();
    }
  }

  /* --- A question with several answers: its checkboxes, instead of one at a time --- */

  /* Show the checkboxes of the page (or section) `here` in place, and on "Verder" follow
     the page's own Ja/Nee links for the answers ticked, as a reader without this script
     would: go(page, answers) is given where they lead and the answers on the way. */
  function offerChoices(place, here, go) {
    var form = place.querySelector("form[data-choices]");
    var node = data.nodes[here];
    if (!form || !node || !node.m || !node.o) {
      return;
    }
    var boxes = Array.prototype.slice.call(
      form.querySelectorAll("input[type=checkbox]:not([data-none])"));
    var none = form.querySelector("input[data-none]");
    var error = form.querySelector(".field-error");
    var set = form.querySelector(".choices-set");
    form.hidden = false;
    Array.prototype.forEach.call(place.querySelectorAll("[data-one-by-one]"),
      function (part) { part.hidden = true; });
    if (none) {
      none.addEventListener("change", function () {
        if (none.checked) {
          boxes.forEach(function (box) { box.checked = false; });
        }
      });
      boxes.forEach(function (box) {
        box.addEventListener("change", function () {
          if (box.checked) {
            none.checked = false;
          }
        });
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ticked = boxes.map(function (box) { return box.checked; });
      if (none && !none.checked && ticked.indexOf(true) < 0) {
        error.hidden = false;
        set.classList.add("has-error");
        var described = set.getAttribute("aria-describedby");
        if (described.indexOf(error.id) < 0) {
          set.setAttribute("aria-describedby", error.id + " " + described);
        }
        boxes[0].focus();
        return;
      }
      var page = here;
      var chain = [];
      if (none && none.checked && node.o[2]) {
        chain.push({ q: here, i: 2 });
        page = node.o[2][1];
      } else {
        for (var k = 0; k < ticked.length && data.nodes[page]; k++) {
          var i = ticked[k] ? 0 : 1;
          chain.push({ q: page, i: i });
          page = data.nodes[page].o[i][1];
        }
      }
      go(page, chain);
    });
  }

  /* Back at a question by "Wijzigen": mark the answer given before (its index). */
  function markPrevious(place, index) {
    Array.prototype.forEach.call(place.querySelectorAll(".previous-answer"),
      function (old) { old.parentNode.removeChild(old); });
    if (index === null || index === undefined || index === "") {
      return;
    }
    var link = place.querySelector("a[data-answer='" + parseInt(index, 10) + "']");
    if (link) {
      link.appendChild(element("span", "previous-answer", "je vorige antwoord"));
    }
  }

  /* Is this answer one given on a page of the question with several answers `key`? */
  function ofQuestion(a, key) {
    var node = data.nodes[a.q];
    return Boolean(node && node.m && node.m[0] === key);
  }

  /* Tick again the boxes of answers given before (kept in `later` by "Wijzigen"). */
  function tickAgain(place, here, later) {
    var form = place.querySelector("form[data-choices]");
    var node = data.nodes[here];
    if (!form || !node || !node.m) {
      return;
    }
    var boxes = form.querySelectorAll("input[type=checkbox]:not([data-none])");
    var none = form.querySelector("input[data-none]");
    later.forEach(function (a) {
      if (!ofQuestion(a, node.m[0])) {
        return;
      }
      var asked = data.nodes[a.q].m[1];
      if (a.i === 0 && boxes[asked - 1]) {
        boxes[asked - 1].checked = true;
      } else if (a.i === 2 && none) {
        none.checked = true;
      }
    });
  }

  /* Later answers without those of the question with several answers on this page, which
     its boxes give anew. */
  function afterQuestion(later, here) {
    var node = data.nodes[here];
    return later.filter(function (a) { return !(node && node.m && ofQuestion(a, node.m[0])); });
  }

  /* --- The site: one page per node, the answers in ?antwoorden=page.option~... --- */

  function site(here) {
    var PARAM = "antwoorden";
    var LATER = "later";

    function parse(text) {
      if (!text) {
        return [];
      }
      return text.split("~").map(function (part) {
        var dot = part.lastIndexOf(".");
        return { q: part.slice(0, dot) + ".html", i: parseInt(part.slice(dot + 1), 10) };
      });
    }

    function format(answers) {
      return answers.map(function (a) {
        return a.q.replace(/\.html$/, "") + "." + a.i;
      }).join("~");
    }

    function address(page, answers, later, previous) {
      var query = [];
      if (answers.length) {
        query.push(PARAM + "=" + format(answers));
      }
      if (later && later.length) {
        query.push(LATER + "=" + format(later));
      }
      if (previous !== undefined) {
        query.push(PREVIOUS + "=" + previous);
      }
      return page + (query.length ? "?" + query.join("&") : "");
    }

    var PREVIOUS = "vorige";
    var params = new URLSearchParams(window.location.search);
    var answers = parse(params.get(PARAM));
    var later = parse(params.get(LATER));
    if (!leadsTo(answers, here)) {
      answers = [];
      later = [];
    }
    markPrevious(document.querySelector("main"), params.get(PREVIOUS));
    var node = data.nodes[here];
    offerChoices(document.querySelector("main"), here, function (page, chain) {
      var chosen = answers.concat(chain);
      var rest = afterQuestion(later, here);
      var known = leadsTo(answers, here);
      var kept = known ? keep(chosen, rest) : chain;
      if (!known) {
        window.location.href = page; /* opened mid-way: where the links lead */
      } else if (kept.length === chosen.length) {
        /* later answers no longer fit the route: carried on, for boxes to tick again */
        window.location.href = address(page, chosen, rest);
      } else {
        var route = replay(kept);
        window.location.href = address(route[route.length - 1], kept);
      }
    });
    if (!node || !leadsTo(answers, here)) {
      return; /* opened mid-way without a route: the plain links do the work */
    }
    tickAgain(document.querySelector("main"), here, later);
    Array.prototype.forEach.call(document.querySelectorAll("a[data-answer]"), function (link) {
      var index = parseInt(link.getAttribute("data-answer"), 10);
      var chosen = answers.concat([{ q: here, i: index }]);
      var kept = keep(chosen, later);
      if (kept.length === chosen.length) {
        link.href = address(node.o[index][1], chosen);
      } else {
        /* later answers still fit: go straight to where they lead */
        var route = replay(kept);
        link.href = address(route[route.length - 1], kept);
      }
    });
    var next = document.querySelector("a[data-next]");
    if (next && node.n) {
      next.href = address(node.n, answers);
    }
    var path = replay(answers);
    var position = path.lastIndexOf(here);
    if (position > 0) {
      /* the route knows the one page before: one back link, to there */
      var nav = document.querySelector("nav.back");
      if (!nav) {
        nav = element("nav", "back");
        nav.setAttribute("aria-label", "Vorige pagina");
        var main = document.querySelector("main");
        main.parentNode.insertBefore(nav, main);
      }
      nav.textContent = "";
      var back = element("a", "back-link", "Terug");
      back.href = address(path[position - 1], answers.slice(0, answersBefore(answers,
        path[position - 1])));
      nav.appendChild(back);
    }
    show({
      here: here,
      answers: answers,
      place: document.querySelector("main"),
      change: function (k, n) {
        var link = element("a", "");
        link.href = address(answers[k].q, answers.slice(0, k), answers.slice(k + n),
          n ? answers[k].i : undefined);
        return link;
      }
    });
  }

  /* --- The single file: every node a #section, the answers in history entries --- */

  function singleFile() {
    var shown = { antwoorden: [], later: [] };
    var pending = null; /* what the link just clicked means for the answers */
    var carry = null; /* answers for a jump straight to where kept answers lead */

    function current() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      if (data.nodes[id]) {
        return id;
      }
      return document.querySelector(":target") ? null : data.start;
    }

    function render(state) {
      var here = current();
      shown = state;
      retitle(here);
      if (!here) {
        return; /* the overview */
      }
      var answers = leadsTo(state.antwoorden, here) ? state.antwoorden : [];
      var path = replay(answers);
      var position = path ? path.lastIndexOf(here) : -1;
      var nav = document.getElementById(here).querySelector("nav.back");
      if (nav && position > 0) {
        /* the route knows the one section before: one back link, to there */
        nav.textContent = "";
        var back = element("a", "back-link", "Terug");
        back.href = "#" + path[position - 1];
        nav.appendChild(back);
      }
      tickAgain(document.getElementById(here), here, state.later || []);
      markPrevious(document.getElementById(here), state.vorige);
      show({
        here: here,
        answers: answers,
        place: document.getElementById(here),
        change: function (k, n) {
          var link = element("a", "");
          link.href = "#" + answers[k].q;
          link.addEventListener("click", function () {
            pending = { answers: answers.slice(0, k), later: answers.slice(k + n),
                        vorige: n ? answers[k].i : null };
          });
          return link;
        }
      });
    }

    function arrive() {
      if (window.history.state) {
        render(window.history.state); /* back or forward to an answer given before */
        return;
      }
      var here = current();
      var state;
      if (carry) {
        state = carry;
        carry = null;
      } else if (pending && pending.answer) {
        var chosen = shown.antwoorden.concat([pending.answer]);
        var kept = keep(chosen, shown.later);
        state = { antwoorden: kept, later: [] };
        if (kept.length > chosen.length) {
          /* later answers still fit: go straight to where they lead */
          var route = replay(kept);
          carry = state;
          pending = null;
          window.location.replace("#" + route[route.length - 1]);
          return;
        }
      } else if (pending) {
        state = { antwoorden: pending.answers, later: pending.later, vorige: pending.vorige };
      } else {
        state = { antwoorden: shown.antwoorden.slice(0, answersBefore(shown.antwoorden, here)),
                  later: [] };
      }
      pending = null;
      window.history.replaceState(state, "");
      render(state);
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-answer]") : null;
      var section = link ? link.closest(".node") : null;
      if (section) {
        pending = { answer: { q: section.id, i: parseInt(link.getAttribute("data-answer"), 10) } };
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".node"), function (section) {
      offerChoices(section, section.id, function (page, chain) {
        var here = section.id;
        var before = leadsTo(shown.antwoorden, here) ? shown.antwoorden : [];
        var rest = afterQuestion(shown.later, here);
        var kept = keep(before.concat(chain), rest);
        var route = replay(kept);
        carry = { antwoorden: kept, later: kept.length > before.length + chain.length ? [] : rest };
        pending = null;
        window.location.hash = "#" + (route ? route[route.length - 1] : page);
      });
    });
    window.addEventListener("hashchange", arrive);
    addSkipLink();
    render(window.history.state || shown);
  }

  /* The single file's title follows the section shown, as a page's title does on the site. */
  var siteTitle = document.title;
  var stepTotal = Object.keys(data.nodes).reduce(function (most, page) {
    return Math.max(most, data.nodes[page].s || 0);
  }, 0);

  function retitle(here) {
    var node = here ? data.nodes[here] : null;
    if (!here) {
      document.title = "Overzicht - " + siteTitle;
    } else if (here === data.start) {
      document.title = siteTitle;
    } else {
      document.title = (node.s ? "Stap " + node.s + " van " + stepTotal + ": " : "") +
        node.t + " - " + siteTitle;
    }
  }

  /* A skip link that moves to the section shown, without changing the address (which
     chooses the section). */
  function addSkipLink() {
    var skip = element("a", "skip-link", "Direct naar de inhoud");
    skip.href = "#" + (decodeURIComponent(window.location.hash.slice(1)) || data.start);
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      var shownSection = document.querySelector(".node:target, .single-overview:target") ||
        (document.querySelector(".node:target, .single-overview:has(:target)")) ||
        document.querySelector(".node-start");
      if (shownSection) {
        shownSection.focus();
      }
    });
    body.insertBefore(skip, body.firstChild);
  }

  if (body.classList.contains("single")) {
    singleFile();
  } else if (body.getAttribute("data-page")) {
    site(body.getAttribute("data-page"));
  }
}());
