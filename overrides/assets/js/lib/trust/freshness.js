// Is it still true? The layer the checkers put on top of the rules' outcome (lib/model/conditions.js):
// an aid whose information is old and unconfirmed, or a temporary measure whose end is unknown,
// carries a notice (`avis`, written at build time by hooks/aides/trust/freshness.py, its Python twin:
// `with_notice`). Such an aid never comes out as « eligible »: it goes to « à vérifier » with the
// notice as its reason. An unmet criterion stays unmet. Shared vectors: tests/vectors/freshness.json.

/** The outcome shown to the person; the rules' own outcome is never changed (a copy is returned). */
export function withNotice(result, avis) {
  if (!avis || result.statut === "non_eligible") return result;
  if (result.statut === "eligible") return { ...result, statut: "a_verifier", raisons: [avis], questions_manquantes: [], avis };
  return { ...result, raisons: [avis, ...result.raisons], avis };
}
