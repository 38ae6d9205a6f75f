/*
 * Jouw antwoorden: remembers the answers given in this visit, in the page address only
 * (?antwoorden=...), so it works from file:// and over HTTP alike and nothing leaves the
 * browser. Without this script every link still works; it only adds comfort.
 */
(function () {
  "use strict";

  var data = window.BESLISBOOM;
  var body = document.body;
  if (!data || !body || !body.getAttribute("data-page")) {
    return;
  }
  var here = body.getAttribute("data-page");
  var PARAM = "antwoorden";
  var LATER = "later";

  /* "2-mandaat.0~3-rol.4" <-> [{q: "2-mandaat.html", i: 0}, ...] */
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

  var params = new URLSearchParams(window.location.search);
  var answers = parse(params.get(PARAM));
  var later = parse(params.get(LATER));
  var path = replay(answers);
  var position = path ? path.lastIndexOf(here) : -1;
  /* The answers must lead here: to the pages after the last answer. */
  if (position < 0 || path.length - position !== onward(here).length) {
    answers = [];
    later = [];
    path = onward(data.start);
    position = path.indexOf(here);
  }
  var question = data.nodes[here];
  if (position < 0 || !question) {
    return; /* opened mid-way without a route: the plain links do the work */
  }

  function decorateLinks() {
    var options = document.querySelectorAll("a[data-answer]");
    Array.prototype.forEach.call(options, function (link) {
      var index = parseInt(link.getAttribute("data-answer"), 10);
      var chosen = answers.concat([{ q: here, i: index }]);
      var kept = keep(chosen, later);
      if (kept.length === chosen.length) {
        link.href = address(question.o[index][1], chosen);
      } else {
        /* later answers still fit: go straight to where they lead */
        var route = replay(kept);
        link.href = address(route[route.length - 1], kept);
      }
    });
    var next = document.querySelector("a[data-next]");
    if (next && question.n) {
      next.href = address(question.n, answers);
    }
    var back = document.querySelector("a.back-link");
    if (back && position > 0) {
      back.href = address(path[position - 1], answers.slice(0, answersBefore(position - 1)));
    }
  }

  /* How many answers were given before the page at this position of the path. */
  function answersBefore(index) {
    var count = 0;
    for (var k = 0; k < index; k++) {
      var node = data.nodes[path[k]];
      if (node && node.o) {
        count++;
      }
    }
    return Math.min(count, answers.length);
  }

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

  function showAnswers() {
    if (!answers.length) {
      return;
    }
    var section = element("section", "your-answers");
    section.setAttribute("aria-labelledby", "jouw-antwoorden");
    var heading = element("h2", "", "Jouw antwoorden");
    heading.id = "jouw-antwoorden";
    section.appendChild(heading);
    var list = element("dl", "answer-list");
    answers.forEach(function (a, k) {
      var node = data.nodes[a.q];
      var row = element("div", "answer-row");
      row.appendChild(element("dt", "", node.t));
      var dd = element("dd", "");
      dd.appendChild(element("span", "answer-given", node.o[a.i][0]));
      var change = element("a", "answer-change", "Wijzig");
      change.href = address(a.q, answers.slice(0, k), answers.slice(k + 1));
      change.appendChild(element("span", "visually-hidden", " je antwoord op: " + node.t));
      dd.appendChild(document.createTextNode(" "));
      dd.appendChild(change);
      row.appendChild(dd);
      list.appendChild(row);
    });
    section.appendChild(list);
    document.querySelector("main").appendChild(section);
  }

  function summaryText() {
    var lines = [document.title.split(" - ").pop(), ""];
    var given = 0;
    path.slice(0, position + 1).forEach(function (page) {
      var node = data.nodes[page];
      if (page === data.start) {
        return;
      }
      lines.push((node.s ? "Stap " + node.s + ": " : "") + node.t);
      (node.b || []).forEach(function (p) { lines.push(p); });
      if (node.o && given < answers.length && answers[given].q === page) {
        lines.push("Jouw antwoord: " + node.o[answers[given].i][0]);
        given++;
      }
      lines.push("");
    });
    return lines.join("\n").trim();
  }

  function showSummary() {
    if (question.n || question.o || !answers.length) {
      return;
    }
    var section = element("section", "summary");
    section.setAttribute("aria-labelledby", "samenvatting");
    var heading = element("h2", "", "Samenvatting van je route");
    heading.id = "samenvatting";
    section.appendChild(heading);
    section.appendChild(element("p", "", "De stappen die je hebt doorlopen, je antwoorden " +
      "en het advies onderweg. Druk de samenvatting af of kopieer hem naar een notitie."));
    var text = element("pre", "summary-text", summaryText());
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
    document.querySelector("main").appendChild(section);
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

  decorateLinks();
  showAnswers();
  showSummary();
}());
