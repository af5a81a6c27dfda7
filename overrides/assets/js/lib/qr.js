// Every QR code of the site, drawn in the browser: the printed block of each aid page and the lists
// of the région sheets (pages/impression.js: segno cost 4-40 ms a code in every build), and the
// addresses that depend on answers (the checkers' fragment: /eligibilite/#profil=particulier&age=25).
// Error correction M, byte mode, a quiet zone of four modules, one <path> of dark runs over a
// white square, sized in CSS millimetres, role="img" and a <title>. The symbol comes from the
// vendored qrcode-generator (vendor/README.md); tests/test_qr.py reads every kind back with zxing-cpp.

import qrcode from "../vendor/qrcode-generator.js";

const SVG_NS = "http://www.w3.org/2000/svg";
export const QUIET_ZONE = 4;
export const DEFAULT_SIZE = "35mm";

/** The address as the browser serialises it: non-ASCII characters percent-encoded, so one byte per character. */
function serialise(url) {
  return new URL(url, globalThis.location?.href).href;
}

/** The symbol's modules, row by row (true: dark), without the quiet zone. */
export function qrMatrix(url) {
  const symbol = qrcode(0, "M");
  symbol.addData(serialise(url), "Byte");
  symbol.make();
  const count = symbol.getModuleCount();
  return Array.from({ length: count }, (_, row) => Array.from({ length: count }, (_, col) => symbol.isDark(row, col)));
}

/** One rectangle per horizontal run of dark modules, shifted by the quiet zone. */
export function svgPath(matrix) {
  const commands = [];
  matrix.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      commands.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h-${x - start}z`);
    }
  });
  return commands.join("");
}

// As Python's html.escape: text escapes & < >, attribute values also both quotes.
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeText = (text) => String(text).replace(/[&<>]/g, (c) => ESCAPES[c]);
const escapeAttribute = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The SVG as markup, character for character what qr_svg() writes for the same symbol. */
export function qrSvgMarkup(url, title, size = DEFAULT_SIZE) {
  const matrix = qrMatrix(url);
  const side = matrix.length + 2 * QUIET_ZONE;
  return (
    `<svg xmlns="${SVG_NS}" class="qr" role="img" viewBox="0 0 ${side} ${side}"` +
    ` width="${escapeAttribute(size)}" height="${escapeAttribute(size)}" shape-rendering="crispEdges">` +
    `<title>${escapeText(title)}</title>` +
    `<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${svgPath(matrix)}"/></svg>`
  );
}

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** The SVG as an element, ready to insert; the title is set as text, never parsed. */
export function qrSvg(url, title, size = DEFAULT_SIZE) {
  const matrix = qrMatrix(url);
  const side = matrix.length + 2 * QUIET_ZONE;
  const svg = svgElement("svg", {
    class: "qr",
    role: "img",
    viewBox: `0 0 ${side} ${side}`,
    width: size,
    height: size,
    "shape-rendering": "crispEdges",
  });
  const label = svgElement("title", {});
  label.textContent = title;
  svg.append(label, svgElement("rect", { width: side, height: side, fill: "#fff" }), svgElement("path", { fill: "#000", d: svgPath(matrix) }));
  return svg;
}
