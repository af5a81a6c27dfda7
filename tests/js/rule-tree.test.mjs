// lib/model/rule-tree.js: the one walker of the compiled rule tree.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isGroup, leavesOf, nodesOf } from "../../overrides/assets/js/lib/model/rule-tree.js";

const tree = {
  type: "toutes",
  texte: "Remplir toutes ces conditions :",
  enfants: [
    { type: "critere", question: "age", texte: "a" },
    { type: "une_de", texte: "Remplir au moins une de ces conditions :", enfants: [{ type: "a_verifier", texte: "b" }, { type: "critere", question: "statut", texte: "c" }] },
    { type: "territoire", question: "region", texte: "d" },
  ],
};

test("nodesOf lists each group before its children, in document order", () => {
  assert.deepEqual(nodesOf(tree).map((node) => node.texte), [tree.texte, "a", tree.enfants[1].texte, "b", "c", "d"]);
});

test("leavesOf keeps the criteria, in order; a lone criterion is its own leaf", () => {
  assert.deepEqual(leavesOf(tree).map((node) => node.texte), ["a", "b", "c", "d"]);
  assert.deepEqual(leavesOf(tree.enfants[0]), [tree.enfants[0]]);
});

test("only toutes and une_de are groups", () => {
  assert.deepEqual(nodesOf(tree).map(isGroup), [true, false, true, false, false, false]);
});
