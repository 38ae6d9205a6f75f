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

  /* After a changed answer: keep later answers while they still fit the new route. */
  function keep(answers, later) {
    var kept = answers.slice();
    for (var k = 0; k < later.length; k++) {
      var path = replay(kept);
      if (!path || path[path.length - 1] !== later[k].q) {
        break;
      }
      kept.push(later[k]);
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

  /* view: {here, answers, place (element to add to), change(k) -> link to change answer k} */
  function show(view) {
    Array.prototype.forEach.call(document.querySelectorAll(".your-answers, .summary"),
      function (old) { old.parentNode.removeChild(old); });
    if (!view.answers.length) {
      return;
    }
    view.place.appendChild(answerList(view));
    var node = data.nodes[view.here];
    if (node && !node.n && !node.o) {
      view.place.appendChild(summary(view));
    }
  }

  /* A section named by its own h2. */
  function headedSection(className, id, title) {
    var section = element("section", className);
    section.setAttribute("aria-labelledby", id);
    var heading = element("h2", "", title);
    heading.id = id;
    section.appendChild(heading);
    return section;
  }

  function answerList(view) {
    var section = headedSection("your-answers", "jouw-antwoorden", "Jouw antwoorden");
    var list = element("dl", "answer-list");
    view.answers.forEach(function (a, k) {
      var node = data.nodes[a.q];
      var row = element("div", "answer-row");
      row.appendChild(element("dt", "", node.t));
      var dd = element("dd", "");
      dd.appendChild(element("span", "answer-given", node.o[a.i][0]));
      var change = view.change(k);
      change.className = "answer-change";
      change.appendChild(document.createTextNode("Wijzig"));
      change.appendChild(element("span", "visually-hidden", " je antwoord op: " + node.t));
      dd.appendChild(document.createTextNode(" "));
      dd.appendChild(change);
      row.appendChild(dd);
      list.appendChild(row);
    });
    section.appendChild(list);
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

  function summaryText(view) {
    var path = replay(view.answers);
    var lines = [document.title.split(" - ").pop(), ""];
    var given = 0;
    path.slice(0, path.lastIndexOf(view.here) + 1).forEach(function (page) {
      var node = data.nodes[page];
      if (page === data.start) {
        return;
      }
      lines.push((node.s ? "Stap " + node.s + ": " : "") + node.t);
      texts(page).forEach(function (p) { lines.push(p); });
      if (node.o && given < view.answers.length && view.answers[given].q === page) {
        lines.push("Jouw antwoord: " + node.o[view.answers[given].i][0]);
        given++;
      }
      lines.push("");
    });
    return lines.join("\n").trim();
  }

  function summary(view) {
    var section = headedSection("summary", "samenvatting", "Samenvatting van je route");
    section.appendChild(element("p", "", "De stappen die je hebt doorlopen, je antwoorden " +
      "en het advies onderweg. Druk de samenvatting af of kopieer hem naar een notitie."));
    var text = element("pre", "summary-text", summaryText(view));
    text.tabIndex = 0;
    text.setAttribute("aria-label", "Samenvatting als tekst");
    section.appendChild(text);
    var actions = element("p", "summary-actions");
    var print = element("button", "summary-button", "Afdrukken");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var copy = element("button", "summary-button", "Kopieer samenvatting");
    copy.type = "button";
    var status = element("span", "summary-status");
    status.setAttribute("role", "status");
    copy.addEventListener("click", function () { copySummary(text, status); });
    actions.appendChild(print);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(copy);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(status);
    section.appendChild(actions);
    return section;
  }

  function copySummary(text, status) {
    function selected() {
      var range = document.createRange();
      range.selectNodeContents(text);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "De tekst is geselecteerd: kopieer hem met Ctrl+C.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.textContent).then(function () {
        status.textContent = "Gekopieerd.";
      }, selected);
    } else {
      selected();
    }
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

    function address(page, answers, later) {
      var query = [];
      if (answers.length) {
        query.push(PARAM + "=" + format(answers));
      }
      if (later && later.length) {
        query.push(LATER + "=" + format(later));
      }
      return page + (query.length ? "?" + query.join("&") : "");
    }

    var params = new URLSearchParams(window.location.search);
    var answers = parse(params.get(PARAM));
    var later = parse(params.get(LATER));
    if (!leadsTo(answers, here)) {
      answers = [];
      later = [];
    }
    var node = data.nodes[here];
    if (!node || !leadsTo(answers, here)) {
      return; /* opened mid-way without a route: the plain links do the work */
    }
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
    var back = document.querySelector("a.back-link");
    var path = replay(answers);
    var position = path.lastIndexOf(here);
    if (!back && position > 0) {
      /* a page reached from several places has no back link of its own: the route knows */
      var nav = element("nav", "back");
      nav.setAttribute("aria-label", "Vorige pagina");
      back = element("a", "back-link", "Terug");
      nav.appendChild(back);
      var main = document.querySelector("main");
      main.parentNode.insertBefore(nav, main);
    }
    if (back && position > 0) {
      back.href = address(path[position - 1], answers.slice(0, answersBefore(answers,
        path[position - 1])));
    }
    show({
      here: here,
      answers: answers,
      place: document.querySelector("main"),
      change: function (k) {
        var link = element("a", "");
        link.href = address(answers[k].q, answers.slice(0, k), answers.slice(k + 1));
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
      if (!here) {
        return; /* the overview */
      }
      var answers = leadsTo(state.antwoorden, here) ? state.antwoorden : [];
      show({
        here: here,
        answers: answers,
        place: document.getElementById(here),
        change: function (k) {
          var link = element("a", "");
          link.href = "#" + answers[k].q;
          link.addEventListener("click", function () {
            pending = { answers: answers.slice(0, k), later: answers.slice(k + 1) };
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
        state = { antwoorden: pending.answers, later: pending.later };
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
    window.addEventListener("hashchange", arrive);
    render(window.history.state || shown);
  }

  if (body.classList.contains("single")) {
    singleFile();
  } else if (body.getAttribute("data-page")) {
    site(body.getAttribute("data-page"));
  }
}());
