import html

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def figure(value):
    """12,345 and 4.5 for numbers; anything else (“not loaded”) as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The rows of a table of crime/tables.py: the first cell a row header, a change as a tag
    coloured by its verdict, any other cell a `figure`. Built here, not in template tags: a
    county's ward table has thousands of cells, which the template language took 100 ms for."""

    def shown(value):
        if type(value) is str:  # most cells, once a `figure`: escaped as Django escapes them
            return html.escape(value)
        return render_value_in_context(value, context)

    def cell(n, value):
        if n == 0:
            return f'<th scope="row">{shown(value)}</th>'
        if tag := getattr(value, "tag", None):
            tagged = f'<strong class="sp-tag sp-tag--{shown(tag)}">{shown(value)}</strong>'
            return f'<td class="sp-numeric">{tagged}</td>'
        return f'<td class="sp-numeric">{shown(figure(value))}</td>'

    return mark_safe(
        "".join(
            f"<tr>{''.join(cell(n, value) for n, value in enumerate(row))}</tr>\n  "
            for row in table.rows
        )
    )
