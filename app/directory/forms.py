from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import URL, DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms_common import LocalDateField, options


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InstrumentForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)])
    kind = SelectField(_l("Kind"))
    name_en = StringField(_l("Name in English"), validators=[Length(max=300)])
    name_fr = StringField(_l("Name in French"), validators=[Length(max=300)])
    name_es = StringField(_l("Name in Spanish"), validators=[Length(max=300)])
    short_en = StringField(_l("Short name in English"), validators=[Length(max=60)])
    short_fr = StringField(_l("Short name in French"), validators=[Length(max=60)])
    short_es = StringField(_l("Short name in Spanish"), validators=[Length(max=60)])
    working_languages = MultiCheckboxField(_l("Working languages"))
    website = StringField(_l("Website"), validators=[Optional(), URL(), Length(max=255)])
    submit = SubmitField(_l("Save"))


class PartyForm(FlaskForm):
    code = StringField(_l("Code (ISO 3166-1 alpha-3)"), validators=[DataRequired(), Length(3, 3)])
    kind = SelectField(
        _l("Kind"),
        choices=options(
            [
                ("country", _l("Country")),
                ("reio", _l("Regional economic integration organisation")),
            ]
        ),
    )
    name_en = StringField(_l("Name in English"), validators=[Length(max=200)])
    name_fr = StringField(_l("Name in French"), validators=[Length(max=200)])
    name_es = StringField(_l("Name in Spanish"), validators=[Length(max=200)])
    region = SelectField(_l("CMS region"))
    submit = SubmitField(_l("Save"))


class MembershipForm(FlaskForm):
    party = SelectField(_l("Country or organisation"), validators=[DataRequired()])
    status = SelectField(_l("Status"), validators=[DataRequired()])
    since = LocalDateField(_l("Since"), render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Save the membership"))
