/* Aides au logement: script for the pages of partners that embed one of our views
   (/integrer/…) in an iframe. It keeps each iframe as tall as its content.

   Paste, once per page, after the iframes:
     <iframe src="https://SITE/integrer/eligibilite/#profil=particulier" title="Questionnaire (Aides au logement)"
             data-aides-logement style="width:100%;border:0" height="700" loading="lazy"></iframe>
     <script src="https://SITE/assets/js/integrer.js" defer></script>

   Protocol: the framed view posts { type: "aides-logement:hauteur", hauteur: <CSS pixels> } to
   its parent, and nothing else (never the person's answers). Here a message is taken only
   when it comes from this script's own site (event.origin) and from one of the page's
   iframes marked data-aides-logement (event.source); anything else is ignored.
   A classic script, no dependency, no request of its own. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src, location.href).origin;
  var TYPE = "aides-logement:hauteur";

  function frameOf(source) {
    var frames = document.querySelectorAll("iframe[data-aides-logement]");
    for (var i = 0; i < frames.length; i += 1) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== TYPE || typeof data.hauteur !== "number" || !isFinite(data.hauteur)) return;
    var frame = frameOf(event.source);
    if (!frame) return;
    var height = Math.max(150, Math.min(Math.ceil(data.hauteur), 20000));
    frame.style.height = height + "px";
  });
})();
