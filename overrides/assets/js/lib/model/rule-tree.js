// The compiled rule tree (hooks/aides/model/conditions.py compiles it, the page or
// assets/questionnaire.json carries it): groups ("toutes", "une_de") hold `enfants`; every other
// node is a criterion. The one walker of the tree in the browser: the evaluator
// (lib/model/conditions.js), the reasons of a result (lib/site/checkers.js) and « Condition par
// condition » (pages/checker.js) all go through it.

/** Whether a node is a group of conditions (« toutes ces conditions », « une de ces conditions »). */
export function isGroup(node) {
  return node.type === "toutes" || node.type === "une_de";
}

/** Every node, each group before its children: the document order of the Conditions section (macros.condition). */
export function nodesOf(tree, found = []) {
  found.push(tree);
  if (isGroup(tree)) for (const child of tree.enfants) nodesOf(child, found);
  return found;
}

/** The criteria of a tree, in order. */
export function leavesOf(tree) {
  return nodesOf(tree).filter((node) => !isGroup(node));
}
