"""JSONL-shaped dicts <-> engine types, for the batch door and Spark. No file access.

    lead:        {"id", "owner", "fields": {name: value},
                  "campaign_id"?, "consumer_state"?, "source"?}
    transcript:  {"id", "owner", "segments": [{"speaker", "text", "start_ms"?, "end_ms"?}],
                  "language"? ("auto", "en", "es"; absent: the owner's policy decides), ...}

Unknown keys are ignored and not copied to the output: nothing unscanned leaves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from redaction.errors import FieldViolation, InvalidRecordError
from redaction.types import (
    DataSource,
    Finding,
    Lead,
    RedactedLead,
    RedactedTranscript,
    Segment,
    Speaker,
    Tags,
    Transcript,
    WordTiming,
)

Record = Lead | Transcript


def record_from_dict(obj: object) -> Record:
    """Parse one JSONL object into a Lead (has "fields") or a Transcript (has "segments")."""
    if not isinstance(obj, Mapping):
        raise _invalid("record", "must be a JSON object")
    if "fields" in obj and "segments" in obj:
        raise _invalid("record", "has both 'fields' and 'segments'; a record is one or the other")
    if "fields" in obj:
        return _lead(obj)
    if "segments" in obj:
        return _transcript(obj)
    raise _invalid("record", "needs 'fields' (a lead) or 'segments' (a transcript)")


def _lead(obj: Mapping[str, Any]) -> Lead:
    fields = obj["fields"]
    if not isinstance(fields, Mapping):
        raise _invalid("lead.fields", "must be an object of field name to value")
    values: dict[str, str] = {}
    for position, (name, value) in enumerate(fields.items(), start=1):
        if value is None:
            continue
        if isinstance(value, (dict, list)):  # named by place: a name may hold an identifier
            raise _invalid("lead.fields", f"field {position}: must be a string, number or boolean")
        values[str(name)] = value if isinstance(value, str) else _scalar(value)
    return Lead(
        id=_string(obj, "id", "lead"),
        owner=_string(obj, "owner", "lead"),
        fields=values,
        campaign_id=_string(obj, "campaign_id", "lead"),
        consumer_state=_string(obj, "consumer_state", "lead"),
        source=_source(obj, "lead"),
    )


def _transcript(obj: Mapping[str, Any]) -> Transcript:
    raw_segments = obj["segments"]
    if not isinstance(raw_segments, list):
        raise _invalid("transcript.segments", "must be a list")
    segments = tuple(_segment(raw, index) for index, raw in enumerate(raw_segments))
    return Transcript(
        id=_string(obj, "id", "transcript"),
        owner=_string(obj, "owner", "transcript"),
        segments=segments,
        campaign_id=_string(obj, "campaign_id", "transcript"),
        consumer_state=_string(obj, "consumer_state", "transcript"),
        source=_source(obj, "transcript"),
        language=_string(obj, "language", "transcript"),  # checked with the record
    )


def _segment(raw: object, index: int) -> Segment:
    path = f"transcript.segments[{index}]"
    if not isinstance(raw, Mapping):
        raise _invalid(path, "must be an object with 'text'")
    text = raw.get("text")
    if not isinstance(text, str):
        raise _invalid(f"{path}.text", "required: must be a string")
    speaker_name = str(raw.get("speaker") or "unspecified").lower()
    try:
        speaker = Speaker(speaker_name)
    except ValueError:
        raise _invalid(f"{path}.speaker", "must be 'agent' or 'customer'") from None
    return Segment(
        text=text,
        speaker=speaker,
        start_ms=_optional_int(raw, "start_ms", path),
        end_ms=_optional_int(raw, "end_ms", path),
        words=_words(raw.get("words"), path),
    )


def _words(raw: object, path: str) -> tuple[WordTiming, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _invalid(f"{path}.words", "must be a list of {word, start_ms, end_ms}")
    words = []
    for index, item in enumerate(raw):
        where = f"{path}.words[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("word"), str):
            raise _invalid(where, "must be an object with 'word', 'start_ms', 'end_ms'")
        start, end = _optional_int(item, "start_ms", where), _optional_int(item, "end_ms", where)
        if start is None or end is None or end < start or start < 0:
            raise _invalid(where, "needs 0 <= start_ms <= end_ms")
        words.append(WordTiming(item["word"], start, end))
    return tuple(words)


def _string(obj: Mapping[str, Any], key: str, path: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        raise _invalid(f"{path}.{key}", "must be a string")
    return str(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _optional_int(obj: Mapping[str, Any], key: str, path: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(f"{path}.{key}", "must be an integer (milliseconds)")
    return value


def _source(obj: Mapping[str, Any], path: str) -> DataSource:
    value = obj.get("source") or "client"
    try:
        return DataSource(str(value).lower())
    except ValueError:
        raise _invalid(f"{path}.source", "must be 'client' or 'call_center'") from None


def _invalid(path: str, description: str) -> InvalidRecordError:
    return InvalidRecordError(
        f"invalid record: {path}: {description}", (FieldViolation(path, description),)
    )


def tags_to_dict(tags: Tags) -> dict[str, Any]:
    """Tags as JSON-ready values (timestamps in ISO 8601 UTC)."""
    return {
        "owner": tags.owner,
        "data_category": tags.data_category.value,
        "role": tags.role.value,
        "legal_terms": [{"law": t.law, "term": t.term} for t in tags.legal_terms],
        "sensitive_categories": dict(tags.sensitive_categories),
        "received_at": tags.received_at.isoformat(),
        "retain_until": tags.retain_until.isoformat(),
        "engine_version": tags.engine_version,
        "policy_id": tags.policy_id,
        "policy_version": tags.policy_version,
        "consumer_state": tags.consumer_state,
        "contains_child_data": tags.contains_child_data,
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-ready values; it has no value to leak."""
    where: dict[str, Any] = (
        {"field": finding.field_name}
        if finding.field_name is not None
        else {"segment": finding.segment_index}
    )
    return {
        "entity_type": finding.entity_type,
        **where,
        "start": finding.start,
        "end": finding.end,
        "action": finding.action.value,
        "sensitivity": finding.sensitivity.value,
        "category": finding.category,
        "score": round(finding.score, 4),  # 4 places: the same after a float32 proto trip
    }


def result_to_dict(result: RedactedLead | RedactedTranscript) -> dict[str, Any]:
    """A redacted record in the input's JSONL shape plus "tags" and "findings"."""
    out: dict[str, Any]
    if isinstance(result, RedactedLead):
        lead = result.lead
        out = _header(lead)
        out["fields"] = dict(lead.fields)
    else:
        transcript = result.transcript
        out = _header(transcript)
        if transcript.language:
            out["language"] = transcript.language
        out["segments"] = [_segment_to_dict(s) for s in transcript.segments]
        out["mute_intervals"] = [
            {"segment": i.segment_index, "start_ms": i.start_ms, "end_ms": i.end_ms}
            for i in result.mute_intervals
        ]
    out["tags"] = tags_to_dict(result.tags)
    # In place order: the same whatever order a map (a proto's, a CSV's) gave the fields.
    out["findings"] = [finding_to_dict(f) for f in sorted(result.findings, key=_place)]
    return out


def _place(finding: Finding) -> tuple[str, int, int, int, str]:
    return (
        finding.field_name or "",
        -1 if finding.segment_index is None else finding.segment_index,
        finding.start,
        finding.end,
        finding.entity_type,
    )


def _header(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"id": record.id, "owner": record.owner}
    if record.campaign_id:
        out["campaign_id"] = record.campaign_id
    if record.consumer_state:
        out["consumer_state"] = record.consumer_state
    if record.source is not DataSource.CLIENT:
        out["source"] = record.source.value
    return out


def _segment_to_dict(segment: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"speaker": segment.speaker.value, "text": segment.text}
    if segment.start_ms is not None:
        out["start_ms"] = segment.start_ms
    if segment.end_ms is not None:
        out["end_ms"] = segment.end_ms
    return out
