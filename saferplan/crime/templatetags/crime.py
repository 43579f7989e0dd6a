from django import template

register = template.Library()


@register.filter
def figure(value):
    """12,345 and 4.5 for numbers; anything else (“not loaded”) as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
