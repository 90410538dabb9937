"""Pydantic models of exchange-format (jejaring/1) records, for the API.

The records are defined once, in ``web.services.exchange_schema``: the API
validates request bodies with them and its OpenAPI document is generated from
them, and the exchange validator (``web.services.exchange``) checks the same
records by the same definition, adding the rules a schema cannot say
(regency names matched forgivingly, phone numbers, PP 7/2021 limits).
"""

from __future__ import annotations

from ..services.exchange_schema import (  # noqa: F401 - the API's names for them
    RUPIAH_MAX,
    Contact,
    Eligibility,
    ExchangeDocument,
    ExternalId,
    FieldCode,
    MsmeFields,
    MsmeInput,
    MsmeRecord,
    NeedRecord,
    OfferingFields,
    OfferingInput,
    OfferingRecord,
    PartnerFields,
    PartnerInput,
    PartnerRecord,
    PartnerUpdate,
    Strict,
    Text,
)
