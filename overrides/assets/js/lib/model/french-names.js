// A commune's name after « à », the twin of hooks/aides/model/french_names.py's commune(): the official
// name starts with its article (« Le Havre », « Les Mureaux »), which « à » contracts (« au Havre »,
// « aux Mureaux ») or keeps (« à La Rochelle », « à L'Haÿ-les-Roses »). Shared vectors:
// tests/vectors/french-names.json (tests/js/shared-vectors.test.mjs, tests/test_french_names.py).

const CONTRACTED = [
  ["Les ", "aux "],
  ["Le ", "au "],
  ["Aux ", "aux "],
];

/** « au Havre », « aux Mureaux », « à La Rochelle », « à Toulon ». */
export function atCommune(nom) {
  const found = CONTRACTED.find(([prefix]) => nom.startsWith(prefix));
  return found ? found[1] + nom.slice(found[0].length) : `à ${nom}`;
}
