// /aides/region/<code>/imprimer/: the "Imprimer cette fiche" button.
for (const button of document.querySelectorAll("[data-imprimer]")) button.addEventListener("click", () => window.print());
