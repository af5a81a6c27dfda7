// The commune question (widget "commune" of partials/checker-questions.html): the person types a
// postcode or a name, presses Entrée or « Chercher », and picks among radio buttons; the matches
// and any problem are announced in the fieldset's live region. The answer is the INSEE code of the
// current commune (a merged or delegated commune leads to its current one, said on screen), kept in
// the hidden field that lib/checker-form.js reads. The lookup files (lib/model/place-names.js) are fetched
// once the field is used: index.json when it gets the focus, the file of the postcode or name as
// soon as what is typed tells which, so that Entrée mostly finds them in memory; nothing is fetched
// before, not even the lookup module. What is typed stays in the browser: the server only sees which static files are asked
// for (two digits of a postcode, the start of a name), as with the search itself.

const NBSP = "\u00a0";
const lookups = new Map(); // base URL → promise of its lookup (lib/model/place-names.js, imported at first use)

function lookupFor(box) {
  const root = box.closest("[data-racine]");
  const base = new URL(box.dataset.recherche, new URL(root?.dataset.racine ?? "./", document.baseURI)).href;
  if (!lookups.has(base)) {
    const loading = import("./model/place-names.js").then(({ createLookup }) => createLookup({ base }));
    loading.catch(() => lookups.delete(base)); // a failed download is tried again at the next search
    lookups.set(base, loading);
  }
  return lookups.get(base);
}

const label = (match) => `${match.nom} (${match.departement})`;

/** Where the answer goes, and the name shown for it: the current commune of a merged one. */
function chosen(match) {
  if (match.actuelle && match.type !== "arrondissement") {
    return { code: match.actuelle.code, nom: match.actuelle.nom, note: `${match.actuelle.nom} comprend désormais ${match.nom}.` };
  }
  if (match.actuelle) return { code: match.actuelle.code, nom: match.actuelle.nom, note: "" };
  return { code: match.code, nom: match.nom, note: "" };
}

/** The commune question among a form's fieldsets (lib/checker-form.js fieldsetsOf): [id, fieldset], or [] without one. */
export function communeOf(fieldsets) {
  return [...fieldsets].find(([, fieldset]) => fieldset.dataset.widget === "commune") ?? [];
}

/** Set the answer (code and name) and tell the form it changed. */
export function setCommune(fieldset, code, nom) {
  const hidden = fieldset.querySelector("[data-valeur]");
  hidden.value = code || "";
  if (nom) fieldset.dataset.nom = nom;
  else delete fieldset.dataset.nom;
}

function announce(box, text) {
  box.querySelector("[data-commune-statut]").textContent = text;
}

function radios(fieldset, box, matches) {
  const list = box.querySelector("[data-commune-resultats]");
  const base = fieldset.id;
  const items = matches.map((match, index) => {
    const { code, nom, note } = chosen(match);
    const p = document.createElement("p");
    p.className = "question__choix";
    const input = document.createElement("input");
    Object.assign(input, { type: "radio", name: `${base}-commune`, id: `${base}-commune-${index}`, value: code });
    input.dataset.communeChoix = "";
    input.dataset.nom = nom;
    input.dataset.note = note;
    const text = document.createElement("label");
    text.htmlFor = input.id;
    text.textContent = match.actuelle && match.type !== "arrondissement" ? `${label(match)}, aujourd'hui ${match.actuelle.nom}` : label(match);
    p.append(input, " ", text);
    return p;
  });
  list.replaceChildren(...items);
  return list.querySelectorAll("input");
}

async function search(fieldset, box) {
  const text = box.querySelector("[data-commune-texte]").value.trim();
  if (!text) return announce(box, `Tapez un code postal (5${NBSP}chiffres) ou le nom de la commune.`);
  let result;
  try {
    const lookup = await lookupFor(box);
    result = await lookup(text);
  } catch {
    return announce(box, "La recherche de commune n'a pas pu se faire. Réessayez, ou indiquez votre département.");
  }
  const matches = result.resultats;
  if (!matches.length) {
    radios(fieldset, box, []);
    if (result.incomplet) return announce(box, "Tapez la suite du code postal (5 chiffres) ou du nom.");
    const what = result.recherche === "code_postal" ? `au code postal ${text}` : `à «${NBSP}${text}${NBSP}»`;
    return announce(box, `Aucune commune ne correspond ${what}. Vérifiez le code postal ou l'orthographe.`);
  }
  const inputs = radios(fieldset, box, matches);
  if (matches.length === 1) {
    inputs[0].checked = true;
    pick(fieldset, box, inputs[0]);
    return;
  }
  announce(box, `${matches.length}${NBSP}communes correspondent${NBSP}: choisissez la vôtre dans la liste.`);
}

function pick(fieldset, box, input) {
  setCommune(fieldset, input.value, input.dataset.nom);
  const nsp = fieldset.querySelector("[data-nsp]");
  if (nsp) nsp.checked = false;
  announce(box, `Commune choisie${NBSP}: ${input.dataset.nom}.${input.dataset.note ? " " + input.dataset.note : ""}`);
  fieldset.dispatchEvent(new Event("input", { bubbles: true }));
  fieldset.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Wire a commune fieldset; `onName` is not needed: the name is kept on the fieldset (data-nom). */
export function bindCommune(fieldset) {
  const box = fieldset.querySelector("[data-commune]");
  if (!box || box.dataset.lie) return;
  box.dataset.lie = "";
  const field = box.querySelector("[data-commune-texte]");
  // Fetch while the person types; a failure says nothing here: the search fetches again and tells.
  const prefetch = () => lookupFor(box).then((lookup) => lookup.prefetch(field.value), () => {});
  field.addEventListener("focus", prefetch);
  field.addEventListener("input", prefetch);
  box.querySelector("[data-commune-chercher]").addEventListener("click", () => search(fieldset, box));
  field.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault(); // Entrée searches; it does not submit the form
    search(fieldset, box);
  });
  box.querySelector("[data-commune-resultats]").addEventListener("change", (event) => {
    event.stopPropagation();
    if (event.target.matches("[data-commune-choix]")) pick(fieldset, box, event.target);
  });
  box.querySelector("[data-commune-resultats]").addEventListener("input", (event) => event.stopPropagation());
}

/** Show the name of a commune given by code (a prefilled link): fetched from the lookup files. */
export async function nameCommune(fieldset, code) {
  const box = fieldset.querySelector("[data-commune]");
  if (!box || !code || code === "nsp") return null;
  const found = await (await lookupFor(box)).byCode(code);
  if (found) {
    fieldset.dataset.nom = found.nom;
    box.querySelector("[data-commune-texte]").value = found.nom;
    announce(box, `Commune${NBSP}: ${found.nom} (${found.departement}).`);
  }
  return found;
}
