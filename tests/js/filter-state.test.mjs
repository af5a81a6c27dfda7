// lib/site/filter-state.js: the filters a partner fixes in an embedded list (?fixe=region,public).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fixedFilters, fixedSummary, groupOf, paramsOf, readQuery, withFixed, withoutFixed, writeQuery } from "../../overrides/assets/js/lib/site/filter-state.js";
import { fixedIds } from "../../overrides/assets/js/lib/embed.js";

const NBSP = "\u00a0";
const groups = ["public", "type", "region", "statut"];
const vocabulary = {
  facettes: {
    public: { jeunes: "Jeunes", etudiants: "Étudiants", salaries: "Salariés" },
    type: { garantie: "Garantie de loyer", pret: "Prêt" },
    region: { 93: "Provence-Alpes-Côte d'Azur", 84: "Auvergne-Rhône-Alpes" },
    statut: { en_cours: "En cours", termine: "Terminé" },
  },
  legendes: { public: "Pour qui", type: "Type d'aide", region: "Territoire", departement: "Département", commune: "Commune", statut: "Statut" },
  departements: { 83: ["Var", "93"], 69: ["Rhône", "84"] },
  statut_defaut: ["en_cours"],
  communes: "assets/communes/",
};

const read = (query) => readQuery(query, vocabulary, groups).state;

test("the département and the commune are chosen in the fieldset of « Territoire »", () => {
  assert.equal(groupOf("departement"), "region");
  assert.equal(groupOf("commune"), "region");
  assert.equal(groupOf("public"), "public");
  assert.deepEqual(paramsOf("region"), ["region", "departement", "commune"]);
  assert.deepEqual(paramsOf("type"), ["type"]);
});

test("only the fixed filters the link gives a value are fixed, in the form's order", () => {
  const query = "?public=jeunes&public=etudiants&region=93&departement=83&fixe=region,type,departement,public";
  const fixed = fixedFilters(read(query), fixedIds(query), groups);
  assert.deepEqual(fixed, { public: ["jeunes", "etudiants"], region: ["93"], departement: "83" });
  assert.deepEqual(fixedFilters(read("?public=jeunes"), fixedIds("?public=jeunes"), groups), {});
});

test("a status list is a value even when empty; the default status is not", () => {
  assert.deepEqual(fixedFilters(read("?statut=&fixe=statut"), new Set(["statut"]), groups), { statut: [] });
  assert.deepEqual(fixedFilters(read("?fixe=statut"), new Set(["statut"]), groups), {});
});

test("the reader cannot remove a fixed filter: it is put back over any other state", () => {
  const fixed = { region: ["93"], public: ["jeunes"] };
  const chosen = read("?type=pret&public=salaries");
  const state = withFixed(chosen, fixed);
  assert.deepEqual(state.public, ["jeunes"]);
  assert.deepEqual(state.region, ["93"]);
  assert.deepEqual(state.type, ["pret"]);
  assert.equal(writeQuery(state, groups), "?public=jeunes&type=pret&region=93");
  state.region.push("84"); // a copy: the fixed filters themselves never change
  assert.deepEqual(fixed.region, ["93"]);
  const cleared = withFixed(read(""), fixed);
  assert.equal(writeQuery(cleared, groups), "?public=jeunes&region=93");
});

test("the reader's own filters leave the fixed ones out (« filtres actifs »)", () => {
  const fixed = { region: ["93"], departement: "83" };
  const own = withoutFixed(read("?type=pret&region=93&departement=83"), fixed, groups);
  assert.deepEqual(own.region, []);
  assert.equal(own.departement, "");
  assert.deepEqual(own.type, ["pret"]);
});

test("what the list is limited to, in words: values of a group add up", () => {
  const fixed = { public: ["jeunes", "etudiants"], region: ["93"], departement: "83", commune: "83137" };
  assert.deepEqual(fixedSummary(fixed, vocabulary, "Toulon"), [
    ["Pour qui", "Jeunes ou Étudiants"],
    ["Territoire", "Provence-Alpes-Côte d'Azur"],
    ["Département", "Var (83)"],
    ["Commune", "Toulon"],
  ]);
  assert.deepEqual(fixedSummary({ commune: "83137" }, vocabulary), [["Commune", "commune 83137"]]);
  assert.deepEqual(fixedSummary({ statut: [] }, vocabulary), [["Statut", "tous les statuts"]]);
  assert.ok(!fixedSummary(fixed, vocabulary).flat().join("").includes(NBSP)); // the page adds the French punctuation
});
