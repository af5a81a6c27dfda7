// lib/embed.js: fixed answers, the height message, the partners' links and embed snippet.
import assert from "node:assert/strict";
import { test } from "node:test";
import { embedSnippet, fixedIds, heightMessage, keepFixed, MESSAGE_TYPE, partnerLinks, withFixedParam } from "../../overrides/assets/js/lib/embed.js";

const patterns = {
  aide: "aides/{id}/",
  integrer_aide: "integrer/aides/{id}/",
  catalogue: "aides/",
  integrer_catalogue: "integrer/aides/",
  questionnaire: "eligibilite/",
  integrer_questionnaire: "integrer/eligibilite/",
};
const base = new URL("https://exemple.fr/site/");
const urls = {
  url: (kind, id) => new URL(patterns[kind].replace("{id}", encodeURIComponent(id)), base).href,
  file: (path) => new URL(path, base).href,
  path: (name) => patterns[name],
};

test("fixed answers come from ?fixe=, comma-separated or repeated", () => {
  assert.deepEqual([...fixedIds("?fixe=profil,age&fixe=departement")], ["profil", "age", "departement"]);
  assert.deepEqual([...fixedIds("?public=jeunes")], []);
});

test("keepFixed puts back only the fixed answers that were given", () => {
  assert.deepEqual(keepFixed({}, { profil: "particulier", age: 25 }, new Set(["profil", "statut"])), { profil: "particulier" });
  assert.deepEqual(keepFixed({ age: 30 }, {}, new Set(["profil"])), { age: 30 });
});

test("the height message holds the height and nothing else", () => {
  assert.deepEqual(heightMessage(812.2), { type: MESSAGE_TYPE, hauteur: 813 });
});

test("partner links: aid with section, answers over section, list, questionnaire with fixed answers", () => {
  const aid = { cible: "aide", aide: "visale", section: "montant", query: "", fragment: "", fixe: [] };
  assert.deepEqual(partnerLinks(aid, urls), {
    lien: "https://exemple.fr/site/aides/visale/#montant",
    integre: "https://exemple.fr/site/integrer/aides/visale/",
  });
  const answered = { ...aid, fragment: "age=25", fixe: ["age", "profil"] };
  assert.deepEqual(partnerLinks(answered, urls), {
    lien: "https://exemple.fr/site/aides/visale/#age=25",
    integre: "https://exemple.fr/site/integrer/aides/visale/?fixe=age#age=25",
  });
  const list = { cible: "catalogue", query: "?public=jeunes&departement=69", fragment: "", fixe: [] };
  assert.equal(partnerLinks(list, urls).integre, "https://exemple.fr/site/integrer/aides/?public=jeunes&departement=69");
  const questionnaire = { cible: "questionnaire", fragment: "profil=particulier&age=25", fixe: ["profil"] };
  assert.deepEqual(partnerLinks(questionnaire, urls), {
    lien: "https://exemple.fr/site/eligibilite/#profil=particulier&age=25",
    integre: "https://exemple.fr/site/integrer/eligibilite/?fixe=profil#profil=particulier&age=25",
  });
});

test("an embedded list fixes the filters of its query the partner chose, and only those the link gives", () => {
  const list = { cible: "catalogue", query: "?public=jeunes&region=93", fragment: "", fixe: ["public", "region", "type"] };
  assert.deepEqual(partnerLinks(list, urls), {
    lien: "https://exemple.fr/site/aides/?public=jeunes&region=93",
    integre: "https://exemple.fr/site/integrer/aides/?public=jeunes&region=93&fixe=public,region",
  });
  assert.equal(partnerLinks({ ...list, query: "" }, urls).integre, "https://exemple.fr/site/integrer/aides/");
  assert.equal(withFixedParam("", ["region"]), "?fixe=region");
  assert.equal(withFixedParam("?statut=", []), "?statut=");
});

test("the embed snippet escapes its attributes and titles the frame", () => {
  const code = embedSnippet('https://e.fr/a?x=1&y="2"', "Titre <b>", "https://e.fr/assets/js/integrer.js");
  assert.match(code, /src="https:\/\/e\.fr\/a\?x=1&amp;y=&quot;2&quot;" title="Titre &lt;b&gt;"/);
  assert.match(code, /<script src="https:\/\/e\.fr\/assets\/js\/integrer\.js" defer><\/script>$/);
});
