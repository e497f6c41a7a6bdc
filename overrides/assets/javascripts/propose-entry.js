/* "Propose a practice": the entry that the answers make, by the rules of
 * generator/catalogue/scaffold.py (practice_from_answers). Its limits and
 * patterns (the blanks cut around an answer, the slug's words and length,
 * what a number looks like, the decimals of a coordinate) come from the page
 * (#propose-data, entryRule: scaffold.browser_rule); tests/test_form_rules.py
 * holds these functions to Python's on the same inputs. */
(function (P) {
  "use strict";

  P.makeEntry = function (data) {
    var rule = data.entryRule;
    var LANGS = data.languages;
    var slugWord = new RegExp(rule.slugWord, "g");
    var integer = new RegExp("^(?:" + rule.integer + ")$");
    var decimal = new RegExp("^(?:" + rule.decimal + ")$");

    // Python's str.strip(CLEANED_BLANKS): only those characters.
    function clean(text) {
      if (typeof text !== "string") return "";
      var start = 0, end = text.length;
      while (start < end && rule.cleanedBlanks.indexOf(text[start]) >= 0) start++;
      while (end > start && rule.cleanedBlanks.indexOf(text[end - 1]) >= 0) end--;
      return text.slice(start, end);
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

    // scaffold.read_number, or the text itself (which the schema then
    // reports as not a number). A decimal comma counts as a point.
    function readNumber(text, isInteger) {
      var written = clean(text).replace(/,/g, ".");
      if (!written) return undefined;
      return (isInteger ? integer : decimal).test(written) ? Number(written) : clean(text);
    }

    // Python's round(value, decimals), which rounds the float's exact value:
    // 0.00005 is a little more than its decimals say and goes up, 0.03125
    // is exactly halfway and goes to the even neighbour. toFixed works on the
    // exact value too, and 100 decimals hold all of a coordinate's.
    function round(value, decimals) {
      if (!isFinite(value) || Math.abs(value) >= 1e21) return value;
      var exact = Math.abs(value).toFixed(100);
      var cut = exact.indexOf(".") + 1 + decimals;
      if (!/^50*$/.test(exact.slice(cut))) return Number(value.toFixed(decimals));
      var kept = exact.slice(0, cut);
      var even = Number(kept.charAt(kept.length - 1)) % 2 === 0;
      var magnitude = even ? Number(kept) : Number((Number(kept) + Math.pow(10, -decimals)).toFixed(decimals));
      return value < 0 ? -magnitude : magnitude;
    }

    function slugify(text) {
      // As slugify in Python: accents go, punctuation and spaces of any script part words, other letters go.
      var folded = text.normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/[\p{P}\p{Z}\p{S}]/gu, " ")
        .replace(/[^\x00-\x7f]/g, "").toLowerCase();
      var slug = "";
      var words = folded.match(slugWord) || [];
      for (var i = 0; i < words.length; i++) {
        var candidate = slug ? slug + "-" + words[i] : words[i];
        if (candidate.length > rule.maxSlugLength) break;
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

    function coordinate(text) {
      var value = readNumber(text, false);
      return typeof value === "number" ? round(value, rule.coordinateDecimals) : value;
    }

    // The entry, and which row of the form each source and partner came from.
    function build(answers) {
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
      var lat = coordinate(answers["coordinates.lat"]);
      var lon = coordinate(answers["coordinates.lon"]);
      if (lat !== undefined) entry.coordinates.lat = lat;
      if (lon !== undefined) entry.coordinates.lon = lon;
      if (clean(answers.government_level)) entry.government_level = clean(answers.government_level);
      entry.period = {};
      var start = readNumber(answers["period.start"], true);
      var end = readNumber(answers["period.end"], true);
      // Left empty, the start year is not known: null, as publish new writes it.
      entry.period.start = start === undefined ? null : start;
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

    return { build: build, clean: clean, slugify: slugify, practiceSlug: practiceSlug, readNumber: readNumber, round: round };
  };
})(window.CitiesPropose = window.CitiesPropose || {});
