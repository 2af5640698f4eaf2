"""Records Claude content-token counts of the repository's seed files for count-tokens tests.

Claude's tokenizers are not public. ctok (PyPI, Python >= 3.12) reconstructs the counts Anthropic's
count_tokens endpoint returns and reports exact agreement on its recorded held-out sets; its
single-message frame tokens are left out, so the counts are those of the text alone. Run from the
repository root:

    python3.12 -m venv /tmp/ctok && /tmp/ctok/bin/pip install ctok==1.3.0
    /tmp/ctok/bin/python packages/cost/scripts/record-claude-token-counts.py
"""

import json
from importlib.metadata import version
from pathlib import Path

from ctok import tokenize

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "packages/cost/src/__fixtures__/claude-token-counts.json"
ENGLISH = "examples/self-instruct/seed_tasks.jsonl"
CHINESE = "examples/datarecipe-belle-zh/09_样例数据/samples.json"


def content_tokens(text: str, family: str) -> int:
    return sum(1 for piece in tokenize(text, family) if piece != "⟨pad⟩")


def english_texts() -> list[str]:
    return [line for line in (ROOT / ENGLISH).read_text("utf-8").split("\n") if line.strip()]


def chinese_texts() -> list[str]:
    samples = json.loads((ROOT / CHINESE).read_text("utf-8"))["samples"]
    return ["\n".join([s["data"]["instruction"], s["data"]["input"], s["data"]["output"]]) for s in samples]


def counts(texts: list[str]) -> list[dict[str, int]]:
    return [{"legacy": content_tokens(t, "3.0"), "current": content_tokens(t, "4.7")} for t in texts]


OUT.write_text(
    json.dumps(
        {
            "recordedWith": f"ctok {version('ctok')} (content tokens, message frame excluded)",
            "families": {
                "legacy": "Claude 3 through Opus 4.6 / Sonnet 4.6 / Haiku 4.5 (ctok family 3.0)",
                "current": "the tokenizer of Opus 4.7 and later, 5.x included (ctok family 4.7)",
            },
            "english": {"file": ENGLISH, "unit": "each non-empty line", "counts": counts(english_texts())},
            "chinese": {
                "file": CHINESE,
                "unit": "instruction, input and output of each sample joined by newlines",
                "counts": counts(chinese_texts()),
            },
        },
        ensure_ascii=False,
        indent=2,
    )
    + "\n",
    "utf-8",
)
print(f"wrote {OUT}")
