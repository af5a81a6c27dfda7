// lib/model/formatting.js's French counts: the same digits as toLocaleString("fr-FR"), without its locale data.
import assert from "node:assert/strict";
import { test } from "node:test";

import { plural } from "../../overrides/assets/js/lib/model/formatting.js";

test("plural writes counts as toLocaleString('fr-FR') does, singular up to 1", () => {
  for (const count of [0, 1, 2, 7, 999, 1000, 1234, 9999, 10000, 12345, 100000, 999999, 1000000, 1234567]) {
    assert.equal(plural(count, "aide", "aides"), `${count.toLocaleString("fr-FR")} ${count > 1 ? "aides" : "aide"}`);
  }
  assert.equal(plural(10000, "aide", "aides"), "10\u202f000 aides");
});
