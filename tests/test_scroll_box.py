"""{% scroll_box %}: the box a wide table scrolls in (WCAG reflow); the browser test of every page
at 320 px is in test_accessibility.py."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source, **context):
    return Template("{% load ui %}" + source).render(Context(context))


def test_the_box_is_a_labelled_focusable_region_around_the_table():
    html = render(
        '{% scroll_box "Actions for emerging issue" code %}<table></table>{% endscroll_box %}',
        code="EI3",
    )
    assert html == (
        '<div class="sp-scroll-box" role="region" aria-label="Actions for emerging issue EI3"'
        ' tabindex="0"><table></table></div>'
    )


def test_the_label_and_the_table_are_escaped_once():
    html = render(
        "{% scroll_box name %}<table><caption>{{ name }}</caption></table>{% endscroll_box %}",
        name='Ward "A" & <B>',
    )
    assert 'aria-label="Ward &quot;A&quot; &amp; &lt;B&gt;"' in html
    assert "<caption>Ward &quot;A&quot; &amp; &lt;B&gt;</caption>" in html


def test_a_box_needs_a_label():
    with pytest.raises(TemplateSyntaxError, match="needs a label"):
        render("{% scroll_box %}<table></table>{% endscroll_box %}")
