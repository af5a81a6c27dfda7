// Runs the shared vectors (tests/vectors/communes.json) through lib/model/place-names.js on the committed files of
// referentiel/territoires/recherche/; tests/test_territoires.py runs the same vectors through the Python twins
// (hooks/aides/model/place_names.py, tests/commune_search.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { createLookup, lookup, nameKeys, normalise } from "../../overrides/assets/js/lib/model/place-names.js";

const vectors = JSON.parse(readFileSync(new URL("../vectors/communes.json", import.meta.url), "utf8"));
const folder = new URL("../../referentiel/territoires/recherche/", import.meta.url);
const fetched = [];
const fetchJson = (path) => {
  fetched.push(path);
  return JSON.parse(readFileSync(new URL(path, folder), "utf8"));
};
const find = createLookup({ fetchJson });

describe("normalise", () => {
  for (const { texte, attendu } of vectors.normalisation) {
    test(JSON.stringify(texte), () => assert.equal(normalise(texte), attendu));
  }
});

describe("nameKeys", () => {
  for (const { nom, attendu } of vectors.cles) {
    test(nom, () => assert.deepEqual(nameKeys(nom), attendu));
  }
});

describe("lookup", () => {
  test("there are enough vectors, with unique names", () => {
    assert.ok(vectors.recherches.length >= 25);
    assert.equal(new Set(vectors.recherches.map((vector) => vector.nom)).size, vectors.recherches.length);
  });
  for (const vector of vectors.recherches) {
    test(vector.nom, async () => {
      const { resultats, incomplet } = await find(vector.texte);
      const codes = resultats.map((result) => result.code);
      assert.equal(incomplet, Boolean(vector.incomplet));
      if ("premier" in vector) assert.deepEqual(resultats[0], vector.premier);
      if ("codes" in vector) assert.deepEqual(codes, vector.codes);
      if ("nombre" in vector) assert.equal(resultats.length, vector.nombre);
      for (const code of vector.contient ?? []) assert.ok(codes.includes(code), `${code} absent de ${codes}`);
    });
  }
});

describe("downloads", () => {
  test("nothing before the first lookup, then index.json once and one file per lookup", async () => {
    fetched.length = 0;
    const fresh = createLookup({ fetchJson });
    assert.deepEqual(fetched, []);
    await fresh("83000");
    assert.deepEqual(fetched, ["index.json", "cp/83.json"]);
    await fresh("83200");
    await fresh("toulon");
    assert.equal(fetched.length, 3);
    assert.ok(fetched[2].startsWith("noms/"));
  });

  test("a base URL is joined to relative paths, and a failed download is retried next time", async () => {
    const calls = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (url) => {
      calls.push(url);
      if (calls.length === 1) return { ok: false, status: 503 };
      return { ok: true, json: async () => fetchJson(url.replace("https://exemple.fr/territoires/", "")) };
    };
    try {
      await assert.rejects(lookup("13001", { base: "https://exemple.fr/territoires" }));
      const { resultats } = await lookup("13001", { base: "https://exemple.fr/territoires" });
      assert.deepEqual(resultats.map((result) => result.code), ["13055"]);
      assert.equal(calls[0], "https://exemple.fr/territoires/index.json");
    } finally {
      globalThis.fetch = original;
    }
  });

  test("the limit applies to names, not to a postcode", async () => {
    assert.equal((await find("saint denis", { limit: 3 })).resultats.length, 3);
    assert.equal((await find("01400", { limit: 3 })).resultats.length, 10);
  });
});

describe("prefetch", () => {
  /** A lookup over the committed files that records what it is asked for. */
  function recording() {
    const asked = [];
    const find = createLookup({
      fetchJson: (path) => {
        asked.push(path);
        return fetchJson(path);
      },
    });
    return { asked, find };
  }

  test("nothing is fetched before it is called, and an empty or too short text fetches index.json only", async () => {
    const { asked, find } = recording();
    assert.deepEqual(asked, []);
    await find.prefetch("");
    assert.deepEqual(asked, ["index.json"]);
    for (const text of ["8", "t", " ", "é"]) await find.prefetch(text);
    assert.deepEqual(asked, ["index.json"]);
  });

  test("two digits fetch their postcode file, once, and the search then reads nothing more", async () => {
    const { asked, find } = recording();
    for (const text of ["8", "83", "830", "8300", "83000"]) await find.prefetch(text);
    assert.deepEqual(asked, ["index.json", "cp/83.json"]);
    const { resultats } = await find("83000");
    assert.deepEqual(resultats.map((result) => result.nom), ["Toulon"]);
    assert.deepEqual(asked, ["index.json", "cp/83.json"]);
  });

  test("a name fetches the file of its key as soon as the index gives one, the same the search reads", async () => {
    const { asked, find } = recording();
    for (const text of ["T", "To", "Tou", "Toul", "Toulo", "Toulon"]) await find.prefetch(text);
    assert.equal(asked.length, 2);
    assert.match(asked[1], /^noms\/to[a-z]*\.json$/);
    await find("Toulon");
    assert.equal(asked.length, 2);
  });

  test("no file when none can hold a match, nor for names shorter than every key (only their exact match)", async () => {
    const { asked, find } = recording();
    // "lo" has only the file of the names equal to it: typing "Lourdes" does not need it.
    for (const text of ["99", "99000", "123456", "lo", "bz"]) await find.prefetch(text);
    assert.deepEqual(asked, ["index.json"]);
    await find("lo"); // Entrée on "lo" itself reads it
    assert.deepEqual(asked, ["index.json", "noms/lo-.json"]);
  });

  test("a postcode searched at once asks its file beside the index, not after it", async () => {
    const asked = [];
    let releaseIndex;
    const indexHeld = new Promise((resolve) => (releaseIndex = resolve));
    const find = createLookup({
      fetchJson: async (path) => {
        asked.push(path);
        if (path === "index.json") await indexHeld;
        return fetchJson(path);
      },
    });
    const pending = find("83000");
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(asked, ["index.json", "cp/83.json"]); // both asked while the index is on its way
    releaseIndex();
    assert.deepEqual((await pending).resultats.map((result) => result.nom), ["Toulon"]);
    assert.equal(asked.length, 2);
  });

  test("a failed download is swallowed, forgotten, and fetched again by the search", async () => {
    const asked = [];
    let failures = 2;
    const find = createLookup({
      fetchJson: async (path) => {
        asked.push(path);
        if (failures-- > 0) throw new Error(`${path} : 503`);
        return fetchJson(path);
      },
    });
    assert.equal(await find.prefetch("83"), undefined); // index.json fails: no rejection
    assert.equal(await find.prefetch("83"), undefined); // again
    assert.deepEqual(asked, ["index.json", "index.json"]);
    const { resultats } = await find("83000");
    assert.deepEqual(resultats.map((result) => result.code), ["83137"]);
    assert.deepEqual(asked, ["index.json", "index.json", "index.json", "cp/83.json"]);
  });

  test("a failure thrown at once by fetchJson is swallowed too", async () => {
    const find = createLookup({
      fetchJson: () => {
        throw new Error("hors ligne");
      },
    });
    await find.prefetch("");
    await assert.rejects(find("83000"), /hors ligne/);
  });

  test("a shard that fails is fetched again by the search", async () => {
    const asked = [];
    const find = createLookup({
      fetchJson: async (path) => {
        asked.push(path);
        if (path.startsWith("cp/") && asked.filter((p) => p === path).length === 1) throw new Error("503");
        return fetchJson(path);
      },
    });
    await find.prefetch("830");
    const { resultats } = await find("83000");
    assert.equal(resultats[0].code, "83137");
    assert.deepEqual(asked, ["index.json", "cp/83.json", "cp/83.json"]);
  });
});
