"""Form pieces shared by several domains."""

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError


def checked_email(text: str) -> str:
    """`text` as a normalised address, or EmailNotValidError. Outside production the reserved
    `.test` domain (used by the demo accounts) is accepted too. No DNS lookup: the ministries'
    mail servers are not always reachable from here, and a wrong address shows itself when the
    mail bounces."""
    return validate_email(
        text or "",
        check_deliverability=False,
        test_environment=bool(current_app.config.get("DEMO_ALLOWED")),
    ).normalized


class EmailAddress:
    """A syntactically valid address (see `checked_email`)."""

    def __call__(self, form, field) -> None:
        try:
            field.data = checked_email(field.data)
        except EmailNotValidError:
            raise ValidationError(_l("Enter a valid e-mail address.")) from None


def options(pairs) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def field_values(form) -> dict:
    """A WTForms form's data by field name, for a template macro shared with forms that are
    plain dicts of what was posted (answers/_settings.html)."""
    return {field.name: field.data for field in form}


def field_errors(form) -> dict[str, str]:
    """A WTForms form's errors by field name, joined into one message each."""
    return {field.name: " ".join(map(str, field.errors)) for field in form if field.errors}
