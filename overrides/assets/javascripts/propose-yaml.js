/* "Propose a practice": the entry as the file `publish new` writes
 * (generator/catalogue/templates/practice.yml.j2), and the file read back.
 *
 * Each value is written by the rule of generator/catalogue/yaml_text.py,
 * whose ranges and escapes come from the page (#propose-data,
 * entryRule.yaml): a text goes into a block literal only when it reads back
 * as itself from one, else into a double-quoted scalar with every character
 * YAML 1.1 would not read back as itself escaped (\L for U+2028…). Before the
 * page calls the file ready, it reads it back with yaml-js (a port of PyYAML,
 * which reads YAML 1.1 as `publish check` does) and compares it with the
 * entry it checked. tests/test_form_file_reads_back.py holds the file to
 * PyYAML's reading and to `publish new`'s file. */
(function (P) {
  "use strict";

  P.makeYaml = function (data) {
    var layout = data.entryRule;
    var rule = layout.yaml;
    var escaped = new RegExp(rule.escaped, "gu");
    var blockUnsafe = new RegExp(rule.blockUnsafe, "u");
    var plainName = new RegExp("^(?:" + rule.plainName + ")$", rule.plainNameFlags);
    var indentation = new Array(layout.blockIndent + 1).join(" ");

    function hex(code, digits) {
      var text = code.toString(16).toUpperCase();
      while (text.length < digits) text = "0" + text;
      return text;
    }

    // yaml_text.quoted
    function quoted(text) {
      return '"' + text.replace(escaped, function (character) {
        if (Object.prototype.hasOwnProperty.call(rule.shortEscapes, character)) return rule.shortEscapes[character];
        return "\\u" + hex(character.codePointAt(0), 4);
      }) + '"';
    }

    // yaml_text.fits_a_block
    function fitsABlock(text) {
      return text.length > 0 && rule.blockCannotStart.indexOf(text[0]) < 0
        && rule.blockCannotEnd.indexOf(text[text.length - 1]) < 0 && !blockUnsafe.test(text);
    }

    // yaml_text.block, indented as the file's texts are (scaffold.BLOCK_INDENT)
    function block(text) {
      if (!fitsABlock(text)) return quoted(text);
      return "|-\n" + text.split("\n").map(function (line) { return line ? indentation + line : line; }).join("\n");
    }

    // yaml_text.name
    function name(value) { return plainName.test(value) ? value : quoted(value); }

    // Python's repr of a float.
    function pythonFloat(value) {
      if (Object.is(value, -0)) return "-0.0";
      return Number.isInteger(value) ? value + ".0" : String(value);
    }

    function list(values, write) { return "[" + values.map(write || String).join(", ") + "]"; }

    function write(entry) {
      var lines = [];
      var texts = function (field, writeText) {
        lines.push(field + ":");
        Object.keys(entry[field]).forEach(function (lang) { lines.push("  " + lang + ": " + writeText(entry[field][lang])); });
      };
      var path = "practices/" + entry.slug + ".yml";
      lines.push(data.schemaComment, P.format(layout.fileHeader, { languages: data.languages.join(", "), path: path }),
                 "slug: " + name(entry.slug));
      texts("title", quoted);
      texts("summary", quoted);
      lines.push(layout.descriptionComment);
      texts("description", block);
      if (entry.results) texts("results", block);
      texts("city", quoted);
      lines.push(
        "country: " + name(entry.country),
        "coordinates: {lat: " + pythonFloat(entry.coordinates.lat) + ", lon: " + pythonFloat(entry.coordinates.lon) + "}",
        "government_level: " + name(entry.government_level),
        "period: {start: " + (entry.period.start === null ? "null" : entry.period.start) + ", end: " + (entry.period.end === null ? "null" : entry.period.end) + "}",
        "themes: " + list(entry.themes, name),
        "gcm_objectives: " + list(entry.gcm_objectives),
        "gcm_principles: " + list(entry.gcm_principles, name),
        "sdg_targets: " + list(entry.sdg_targets, quoted),
        "target_groups: " + list(entry.target_groups, name));
      if (entry.partners.length) {
        lines.push("partners:");
        entry.partners.forEach(function (partner) {
          lines.push("  - " + (typeof partner === "string" ? quoted(partner) : "{" + Object.keys(partner).map(function (lang) {
            return lang + ": " + quoted(partner[lang]);
          }).join(", ") + "}"));
        });
      } else {
        lines.push("partners: []");
      }
      lines.push("networks: " + list(entry.networks, name), "sources:");
      entry.sources.forEach(function (source) {
        lines.push("  - title: " + quoted(source.title), "    url: " + quoted(source.url));
        if (source.language) lines.push("    language: " + name(source.language));
      });
      lines.push("review:", "  status: submitted", "  date: " + entry.review.date, "last_updated: " + entry.last_updated);
      return lines.join("\n") + "\n";
    }

    // YAML 1.1 reads 2026-11-26 as a date; the entry holds it as text, as `publish check` does.
    function asText(value) { return value instanceof Date ? value.toISOString().slice(0, 10) : value; }

    // Where ``found`` first differs from ``expected``: the path of the value
    // and the character (counted as Python counts) where they part; null if nowhere.
    function firstDifference(expected, found, parts) {
      var here = { parts: parts, position: 1 };
      if (Array.isArray(expected)) {
        if (!Array.isArray(found)) return here;
        for (var i = 0; i < Math.max(expected.length, found.length); i++) {
          var inItem = firstDifference(expected[i], found[i], parts.concat([String(i)]));
          if (inItem) return inItem;
        }
        return null;
      }
      if (expected && typeof expected === "object") {
        if (!found || typeof found !== "object" || Array.isArray(found) || found instanceof Date) return here;
        var keys = Object.keys(expected).concat(Object.keys(found).filter(function (key) { return !(key in expected); }));
        for (var k = 0; k < keys.length; k++) {
          var inKey = firstDifference(expected[keys[k]], found[keys[k]], parts.concat([keys[k]]));
          if (inKey) return inKey;
        }
        return null;
      }
      found = asText(found);
      if (typeof expected === "string" && typeof found === "string") {
        var a = Array.from(expected), b = Array.from(found);
        for (var c = 0; c < Math.max(a.length, b.length); c++) {
          if (a[c] !== b[c]) return { parts: parts, position: c + 1 };
        }
        return null;
      }
      return expected === found ? null : here;
    }

    // The file read back as `publish check` reads it, against the entry.
    function difference(text, entry) {
      var read;
      try {
        read = window.yaml.load(text);
      } catch (error) {
        return { parts: [], position: 1, error: String(error && error.message || error).split("\n")[0] };
      }
      return firstDifference(entry, read, []);
    }

    return { write: write, quoted: quoted, block: block, name: name, difference: difference };
  };
})(window.CitiesPropose = window.CitiesPropose || {});
