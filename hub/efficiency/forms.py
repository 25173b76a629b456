from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from hub.efficiency.services import DEFAULT_INDICATORS, INDICATOR_LABELS
from hub.validators import choices


class EnterpriseForm(FlaskForm):
    name = StringField(_l("Enterprise name"), validators=[DataRequired(), Length(max=200)])
    credit_code = StringField(_l("Unified social credit code"),
                              validators=[DataRequired(), Length(max=40)],
                              description=_l("18 characters, e.g. 91430200MA4L16XX0X; the last "
                                             "one is a check character."))
    park_id = SelectField(_l("Park"), coerce=int, validators=[DataRequired()])
    chain_id = SelectField(_l("Industry chain"), coerce=int, validators=[Optional()])
    county = StringField(_l("County / district"), validators=[Optional(), Length(max=64)])
    land_mu = DecimalField(_l("Land area (mu)"), places=2,
                           validators=[InputRequired(), NumberRange(min=0, max=100000)])
    above_size = BooleanField(_l("Above designated size"), default=True)


class ChainForm(FlaskForm):
    name = StringField(_l("Industry chain"), validators=[DataRequired(), Length(max=64)])


class RoundForm(FlaskForm):
    year = IntegerField(_l("Year evaluated"), validators=[InputRequired(),
                                                          NumberRange(min=2000, max=2100)])
    deadline = DateField(_l("Reporting deadline"), validators=[Optional()])


class GridForm(FlaskForm):
    """The figures come as cells c-<enterprise>-<field>, read by collection.parse_grid."""

    confirm_flags = BooleanField(_l("I have checked the flagged figures; they are correct."))


class ReturnForm(FlaskForm):
    comment = TextAreaField(_l("Why it is returned"), validators=[Optional(), Length(max=5000)],
                            render_kw={"rows": 3})


def _number(label, *, places=2):
    return DecimalField(label, places=places, validators=[InputRequired(),
                                                          NumberRange(min=0, max=1000000)])


class SchemeForm(FlaskForm):
    threshold_A = _number(_l("Grade A from (score)"))
    threshold_B = _number(_l("Grade B from (score)"))
    threshold_C = _number(_l("Grade C from (score)"))
    cap = DecimalField(_l("Cap of value ÷ benchmark"), places=2,
                       validators=[InputRequired(), NumberRange(min=1, max=10)])
    jump_factor = DecimalField(_l("Year-on-year jump flagged above (times)"), places=2,
                               validators=[InputRequired(), NumberRange(min=1, max=100)])
    note = TextAreaField(_l("What changed and why"), validators=[DataRequired(),
                                                                  Length(max=2000)],
                         render_kw={"rows": 2})

    def indicator_fields(self):
        return [(code, INDICATOR_LABELS[code], unit, self[f"weight_{code}"],
                 self[f"benchmark_{code}"], self[f"higher_{code}"])
                for code, unit, *_rest in DEFAULT_INDICATORS]

    def scheme_data(self) -> dict:
        return {
            "indicators": [{"code": code, "unit": unit, "higher_is_better": higher.data == "1",
                            "weight": weight.data, "benchmark": bench.data}
                           for code, _label, unit, weight, bench, higher
                           in self.indicator_fields()],
            "thresholds": {g: self[f"threshold_{g}"].data for g in "ABC"},
            "cap": self.cap.data, "jump_factor": self.jump_factor.data,
        }


for _code, *_rest in DEFAULT_INDICATORS:
    setattr(SchemeForm, f"weight_{_code}", _number(_l("Weight")))
    setattr(SchemeForm, f"benchmark_{_code}", DecimalField(
        _l("Benchmark"), places=4, validators=[InputRequired(), NumberRange(min=0.0001)]))
    setattr(SchemeForm, f"higher_{_code}", SelectField(
        _l("Direction"),
        choices=choices([("1", _l("Higher is better")), ("0", _l("Lower is better"))])))


class UploadForm(FlaskForm):
    file = FileField(_l(".xlsx file"), validators=[FileRequired(), FileAllowed(["xlsx"], _l(
        "Upload an .xlsx workbook."))])
    park_id = SelectField(_l("Park"), coerce=int, validators=[Optional()])


class EnterpriseUploadForm(UploadForm):
    """The register also takes CSV (UTF-8 or GBK, as Excel saves it)."""

    file = FileField(_l(".xlsx or .csv file"), validators=[FileRequired(), FileAllowed(
        ["xlsx", "csv"], _l("Upload an .xlsx workbook or a .csv file."))])


class PolicyForm(FlaskForm):
    grade = SelectField(_l("Grade"), choices=choices((g, g) for g in "ABCD"))
    domain = SelectField(_l("Domain"))
    measure = StringField(_l("Measure"), validators=[DataRequired(), Length(max=500)],
                          description=_l("E.g. 执行差别电价，每千瓦时加价 0.1 元."))
