// Writes each file given on standard input the way the browser editor saves it: read with the
// editor's format, written back unchanged. Input: {"shapes": ..., "files": [{"kind", "text"}]};
// output: the texts, in order, as a JSON list. Used by tests/test_editor.py.
"use strict";
const path = require("path");
const root = path.resolve(__dirname, "..", "..", "generator", "editor");
const pinned = require(path.join(root, "vendor", "PINNED.json"));
const jsyaml = require(path.join(root, "vendor", `js-yaml-${pinned["js-yaml"].version}`, "js-yaml.min.js"));
const editor = require(path.join(root, "charterkit-editor.js"));

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { shapes, files } = JSON.parse(input);
  const formats = editor.make(jsyaml, shapes);
  const out = files.map(({ kind, text }) => {
    const format = formats.formatter(kind);
    try {
      return format.toFile(format.fromFile(text));
    } catch (error) {
      return "ERROR: " + error.message;
    }
  });
  process.stdout.write(JSON.stringify(out));
});
