/* "Propose a practice" (catalogue/propose/): the page. The answers of the
 * form become the entry file, checked as they are typed.
 *
 * The page (generator/pages/propose.py) names each control by its field's
 * path as `publish check` names it and gives, in #propose-data, the practice
 * schema, `publish check`'s messages in the reader's language, the rules'
 * data and the forge's "new file" address. The rules are in the scripts
 * loaded before this one: propose-entry.js makes the entry from the answers
 * (as scaffold.practice_from_answers), propose-rules.js checks it (as
 * `publish check`), propose-yaml.js writes the file (as `publish new`) and
 * reads it back. This one reads the answers, shows the messages on their
 * fields, keeps the answers in this browser and offers the file; the tests
 * (tests/test_site_propose.py) hold the page to `publish new`'s file.
 * Nothing leaves the browser but through the link to the forge, when the
 * reader follows it. */
(function (P) {
  "use strict";

  var dataElement = document.getElementById("propose-data");
  var form = document.getElementById("propose-form");
  var result = document.querySelector(".propose-result");
  if (!dataElement || !form || !result) return;
  var data = JSON.parse(dataElement.textContent);
  var S = data.strings;
  var format = P.format;
  var entries = P.makeEntry(data);
  var rules = P.makeRules(data);
  var files = P.makeYaml(data);
  // One record for every language of the site: a reader who switches
  // language keeps the answers.
  var STORAGE_KEY = "cities-migration-propose";

  var yamlElement = document.getElementById("practice-yaml");
  var statusElement = document.getElementById("propose-status");
  var problemsElement = document.getElementById("propose-problems");
  var todoElement = document.getElementById("propose-todo");
  var actionStatus = document.getElementById("propose-action-status");
  var pullRequest = document.getElementById("propose-pull-request");
  var downloadButton = document.getElementById("propose-download");
  var copyButton = document.getElementById("propose-copy");
  var clearButton = document.getElementById("propose-clear");

  var touched = {};
  var submitted = false;
  var current = { yaml: "", slug: "", tooLong: false };

  // The element id of a path, as the page's template makes it (fid).
  function fieldId(path) {
    return "field-" + path.replace(/\[/g, "-").replace(/\]\./g, "-").replace(/\]/g, "").replace(/\./g, "-");
  }

  // The answers by their controls' names (a choice list: its ticked values).
  function readAnswers() {
    var answers = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name) return;
      if (element.type === "checkbox") {
        answers[element.name] = answers[element.name] || [];
        if (element.checked) answers[element.name].push(element.value);
      } else {
        answers[element.name] = element.value;
      }
    });
    return answers;
  }

  // --- Showing it ---

  function isShown(path) {
    if (submitted) return true;
    return Object.keys(touched).some(function (name) {
      return name === path || name.indexOf(path + ".") === 0 || name.indexOf(path + "[") === 0;
    });
  }

  function controlsOf(path) {
    var named = form.querySelectorAll('[name="' + path + '"]');
    if (named.length) return { controls: Array.prototype.slice.call(named), message: document.getElementById(fieldId(path) + "-message"), target: named[0] };
    var group = document.getElementById(fieldId(path));
    if (!group) return null;
    return { controls: Array.prototype.slice.call(group.querySelectorAll("input, select, textarea")),
             message: document.getElementById(fieldId(path) + "-message"), target: group.querySelector("input, select, textarea") || group };
  }

  function showProblems(problems) {
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (control) { control.removeAttribute("aria-invalid"); });
    Array.prototype.forEach.call(form.querySelectorAll(".propose-message"), function (message) { message.textContent = ""; });
    problemsElement.textContent = "";
    var shown = [];
    problems.forEach(function (problem) {
      if (!isShown(problem.path)) return;
      var place = controlsOf(problem.path);
      var text = problem.hint ? problem.message + " (" + problem.hint + ")" : problem.message;
      if (place) {
        place.controls.forEach(function (control) { control.setAttribute("aria-invalid", "true"); });
        if (place.message) place.message.textContent = text;
      }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (place && place.target.id ? place.target.id : fieldId(problem.path));
      link.textContent = problem.path + ": " + text;
      item.appendChild(link);
      problemsElement.appendChild(item);
      shown.push({ problem: problem, place: place });
    });
    return shown;
  }

  function setActions(ready) {
    downloadButton.disabled = !ready;
    copyButton.disabled = !ready;
    if (!pullRequest) return;
    if (!ready) {
      pullRequest.removeAttribute("href");
      pullRequest.setAttribute("aria-disabled", "true");
      return;
    }
    var address = data.newFileUrl + "?filename=" + encodeURIComponent("practices/" + current.slug + ".yml");
    var full = address + "&value=" + encodeURIComponent(current.yaml);
    current.tooLong = full.length > data.maxLinkLength;
    pullRequest.href = current.tooLong ? address : full;
    pullRequest.removeAttribute("aria-disabled");
  }

  function update(options) {
    var answers = readAnswers();
    save(answers);
    var built = entries.build(answers);
    var problems = rules.check(built);
    var yaml = problems.length ? "" : files.write(built.entry);
    // Ready only when the file reads back as the entry just checked.
    var difference = yaml && files.difference(yaml, built.entry);
    if (difference) problems = [rules.readBackProblem(difference, built.where)];
    var shown = showProblems(problems);
    todoElement.textContent = "";
    if (problems.length) {
      current = { yaml: "", slug: "", tooLong: false };
      yamlElement.textContent = "";
      statusElement.textContent = shown.length ? format(S.problems, { count: problems.length }) : "";
      setActions(false);
    } else {
      current = { yaml: yaml, slug: built.entry.slug, tooLong: false };
      yamlElement.textContent = current.yaml;
      statusElement.textContent = format(S.ready, { path: "practices/" + current.slug + ".yml" });
      var notes = rules.translationsToDo(built.entry);
      if (notes.length) {
        var heading = document.createElement("li");
        heading.textContent = S.toTranslate;
        todoElement.appendChild(heading);
        notes.forEach(function (note) {
          var item = document.createElement("li");
          item.textContent = note;
          todoElement.appendChild(item);
        });
      }
      setActions(true);
    }
    if (options && options.focus) {
      var first = shown.filter(function (item) { return item.place; })[0];
      if (first) first.place.target.focus();
      else if (!problems.length) document.getElementById("propose-result-title").focus();
    }
  }

  // --- Rows of sources and partners ---

  function rowList(kind) { return form.querySelector('[data-rows="' + kind + '"]'); }

  function addRow(kind) {
    var list = rowList(kind);
    var index = list.children.length;
    var html = form.querySelector('template[data-row="' + kind + '"]').innerHTML
      .replace(/__INDEX__/g, String(index)).replace(/__NUMBER__/g, String(index + 1));
    list.insertAdjacentHTML("beforeend", html);
    return list.lastElementChild;
  }

  function setRows(kind, count) {
    var list = rowList(kind);
    while (list.children.length > count) list.removeChild(list.lastElementChild);
    while (list.children.length < count) addRow(kind);
  }

  // Removing a row numbers the rows after it again, keeping their answers.
  function removeRow(item) {
    var list = item.parentNode;
    var kind = list.getAttribute("data-rows");
    var answers = readAnswers();
    var number = Array.prototype.indexOf.call(list.children, item);
    var count = list.children.length;
    var moved = {};
    Object.keys(answers).forEach(function (name) {
      var match = new RegExp("^" + kind + "\\[(\\d+)\\]\\.(.+)$").exec(name);
      if (!match) return;
      var index = Number(match[1]);
      if (index > number) moved[kind + "[" + (index - 1) + "]." + match[2]] = answers[name];
    });
    setRows(kind, number);
    setRows(kind, count - 1);
    fill(moved);
    Object.keys(touched).forEach(function (name) { if (name.indexOf(kind + "[") === 0) delete touched[name]; });
    form.querySelector('[data-add="' + kind + '"]').focus();
    update();
  }

  function fill(answers) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !(element.name in answers)) return;
      var value = answers[element.name];
      if (element.type === "checkbox") element.checked = Array.isArray(value) && value.indexOf(element.value) >= 0;
      else if (typeof value === "string") element.value = value;
    });
  }

  // --- Kept in this browser ---

  function save(answers) {
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(answers)); } catch (error) { /* private mode: nothing kept */ }
  }

  function restore() {
    var answers = null;
    try { answers = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null"); } catch (error) { answers = null; }
    if (!answers || typeof answers !== "object") return false;
    ["sources", "partners"].forEach(function (kind) {
      var count = 0;
      Object.keys(answers).forEach(function (name) {
        var match = new RegExp("^" + kind + "\\[(\\d+)\\]\\.").exec(name);
        if (match) count = Math.max(count, Number(match[1]) + 1);
      });
      setRows(kind, Math.min(count, 50));
    });
    fill(answers);
    return true;
  }

  // --- The ways out ---

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var selection = window.getSelection();
      var range = document.createRange();
      range.selectNodeContents(yamlElement);
      selection.removeAllRanges();
      selection.addRange(range);
      (document.execCommand("copy") ? resolve : reject)();
    });
  }

  function copyFile(done) {
    copyText(current.yaml).then(function () { actionStatus.textContent = done; },
                                function () { actionStatus.textContent = S.copyFailed; });
  }

  if (pullRequest) {
    pullRequest.addEventListener("click", function (event) {
      if (!current.yaml) { event.preventDefault(); return; }
      if (current.tooLong) copyFile(S.tooLong);
    });
  }
  copyButton.addEventListener("click", function () { copyFile(S.copied); });
  downloadButton.addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([current.yaml], { type: "application/yaml" }));
    link.download = current.slug + ".yml";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  });
  clearButton.addEventListener("click", function () {
    if (!window.confirm(S.clearConfirm)) return;
    try { window.localStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing was kept */ }
    form.reset();
    setRows("partners", 0);
    setRows("sources", 0);
    addRow("sources");
    touched = {};
    submitted = false;
    update();
    try { window.localStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing was kept */ }
    actionStatus.textContent = S.cleared;
  });

  // --- Events ---

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add]");
    if (add) {
      var row = addRow(add.getAttribute("data-add"));
      row.querySelector("input").focus();
      update();
      return;
    }
    var remove = event.target.closest("[data-remove]");
    if (remove) removeRow(remove.closest("li"));
  });
  form.addEventListener("focusout", function (event) {
    if (event.target.name) {
      touched[event.target.name] = true;
      update();
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "gcm_objectives[0]" && event.target.value) {
      var box = form.querySelector('input[name="gcm_objectives"][value="' + event.target.value + '"]');
      if (box) box.checked = true;
    }
    if (event.target.type === "checkbox" || event.target.tagName === "SELECT") touched[event.target.name] = true;
    update();
  });
  // The file and any message already shown follow the answers as they are typed.
  form.addEventListener("input", function () { update(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitted = true;
    update({ focus: true });
  });

  if (!restore()) addRow("sources");
  form.hidden = false;
  result.hidden = false;
  update();
})(window.CitiesPropose);
