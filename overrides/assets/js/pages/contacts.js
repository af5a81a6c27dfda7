// "Où s'adresser ?": jump to the chosen département and move focus there, so that
// keyboard and screen-reader users land on the answer. Without JS the list is all there.
"use strict";
document.querySelector("[data-contacts-form]")?.addEventListener("submit", (event) => {
  event.preventDefault();
  const target = document.getElementById(event.target.elements.departement.value);
  if (!target) return;
  history.replaceState(null, "", "#" + target.id);
  target.scrollIntoView();
  target.focus();
});
