/* "Propose a practice" (catalogue/propose/): the answers of the form become
 * the entry file, checked as they are typed.
 *
 * The page (generator/pages/propose.py) names each control by its field's
 * path as `publish check` names it and gives, in #propose-data, the practice
 * schema, `publish check`'s messages in the reader's language and the forge's
 * "new file" address. This script builds the entry from the answers by the
 * rules of generator/catalogue/scaffold.py (practice_from_answers), checks it
 * with Ajv against the same schema plus the few checks of checks.py that a
 * form can get wrong, and writes the YAML as `publish new` does; the tests
 * (tests/test_site_propose.py) hold both to the same file. Nothing leaves the
 * browser but through the link to the forge, when the reader follows it. */
(function () {
  "use strict";

  var dataElement = document.getElementById("propose-data");
  var form = document.getElementById("propose-form");
  var result = document.querySelector(".propose-result");
  if (!dataElement || !form || !result) return;
  var data = JSON.parse(dataElement.textContent);
  var M = data.messages;
  var S = data.strings;
  var LANGS = data.languages;
  // One record for every language of the site: a reader who switches
  // language keeps the answers.
  var STORAGE_KEY = "cities-migration-propose";
  var MAX_SLUG_LENGTH = 60; // scaffold.MAX_SLUG_LENGTH
  var Ajv = window.ajv2020 && (window.ajv2020.default || window.ajv2020);
  var validateSchema = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(data.schema);

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

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, key) { return String(values[key]); });
  }

  // The element id of a path, as the page's template makes it (fid).
  function fieldId(path) {
    return "field-" + path.replace(/\[/g, "-").replace(/\]\./g, "-").replace(/\]/g, "").replace(/\./g, "-");
  }

  // --- The answers, and the entry they make (scaffold.practice_from_answers) ---

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

  // Only these four blanks, as scaffold.clean_text.
  function clean(text) {
    return typeof text === "string" ? text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "") : "";
  }

  function texts(answers, field) {
    var found = {};
    LANGS.forEach(function (lang) {
      var text = clean(answers[field + "." + lang]);
      if (text) found[lang] = text;
    });
    return found;
  }

  function isEmpty(object) { return Object.keys(object).length === 0; }

  function choices(answers, name) {
    var ticked = answers[name] || [];
    return data.vocabularies[name].filter(function (value) { return ticked.indexOf(value) >= 0; });
  }

  // The filled rows of a list, with the number of the row each came from.
  function rows(answers, prefix, names) {
    var numbers = {};
    var pattern = new RegExp("^" + prefix + "\\[(\\d+)\\]\\.");
    Object.keys(answers).forEach(function (key) {
      var match = pattern.exec(key);
      if (match) numbers[match[1]] = Number(match[1]);
    });
    var found = [];
    Object.keys(numbers).map(function (key) { return numbers[key]; }).sort(function (a, b) { return a - b; })
      .forEach(function (number) {
        var row = {};
        var filled = false;
        names.forEach(function (name) {
          row[name] = clean(answers[prefix + "[" + number + "]." + name]);
          if (row[name]) filled = true;
        });
        if (filled) found.push({ row: row, number: number });
      });
    return found;
  }

  // A number as Python reads it, or the text itself (which the schema then
  // reports as not a number). A decimal comma counts as a point.
  function readNumber(text, integer) {
    var written = clean(text).replace(/,/g, ".");
    if (!written) return undefined;
    var pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    return pattern.test(written) ? Number(written) : clean(text);
  }

  // Python's round(x, 4), ties to even.
  function round4(value) {
    var scaled = value * 10000;
    if (Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
      var low = Math.floor(scaled);
      return (low % 2 === 0 ? low : low + 1) / 10000;
    }
    return Number(value.toFixed(4));
  }

  function slugify(text) {
    var folded = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var slug = "";
    var words = folded.match(/[a-z0-9]+/g) || [];
    for (var i = 0; i < words.length; i++) {
      var candidate = slug ? slug + "-" + words[i] : words[i];
      if (candidate.length > MAX_SLUG_LENGTH) break;
      slug = candidate;
    }
    return slug;
  }

  function practiceSlug(title, city) {
    var titleSlug = slugify(title);
    var citySlug = slugify(city);
    if (citySlug && titleSlug.indexOf(citySlug) < 0) return slugify(city + " " + title);
    return titleSlug;
  }

  function firstValue(object) {
    var keys = Object.keys(object);
    return keys.length ? object[keys[0]] : "";
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function buildEntry(answers) {
    var entry = {};
    var where = { sources: [], partners: [] };
    var title = texts(answers, "title");
    var summary = texts(answers, "summary");
    var description = texts(answers, "description");
    var results = texts(answers, "results");
    var written = texts(answers, "city");
    var city = {};
    if (!isEmpty(written)) {
      LANGS.forEach(function (lang) { city[lang] = written[lang] || firstValue(written); });
    }
    if (!isEmpty(title) && !isEmpty(city)) entry.slug = practiceSlug(firstValue(title), firstValue(city));
    if (!isEmpty(title)) entry.title = title;
    if (!isEmpty(summary)) entry.summary = summary;
    if (!isEmpty(description)) entry.description = description;
    else if (!isEmpty(summary)) entry.description = summary;
    if (!isEmpty(results)) entry.results = results;
    if (!isEmpty(city)) entry.city = city;
    if (clean(answers.country)) entry.country = clean(answers.country);
    entry.coordinates = {};
    var lat = readNumber(answers["coordinates.lat"], false);
    var lon = readNumber(answers["coordinates.lon"], false);
    if (lat !== undefined) entry.coordinates.lat = typeof lat === "number" ? round4(lat) : lat;
    if (lon !== undefined) entry.coordinates.lon = typeof lon === "number" ? round4(lon) : lon;
    if (clean(answers.government_level)) entry.government_level = clean(answers.government_level);
    entry.period = {};
    var start = readNumber(answers["period.start"], true);
    var end = readNumber(answers["period.end"], true);
    if (start !== undefined) entry.period.start = start;
    entry.period.end = end === undefined ? null : end;
    entry.themes = choices(answers, "themes");
    var main = clean(answers["gcm_objectives[0]"]);
    var objectives = (main ? [main] : []).concat(choices(answers, "gcm_objectives").filter(function (n) { return n !== main; }));
    entry.gcm_objectives = objectives.map(Number);
    entry.gcm_principles = choices(answers, "gcm_principles");
    entry.sdg_targets = choices(answers, "sdg_targets");
    entry.target_groups = choices(answers, "target_groups");
    entry.partners = rows(answers, "partners", LANGS).map(function (found) {
      var names = {};
      LANGS.forEach(function (lang) { if (found.row[lang]) names[lang] = found.row[lang]; });
      where.partners.push(found.number);
      var distinct = Object.keys(names).map(function (lang) { return names[lang]; })
        .filter(function (name, i, all) { return all.indexOf(name) === i; });
      return distinct.length === 1 ? distinct[0] : names;
    });
    entry.networks = choices(answers, "networks");
    entry.sources = rows(answers, "sources", ["title", "url", "language"]).map(function (found) {
      var source = {};
      ["title", "url", "language"].forEach(function (name) { if (found.row[name]) source[name] = found.row[name]; });
      where.sources.push(found.number);
      return source;
    });
    entry.review = { status: "submitted", date: today() };
    entry.last_updated = today();
    return { entry: entry, where: where };
  }

  // --- The checks, worded as publish check words them ---

  // 'sources.url' for 'sources[2].url': the schema's name of a field.
  function schemaPath(path) { return path.replace(/\[\d+\]/g, ""); }

  function described(path, keyword) {
    var key = schemaPath(path);
    while (key) {
      var text = data.described[key + "|" + keyword];
      if (text !== undefined) return text;
      if (keyword !== "description") return "";
      key = key.indexOf(".") >= 0 ? key.slice(0, key.lastIndexOf(".")) : "";
    }
    return "";
  }

  function quoted(text) {
    var shown = text.length <= 40 ? text : text.slice(0, 37) + "…";
    return "'" + shown + "'";
  }

  function describeValue(value) {
    if (typeof value === "string") return format(M.theText, { text: quoted(value) });
    return format(M.theNumber, { number: value });
  }

  // The form's path of a place in the entry: the row numbers of the form.
  function formPath(parts, where) {
    var path = "";
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (/^\d+$/.test(part)) {
        var list = parts[i - 1];
        path += "[" + (where[list] ? where[list][Number(part)] : part) + "]";
      } else {
        path += (path ? "." : "") + part;
      }
    }
    return path;
  }

  function join(parts) { return parts.filter(Boolean).join("; "); }

  function explain(error, where) {
    var parts = error.instancePath.split("/").slice(1).map(function (part) {
      return part.replace(/~1/g, "/").replace(/~0/g, "~");
    });
    var path = formPath(parts, where);
    var schema = error.parentSchema || {};
    switch (error.keyword) {
      case "required":
        // The slug is made from the title and the city: missing, it is the title that is.
        path = error.params.missingProperty === "slug" ? "title" : formPath(parts.concat([error.params.missingProperty]), where);
        return { path: path, message: M.isMissing, hint: described(path, "description") };
      case "type":
        var types = [].concat(error.params.type);
        var words = types.filter(function (t) { return t !== "null"; })
          .map(function (t) { return t === "integer" ? M.aWholeNumber : M.aNumber; }).join(" / ");
        return { path: path, message: format(M.expectedGot, { expected: words, value: describeValue(error.data) }),
                 hint: described(path, "description") };
      case "maxLength":
        return { path: path, message: format(M.tooLong, { length: Array.from(error.data).length, limit: error.params.limit }),
                 hint: M.tooLongHint };
      case "minItems":
        return { path: path, message: M.listEmpty, hint: described(path, "description") };
      case "minimum":
      case "maximum":
        return { path: path, message: format(M.outOfRange, { value: error.data }),
                 hint: join([format(M.rangeHint, { low: schema.minimum, high: schema.maximum }), described(path, "description")]) };
      case "pattern":
        if (parts[0] === "slug") path = "title"; // the slug is made from the title
        return { path: path, message: quoted(error.data) + " " + (described(path, "x-pattern-message") || M.notExpectedForm),
                 hint: described(path, "x-hint") || described(path, "description") };
      default:
        return { path: path, message: error.message, hint: "" };
    }
  }

  // checks.url_problem, for what a form lets through.
  function urlProblem(url) {
    if (/\s/.test(url)) return M.urlSpace;
    var match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\/?#]*)/.exec(url);
    if (!match || !/^https?$/i.test(match[1])) return M.urlScheme;
    var netloc = match[2];
    if (netloc.indexOf("@") >= 0) return M.urlUser;
    var host = netloc.replace(/:\d*$/, "");
    if (/^[\x00-\x7f]*$/.test(host) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$|^localhost$/i.test(host)) {
      return format(M.urlHost, { host: quoted(netloc) });
    }
    return "";
  }

  // text_rules.entry_text_findings: the characters no text may hold (pasted
  // controls, direction marks in a name), on their field, as publish check
  // words them. Positions count characters, as Python does, not UTF-16 units.
  var refusedCharacter = new RegExp(data.refusedCharacters, "gu");

  function describeCharacter(character) {
    var hex = character.codePointAt(0).toString(16).toUpperCase();
    while (hex.length < 4) hex = "0" + hex;
    var name = data.characterNames[hex];
    return "U+" + hex + (name ? " " + name : "");
  }

  function characterKind(code) {
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return "control";
    if (code >= 0xd800 && code <= 0xdfff) return "surrogate";
    if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return "noncharacter";
    return "bidi";
  }

  function textProblems(value, parts, where, problems) {
    if (Array.isArray(value)) {
      value.forEach(function (item, index) { textProblems(item, parts.concat([String(index)]), where, problems); });
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) { textProblems(value[key], parts.concat([key]), where, problems); });
    } else if (typeof value === "string") {
      var strict = parts.some(function (part) { return data.strictFields.indexOf(part) >= 0; });
      var firsts = {}, counts = {}, kinds = [], match;
      refusedCharacter.lastIndex = 0;
      while ((match = refusedCharacter.exec(value))) {
        var kind = characterKind(match[0].codePointAt(0));
        if (!(kind in counts)) {
          kinds.push(kind);
          counts[kind] = 0;
          firsts[kind] = { position: Array.from(value.slice(0, match.index)).length + 1, character: match[0] };
        }
        counts[kind] += 1;
      }
      kinds.forEach(function (kind) {
        var first = firsts[kind], more = counts[kind] - 1;
        if (kind === "bidi" && !strict) return;  // a warning for the reviewers, not a mistake
        var at = more ? format(M.andMore, { position: first.position, more: more }) : format(M.atCharacter, { position: first.position });
        var named = { character: describeCharacter(first.character), where: at,
                      escape: "\\u" + first.character.charCodeAt(0).toString(16) };
        var key = kind === "bidi" ? "bidiInName" : kind;
        problems.push({ path: formPath(parts, where), message: format(M[key], named), hint: M[key + "Hint"] });
      });
    }
  }

  function check(built) {
    var entry = built.entry;
    var problems = [];
    if (!validateSchema(entry)) {
      validateSchema.errors.forEach(function (error) {
        // oneOf and the like repeat what their branches said.
        if (["oneOf", "anyOf", "if"].indexOf(error.keyword) < 0) problems.push(explain(error, built.where));
      });
    }
    var period = entry.period;
    if (typeof period.start === "number" && typeof period.end === "number" && period.end < period.start) {
      problems.push({ path: "period.end", message: format(M.endsBeforeStart, { end: period.end, start: period.start }), hint: M.endsBeforeStartHint });
    }
    if (typeof period.start === "number" && period.start > new Date().getFullYear() + 1) {
      problems.push({ path: "period.start", message: format(M.startInFuture, { start: period.start }), hint: M.startInFutureHint });
    }
    entry.sources.forEach(function (source, index) {
      if (typeof source.url === "string" && /^[Hh][Tt][Tt][Pp][Ss]?:\/\//.test(source.url)) {
        var problem = urlProblem(source.url);
        if (problem) problems.push({ path: "sources[" + built.where.sources[index] + "].url", message: problem, hint: M.urlHint });
      }
    });
    // A claim names its source as "[source 2]", 1 being the first (checks.SOURCE_CITATION).
    ["description", "results"].forEach(function (field) {
      Object.keys(entry[field] || {}).forEach(function (lang) {
        var numbers = {};
        (entry[field][lang].match(/\[source (\d+)\]/g) || []).forEach(function (citation) { numbers[citation.slice(8, -1)] = true; });
        Object.keys(numbers).map(Number).sort(function (a, b) { return a - b; }).forEach(function (number) {
          if (number < 1 || number > entry.sources.length) {
            problems.push({ path: field + "." + lang, message: format(M.noSuchSource, { number: number, count: entry.sources.length }),
                            hint: M.sourceNumberHint });
          }
        });
      });
    });
    textProblems(entry, [], built.where, problems);
    if (entry.slug && data.listed.indexOf(entry.slug) >= 0) {
      problems.push({ path: "title", message: format(M.alreadyListed, { path: "practices/" + entry.slug + ".yml" }), hint: M.alreadyListedHint });
    }
    // The description is the summary's until written: one message, on the summary.
    var summaryMissing = problems.some(function (p) { return p.path === "summary"; });
    var seen = {};
    return problems.filter(function (problem) {
      if (summaryMissing && problem.path === "description") return false;
      if (seen[problem.path]) return false;
      seen[problem.path] = true;
      return true;
    });
  }

  function translationsToDo(entry) {
    var notes = [];
    ["title", "summary", "description", "results", "city"].forEach(function (field) {
      if (!entry[field]) return;
      LANGS.forEach(function (lang) {
        if (!(lang in entry[field])) notes.push(field + ": " + format(M.noTextYet, { language: data.languageNames[lang] }));
      });
    });
    return notes;
  }

  // --- The file, as publish new writes it (catalogue/templates/practice.yml.j2) ---

  // json.dumps(text, ensure_ascii=False): a double-quoted YAML scalar.
  function yamlString(text) { return JSON.stringify(text); }

  // Jinja's indent(4): the lines after the first, as Python's splitlines cuts them.
  function indent(text) {
    var lines = (text + "\n").split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
    lines.pop();
    var first = lines.shift();
    if (!lines.length) return first;
    return first + "\n" + lines.map(function (line) { return line ? "    " + line : line; }).join("\n");
  }

  // Python's repr of a float.
  function pythonFloat(value) {
    if (Object.is(value, -0)) return "-0.0";
    return Number.isInteger(value) ? value + ".0" : String(value);
  }

  function writeYaml(entry) {
    var lines = [];
    var texts = function (field, block) {
      lines.push(field + ":");
      Object.keys(entry[field]).forEach(function (lang) {
        if (block) lines.push("  " + lang + ": |", "    " + indent(entry[field][lang]));
        else lines.push("  " + lang + ": " + yamlString(entry[field][lang]));
      });
    };
    var list = function (values, write) { return "[" + values.map(write || String).join(", ") + "]"; };
    lines.push(
      data.schemaComment,
      "# A practice of the catalogue. Every text has a version per language of the site",
      "# (" + LANGS.join(", ") + "); the guide is CONTRIBUTING.md, the format generator/catalogue/practice.schema.json.",
      "# Check the file with: publish check practices/" + entry.slug + ".yml",
      "slug: " + entry.slug);
    texts("title");
    texts("summary");
    lines.push("# Expand the description: the context, what the city does and how (Markdown).");
    texts("description", true);
    if (entry.results) texts("results", true);
    texts("city");
    lines.push(
      "country: " + entry.country,
      "coordinates: {lat: " + pythonFloat(entry.coordinates.lat) + ", lon: " + pythonFloat(entry.coordinates.lon) + "}",
      "government_level: " + entry.government_level,
      "period: {start: " + entry.period.start + ", end: " + (entry.period.end === null ? "null" : entry.period.end) + "}",
      "themes: " + list(entry.themes),
      "gcm_objectives: " + list(entry.gcm_objectives),
      "gcm_principles: " + list(entry.gcm_principles),
      "sdg_targets: " + list(entry.sdg_targets, yamlString),
      "target_groups: " + list(entry.target_groups));
    if (entry.partners.length) {
      lines.push("partners:");
      entry.partners.forEach(function (partner) {
        lines.push("  - " + (typeof partner === "string" ? yamlString(partner) : "{" + Object.keys(partner).map(function (lang) {
          return lang + ": " + yamlString(partner[lang]);
        }).join(", ") + "}"));
      });
    } else {
      lines.push("partners: []");
    }
    lines.push("networks: " + list(entry.networks), "sources:");
    entry.sources.forEach(function (source) {
      lines.push("  - title: " + yamlString(source.title), "    url: " + yamlString(source.url));
      if (source.language) lines.push("    language: " + source.language);
    });
    lines.push("review:", "  status: submitted", "  date: " + entry.review.date, "last_updated: " + entry.last_updated);
    return lines.join("\n") + "\n";
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
    var built = buildEntry(answers);
    var problems = check(built);
    var shown = showProblems(problems);
    todoElement.textContent = "";
    if (problems.length) {
      current = { yaml: "", slug: "", tooLong: false };
      yamlElement.textContent = "";
      statusElement.textContent = shown.length ? format(S.problems, { count: problems.length }) : "";
      setActions(false);
    } else {
      current = { yaml: writeYaml(built.entry), slug: built.entry.slug, tooLong: false };
      yamlElement.textContent = current.yaml;
      statusElement.textContent = format(S.ready, { path: "practices/" + current.slug + ".yml" });
      var notes = translationsToDo(built.entry);
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
})();
