"""Spanish and code-switched calls read in the engine's one canonical (English) form.

Callers in US call centers often speak Spanish, or switch mid-sentence ("mi
social es cinco tres seis, twenty two..."). Rather than a second engine, each
Spanish or mixed segment is *glossed*: its number words, dates, spelled
letters, fillers and the cue phrases of sensitive slots are rewritten in the
English the rest of the engine reads ("cincuenta y tres" -> "fifty three",
"número de seguro social" -> "social security number"), with a map back to
the original words. Everything downstream (number assembly, the cued
recognizers, the dialogue state, the hold rule) then works unchanged, and
redaction covers every Spanish word of a value. Ordinary Spanish words are
left as they are, so the lexicons still read them.
"""

from __future__ import annotations

from redaction.spanish.gloss import gloss_spanish
from redaction.spanish.language import Language, language_of, may_be_spanish

__all__ = ["Language", "gloss_spanish", "language_of", "may_be_spanish"]
