"""The Python evaluator (hooks/aides/model/conditions.py) and its browser twin (lib/model/conditions.js) must agree.

Three checks: the shared vectors through Python, the Node test suite (the same
vectors through JS, plus the URL fragment), and a randomised comparison of both
twins on the same few thousand cases, run in a single Node process.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aides.model.conditions import evaluate, normalise, outcome, questions_of

ROOT = Path(__file__).resolve().parents[1]
VECTORS = json.loads((ROOT / "tests" / "vectors" / "eligibility.json").read_text(encoding="utf-8"))
ELIGIBILITY_JS = ROOT / "overrides" / "assets" / "js" / "lib" / "model" / "conditions.js"
NODE = shutil.which("node")


def node() -> str:
    """Node.js runs the JS twin: « make test » installs it; its absence is a failure, not a skip."""
    assert NODE, "Node.js manque : « make test » l'installe (paquet Debian nodejs)"
    return NODE


def as_questions(questions: list[dict[str, Any]]) -> dict[str, SimpleNamespace]:
    """``normalise`` only reads id and deduite_de: plain objects stand in for the pydantic Question."""
    return {q["id"]: SimpleNamespace(id=q["id"], type=q["type"], deduite_de=q.get("deduite_de")) for q in questions}


# --- (a) shared vectors through Python ----------------------------------------


def test_enough_vectors_with_unique_names() -> None:
    names = [vector["name"] for vector in VECTORS["vectors"]]
    assert len(names) >= 30
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=[vector["name"] for vector in VECTORS["vectors"]])
def test_vector_python(vector: dict[str, Any]) -> None:
    answers = normalise(vector["answers"], as_questions(VECTORS["questions"]), VECTORS["places"])
    assert outcome(vector["tree"], answers) == vector["expected"]


# --- (b) the Node suite ---------------------------------------------------------


def test_node_suite() -> None:
    result = subprocess.run([node(), "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"node --test a échoué :\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"


# --- (c) randomised comparison ---------------------------------------------------

QUESTIONS = [
    {"id": "age", "type": "nombre"},
    {"id": "statut", "type": "choix"},
    {"id": "difficulte", "type": "choix_multiple"},
    {"id": "decision_dalo", "type": "oui_non"},
    {"id": "departement", "type": "departement"},
    {"id": "region", "type": "region", "deduite_de": "departement"},
    # Money and household (income_rules.py, household.py): amounts against figures and a barème's table.
    {"id": "salaire_net_mensuel", "type": "montant"},
    {"id": "revenu_fiscal", "type": "montant"},
    {"id": "parts_fiscales", "type": "nombre"},
    {"id": "quotient_familial", "type": "montant"},
    {"id": "couple", "type": "oui_non"},
    {"id": "personnes_a_charge", "type": "nombre"},
    {"id": "handicap", "type": "oui_non"},
    {"id": "age_conjoint", "type": "nombre"},
    {"id": "commune", "type": "commune"},
]
AMOUNTS = [1500, 10000, 25830, 31254]
BAREME = json.loads((ROOT / "tests" / "vectors" / "income.json").read_text(encoding="utf-8"))["evaluation"][8]["noeud"]["valeur"]
REGION_OF = {"75": "11", "92": "11", "69": "84", "13": "93", "2A": "94"}
CHOICES = {
    "statut": ["salarie", "demandeur_emploi", "etudiant", "autre"],
    "difficulte": ["perte_emploi", "separation", "deces", "aucune"],
    "departement": ["75", "92", "69", "13", "2A", "99"],  # 99 has no region: nothing is deduced
    "region": ["11", "84", "93", "94", "27"],
    "commune": ["75056", "92012", "92002", "77288", "83137", "97411"],
}
THRESHOLDS = [18, 25, 30, 65]
CASES = 2000
SEED = 20240611

JS_RUNNER = """
import { readFileSync } from "node:fs";
import { evaluate, normalise, outcome, questionsOf } from "%s";
const { questions, places, cases } = JSON.parse(readFileSync(process.argv[1], "utf8"));
const results = cases.map(({ tree, answers }) => {
  const normalised = normalise(answers, questions, places);
  return { normalised, value: evaluate(tree, normalised), outcome: outcome(tree, normalised), questions: questionsOf(tree) };
});
process.stdout.write(JSON.stringify(results));
"""


def random_leaf(rng: random.Random) -> dict[str, Any]:
    """A criterion with an operator the compiler allows for its type (conditions.OPERATORS), or an a_verifier."""
    if rng.random() < 0.15:
        return {"type": "a_verifier", "texte": rng.choice(["Être orienté", "Avoir un dossier complet", "Être accompagné"])}
    question = rng.choice(QUESTIONS)
    qid, kind = question["id"], question["type"]
    if kind == "montant":
        operator = rng.choice(["au_plus", "moins_de", "au_moins", "plus_de"])
        operand = BAREME if qid == "revenu_fiscal" and rng.random() < 0.5 else rng.choice(AMOUNTS)
        leaf = {"type": "critere", "question": qid, "operateur": operator, "valeur": operand, "texte": f"{qid} {operator}"}
        return {**leaf, "montant": True, **({"menage": ["couple", "personnes_a_charge", "commune"]} if operand is BAREME else {})}
    if kind == "nombre":
        operator, operand = rng.choice(["moins_de", "au_moins"]), rng.choice(THRESHOLDS)
    elif kind == "oui_non":
        operator, operand = rng.choice(["oui", "non"]), None
    else:
        operator, operand = "parmi", rng.sample(CHOICES[qid], rng.randint(1, 3))
    # Texts repeat on purpose (same criterion twice in one tree): reasons keep duplicates.
    return {"type": "critere", "question": qid, "operateur": operator, "valeur": operand, "texte": f"{qid} {operator} {operand}"}


def random_tree(rng: random.Random, depth: int = 1) -> dict[str, Any]:
    if depth >= 4 or rng.random() < 0.3:
        return random_leaf(rng)
    kind = rng.choice(["toutes", "une_de"])
    size = 0 if rng.random() < 0.03 else rng.randint(1, 4)
    return {"type": kind, "texte": kind, "enfants": [random_tree(rng, depth + 1) for _ in range(size)]}


def random_value(rng: random.Random, qid: str, kind: str) -> Any:
    if kind == "montant":
        figure = rng.choice([*AMOUNTS, 23403, 37584, 52740])
        return rng.choice([figure, figure * 0.97, figure * 1.03, figure * 0.8, figure * 1.2, 0, rng.randint(0, 90000)])
    if qid == "personnes_a_charge":
        return rng.choice([0, 1, 2, 3, 5, 7])
    if qid == "parts_fiscales":
        return rng.choice([1, 1.5, 2, 2.5, 3, 4])
    if kind == "nombre":
        threshold = rng.choice(THRESHOLDS)
        return rng.choice([threshold - 1, threshold, threshold + 1, threshold - 0.5, rng.randint(0, 100), 0])
    if kind == "oui_non":
        return rng.choice(["oui", "non"])
    if kind == "choix_multiple":
        return rng.choice(CHOICES[qid]) if rng.random() < 0.15 else rng.sample(CHOICES[qid], rng.randint(0, 3))
    if kind == "choix" and rng.random() < 0.15:
        return rng.sample(CHOICES[qid], rng.randint(0, 2))  # a list for a single choice: any-match too
    return rng.choice(CHOICES[qid])


def random_answers(rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        draw = rng.random()
        if draw < 0.3:
            continue  # not answered
        if draw < 0.4:
            answers[question["id"]] = "nsp"
        elif draw < 0.45:
            answers[question["id"]] = rng.choice(["", None])
        else:
            answers[question["id"]] = random_value(rng, question["id"], question["type"])
    if rng.random() < 0.1:
        answers["inconnue"] = "x"
    return answers


def python_result(tree: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    normalised = normalise(answers, as_questions(QUESTIONS), {"region_of": REGION_OF})
    result = {
        "normalised": normalised,
        "value": evaluate(tree, normalised),
        "outcome": outcome(tree, normalised),
        "questions": questions_of(tree),
    }
    return json.loads(json.dumps(result))  # the shape JSON gives the JS side


def test_random_cases_agree(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    cases = [{"tree": random_tree(rng), "answers": random_answers(rng)} for _ in range(CASES)]
    expected = [python_result(case["tree"], case["answers"]) for case in cases]

    # The generator must exercise every outcome, or agreement proves little.
    statuses = [result["outcome"]["statut"] for result in expected]
    for status in ("eligible", "a_verifier", "non_eligible"):
        assert statuses.count(status) >= CASES // 10, f"trop peu de cas « {status} » : {statuses.count(status)}"

    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"questions": QUESTIONS, "places": {"region_of": REGION_OF}, "cases": cases}), encoding="utf-8")
    script = JS_RUNNER % ELIGIBILITY_JS.as_uri()
    run = subprocess.run(
        [node(), "--input-type=module", "-e", script, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    actual = json.loads(run.stdout)

    assert len(actual) == len(cases)
    differences = [index for index, (py, js) in enumerate(zip(expected, actual, strict=True)) if py != js]
    if differences:
        first = differences[0]
        pytest.fail(
            f"{len(differences)} cas sur {CASES} diffèrent ; premier (n° {first}) :\n"
            f"cas : {json.dumps(cases[first], ensure_ascii=False)}\n"
            f"Python : {json.dumps(expected[first], ensure_ascii=False)}\n"
            f"JS : {json.dumps(actual[first], ensure_ascii=False)}"
        )
