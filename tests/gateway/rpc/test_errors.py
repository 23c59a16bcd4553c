"""Every engine error maps to a deliberate status; unknown errors are INTERNAL and say nothing."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import code_pb2, error_details_pb2

import redaction.errors as errors_module
from gateway.rpc.errors import STATUS_FOR_ERROR, status_code_for, to_rich_status
from redaction.errors import FieldViolation, InvalidRecordError, RedactionError


def _subclasses(cls: type[RedactionError]) -> set[type[RedactionError]]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_when_error_class_defined_then_it_has_a_status_mapping() -> None:
    defined = {
        obj
        for obj in vars(errors_module).values()
        if isinstance(obj, type) and issubclass(obj, RedactionError)
    }
    assert defined <= set(STATUS_FOR_ERROR), "map every RedactionError in gateway/rpc/errors.py"
    assert _subclasses(RedactionError) <= set(STATUS_FOR_ERROR)


@pytest.mark.parametrize(
    "error, code",
    [
        (InvalidRecordError("bad"), grpc.StatusCode.INVALID_ARGUMENT),
        (errors_module.RecordTooLargeError("big"), grpc.StatusCode.RESOURCE_EXHAUSTED),
        (errors_module.DetectionError("failed"), grpc.StatusCode.INTERNAL),
        (KeyError("123-45-6789"), grpc.StatusCode.INTERNAL),
    ],
)
def test_when_error_mapped_then_status_code_matches(
    error: Exception, code: grpc.StatusCode
) -> None:
    assert status_code_for(error) == code


def test_when_unexpected_error_then_message_is_generic() -> None:
    status = to_rich_status(ValueError("card 4539123412341234"))
    assert status.code == code_pb2.INTERNAL
    assert "4539" not in status.message


def test_when_invalid_record_then_bad_request_lists_fields() -> None:
    error = InvalidRecordError("invalid", (FieldViolation("lead.id", "required"),))
    status = to_rich_status(error)
    bad = error_details_pb2.BadRequest()
    assert any(d.Unpack(bad) for d in status.details if d.Is(bad.DESCRIPTOR))
    assert [v.field for v in bad.field_violations] == ["lead.id"]


def test_when_gateway_error_defined_then_it_has_a_status_mapping_and_a_reason() -> None:
    import gateway.errors as gateway_errors  # where the edge's errors are defined

    defined = {
        obj
        for obj in vars(gateway_errors).values()
        if isinstance(obj, type) and issubclass(obj, gateway_errors.GatewayError)
    }
    assert len(defined) > 5, "the edge's errors are read from where they are defined"
    assert defined <= set(STATUS_FOR_ERROR), "map every GatewayError (gateway/errors.py)"
    reasons = [cls.reason for cls in defined]
    assert len(set(reasons)) == len(reasons) and all(r.isupper() for r in reasons)


def test_when_engine_and_edge_refuse_then_both_are_leadgate_errors_with_one_shape() -> None:
    from gateway.errors import GatewayError, PermissionDeniedError
    from redaction import LeadgateError

    assert issubclass(RedactionError, LeadgateError) and issubclass(GatewayError, LeadgateError)
    assert not issubclass(errors_module.WorkDeadlineExceeded, LeadgateError)  # mapped apart
    refused = PermissionDeniedError("lead.owner: not granted", (FieldViolation("lead.owner", "x"),))
    status = to_rich_status(refused)
    assert status.code == code_pb2.PERMISSION_DENIED
    assert status.message == "lead.owner: not granted"
