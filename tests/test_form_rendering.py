"""The form renderer (saferplan.ui.forms, Jinja2): every label, value, option and error escaped as
Django escapes it, and the GOV.UK field markup (label or fieldset and legend, hint, error) whole."""

from django import forms

from saferplan.partnerships.models import Person

HOSTILE = "<script>\"'&"
ESCAPED = "&lt;script&gt;&quot;&#x27;&amp;"


class HostileForm(forms.Form):
    name = forms.CharField(label=HOSTILE, help_text="Your name", max_length=5)
    kind = forms.ChoiceField(label="Kind", choices=[("a", HOSTILE)], widget=forms.RadioSelect)
    agencies = forms.MultipleChoiceField(
        label="Agencies", choices=[("b", HOSTILE)], widget=forms.CheckboxSelectMultiple
    )
    lead = forms.ChoiceField(label="Lead", choices=[(HOSTILE, HOSTILE)], required=False)


def test_every_label_value_option_and_error_is_escaped_as_django_escapes_it():
    form = HostileForm({"name": HOSTILE, "kind": HOSTILE, "agencies": ["b"], "lead": HOSTILE})
    html = str(form)
    assert "<script>" not in html
    assert f'<label class="sp-label" for="id_name">{ESCAPED}</label>' in html
    assert f'<input type="text" name="name" value="{ESCAPED}" maxlength="5"' in html
    assert f'<option value="{ESCAPED}" selected>{ESCAPED}</option>' in html
    assert f"checked>\n {ESCAPED}</label>" in html
    assert (
        '<p class="sp-error-message" id="id_kind_error"><span class="sp-visually-hidden">Error:'
        "</span> Select a valid choice. &lt;script&gt;&quot;&#x27;&amp; is not one of the "
        "available choices.</p>" in html
    )


def test_a_field_has_its_label_hint_and_error_tied_to_its_input():
    html = str(HostileForm({"name": "too long"})["name"].as_field_group())
    assert html == (
        '<div class="sp-form-group sp-form-group--error">\n\n'
        f'  <label class="sp-label" for="id_name">{ESCAPED}</label>\n\n'
        '<div class="sp-hint" id="id_name_helptext">Your name</div>\n'
        '<p class="sp-error-message" id="id_name_error"><span class="sp-visually-hidden">Error:'
        "</span> Ensure this value has at most 5 characters (it has 8).</p>\n"
        '<input type="text" name="name" value="too long" maxlength="5" required'
        ' aria-invalid="true" aria-describedby="id_name_helptext id_name_error" id="id_name">\n\n'
        "</div>"
    )


def test_choices_are_a_fieldset_whose_legend_is_the_label():
    html = str(HostileForm()["kind"].as_field_group())
    assert html.startswith(
        '<div class="sp-form-group">\n\n  <fieldset class="sp-fieldset">\n'
        '  <legend class="sp-label">Kind</legend>\n'
    )
    assert html.endswith("</div>\n</fieldset>\n</div>")


def test_the_admin_s_widgets_whose_templates_jinja2_has_not_render_with_django_s(client, world):
    admin = Person.objects.create_superuser("admin@site.test", "a long passphrase", name="Admin")
    client.force_login(admin)
    response = client.get(f"/admin/partnerships/person/{world.coordinator.pk}/change/")
    assert response.status_code == 200
    assert '<div class="related-widget-wrapper" data-model-ref="agency">' in (
        response.content.decode()
    )
