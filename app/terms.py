"""Words of the data model shown on the page (event kinds, date kinds, outcomes), for translation.

Each `*_label(key, lang)` returns the word in the interface language; an unknown key is shown as
it is written in the data, underscores as spaces.
"""

from __future__ import annotations

from app.i18n import _, gettext_for

KIND_LABELS = {
    "treaty": _("treaty"),
    "agreement": _("agreement"),
    "secret_agreement": _("secret agreement"),
    "declaration": _("declaration"),
    "directive": _("directive"),
    "decree": _("decree"),
    "draft": _("draft"),
    "proposal": _("proposal"),
    "amendment": _("amendment"),
    "negotiation_position": _("negotiation position"),
    "statement": _("statement"),
    "military_operation": _("military operation"),
}
DATE_LABELS = {
    "signed": _("signed"),
    "issued": _("issued"),
    "announced": _("announced"),
    "declared": _("declared"),
    "sent": _("sent"),
    "started": _("started"),
    "in_force": _("in force"),
    "ended": _("ended"),
    "published": _("published"),
    "delivered": _("delivered"),
    "refused": _("refused"),
    "approved": _("approved"),
    "tabled": _("tabled"),
    "sent_to_stalin": _("sent to Stalin"),
    "soviet_adherence": _("Soviet adherence"),
    "ratifications_exchanged": _("ratifications exchanged"),
}
OUTCOME_LABELS = {
    "rejected": _("rejected"),
    "superseded": _("superseded"),
    "never_delivered": _("never delivered"),
    "became": _("became"),
    "withdrawn": _("withdrawn"),
    "adopted_in_part": _("adopted in part"),
}


def _label(table: dict[str, str], key: str | None, lang: str) -> str:
    if not key:
        return ""
    if key in table:
        return gettext_for(lang)(table[key])
    return key.replace("_", " ")


def kind_label(kind: str | None, lang: str = "en") -> str:
    return _label(KIND_LABELS, kind, lang)


def date_label(what: str | None, lang: str = "en") -> str:
    return _label(DATE_LABELS, what, lang)


def outcome_label(status: str | None, lang: str = "en") -> str:
    return _label(OUTCOME_LABELS, status, lang)
