/* charterkit's formats for Decap CMS: each data file is read and written in the canonical form
 * `charterkit fmt` gives it (generator/fmt.py), so a change made in the editor shows in the pull
 * request as the lines that changed and nothing else. The two are kept alike by a test that runs
 * both over every data file (tests/test_editor.py).
 *
 * The shapes (which keys a mapping holds, in what order, and what kind of value each key takes)
 * come from the models, published beside this script as shapes.json.
 *
 * In the browser this registers one format per kind of file ("charterkit-measure", ...) and starts
 * Decap; under Node it only exports the functions, for the test.
 */
(function (root) {
  "use strict";

  var ASCII_SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
  var NUMBER = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var TRUE = ["true", "yes", "on", "y", "t", "1"];
  var FALSE = ["false", "no", "off", "n", "f", "0"];
  var SPECIAL_WORDS = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"];
  var MARKER_LINE = /^[ \t]*(---|\.\.\.)[ \t]*$/m;

  /** A scalar written as it is: a date. */
  function Plain(text) {
    this.text = text;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Plain);
  }

  function isEmpty(value) {
    return (
      value === null ||
      value === undefined ||
      value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (isObject(value) && Object.keys(value).length === 0)
    );
  }

  function make(jsyaml, shapes) {
    var SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [jsyaml.types.null] });

    function resolve(shape) {
      while (shape.k === "ref") shape = shapes.defs[shape.r];
      return shape;
    }

    /** The value in canonical form for its shape; `forFile` keeps dates as Plain for writing. */
    function normalise(shape, value, forFile) {
      shape = resolve(shape);
      var kind = shape.k;
      if (value instanceof Date) value = value.toISOString().slice(0, 10);
      if (isObject(value)) {
        if (kind === "either") {
          shape = resolve(shape.o);
          kind = "obj";
        }
        var result = {};
        if (kind === "obj") {
          shape.f.forEach(function (field) {
            var key = field[0];
            if (!Object.prototype.hasOwnProperty.call(value, key)) return;
            var child = normalise(field[1], value[key], forFile);
            if (field[2] || !isEmpty(child)) result[key] = child;
          });
          Object.keys(value).forEach(function (key) {
            if (!shape.f.some(function (field) { return field[0] === key; })) {
              result[key] = normalise({ k: "any" }, value[key], forFile);
            }
          });
        } else {
          var inner = kind === "map" ? shape.v : { k: "any" };
          Object.keys(value).forEach(function (key) {
            result[key] = normalise(inner, value[key], forFile);
          });
        }
        return result;
      }
      if (Array.isArray(value)) {
        var item = kind === "list" ? shape.i : { k: "any" };
        return value.map(function (child) { return normalise(item, child, forFile); });
      }
      if (value === null || value === undefined) return null;
      return scalar(kind, value, forFile);
    }

    function scalar(kind, value, forFile) {
      if (typeof value === "number") {
        if ((kind === "num" || kind === "amount") && Number.isFinite(value)) return value;
        value = String(value);
      }
      if (typeof value === "boolean") {
        if (kind === "bool") return value;
        value = value ? "true" : "false";
      }
      if (value instanceof Plain) value = value.text;
      value = String(value);
      if (kind === "any") return value;
      var stripped = value.replace(ASCII_SPACE, "");
      if ((kind === "num" || kind === "amount") && NUMBER.test(stripped)) {
        var number = Number(stripped);
        if (Number.isFinite(number)) return number;
      }
      var lower = stripped.toLowerCase();
      if (kind === "bool" && (TRUE.indexOf(lower) >= 0 || FALSE.indexOf(lower) >= 0)) {
        return TRUE.indexOf(lower) >= 0;
      }
      if (kind === "date" && DATE.test(stripped)) return forFile ? new Plain(stripped) : stripped;
      return stripped;
    }

    function read(kind, text) {
      var data = jsyaml.load(text, { schema: SCHEMA });
      return normalise(shapes.kinds[kind], isObject(data) ? data : {}, false);
    }

    function write(kind, data) {
      return emitDocument(normalise(shapes.kinds[kind], data, true));
    }

    function readPost(content) {
      var lines = content.replace(/\r\n/g, "\n").split("\n");
      if (lines[0].trim() !== "---") return { body: content };
      for (var index = 1; index < lines.length; index++) {
        if (lines[index].trim() === "---") {
          var data = read("update", lines.slice(1, index).join("\n"));
          data.body = lines.slice(index + 1).join("\n");
          return data;
        }
      }
      return { body: content };
    }

    function writePost(data) {
      var meta = {};
      Object.keys(data).forEach(function (key) {
        if (key !== "body") meta[key] = data[key];
      });
      return "---\n" + write("update", meta) + "---\n" + canonicalBody(data.body || "");
    }

    function formatter(kind) {
      if (kind === "update") return { fromFile: readPost, toFile: writePost };
      return {
        fromFile: function (content) { return read(kind, content); },
        toFile: function (data) { return write(kind, data); },
      };
    }

    return { normalise: normalise, read: read, write: write, readPost: readPost, writePost: writePost, formatter: formatter };
  }

  function canonicalBody(body) {
    body = String(body).replace(/\r\n/g, "\n").replace(/^(?:[ \t]*\n)+/, "").replace(/[ \t\n\r\f\v]+$/, "");
    return body ? body + "\n" : "";
  }

  // ------------------------------------------------------------------------------------------
  // Writing (as generator/fmt.py writes, without comments)

  function printable(code) {
    return (
      ((code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
        code >= 0x10000) &&
      code !== 0x2028 &&
      code !== 0x2029
    );
  }

  function codePoints(text) {
    var points = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        var low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          points.push((code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
          i++;
          continue;
        }
      }
      points.push(code);
    }
    return points;
  }

  function plainOk(text) {
    if (!text || text.charAt(text.length - 1) === " " || SPECIAL_WORDS.indexOf(text.toLowerCase()) >= 0) {
      return false;
    }
    var points = codePoints(text);
    var first = points[0];
    if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first >= 0xa0)) return false;
    if (text.indexOf(": ") >= 0 || text.indexOf(" #") >= 0 || text.charAt(text.length - 1) === ":") return false;
    return points.every(printable);
  }

  var ESCAPES = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r" };

  function hex(code, width) {
    var text = code.toString(16).toUpperCase();
    while (text.length < width) text = "0" + text;
    return text;
  }

  function quoted(text) {
    var out = '"';
    codePoints(text).forEach(function (code) {
      var c = String.fromCodePoint(code);
      if (Object.prototype.hasOwnProperty.call(ESCAPES, c)) out += ESCAPES[c];
      else if (printable(code)) out += c;
      else if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    });
    return out + '"';
  }

  function literalOk(text) {
    if (/\n\n$/.test(text) || /^[\n \t]/.test(text) || text.indexOf("\r") >= 0) return false;
    if (MARKER_LINE.test(text)) return false;
    return (
      codePoints(text).every(function (code) { return printable(code) || code === 0x0a || code === 0x09; }) &&
      text.indexOf("\n\t") < 0
    );
  }

  function scalarLines(value, indent) {
    if (value === null || value === undefined) return [""];
    if (value === true || value === false) return [value ? "true" : "false"];
    if (typeof value === "number") return [String(value)];
    if (value instanceof Plain) return [value.text];
    var text = String(value);
    if (text.indexOf("\n") >= 0 && literalOk(text)) {
      var ends = /\n$/.test(text);
      var body = ends ? text.slice(0, -1) : text;
      var pad = new Array(indent + 1).join(" ");
      return [ends ? "|" : "|-"].concat(
        body.split("\n").map(function (line) { return line ? pad + line : ""; })
      );
    }
    return [plainOk(text) ? text : quoted(text)];
  }

  function flowOk(items) {
    return items.every(function (value) {
      if (value === true || value === false || typeof value === "number" || value instanceof Plain) return true;
      return typeof value === "string" && plainOk(value) && !/[,\[\]{}#]/.test(value);
    });
  }

  function keyText(key) {
    return plainOk(key) ? key : quoted(key);
  }

  function spaces(count) {
    return new Array(count + 1).join(" ");
  }

  function emitMap(entries, indent, lines, first) {
    Object.keys(entries).forEach(function (key) {
      var head = first !== null ? first : spaces(indent);
      first = null;
      emitValue(head + keyText(key) + ":", entries[key], indent, lines);
    });
    if (first !== null) lines.push(first + "{}");
  }

  function emitList(items, indent, lines, first) {
    items.forEach(function (value) {
      var head = first !== null ? first : spaces(indent);
      first = null;
      if (isObject(value) && Object.keys(value).length) emitMap(value, indent + 2, lines, head + "- ");
      else if (Array.isArray(value) && value.length) emitList(value, indent + 2, lines, head + "- ");
      else emitValue(head + "-", value, indent, lines);
    });
  }

  function emitValue(head, value, indent, lines) {
    if (isObject(value)) {
      if (!Object.keys(value).length) {
        lines.push(head + " {}");
        return;
      }
      lines.push(head);
      emitMap(value, indent + 2, lines, null);
    } else if (Array.isArray(value)) {
      if (!value.length || flowOk(value)) {
        lines.push(head + " [" + value.map(function (item) { return scalarLines(item, 0)[0]; }).join(", ") + "]");
        return;
      }
      lines.push(head);
      emitList(value, indent + 2, lines, null);
    } else {
      var text = scalarLines(value, indent + 2);
      lines.push(text[0] ? head + " " + text[0] : head);
      for (var i = 1; i < text.length; i++) lines.push(text[i]);
    }
  }

  function emitDocument(data) {
    var lines = [];
    emitMap(data, 0, lines, null);
    return lines.join("\n") + "\n";
  }

  var api = { make: make, emitDocument: emitDocument, canonicalBody: canonicalBody, Plain: Plain };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  root.CharterkitEditor = api;

  // ------------------------------------------------------------------------------------------
  // In the browser: register a format per kind, then start Decap with config.yml.

  function fail(message) {
    var box = document.createElement("p");
    box.setAttribute("role", "alert");
    box.textContent = message;
    document.body.appendChild(box);
  }

  fetch("shapes.json")
    .then(function (response) {
      if (!response.ok) throw new Error("shapes.json: " + response.status);
      return response.json();
    })
    .then(function (shapes) {
      var formats = make(root.jsyaml, shapes);
      Object.keys(shapes.kinds).forEach(function (kind) {
        root.CMS.registerCustomFormat("charterkit-" + kind, kind === "update" ? "md" : "yml", formats.formatter(kind));
      });
      root.CMS.init();
    })
    .catch(function (error) {
      fail("The editor could not start: " + error.message + ". Reload the page; if it happens again, tell your web team.");
    });
})(typeof window !== "undefined" ? window : globalThis);
