"""The explicit list of recognizers the engine runs: ours plus chosen Presidio built-ins."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerRegistry
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
)

from redaction.recognizers.aba_dashed import DashedRoutingNumberRecognizer
from redaction.recognizers.aba_routing import AbaRoutingRecognizer
from redaction.recognizers.account_secrets import AccountSecretRecognizer
from redaction.recognizers.bank_account import BankAccountRecognizer
from redaction.recognizers.card_expiry import CardExpiryRecognizer
from redaction.recognizers.card_security_code import CardSecurityCodeRecognizer
from redaction.recognizers.child_data import ChildDataRecognizer
from redaction.recognizers.crypto_wallet import CryptoWalletRecognizer
from redaction.recognizers.date_of_birth import DateOfBirthRecognizer
from redaction.recognizers.drivers_license import UsDriverLicenseRecognizer
from redaction.recognizers.health import HealthRecognizer
from redaction.recognizers.health_admin import (
    HealthClaimNumberRecognizer,
    InsuranceMemberIdRecognizer,
    PrescriptionNumberRecognizer,
    PriorAuthorizationNumberRecognizer,
    ProviderTaxIdRecognizer,
    ReferralNumberRecognizer,
)
from redaction.recognizers.iban import InternationalBankAccountRecognizer
from redaction.recognizers.itin import TaxpayerIdRecognizer
from redaction.recognizers.last_four import LastFourRecognizer
from redaction.recognizers.listed_identifiers import ListedIdentifierRecognizer
from redaction.recognizers.lone_identifier import LoneIdentifierRecognizer
from redaction.recognizers.medicare_mbi import MedicareMbiRecognizer
from redaction.recognizers.passport import PassportNumberRecognizer
from redaction.recognizers.payment_card import PaymentCardRecognizer
from redaction.recognizers.precise_geolocation import PreciseGeolocationRecognizer
from redaction.recognizers.protected_characteristics import ProtectedCharacteristicsRecognizer
from redaction.recognizers.provider_ids import DeaNumberRecognizer, NationalProviderIdRecognizer
from redaction.recognizers.ssn import SocialSecurityNumberRecognizer
from redaction.work_deadline import check_deadline

MAX_CHILD_AGE = 16


def sensitive_recognizers() -> list[EntityRecognizer]:
    """Recognizers for what must not be kept (our own modules)."""
    return [
        SocialSecurityNumberRecognizer(),
        PaymentCardRecognizer(),
        CardSecurityCodeRecognizer(),
        CardExpiryRecognizer(),
        HealthRecognizer(),
        AbaRoutingRecognizer(),
        DashedRoutingNumberRecognizer(),
        BankAccountRecognizer(),
        InternationalBankAccountRecognizer(),
        CryptoWalletRecognizer(),
        TaxpayerIdRecognizer(),
        UsDriverLicenseRecognizer(),
        PassportNumberRecognizer(),
        MedicareMbiRecognizer(),
        # Our member-ID recognizer, widened to what Presidio's finds (HEALTH_PLAN_ID).
        InsuranceMemberIdRecognizer(),
        # Presidio's US health-identifier pack and provider IDs, cued our way.
        NationalProviderIdRecognizer(),
        DeaNumberRecognizer(),
        PriorAuthorizationNumberRecognizer(),
        HealthClaimNumberRecognizer(),
        PrescriptionNumberRecognizer(),
        ReferralNumberRecognizer(),
        ProviderTaxIdRecognizer(),
        DateOfBirthRecognizer(),
        LastFourRecognizer(),
        LoneIdentifierRecognizer(),
        ListedIdentifierRecognizer(),
        AccountSecretRecognizer(),
        PreciseGeolocationRecognizer(),
        # Finds children up to the widest policy age; each owner's policy applies its own.
        ChildDataRecognizer(max_age=MAX_CHILD_AGE),
        ProtectedCharacteristicsRecognizer(),
    ]


def ordinary_recognizers() -> list[EntityRecognizer]:
    """Presidio built-ins for the ordinary PI a lead is made of."""
    return [
        SpacyRecognizer(supported_entities=["PERSON", "LOCATION"]),
        PhoneRecognizer(supported_regions=("US",)),
        EmailRecognizer(),
    ]


def build_registry() -> RecognizerRegistry:
    """A registry holding exactly our list, nothing discovered implicitly.

    Each recognizer passes a deadline checkpoint before it reads a text, so engine
    work under ``within_deadline`` stops between recognizers once it is late.
    """
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in sensitive_recognizers() + ordinary_recognizers():
        registry.add_recognizer(with_checkpoint(recognizer))
    return registry


def with_checkpoint(recognizer: EntityRecognizer) -> EntityRecognizer:
    """``recognizer``, its ``analyze`` preceded by ``check_deadline()`` (same object).

    Presidio's engine calls each recognizer in one loop with no hook between them;
    the instance's own ``analyze`` is the one place every call passes.
    """
    analyze = recognizer.analyze

    def checked(*args: Any, **kwargs: Any) -> Any:
        check_deadline()
        return analyze(*args, **kwargs)

    recognizer.analyze = checked  # type: ignore[method-assign]
    return recognizer
