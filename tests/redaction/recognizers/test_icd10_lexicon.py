"""The committed ICD-10-CM condition list matches what the maintained package gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from redaction.recognizers.icd10_lexicon import ICD10_CONDITIONS

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "gen_icd10_lexicon.py"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the package's own resource reads
def test_when_lexicon_regenerated_then_unchanged() -> None:
    spec = importlib.util.spec_from_file_location("gen_icd10_lexicon", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.icd10_condition_terms() == ICD10_CONDITIONS, "run scripts/gen_icd10_lexicon.py"


def test_when_lexicon_read_then_lowercase_short_disease_names() -> None:
    assert len(ICD10_CONDITIONS) > 3000
    assert "chronic kidney disease" in ICD10_CONDITIONS and "asthma" in ICD10_CONDITIONS
    assert all(t == t.lower() and len(t.split()) <= 4 for t in ICD10_CONDITIONS)
    assert "freckles" not in ICD10_CONDITIONS
